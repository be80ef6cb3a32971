import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { editPolicy, makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { forgeRelease } from '../helpers/forge-release.ts'
import { runCli } from '../helpers/run-cli.ts'

// The dates of a release: `effective` (when it applies, possibly announced ahead) and `released`
// (the day it was recorded), and where it came from (`--source`). The base fixture's lastUpdated is
// 2020-02-29.
const temporary = removedAfterAll()

async function policy(): Promise<string> {
  const cwd = await makePolicy()
  temporary.push(cwd)
  return cwd
}

const release = (cwd: string, ...args: string[]) => runCli(['release', '--summary', 'A change.', ...args], cwd)
const readRelease = async (cwd: string, version: string) => JSON.parse(await readFile(path.join(cwd, 'policy', 'releases', `${version}.json`), 'utf8')) as Record<string, unknown>
const releaseFiles = async (cwd: string) => (await readdir(path.join(cwd, 'policy', 'releases')).catch(() => [])).sort()
const setDate = (cwd: string, from: string, to: string) => editPolicy(cwd, 'policy.yaml', `lastUpdated: ${from}`, `lastUpdated: ${to}`)
const newPurpose = (cwd: string, id: string) => editPolicy(cwd, 'data.yaml', 'recipients:\n', `  - id: ${id}\n    group: main\n    text: to measure the website;\n    lawfulBasis: [consent]\n    retention: One year.\nrecipients:\n`)

test('a release records the day it was recorded (--today) beside its effective date, and where it came from', async () => {
  const cwd = await policy()
  const result = await release(cwd, '--today', '2020-03-02', '--source', 'commit 1a2b3c4 (ticket LEGAL-12)')
  expect(result).toEqual({ code: 0, stdout: 'Released 2020-02-29 (initial): policy/releases/2020-02-29.json\n', stderr: '' })
  expect(await readRelease(cwd, '2020-02-29')).toEqual(expect.objectContaining({ effective: '2020-02-29', released: '2020-03-02', source: 'commit 1a2b3c4 (ticket LEGAL-12)' }))
  // The record, released and source included, is what check verifies.
  expect((await runCli(['check', '--today', '2020-03-02'], cwd)).code).toBe(0)
})

test('without --source a release records none; without --today it records today in UTC', async () => {
  const cwd = await policy()
  expect((await release(cwd)).code).toBe(0)
  const record = await readRelease(cwd, '2020-02-29')
  expect(record).not.toHaveProperty('source')
  expect(record['released']).toBe(new Date().toISOString().slice(0, 10))
})

test('a change is announced ahead: effective in the future (within a year) is released, and check accepts the draft', async () => {
  const cwd = await policy()
  const announced = await release(cwd, '--today', '2020-01-15')
  expect(announced.code, announced.stderr).toBe(0)
  expect(await readRelease(cwd, '2020-02-29')).toEqual(expect.objectContaining({ effective: '2020-02-29', released: '2020-01-15' }))
  await newPurpose(cwd, 'analytics')
  await setDate(cwd, '2020-02-29', '2021-01-14')
  expect((await runCli(['check', '--today', '2020-01-15'], cwd)).code).toBe(0)
  expect((await release(cwd, '--today', '2020-01-15')).code).toBe(0)
  expect(await releaseFiles(cwd)).toEqual(['2020-02-29.json', '2021-01-14.json'])
})

test('an effective date more than a year ahead (a typo such as 2091) stays an error, and nothing is released', async () => {
  const cwd = await policy()
  await setDate(cwd, '2020-02-29', '2091-02-28')
  const result = await release(cwd, '--today', '2026-01-01')
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('Unexpected last-updated date 2091-02-28, expected at most a year after today (2026-01-01), by 2027-01-01')
  expect(result.stderr).toContain('date-in-future')
  expect(await releaseFiles(cwd)).toEqual([])
  // A year to the day is allowed; a day more is not.
  await setDate(cwd, '2091-02-28', '2027-01-02')
  expect((await release(cwd, '--today', '2026-01-01')).code).toBe(1)
  await setDate(cwd, '2027-01-02', '2027-01-01')
  expect((await release(cwd, '--today', '2026-01-01')).code).toBe(0)
})

test('an effective date before the previous release’s is refused, naming both dates', async () => {
  const cwd = await policy()
  expect((await release(cwd, '--today', '2026-01-01')).code).toBe(0)
  await editPolicy(cwd, 'clauses/rights.md', 'Write to', 'Please write to')
  await setDate(cwd, '2020-02-29', '2020-01-31')
  const result = await release(cwd, '--today', '2026-01-01')
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('nothing released: the release would take effect on 2020-01-31, before the last release, 2020-02-29, took effect; set lastUpdated to 2020-02-29 or later')
  expect(await releaseFiles(cwd)).toEqual(['2020-02-29.json'])
})

test('several releases share an effective date, substantive ones included, in release order', async () => {
  const cwd = await policy()
  expect((await release(cwd, '--today', '2026-01-01')).code).toBe(0)
  await newPurpose(cwd, 'analytics')
  const second = await release(cwd, '--today', '2026-01-01')
  expect(second).toEqual({ code: 0, stdout: 'Released 2020-02-29.2 (substantive): policy/releases/2020-02-29.2.json\n', stderr: '' })
  await newPurpose(cwd, 'statistics')
  expect((await release(cwd, '--today', '2026-01-01')).stdout).toBe('Released 2020-02-29.3 (substantive): policy/releases/2020-02-29.3.json\n')
  expect(await releaseFiles(cwd)).toEqual(['2020-02-29.2.json', '2020-02-29.3.json', '2020-02-29.json'])
  const check = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], cwd)
  expect(check.code).toBe(0)
})

test.each([
  ['a line break', 'commit 1a2b\nReleased by mistake'],
  ['a line separator', 'commit 1a2b\u2028Released by mistake'],
  ['a paragraph separator', 'commit 1a2b\u2029Released by mistake'],
  ['a control character', 'commit \u001b[31m1a2b'],
  ['an invisible character', 'commit\u200b 1a2b'],
  ['more than 200 characters', 'x'.repeat(201)],
  ['nothing but spaces', '   '],
])('--source with %s is refused as a usage error, writing nothing', async (_name, source) => {
  const cwd = await policy()
  const result = await release(cwd, '--today', '2026-01-01', '--source', source)
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/--source/)
  expect(result.stderr).not.toContain('\u001b')
  expect(await releaseFiles(cwd)).toEqual([])
})

test.each([
  ['--today', '2020-02-30'],
  ['--today', '2021-13-01'],
  ['--effective', '2020-02-30'],
])('release %s %s, a date that does not exist, is a usage error and writes nothing (it was recorded, and broke check)', async (option, date) => {
  const cwd = await policy()
  const result = await release(cwd, ...(option === '--today' ? [] : ['--today', '2020-03-01']), option, date)
  expect(result).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(`unexpected ${option} \`${date}\`, expected a date that exists, YYYY-MM-DD`) as string })
  expect(await releaseFiles(cwd)).toEqual([])
})

test('check and build refuse a --today that does not exist', async () => {
  const cwd = await policy()
  for (const command of ['check', 'build']) {
    const result = await runCli([command, '--today', '2020-02-30'], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('unexpected --today `2020-02-30`, expected a date that exists, YYYY-MM-DD')
  }
})

test('a release that takes effect more than a year after the day it records is refused: release never writes one (a forged record, announced years ahead)', async () => {
  const cwd = await policy()
  expect((await release(cwd, '--today', '2020-02-20')).code).toBe(0)
  // Within a year of its effective date is what release allows (2019-02-28 is a year and a day before 2020-02-29).
  await forgeRelease(cwd, '2020-02-29', (record) => {
    record['released'] = '2019-03-01'
  })
  expect((await runCli(['check', '--today', '2020-02-20'], cwd)).code).toBe(0)
  await forgeRelease(cwd, '2020-02-29', (record) => {
    record['released'] = '2015-06-01'
  })
  const check = await runCli(['check', '--format', 'json', '--today', '2020-02-20'], cwd)
  expect(check.code).toBe(1)
  expect(JSON.parse(check.stdout)).toEqual([
    expect.objectContaining({ ruleId: 'release-date-false', file: 'policy/releases/2020-02-29.json', line: 5, message: 'Unexpected release day 2015-06-01 of release 2020-02-29, expected a day at most a year before it takes effect (2020-02-29): a release recorded on 2015-06-01 takes effect by 2016-06-01' }),
  ])
})

test('a release file whose source holds a line or paragraph separator is refused by its schema: one line of text', async () => {
  const cwd = await policy()
  expect((await release(cwd, '--today', '2020-03-01', '--source', 'commit 1a2b')).code).toBe(0)
  await forgeRelease(cwd, '2020-02-29', (record) => {
    record['source'] = 'commit 1a2b\u2028Released by mistake'
  })
  const check = await runCli(['check', '--format', 'json', '--today', '2020-03-01'], cwd)
  expect(check.code).toBe(1)
  expect(JSON.parse(check.stdout)).toEqual([expect.objectContaining({ ruleId: expect.stringMatching(/^schema-/) as string, file: 'policy/releases/2020-02-29.json', line: 9 })])
})

test('the help of release and build documents the dates, --source and --draft', async () => {
  const cwd = await policy()
  const release = await runCli(['release', '--help'], cwd)
  expect(release.stdout).toContain('--source <text>')
  expect(release.stdout).toContain('up to a year ahead (an\n                      announced change); never before the last release\'s')
  const build = await runCli(['build', '--help'], cwd)
  expect(build.stdout).toContain('--draft')
  expect(build.stdout).toContain('The current policy is the newest release in force on --today')
})
