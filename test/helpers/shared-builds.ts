import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { inject } from 'vitest'
import type { TestProject } from 'vitest/node'
import { repoRoot } from './fixture-policy.ts'

// The OPTSM site is built once per run, by the CLI in a process of its own, and many tests assert
// on it (test/site.test.ts, test/build.test.ts): an Astro build costs about 2 s of a 2-core machine.
// The global setup starts the build and does not wait for it, so that the workers start the other
// files meanwhile; a test waits for the file the build's result is written to.

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
  /** Written when the build has ended (a BuildResult as JSON). */
  readonly resultFile: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    optsmBuild: SharedBuild
  }
}

/** The environment of every `clausewright build` the shared build and build.test.ts run. */
export const buildEnvironment = { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }
export const buildArguments = ['build', '--today', '2026-11-25']

/** `clausewright build` of the tests, with the run's cache directory unless `env` gives another. */
export function buildWithBin(cwd: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<BuildResult> {
  return runBin(cwd, [...buildArguments, ...args], { CLAUSEWRIGHT_CACHE_DIR: process.env['CLAUSEWRIGHT_CACHE_DIR'] ?? '', ...env })
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-shared-optsm-'))
  const cacheDirectory = path.join(cwd, 'cache')
  const resultFile = path.join(cwd, 'result.json')
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  const finished = runBin(cwd, buildArguments, { ...buildEnvironment, CLAUSEWRIGHT_CACHE_DIR: cacheDirectory }).then(async (result) => {
    // Renamed into place: a test never reads half a result.
    await writeFile(`${resultFile}.partial`, JSON.stringify(result))
    await rename(`${resultFile}.partial`, resultFile)
  })
  project.provide('optsmBuild', { cwd, cacheDirectory, resultFile })
  return async () => {
    await finished
    await rm(cwd, { recursive: true, force: true })
  }
}

/** The shared OPTSM build, once it has ended: where it is, and what the CLI printed. */
export async function optsmBuild(): Promise<SharedBuild & BuildResult> {
  const shared = inject('optsmBuild')
  while (!existsSync(shared.resultFile)) await sleep(50)
  return { ...shared, ...(JSON.parse(await readFile(shared.resultFile, 'utf8')) as BuildResult) }
}
