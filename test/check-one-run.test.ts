import { expect, test } from 'vitest'
import { makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// `check` reports every problem in one run: a schema error in one file, or in one entry of a
// list, does not stop the rules on the other files nor on the fields that passed; and what failed
// its schema gives no second, misleading error (a reference to an entry that failed, a link to a
// clause whose front matter failed, the email of a contact whose email failed).
const temporary = removedAfterAll()

test('eight errors of eight kinds in different files are all reported in one run, and nothing else', async () => {
  const root = await makePolicy({
    description: 'eight planted errors',
    replace: [
      // 1. A schema error in policy.yaml: the contact `privacy`, which a clause names by `:email{#privacy}`.
      { file: 'policy.yaml', find: 'email: privacy@example.com', with: 'email: privacy at example.com' },
      { file: 'policy.yaml', find: '  - rights\n', with: '  - rights\n  - html\n  - anchors\n  - terms\n' },
      // 2. A schema error in one entry of data.yaml: the recipient `hosting`, which a clause names.
      { file: 'data.yaml', find: 'kind: service-provider', with: 'kind: friends' },
      // 8. A compliance finding, in the purposes of data.yaml, which passed their schema.
      { file: 'data.yaml', find: '    lawfulBasis: [consent]\n', with: '' },
      // 3. An unknown reference in a clause.
      { file: 'clauses/intro.md', find: 'See [your rights]', with: 'See :purpose[the purposes]{#marketing} [your rights]' },
      // 4. An unknown directive, after prose that only looks like one.
      { file: 'clauses/rights.md', find: 'Write to', with: 'From 10:30am, :nmae[x]. Write to' },
    ],
    add: {
      // 6. Raw HTML.
      'clauses/html.md': '---\nid: html\ntitle: HTML\n---\n\nSome <b>bold text.\n',
      // 5. A broken anchor, beside a link to the clause whose front matter is invalid.
      'clauses/anchors.md': '---\nid: anchors\ntitle: Anchors\n---\n\nSee [the terms](#terms) and [nowhere](#nowhere).\n',
      // 7. An invalid front matter.
      'clauses/terms.md': '---\nid: terms\ntitle: [Terms]\n---\n\nSee [the anchors](#anchors).\n',
    },
  })
  temporary.push(root)
  const result = await runCli(['check', '--format', 'json', '--today', '2026-11-25'], root)
  const diagnostics = JSON.parse(result.stdout) as Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; ruleId: string }>
  expect(diagnostics.map((item) => `${item.file}:${item.line}:${item.column}-${item.endLine}:${item.endColumn} ${item.severity} ${item.ruleId}`)).toEqual([
    'policy/clauses/anchors.md:6:29-6:48 error broken-anchor',
    'policy/clauses/html.md:6:6-6:9 error raw-html',
    'policy/clauses/intro.md:12:36-12:70 error unknown-reference',
    'policy/clauses/rights.md:8:15-8:23 error unknown-directive',
    'policy/clauses/terms.md:3:8-3:15 error schema-type',
    'policy/data.yaml:12:9-12:19 warning lawful-basis-missing',
    'policy/data.yaml:24:11-24:18 error schema-enum',
    'policy/policy.yaml:14:12-14:34 error schema-format',
  ])
  expect(result.code).toBe(1)
})

test('a policy checked again in the same process (astro dev, on each save) gets the same diagnostics: the Markdown budget of data.yaml is each check’s own', async () => {
  const { readPolicy } = await import('../src/source/read-policy.ts')
  const { checkPolicy } = await import('../src/check.ts')
  // 7,000 marks (each `(` and `)` counts one) of the 12,000 one data.yaml may have: twice over, if
  // the second check counted on from the first, they would be too many.
  const root = await makePolicy({ description: 'a long purpose', replace: [{ file: 'data.yaml', find: 'text: to send you our newsletter;', with: `text: to send you our newsletter ${'()'.repeat(3_500)};` }] })
  temporary.push(root)
  const diagnose = async () => checkPolicy(await readPolicy('policy', { cwd: root }), { today: '2026-11-25' }).diagnostics.map((item) => `${item.ruleId} ${item.file}`)
  const first = await diagnose()
  expect(first).not.toContain('markdown-too-complex policy/data.yaml')
  expect(await diagnose()).toEqual(first)
})

test('the Markdown of a right’s statement is checked as a purpose’s text is, each problem at its place in data.yaml', async () => {
  const { readPolicy } = await import('../src/source/read-policy.ts')
  const { checkPolicy } = await import('../src/check.ts')
  const root = await makePolicy({ description: 'a broken reference in a statement', replace: [{ file: 'data.yaml', find: 'statement: Request access to your personal data;', with: 'statement: Request access to :purpose[the data]{#nowhere};' }] })
  temporary.push(root)
  const errors = checkPolicy(await readPolicy('policy', { cwd: root }), { today: '2026-11-25' }).diagnostics.filter((item) => item.severity === 'error')
  expect(errors.map((item) => `${item.file}:${item.span?.start.line}:${item.span?.start.column} ${item.ruleId}`)).toEqual(['policy/data.yaml:30:34 unknown-reference'])
})
