import { brokenAnchor } from '../../src/rules/broken-anchor.ts'
import { ruleTester } from '../helpers/rule-tester.ts'

// A clause's former anchors (`aliases` in its front matter, which import writes): each leads to the
// clause or one of its headings, none names an anchor the page already has, and links may use them.
const withAliases = (aliases: string) => ({ change: { replace: [{ file: 'clauses/rights.md', find: 'title: Your rights\n', with: `title: Your rights\naliases:\n${aliases}` }] } })
const linkTo = (anchor: string) => ({ file: 'clauses/intro.md', find: 'See [your rights](#rights)', with: `See [your rights](#${anchor})` })

ruleTester.run('broken-anchor', brokenAnchor, {
  valid: [
    { name: 'an alias of the clause and one of a heading, and a link to an alias', change: { replace: [{ file: 'clauses/rights.md', find: 'title: Your rights\n', with: 'title: Your rights\naliases:\n  your-rights: rights\n  old-how: rights--how\n' }, { file: 'clauses/rights.md', find: '::rights\n', with: '::rights\n\n## How\n\nBy mail.\n' }, linkTo('your-rights')] } },
  ],
  invalid: [
    {
      name: 'an alias whose target is not this clause or one of its headings',
      ...withAliases('  your-rights: intro\n  old: rights--nowhere\n'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 5, column: 16, endLine: 5, endColumn: 21, message: 'Unexpected alias target `intro`, expected the id of this clause or of one of its headings' },
        { file: 'policy/clauses/rights.md', line: 6, column: 8, endLine: 6, endColumn: 23, message: 'Unexpected alias target `rights--nowhere`, expected the id of this clause or of one of its headings' },
      ],
    },
  ],
})

ruleTester.run('duplicate-id', brokenAnchor, {
  valid: [{ name: 'the base policy' }, { name: 'an alias no other anchor has', ...withAliases('  your-rights: rights\n') }],
  invalid: [
    {
      name: 'an alias that is already an anchor of the page: a clause, or an alias of an earlier clause',
      change: { replace: [{ file: 'clauses/rights.md', find: 'title: Your rights\n', with: 'title: Your rights\naliases:\n  intro: rights\n  twice: rights\n' }, { file: 'clauses/intro.md', find: 'title: Who we are\n', with: 'title: Who we are\naliases:\n  twice: intro\n' }] },
      errors: [
        { file: 'policy/clauses/rights.md', line: 5, column: 3, endLine: 5, endColumn: 8, message: 'Unexpected alias `intro`, expected an anchor the page does not already have', hint: 'Remove it: the page already has an element with this id, which links reach.' },
        // The second of two clauses with one alias: the first keeps it.
        { file: 'policy/clauses/rights.md', line: 6, column: 3, endLine: 6, endColumn: 8, message: 'Unexpected alias `twice`, expected an anchor the page does not already have' },
      ],
    },
  ],
})
