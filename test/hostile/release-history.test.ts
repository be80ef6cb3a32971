import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { forgeRelease, integrityOfFile } from '../helpers/forge-release.ts'
import { editPolicy, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// `check --base <ref>`: hashes prove that a release is unchanged since someone computed them; only
// the base branch shows a history rewritten hashes and all, or a newest release removed. Each test
// works in a clone of a throwaway repository whose `main` holds two releases, with the policy in a
// subdirectory (`site/policy`), so that the policy's place inside the repository matters.
const run = promisify(execFile)
const today = '2026-11-25'
const env = { PATH: process.env['PATH'] ?? '' }
const temporary: string[] = []
let origin: string

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd })).stdout
}

beforeAll(async () => {
  origin = await mkdtemp(path.join(tmpdir(), 'clausewright-history-'))
  temporary.push(origin)
  await git(origin, 'init', '--quiet', '--initial-branch=main')
  await git(origin, 'config', 'user.name', 'Test')
  await git(origin, 'config', 'user.email', 'test@example.com')
  const project = path.join(origin, 'site')
  await cp(path.join(repoRoot, 'policy'), path.join(project, 'policy'), { recursive: true })
  await git(origin, 'add', '.')
  await git(origin, 'commit', '--quiet', '-m', 'The policy as published')
  await release(project, '2020-03-01', 'We do not sell your Personal Information', 'We do not sell or rent your Personal Information')
  await git(origin, 'add', '.')
  await git(origin, 'commit', '--quiet', '-m', 'A second release')
})

afterAll(async () => {
  await Promise.all(temporary.map((directory) => rm(directory, { recursive: true, force: true })))
})

/** Edits the sharing clause, sets lastUpdated to `version` and releases it. */
async function release(project: string, version: string, find: string, replacement: string): Promise<void> {
  await editPolicy(project, 'clauses/sharing.md', find, replacement)
  const lastUpdated = /lastUpdated: \S+/.exec(await readFile(path.join(project, 'policy', 'policy.yaml'), 'utf8'))?.[0] ?? 'lastUpdated'
  await editPolicy(project, 'policy.yaml', lastUpdated, `lastUpdated: ${version}`)
  // A clause reworded: the editor judges it.
  const result = await runCli(['release', '--summary', `The release of ${version}.`, '--kind', 'editorial', '--today', today], project)
  expect(result.code, result.stderr).toBe(0)
}

/** A fresh clone of the repository, on a branch of a pull request; returns the project directory. */
async function pullRequest(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-pr-'))
  temporary.push(directory)
  await git(directory, 'clone', '--quiet', origin, 'clone')
  const clone = path.join(directory, 'clone')
  await git(clone, 'checkout', '--quiet', '-b', 'change')
  return path.join(clone, 'site')
}

async function check(project: string, args: readonly string[] = [], environment: Record<string, string> = env) {
  const result = await runCli(['check', '--format', 'json', '--today', today, ...args], project, environment)
  const errors = result.code === 2 ? [] : (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number; message: string }>).filter((item) => item.severity === 'error')
  return { ...result, errors }
}

test('an unchanged history and a new release after the newest pass', async () => {
  const project = await pullRequest()
  expect((await check(project, ['--base', 'origin/main'])).errors).toEqual([])
  await release(project, '2021-05-01', 'We do not sell or rent', 'We never sell or rent')
  const result = await check(project, ['--base', 'origin/main'])
  expect(result.errors).toEqual([])
  expect(result.code).toBe(0)
})

test('a history rewritten hashes and all passes check alone, and --base names every rewritten file', async () => {
  const project = await pullRequest()
  await forgeRelease(project, '2019-01-25', (record) => {
    record['summary'] = 'A summary rewritten after the fact.'
  })
  const relinked = await integrityOfFile(project, '2019-01-25')
  await forgeRelease(project, '2020-03-01', (record) => {
    record['previousIntegrity'] = relinked
  })
  expect((await check(project)).code).toBe(0)
  const result = await check(project, ['--base', 'origin/main'])
  expect(result.code).toBe(1)
  expect(result.errors.map((item) => [item.ruleId, item.file, item.line])).toEqual([
    ['release-rewritten', 'policy/releases/2019-01-25.json', 5],
    // Line 10: a release of format /2 records `released` and `decidedBy` before `previousIntegrity`.
    ['release-rewritten', 'policy/releases/2020-03-01.json', 10],
  ])
  expect(result.errors[0]?.message).toContain('origin/main')
})

test('a removed newest release passes check alone, and --base names it', async () => {
  const project = await pullRequest()
  await rm(path.join(project, 'policy', 'releases', '2020-03-01.json'))
  expect((await check(project)).code).toBe(0)
  const result = await check(project, ['--base', 'origin/main'])
  expect(result.code).toBe(1)
  expect(result.errors.map((item) => [item.ruleId, item.file])).toEqual([['release-removed', 'policy/releases/2020-03-01.json']])
})

test('a release invented before the newest is named, even with the history relinked around it', async () => {
  const project = await pullRequest()
  const invented = path.join(project, 'policy', 'releases', '2019-06-01.json')
  await cp(path.join(project, 'policy', 'releases', '2020-03-01.json'), invented)
  await forgeRelease(project, '2019-06-01', (record) => {
    Object.assign(record, { version: '2019-06-01', effective: '2019-06-01', summary: 'Invented.' })
    record.document = { ...record.document, version: '2019-06-01' }
  })
  const result = await check(project, ['--base', 'origin/main'])
  expect(result.code).toBe(1)
  expect(result.errors.filter((item) => item.ruleId === 'release-inserted').map((item) => item.file)).toEqual(['policy/releases/2019-06-01.json'])
})

test('the policy directory is found inside the repository through a symbolic link to it', async () => {
  const project = await pullRequest()
  const link = path.join(path.dirname(path.dirname(project)), 'link')
  await symlink(path.dirname(project), link)
  await rm(path.join(project, 'policy', 'releases', '2020-03-01.json'))
  const result = await check(path.join(link, 'site'), ['--base', 'origin/main'])
  expect(result.errors.map((item) => item.ruleId)).toEqual(['release-removed'])
  expect(await realpath(path.join(link, 'site'))).toBe(await realpath(project))
})

test('a policy directory turned into a link to a new directory keeps its history at the base', async () => {
  const project = await pullRequest()
  // The pull request moves the policy and leaves a link in its place: the real path is new, and had
  // no releases at the base; the name the check is run with had them.
  await run('git', ['mv', 'policy', 'policy-v2'], { cwd: project })
  await symlink('policy-v2', path.join(project, 'policy'))
  await forgeRelease(project, '2019-01-25', (record) => {
    record['summary'] = 'Rewritten history.'
  })
  const result = await check(project, ['--base', 'origin/main'])
  expect(result.errors.map((item) => `${item.file} ${item.ruleId}`)).toContain('policy/releases/2019-01-25.json release-rewritten')
  expect(result.code).toBe(1)
})

test('a ref that does not exist, or reads as an option, is refused with exit status 2', async () => {
  const project = await pullRequest()
  const missing = await check(project, ['--base', 'origin/no-such-branch'])
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain('the git ref `origin/no-such-branch` does not exist')
  for (const ref of ['--output=/tmp/x', '-', '']) {
    const option = await runCli(['check', `--base=${ref}`], project, env)
    expect(option.code, ref).toBe(2)
    expect(option.stderr, ref).toContain('expected a git ref')
  }
})

test('a policy outside any git repository, or no git on PATH, is refused with exit status 2', async () => {
  const outside = await mkdtemp(path.join(tmpdir(), 'clausewright-no-git-'))
  temporary.push(outside)
  await mkdir(path.join(outside, 'policy'))
  await cp(path.join(repoRoot, 'policy'), path.join(outside, 'policy'), { recursive: true })
  // git would look upwards for a repository; the test stops it at the temporary directory.
  const noRepository = await check(outside, ['--base', 'main'], { ...env, GIT_CEILING_DIRECTORIES: path.dirname(outside) })
  expect(noRepository.code).toBe(2)
  expect(noRepository.stderr).toContain('is not in a git repository')

  const project = await pullRequest()
  const noGit = await mkdtemp(path.join(tmpdir(), 'clausewright-path-'))
  temporary.push(noGit)
  await writeFile(path.join(noGit, 'README'), 'a PATH without git\n')
  const missingGit = await check(project, ['--base', 'origin/main'], { PATH: noGit })
  expect(missingGit.code).toBe(2)
  expect(missingGit.stderr).toContain('git is not installed')
  expect(missingGit.stderr).not.toContain('internal error')
})

test('check --help documents --base', async () => {
  const result = await runCli(['check', '--help'], repoRoot)
  expect(result.stdout).toContain('--base <git-ref>')
})
