import { cp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { compile } from '../src/compile/compile.ts'
import { complianceRules } from '../src/compliance/index.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { consistencyRules } from '../src/versions/consistency.ts'
import { editPolicy, makePolicy, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// The compliance rules that need a history (the consistency rules), the configuration file, and
// the summary in policy.json. The other rules have golden cases in test/fixtures/check.
const today = '2026-01-01'
const temporary: string[] = []
let released = ''
afterAll(async () => {
  await Promise.all(temporary.map((directory) => rm(directory, { recursive: true, force: true })))
})

const edit = editPolicy

async function copy(): Promise<string> {
  const directory = await makePolicy()
  temporary.push(directory)
  await rm(path.join(directory, 'policy'), { recursive: true })
  await cp(path.join(released, 'policy'), path.join(directory, 'policy'), { recursive: true })
  return directory
}

async function findings(cwd: string): Promise<string[]> {
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today })
  return diagnostics.map((item) => `${item.file}:${item.span?.start.line}:${item.span?.start.column} ${item.severity} ${item.ruleId}`)
}

beforeAll(async () => {
  released = await makePolicy()
  temporary.push(released)
  expect((await runCli(['release', '--summary', 'First.', '--today', today], released)).code).toBe(0)
})

test.each([
  ['a reworded clause with the old date', 'clauses/rights.md', 'Write to', 'Please write to', ['policy/policy.yaml:5:14 warning last-updated-changed']],
  [
    // Several releases may share a date, substantive ones too: only the unchanged date is noted.
    'a new purpose with the old date',
    'data.yaml',
    'recipients:\n',
    '  - id: analytics\n    group: main\n    text: to measure the website;\n    lawfulBasis: [consent]\n    retention: One year.\nrecipients:\n',
    ['policy/policy.yaml:5:14 warning last-updated-changed'],
  ],
])('%s is reported against the last release', async (_name, file, find, replacement, expected) => {
  const cwd = await copy()
  await edit(cwd, file, find, replacement)
  expect(await findings(cwd)).toEqual(expected)
  await edit(cwd, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-03-01')
  expect(await findings(cwd)).toEqual([])
})

test('compliance.yaml turns a rule off with a justification, which policy.json publishes', async () => {
  const cwd = await copy()
  await edit(cwd, 'data.yaml', '    retention: Until you unsubscribe from the newsletter.\n', '')
  expect(await findings(cwd)).toEqual(['policy/data.yaml:2:1 warning retention-period'])
  await writeFile(path.join(cwd, 'policy', 'compliance.yaml'), 'rules:\n  retention-period:\n    severity: disabled\n    justification: Retention is set out in the separate records schedule given to every client.\n')
  expect(await findings(cwd)).toEqual([])
  const document = compile(await readPolicy('policy', { cwd }), { today }).output?.document
  expect(document?.compliance?.find((item) => item.rule === 'retention-period')).toEqual({
    rule: 'retention-period',
    article: 'GDPR Art. 13(2)(a)',
    title: 'How long the data is kept, or the criteria',
    status: 'waived',
    where: [],
    justification: 'Retention is set out in the separate records schedule given to every client.',
  })
})

test('compliance.yaml can raise a rule to an error', async () => {
  const cwd = await copy()
  await edit(cwd, 'data.yaml', '    retention: Until you unsubscribe from the newsletter.\n', '')
  await writeFile(path.join(cwd, 'policy', 'compliance.yaml'), 'rules:\n  retention-period:\n    severity: error\n    justification: Our auditors require a retention period for every category.\n')
  expect(await findings(cwd)).toEqual(['policy/data.yaml:2:1 error retention-period'])
})

test('the compliance summary of the OPTSM policy, with where each item is stated', async () => {
  const document = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output?.document
  const summary = document?.compliance?.map((item) => `${item.rule}: ${item.status}${item.where.length > 0 ? ` (${item.where.join(', ')})` : ''}`)
  expect(summary).toEqual([
    'controller-identity: met (identity, children, contact-information)',
    'representative: not-applicable',
    'dpo-contact: missing',
    'lawful-basis-missing: missing (use-of-information)',
    'legitimate-interest-missing: met (use-of-information)',
    'special-category-condition: not-applicable',
    'recipients-stated: met (sharing)',
    'international-transfers: missing',
    'retention-period: missing',
    'data-subject-rights: met (your-rights, legitimate-interests)',
    'withdraw-consent: met (use-of-information)',
    'complaint-right: met (complaints)',
    'provision-requirement: missing',
    'automated-decision-making: missing',
    'data-source: missing (information-collected)',
    'objection-separate: met (your-rights, legitimate-interests)',
    'last-updated-changed: met',
    'substantive-change-dated: met',
  ])
  expect([...complianceRules, ...consistencyRules].map((rule) => rule.id)).toEqual(document?.compliance?.map((item) => item.rule))
})
