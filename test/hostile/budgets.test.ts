import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { budgets } from '../../src/source/budgets.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// Budgets on the whole policy, found by an attack on the hardened main: every file within its own
// budget, there could be enough of them to cost minutes, gigabytes, or a stack overflow reported
// as a bug in Clausewright.
const temporary = removedAfterAll()

async function check(root: string) {
  const result = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], root)
  const diagnostics = result.code === 2 ? [] : (JSON.parse(result.stdout) as Array<{ ruleId: string; file: string; message: string }>)
  return { ...result, diagnostics }
}

test('more release files than the budget are refused before any is read (20,000 of them overflowed the stack)', async () => {
  const root = await makePolicy()
  temporary.push(root)
  const count = budgets.maxReleaseFiles + 1
  await mkdir(path.join(root, 'policy', 'releases'))
  await Promise.all(Array.from({ length: count }, (_, index) => writeFile(path.join(root, 'policy', 'releases', `2018-01-01.${index + 2}.json`), '{}')))
  const result = await check(root)
  expect(result.code, result.stderr).toBe(1)
  expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: 'file-too-large', file: 'policy/releases', message: `Unexpected ${count} release files, expected at most ${budgets.maxReleaseFiles}` })])
})

test('policy files that together pass the total budget are refused before any is parsed', async () => {
  const root = await makePolicy()
  temporary.push(root)
  const paragraph = `${'A sentence of ordinary prose that a clause could hold. '.repeat(18)}\n\n`
  const clause = (id: string) => `---\nid: ${id}\ntitle: Long\n---\n\n${paragraph.repeat(Math.floor(budgets.maxFileBytes / paragraph.length) - 1)}`
  const files = Math.ceil(budgets.maxPolicyBytes / budgets.maxFileBytes) + 1
  await Promise.all(Array.from({ length: files }, (_, index) => writeFile(path.join(root, 'policy', 'clauses', `long-${index}.md`), clause(`long-${index}`))))
  const result = await check(root)
  expect(result.code, result.stderr).toBe(1)
  const refused = result.diagnostics.filter((item) => item.ruleId === 'file-too-large')
  expect(refused).toEqual([expect.objectContaining({ file: 'policy/clauses', message: expect.stringMatching(new RegExp(`^Unexpected \\d+ bytes of policy files together, expected at most ${budgets.maxPolicyBytes}$`)) })])
  // Nothing of the clauses was parsed: no rule speaks of their text.
  expect(result.diagnostics.filter((item) => item.file.startsWith('policy/clauses/long-'))).toEqual([])
})

test('keys are proved unique mapping by mapping, block and flow alike (20,000 keys in one mapping took 31 s with the library comparing each with all before it)', async () => {
  const root = await makePolicy({
    description: 'duplicate keys',
    replace: [
      { file: 'data.yaml', find: '    text: to send you our newsletter;\n', with: '    text: to send you our newsletter;\n    text: twice\n' },
      { file: 'policy.yaml', find: 'title: Example privacy policy\n', with: 'title: Example privacy policy\nextra: {a: 1, b: 2, a: 3}\n' },
    ],
  })
  temporary.push(root)
  const result = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], root)
  const duplicates = (JSON.parse(result.stdout) as Array<{ ruleId: string; file: string; line: number; column: number; message: string }>).filter((item) => item.ruleId === 'yaml-duplicate-key')
  expect(duplicates.map(({ file, line, column, message }) => `${file}:${line}:${column} ${message}`)).toEqual([
    'policy/data.yaml:15:5 Unexpected key `text` a second time in one mapping, expected unique keys',
    'policy/policy.yaml:4:21 Unexpected key `a` a second time in one mapping, expected unique keys',
  ])
})

test('a release file over its budget is refused unread (28 MB of valid HTML ran out of memory)', async () => {
  const root = await makePolicy()
  temporary.push(root)
  await mkdir(path.join(root, 'policy', 'releases'))
  const size = budgets.maxReleaseBytes + 1
  await writeFile(path.join(root, 'policy', 'releases', '2020-01-01.json'), `{"html": "${'x'.repeat(size - 13)}"}\n`)
  const result = await check(root)
  expect(result.code, result.stderr).toBe(1)
  expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: 'file-too-large', file: 'policy/releases/2020-01-01.json', message: `Unexpected file of ${size} bytes, expected at most ${budgets.maxReleaseBytes} bytes` })])
})
