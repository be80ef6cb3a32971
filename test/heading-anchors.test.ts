import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy } from './helpers/fixture-policy.ts'

const today = '2026-11-25'

/** The base policy with a clause of its own, compiled: its diagnostics and the clause's HTML. */
async function compileClause(body: string) {
  const directory = await makePolicy({
    description: 'a clause with headings',
    replace: [{ file: 'policy.yaml', find: '  - rights\n', with: '  - rights\n  - details\n' }],
    add: { 'clauses/details.md': `---\nid: details\ntitle: Details\n---\n\n${body}` },
  })
  const result = compile(await readPolicy('policy', { cwd: directory }), { today })
  const html = result.output?.document.clauses.find((clause) => clause.id === 'details')?.html ?? ''
  const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((match) => match[1])
  return { ruleIds: result.diagnostics.map((item) => item.ruleId), ids }
}

test('two identical headings in one clause get distinct ids, and links to both resolve', async () => {
  const { ruleIds, ids } = await compileClause('## Retention\n\nFirst.\n\n## Retention\n\nSecond, see [the first](#details--retention) and [this one](#details--retention-1).\n')
  expect(ruleIds).not.toContain('broken-anchor')
  expect(ids).toEqual(['details', 'details--retention', 'details--retention-1'])
})

test('a heading whose slug is a numbered one keeps its own id, and the repeat takes the next number', async () => {
  const { ids } = await compileClause('## Retention\n\n## Retention 1\n\n## Retention\n')
  expect(ids).toEqual(['details', 'details--retention', 'details--retention-1', 'details--retention-2'])
})

test('a heading without letters or digits is a section, and a second one is numbered', async () => {
  const { ids } = await compileClause('## ???\n\n## !!!\n')
  expect(ids).toEqual(['details', 'details--section', 'details--section-1'])
})

test('a link to a repeat that does not exist is still a broken anchor', async () => {
  const { ruleIds } = await compileClause('## Retention\n\n## Retention\n\nSee [the third](#details--retention-2).\n')
  expect(ruleIds).toEqual(['broken-anchor'])
})
