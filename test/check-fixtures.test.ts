import { readdirSync, readFileSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { ruleIds } from '../src/diagnostics/rules.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { fixturesRoot, makePolicy, type PolicyCase } from './helpers/fixture-policy.ts'

// Each folder of test/fixtures/check is one case: `case.json` changes the base policy
// (test/fixtures/base), `expected.txt` lists the diagnostics, one `file:line:column severity rule`
// a line. Regenerate on purpose with `UPDATE=1 npx vitest run test/check-fixtures.test.ts`.
const casesRoot = path.join(fixturesRoot, 'check')
const caseNames = readdirSync(casesRoot).sort()
const today = '2026-01-01'
const temporary: string[] = []
afterAll(async () => {
  await Promise.all(temporary.map((directory) => rm(directory, { recursive: true, force: true })))
})

async function diagnose(change: PolicyCase): Promise<string> {
  const directory = await makePolicy(change)
  temporary.push(directory)
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd: directory }), { today })
  return diagnostics.map((item) => `${item.file}:${item.span?.start.line ?? 0}:${item.span?.start.column ?? 0} ${item.severity} ${item.ruleId}`).join('\n') + '\n'
}

test('the base fixture policy checks clean', async () => {
  expect(await diagnose({ description: 'base' })).toBe('\n')
})

describe('golden diagnostics', () => {
  test.each(caseNames)('%s', async (name) => {
    const change = JSON.parse(readFileSync(path.join(casesRoot, name, 'case.json'), 'utf8')) as PolicyCase
    const actual = await diagnose(change)
    const expectedFile = path.join(casesRoot, name, 'expected.txt')
    if (process.env['UPDATE']) await writeFile(expectedFile, actual)
    expect(actual).toBe(await readFile(expectedFile, 'utf8'))
    // The case is named after the rule it exists for, and that rule must fire.
    const rule = name.split('--')[0] ?? name
    expect(actual).toMatch(new RegExp(` ${rule}$`, 'm'))
  })
})

test('every rule has a golden case or a test that names it', () => {
  const testsDirectory = path.join(fixturesRoot, '..')
  // test/hostile/ included: a rule born of an attack is named by the test that reproduces it.
  const tests = readdirSync(testsDirectory, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.test.ts') && name !== 'check-fixtures.test.ts' && name !== 'meta.test.ts')
  const named = tests.map((name) => readFileSync(path.join(testsDirectory, name), 'utf8')).join('\n')
  const covered = new Set(caseNames.map((name) => name.split('--')[0]))
  const isNamed = (id: string) => [`'${id}'`, ` ${id}'`, ` ${id}\``, ` ${id}]`].some((form) => named.includes(form))
  expect(ruleIds.filter((id) => !covered.has(id) && !isNamed(id))).toEqual([])
})
