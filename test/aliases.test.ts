import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'

// A clause's former anchors are published as empty elements with those ids, just before what they
// lead to: a link from elsewhere to `#changes--questions` lands on the clause's heading.
const temporary = removedAfterAll()

test('each alias is an empty <span id> just before its clause’s heading or the heading inside it; the readable content, and so the digest, does not change', async () => {
  const plain = await makePolicy({ description: 'a heading in the rights', replace: [{ file: 'clauses/rights.md', find: '::rights\n', with: '::rights\n\n## How to ask\n\nBy mail.\n' }] })
  const aliased = await makePolicy({
    description: 'aliases of the rights',
    replace: [
      { file: 'clauses/rights.md', find: 'title: Your rights\n', with: 'title: Your rights\naliases:\n  your-rights: rights\n  old-rights: rights\n  asking: rights--how-to-ask\n' },
      { file: 'clauses/rights.md', find: '::rights\n', with: '::rights\n\n## How to ask\n\nBy mail.\n' },
    ],
  })
  temporary.push(plain, aliased)
  const [before, after] = await Promise.all([plain, aliased].map(async (cwd) => compile(await readPolicy('policy', { cwd })).output?.draft))
  const rights = after?.clauses.find((clause) => clause.id === 'rights')?.html ?? ''
  expect(rights).toContain('<span id="your-rights"></span><span id="old-rights"></span><h2 id="rights">Your rights</h2>')
  expect(rights).toContain('<span id="asking"></span><h2 id="rights--how-to-ask">How to ask</h2>')
  expect(rights.replaceAll(/<span id="[^"]+"><\/span>/g, '')).toBe(before?.clauses.find((clause) => clause.id === 'rights')?.html)
  expect(after?.digest).toBe(before?.digest)
})

test('an alias with `---`, which the ids of footnotes have, is refused by the schema at its place', async () => {
  const { runCli } = await import('./helpers/run-cli.ts')
  const cwd = await makePolicy({ description: 'an alias like a footnote id', replace: [{ file: 'clauses/rights.md', find: 'title: Your rights\n', with: 'title: Your rights\naliases:\n  rights---fn-1: rights\n' }] })
  temporary.push(cwd)
  const result = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], cwd)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number; column: number; endColumn: number; message: string }>).filter((item) => item.severity === 'error')
  expect(errors.map((item) => `${item.file}:${item.line}:${item.column}-${item.endColumn} ${item.ruleId} ${item.message}`)).toEqual(['policy/clauses/rights.md:5:3-16 schema-pattern Unexpected key `rights---fn-1` in `aliases`, expected a key matching `^(?!.*---)[A-Za-z0-9][A-Za-z0-9._-]*$`'])
})
