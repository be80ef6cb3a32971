import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { editPolicy, makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'
import { forgeRelease } from './helpers/forge-release.ts'
import { fourReleases, fourReleasesToday } from './helpers/release-history.ts'
import { runCli } from './helpers/run-cli.ts'

// `clausewright show --as-of`: which version applied on a date, on a history of four releases
// (2020-02-29; two on 2020-06-01; 2027-03-01, announced on 2027-01-30).
const temporary = removedAfterAll()
let history: string
let digests: Record<string, string>

beforeAll(async () => {
  history = await makePolicy()
  temporary.push(history)
  await fourReleases(history)
  digests = {}
  for (const version of ['2020-02-29', '2020-06-01', '2020-06-01.2', '2027-03-01']) {
    digests[version] = (JSON.parse(await readFile(path.join(history, 'policy', 'releases', `${version}.json`), 'utf8')) as { digest: string }).digest
  }
})

// The history was recorded up to 2027-01-30: shown as on 2027-02-01 (`--today`), after it.
const show = (...args: string[]) => runCli(['show', '--today', fourReleasesToday, ...args], history)

test.each([
  ['2020-02-29', '2020-02-29'],
  ['2020-05-31', '2020-02-29'],
  // Two releases on one date: the last of them applies.
  ['2020-06-01', '2020-06-01.2'],
  ['2027-02-28', '2020-06-01.2'],
  // The announced release, from its date on.
  ['2027-03-01', '2027-03-01'],
])('on %s the version in force was %s', async (date, version) => {
  const result = await show('--as-of', date, '--format', 'json')
  expect(result.code, result.stderr).toBe(0)
  expect(JSON.parse(result.stdout)).toEqual({
    asOf: date,
    version,
    effective: version.slice(0, 10),
    released: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    digest: digests[version],
    page: `versions/${version}/`,
    document: `versions/${version}.json`,
  })
})

test('the text format names the version, its dates, its digest and where it is published', async () => {
  const result = await show('--as-of', '2020-06-01')
  expect(result).toEqual({
    code: 0,
    stdout: ['In force on 2020-06-01: version 2020-06-01.2', '  effective  2020-06-01', '  released   2020-06-01', `  digest     ${digests['2020-06-01.2']}`, '  page       versions/2020-06-01.2/', '  document   versions/2020-06-01.2.json', ''].join('\n'),
    stderr: '',
  })
})

test('before the first release, no version was in force: said so, exit 3', async () => {
  expect(await show('--as-of', '2020-02-28')).toEqual({ code: 3, stdout: 'No version was in force on 2020-02-28: the first release, 2020-02-29, took effect on 2020-02-29.\n', stderr: '' })
  expect(await show('--as-of', '2020-02-28', '--format', 'json')).toEqual({ code: 3, stdout: `${JSON.stringify({ asOf: '2020-02-28', version: null }, null, 2)}\n`, stderr: '' })
})

test('without any release, no version was in force', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  expect(await runCli(['show', '--as-of', '2020-03-01'], cwd)).toEqual({ code: 3, stdout: 'No version was in force on 2020-03-01: nothing has been released.\n', stderr: '' })
})

test('the draft does not matter, even with errors: only the releases are read', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await fourReleases(cwd)
  await editPolicy(cwd, 'data.yaml', '[consent]', '[nonsense]')
  expect((await runCli(['show', '--as-of', '2020-06-01', '--today', fourReleasesToday], cwd)).stdout).toContain('version 2020-06-01.2')
})

test('a release file edited after its release is an error: exit 1, nothing shown', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await fourReleases(cwd)
  await editPolicy(cwd, 'releases/2020-02-29.json', '"summary": "First.', '"summary": "Later.')
  const result = await runCli(['show', '--as-of', '2020-03-01', '--today', fourReleasesToday], cwd)
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('')
  expect(result.stderr).toContain('release-modified')
  // With the place in the release file shown, as check shows it.
  expect(result.stderr).toContain('> 1 | {')
})

// Found by an attack on the record: check refused a release recorded after today, show printed it.
test('a release recorded after today (a forged date, hashes and all) is an error, as check says: exit 1, nothing shown', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await fourReleases(cwd)
  await forgeRelease(cwd, '2020-06-01.2', (release) => {
    release['released'] = '2099-01-01'
  })
  const result = await runCli(['show', '--as-of', '2020-06-01', '--today', fourReleasesToday], cwd)
  expect(result.code).toBe(1)
  expect(result.stdout).toBe('')
  expect(result.stderr).toContain('Unexpected release day 2099-01-01 of release 2020-06-01.2, expected today (2027-02-01) or earlier [release-date-false]')
  expect(result.stderr).toContain('clausewright: the release files have errors (above); no version is shown\n')
  // Judged on a day before its releases were recorded, the genuine history is refused too.
  expect((await runCli(['show', '--as-of', '2020-06-01', '--today', '2020-01-01'], history)).code).toBe(1)
})

test.each([
  [['--as-of', '2020-13-01'], 'unexpected --as-of `2020-13-01`, expected a date, YYYY-MM-DD'],
  [['--as-of', '2021-02-29'], 'unexpected --as-of `2021-02-29`, expected a date, YYYY-MM-DD'],
  [['--as-of', 'yesterday'], 'unexpected --as-of `yesterday`, expected a date, YYYY-MM-DD'],
  [['--as-of', '2020-06-01', '--format', 'xml'], 'unknown format `xml`, expected one of text, json'],
  [['--as-of', '\u001b[31m'], 'unexpected characters on the command line'],
  [['--today', '2021-02-29'], 'unexpected --today `2021-02-29`, expected a date, YYYY-MM-DD'],
  [['--as-of', '2020-06-01', 'extra'], "Unexpected argument 'extra'"],
  [['--as-off', '2020-06-01'], "Unknown option '--as-off'"],
])('%j is a usage error', async (args, message) => {
  const result = await show(...args)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(message)
  expect(result.stderr).not.toContain('\u001b')
})

test('show --help documents --as-of and the exit status', async () => {
  const result = await show('--help')
  expect(result.code).toBe(0)
  expect(result.stdout).toContain('--as-of <date>')
  expect(result.stdout).toContain('3 when no version was in force on that date')
})
