import { execFile } from 'node:child_process'
import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoRoot } from './fixture-policy.ts'
import { runCli } from './run-cli.ts'
import { sharedFixture } from './shared-fixtures.ts'

// The OPTSM site is built once per run, by the CLI in a process of its own, and many tests assert
// on it (test/site.test.ts, test/build.test.ts, test/web-files.test.ts): an Astro build costs
// about a second of CPU. It is a shared fixture (shared-fixtures.ts): the first test that asks
// starts it, in its worker; the tests of other files wait for what it recorded.

/** What a `clausewright build` run printed and where it wrote the site. */
export interface BuildResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export interface SharedBuild {
  /** A copy of the OPTSM policy as `<cwd>/policy`; the site is `<cwd>/dist`. */
  readonly cwd: string
  /** The diff and page cache of the build: only the build's own, so it ran cold. */
  readonly cacheDirectory: string
}

/** The environment of every `clausewright build` the shared build and build.test.ts run. */
export const buildEnvironment = { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }
export const buildArguments = ['build', '--today', '2026-11-25']

/** `clausewright build` of the tests, with the run's cache directory unless `env` gives another. */
export function buildWithBin(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
  return runBin(cwd, [...buildArguments, ...args], { CLAUSEWRIGHT_CACHE_DIR: process.env['CLAUSEWRIGHT_CACHE_DIR'] ?? '', ...env })
}

/**
 * `clausewright build` of the tests in this process (runCli): for what a build makes, where the
 * process itself is not the question. `env` is what the CLI reads (CLAUSEWRIGHT_CACHE_DIR).
 */
export function buildInProcess(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
  return runCli([...buildArguments, ...args], cwd, env)
}

/** A new temporary directory holding a copy of the OPTSM policy, listed in `temporary` for removal. */
export async function optsmCopy(temporary: string[]): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-build-'))
  temporary.push(directory)
  await cp(path.join(repoRoot, 'policy'), path.join(directory, 'policy'), { recursive: true })
  return directory
}

/** Runs bin/clausewright.js in a process of its own, with only PATH and `env` in its environment. */
export function runBin(cwd: string, args: readonly string[], env: Record<string, string>): Promise<BuildResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin', 'clausewright.js'), ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

async function buildOptsm(cwd: string): Promise<BuildResult> {
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  return runBin(cwd, buildArguments, { ...buildEnvironment, CLAUSEWRIGHT_CACHE_DIR: path.join(cwd, 'cache') })
}

/** Per file (its list of directories to remove): the build each file's tests share. */
const builds = new WeakMap<string[], Promise<SharedBuild & BuildResult>>()

/**
 * The shared OPTSM build, once it has ended: where it is, and what the CLI printed. Without the
 * run's shared fixtures (a mutation run), each file that asks makes its own, listed in its
 * `temporary` for removal.
 */
export function optsmBuild(temporary: string[]): Promise<SharedBuild & BuildResult> {
  const known = builds.get(temporary)
  if (known) return known
  const made = sharedFixture('optsm-build', buildOptsm, temporary).then(({ directory, value }) => ({ cwd: directory, cacheDirectory: path.join(directory, 'cache'), ...value }))
  builds.set(temporary, made)
  return made
}
