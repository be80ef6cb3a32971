import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Release } from '../src/model/release.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { compareVersionIds } from '../src/versions/version-id.ts'
import { temporaryDirectories } from './helpers/fixture-policy.ts'
import { makeGitRepository, type TestCommit } from './helpers/git-repository.ts'
import { fillPlaceholders } from './helpers/placeholders.ts'
import { type CliResult, runCli } from './helpers/run-cli.ts'

// `clausewright import --git`: a policy's history in a git repository, replayed as releases.
const workspace = temporaryDirectories('clausewright-history-')

const first = `# Example privacy notice

Last updated: January 5, 2020

## Who we are

Example Ltd runs example.com. Write to [privacy@example.com](mailto:privacy@example.com) with any question.

## Cookies

We use cookies to keep you signed in and to remember your settings between your visits to the site.

## Sharing

* We share account data with our payment processor.
* We share nothing else with anyone.
`
const retitled = first.replace('## Cookies', '## Cookies and similar technologies').replace('January 5, 2020', 'March 2, 2020')
// Only the Markdown's spelling changes: a reader sees the same list.
const respelled = retitled.replaceAll('\n* ', '\n- ')
// The text states the first date again (a revert would), and a word changes.
const reverted = respelled.replace('March 2, 2020', 'January 5, 2020').replace('any question', 'any questions')

const history: TestCommit[] = [
  { path: 'policies/privacy.md', text: first, date: '2020-01-10', message: 'First privacy notice' },
  { path: 'legal/privacy.md', from: 'policies/privacy.md', date: '2020-03-01', message: 'Move the notice' },
  { path: 'legal/privacy.md', text: retitled, date: '2020-03-02', message: 'Retitle the cookie section' },
  { path: 'legal/privacy.md', text: respelled, date: '2020-03-02', minute: 5, message: 'Lists with dashes\u0007 <b>bold</b> <script>alert(1)</script>' },
  { path: 'legal/privacy.md', text: reverted, date: '2020-04-01', message: 'Questions, plural' },
]

let repository = ''
let commits: string[] = []

beforeAll(async () => {
  repository = path.join(await workspace(), 'repository')
  makeGitRepository(repository, history)
  commits = execFileSync('git', ['-C', repository, 'rev-list', '--reverse', 'HEAD'], { encoding: 'utf8' }).trim().split('\n')
})


const importGit = (cwd: string, ...more: string[]) => runCli(['import', '--git', repository, '--path', 'legal/privacy.md', '--name', 'Example Ltd', '--today', '2026-11-30', ...more], cwd)

/**
 * A repository of the given commits (of `privacy.md`) in the workspace, imported once into
 * `policy/` and its placeholders filled: what is left is the run that records the history.
 */
async function preparedHistory(cwd: string, commits: readonly TestCommit[]): Promise<(...more: string[]) => Promise<CliResult>> {
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, commits)
  const run = (...more: string[]) => runCli(['import', '--git', repository, '--path', 'privacy.md', '--name', 'Example Ltd', '--today', '2026-11-30', ...more], cwd)
  expect((await run()).code).toBe(0)
  await fillPlaceholders(cwd)
  return run
}

async function releasesIn(cwd: string): Promise<Release[]> {
  const directory = path.join(cwd, 'policy', 'releases')
  const names = await readdir(directory)
  const releases = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(directory, name), 'utf8')) as Release))
  return releases.sort((a, b) => compareVersionIds(a.version, b.version))
}

describe('into a new directory', () => {
  test('the newest version is written with the ids the history kept, its TODOs to replace', async () => {
    const cwd = await workspace()
    const result = await importGit(cwd)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`clausewright: imported the newest of 5 commits of legal/privacy.md in ${repository} (commit ${commits[4]?.slice(0, 12)}) into policy/.`)
    expect(result.stderr).toContain('then run this command again: it records the history as releases')
    // The retitled clause kept the id of its first heading; the new heading's anchor is an alias of it.
    expect((await readdir(path.join(cwd, 'policy', 'clauses'))).sort()).toEqual(['cookies.md', 'introduction.md', 'sharing.md', 'who-we-are.md'])
    const cookies = await readFile(path.join(cwd, 'policy', 'clauses', 'cookies.md'), 'utf8')
    expect(cookies).toContain('id: cookies\ntitle: Cookies and similar technologies\naliases:\n  cookies-and-similar-technologies: cookies\n')
    const policy = await readFile(path.join(cwd, 'policy', 'policy.yaml'), 'utf8')
    expect(policy).toContain('lastUpdated: 2020-01-05\n')
    expect(policy).toContain('TODO')
    expect(existsSync(path.join(cwd, 'policy', 'releases'))).toBe(false)
  })
})

describe('into a policy without releases', () => {
  let cwd = ''
  let releases: Release[] = []
  let stderr = ''
  beforeAll(async () => {
    cwd = await workspace()
    expect((await importGit(cwd)).code).toBe(0)
    await fillPlaceholders(cwd)
    const result = await importGit(cwd, '--report', 'report.json')
    expect(result.code).toBe(0)
    stderr = result.stderr
    releases = await releasesIn(cwd)
  })

  test('each commit that changed the text is a release, its version id the date its text states', () => {
    expect(releases.map((release) => release.version)).toEqual(['2020-01-05', '2020-03-02', '2020-03-02.2', '2020-04-01'])
    expect(stderr).toContain(`${commits[1]?.slice(0, 12)} (2020-03-01): no release, the text is release 2020-01-05’s (the commit changed the file’s name or mode, not its text)`)
    expect(stderr).toContain('clausewright: imported 5 commits of legal/privacy.md')
    expect(stderr).toContain('as 4 releases into policy/releases/.')
  })

  test('each release records its commit, the file’s path then, and where its date came from', () => {
    expect(releases.map((release) => release.source)).toEqual([commits[0], commits[2], commits[3], commits[4]])
    expect(releases.map((release) => release.imported)).toEqual([
      { path: 'policies/privacy.md', committed: '2020-01-10', effectiveFrom: 'text' },
      { path: 'legal/privacy.md', committed: '2020-03-02', effectiveFrom: 'text' },
      { path: 'legal/privacy.md', committed: '2020-03-02', effectiveFrom: 'text' },
      // Its text states January 5 again, before the release before it took effect: the commit's date.
      { path: 'legal/privacy.md', committed: '2020-04-01', effectiveFrom: 'commit' },
    ])
    expect(releases.map((release) => release.released)).toEqual(['2026-11-30', '2026-11-30', '2026-11-30', '2026-11-30'])
    expect(stderr).toContain('release 2020-04-01, reworded, not reviewed; its text states 2020-01-05, before release 2020-03-02.2 took effect: it takes effect on the day it was committed, 2020-04-01')
  })

  test('each kind is the one the tool proves, a rewording "reworded, not reviewed"', () => {
    expect(releases.map((release) => [release.kind, release.decidedBy])).toEqual([
      ['initial', 'computed'],
      ['reworded', 'computed'],
      ['technical', 'computed'],
      ['reworded', 'computed'],
    ])
    expect(stderr).toContain('release 2020-03-02.2, technical\n')
  })

  test('a retitled clause is a retitle, under the id it had', () => {
    const [, second] = releases
    const before = releases[0]
    if (!before || !second) throw new Error('two releases expected')
    const cookies = diffDocuments(before.document, second.document, { from: before.version, to: second.version }).clauses.find((change) => change.id === 'cookies')
    expect(cookies?.status).toContain('retitled')
    expect([cookies?.from?.title, cookies?.to?.title]).toEqual(['Cookies', 'Cookies and similar technologies'])
  })

  test('the summary says where the release came from, in the commit’s words made one plain line without markup', () => {
    expect(releases[2]?.summary).toBe(
      `Imported from legal/privacy.md at commit ${commits[3]?.slice(0, 12)} of 2020-03-02 (“Lists with dashes bold alert(1)”). The text is the commit’s; the controller, contacts, supervisory authority and structured data are those the policy directory gave at import, not read from the history. Its kind is the one the tool proves: nobody reviewed it.`,
    )
  })

  test('the policy with its imported history checks, and the report lists every commit', async () => {
    const check = await runCli(['check', '--today', '2026-11-30'], cwd)
    expect(check.stdout + check.stderr).not.toMatch(/:\d+:\d+ error /)
    expect(check.code).toBe(0)
    const report = JSON.parse(await readFile(path.join(cwd, 'report.json'), 'utf8')) as { versions: Array<{ outcome: string; version?: string; effectiveFrom?: string }> }
    expect(report.versions.map((version) => [version.outcome, version.version ?? null, version.effectiveFrom ?? null])).toEqual([
      ['released', '2020-01-05', 'text'],
      ['unchanged', null, null],
      ['released', '2020-03-02', 'text'],
      ['released', '2020-03-02.2', 'text'],
      ['released', '2020-04-01', 'commit'],
    ])
  })

  test('a policy that has releases is refused, and nothing changes', async () => {
    const result = await importGit(cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('clausewright: nothing imported: policy/ has releases already (4); a history is imported only into a policy without releases, whose first release it becomes\n')
    expect(await releasesIn(cwd)).toEqual(releases)
  })
})

test('a policy with errors (its TODOs left) is refused before any version is read into it', async () => {
  const cwd = await workspace()
  await importGit(cwd)
  const result = await importGit(cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('placeholder-left')
  expect(result.stderr).toContain('clausewright: nothing imported: the policy in policy/ has errors (above); each version takes from it what its text does not say\n')
  expect(existsSync(path.join(cwd, 'policy', 'releases'))).toBe(false)
})

test('a version with errors is named with its errors, and no release is written', async () => {
  const cwd = await workspace()
  const run = await preparedHistory(cwd, [
    { path: 'privacy.md', text: first, date: '2020-01-10', message: 'First' },
    { path: 'privacy.md', text: first.replace('nobody else', 'nobody else <iframe src="https://example.com"></iframe>').replace('with anyone.', 'with anyone.\n\n<script>alert(1)</script>'), date: '2020-02-10', message: 'Second' },
    { path: 'privacy.md', text: reverted, date: '2020-04-01', message: 'Third' },
  ])
  const result = await run('--report', 'report.json')
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/\(2020-02-10\): refused, \d+ errors \(below\)/)
  expect(result.stderr).toContain('raw-html')
  expect(result.stderr).toContain('clausewright: nothing imported: 1 of 3 versions have errors (above), each listed in the report\n')
  // The report says what each version would have become, and the errors of the one refused.
  const report = JSON.parse(await readFile(path.join(cwd, 'report.json'), 'utf8')) as { versions: Array<{ outcome: string; errors?: Array<{ rule: string }> }> }
  expect(report.versions.map((version) => version.outcome)).toEqual(['released', 'refused', 'released'])
  expect(report.versions[1]?.errors?.map((error) => error.rule)).toContain('raw-html')
  expect(existsSync(path.join(cwd, 'policy', 'releases'))).toBe(false)
})

test('a version nested far deeper than a policy may hold is refused at its commit and line, as import refuses a file, and nothing is written', async () => {
  const cwd = await workspace()
  const deep = path.join(cwd, 'deep')
  makeGitRepository(deep, [
    { path: 'privacy.md', text: first, date: '2020-01-10', message: 'First' },
    { path: 'privacy.md', text: `${first}\n${'>'.repeat(5000)} x\n`, date: '2020-02-10', message: 'Deep' },
  ])
  const result = await runCli(['import', '--git', deep, '--path', 'privacy.md'], cwd)
  expect(result.code).toBe(2)
  const deepCommit = execFileSync('git', ['-C', deep, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()
  expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing privacy.md at commit ${deepCommit}: line 18 nests quotations or lists far deeper than the 16 levels a policy may hold`)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('a text that states a date more than a year after its commit (a typo) takes effect when it was committed, and does not hold back the versions after it', async () => {
  const cwd = await workspace()
  const run = await preparedHistory(cwd, [
    { path: 'privacy.md', text: first, date: '2020-01-10', message: 'First' },
    { path: 'privacy.md', text: first.replace('January 5, 2020', 'January 5, 2024').replace('any question', 'any questions'), date: '2020-02-10', message: 'Typo in the year' },
    { path: 'privacy.md', text: first.replace('January 5, 2020', 'March 5, 2021').replace('any question', 'any query'), date: '2021-03-01', message: 'Third' },
  ])
  const result = await run()
  expect(result.code).toBe(0)
  expect(result.stderr).toContain('its text states 2024-01-05, more than a year after it was committed: it takes effect on the day it was committed, 2020-02-10')
  expect((await releasesIn(cwd)).map((release) => [release.version, release.imported?.effectiveFrom])).toEqual([
    ['2020-01-05', 'text'],
    ['2020-02-10', 'commit'],
    ['2021-03-05', 'text'],
  ])
})

test('--since leaves out the versions committed before it: the first one after is the first release', async () => {
  const cwd = await workspace()
  expect((await importGit(cwd, '--since', '2020-03-02')).code).toBe(0)
  await fillPlaceholders(cwd)
  expect((await importGit(cwd, '--since', '2020-03-02')).code).toBe(0)
  expect((await releasesIn(cwd)).map((release) => [release.version, release.kind])).toEqual([
    ['2020-03-02', 'initial'],
    ['2020-03-02.2', 'technical'],
    ['2020-04-01', 'reworded'],
  ])
})

describe('refusals', () => {
  test.each([
    [['import', '--path', 'legal/privacy.md'], 'unexpected --path without --git <repository>'],
    [['import', '--since', '2020-01-01', 'file.md'], 'unexpected --since without --git <repository>'],
    [['import', '--git', '.', 'file.md'], 'expected either a file to import or --git <repository>, not both'],
    [['import', '--git', '.'], 'missing --path <file>: the policy’s file in the repository'],
    [['import', '--git', '.', '--path', 'a.md', '--since', '2020-02-30'], 'unexpected --since `2020-02-30`, expected a date that exists, YYYY-MM-DD'],
  ])('%j: %s', async (args, message) => {
    const result = await runCli(args, await workspace())
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(`clausewright: ${message}`)
  })

  test('a directory that is no git repository', async () => {
    const cwd = await workspace()
    const result = await runCli(['import', '--git', cwd, '--path', 'a.md'], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(new RegExp(`^clausewright: ${cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a git repository`))
  })

  test('a history longer than any policy’s is refused before its texts are read; --since takes a part of it', async () => {
    const cwd = await workspace()
    const long = path.join(cwd, 'long')
    makeGitRepository(long, Array.from({ length: 5001 }, (_, index) => ({ path: 'privacy.md', text: `${first}\n${index}\n`, date: '2020-01-10', minute: index % 60, message: `Version ${index}` })))
    const result = await runCli(['import', '--git', long, '--path', 'privacy.md'], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe('clausewright: refusing the history of privacy.md: 5001 commits changed it, more than the 5000 a policy\'s history may have (--since YYYY-MM-DD takes the later ones)')
    expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
    const part = await runCli(['import', '--git', long, '--path', 'privacy.md', '--since', '2020-01-11'], cwd)
    expect(part.stderr).toContain('no version of privacy.md')
  }, 60_000)

  // The path is recorded in each release and its summary: plain text, one line.
  test.each([
    ['markup', 'privacy<img src=x onerror=alert(1)>.md', 'privacy<img src=x onerror=alert(1)>.md'],
    ['a control character', 'privacy\u001b[31m.md', 'privacy\u241b[31m.md'],
  ])('a history in which the file had a path with %s is refused, named with its commit, and nothing is written', async (_kind, former, shown) => {
    const cwd = await workspace()
    const renamed = path.join(cwd, 'renamed')
    makeGitRepository(renamed, [
      { path: former, text: first, date: '2020-01-10', message: 'First' },
      { path: 'privacy.md', from: former, date: '2020-02-10', message: 'Renamed' },
    ])
    const result = await runCli(['import', '--git', renamed, '--path', 'privacy.md'], cwd)
    expect(result.code).toBe(2)
    const commit = execFileSync('git', ['-C', renamed, 'rev-list', '--max-parents=0', 'HEAD'], { encoding: 'utf8' }).trim()
    expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing the history: at commit ${commit} the file's path \`${shown}\` holds a control or invisible character, < or >, or is longer than 1000 characters`)
    expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
  })

  test.each([['never/there.md'], [':(glob)**/*.md'], ['*.md']])('a path no commit changed, read as a name and never as a pattern: %j', async (file) => {
    const cwd = await workspace()
    const result = await runCli(['import', '--git', repository, '--path', file], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(`clausewright: no commit of ${repository} changed ${file} (the path is relative to the repository's top directory)`)
    expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
  })
})
