import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TestProject } from 'vitest/node'

// A fixture that tests of several files read (a built site: seconds of CPU each) is made once per
// run, by whichever test asks first, in whichever worker; the others wait for what it recorded.
// Nothing is made before a test asks: `vitest run` of one file makes only what that file reads (the
// OPTSM site of shared-builds.ts, the recorded Astro build of replayed-astro.ts…).

/** The variable that holds the run's directory of shared fixtures (set by the global setup below). */
const variable = 'CLAUSEWRIGHT_SHARED_FIXTURES'

/** What the maker of a fixture recorded: its value, or how it failed. */
type Recorded<T> = { readonly made: true; readonly value: T } | { readonly made: false; readonly error: string }

/**
 * The global setup of `npm test` (vitest.config.ts): a directory for the run's shared fixtures,
 * emptied when watch mode runs the tests again (the sources may have changed), removed at the end.
 * Without it (the mutation runs: a fixture made under one mutant must not be read under another),
 * each call makes its own fixture.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-shared-fixtures-'))
  process.env[variable] = directory
  project.onTestsRerun(async () => {
    await rm(directory, { recursive: true, force: true })
    await mkdir(directory)
  })
  return () => rm(directory, { recursive: true, force: true })
}

/**
 * The fixture `name`, made by `make` in a directory of its own, once for the run: `make` runs in
 * the first test that asks for it; every other test, of any file, gets its directory and the value
 * it returned (JSON, so plain data), or fails with its error. Outside `npm test`'s setup it is made
 * for each call, in a directory listed in `temporary` for removal.
 */
export async function sharedFixture<T>(name: string, make: (directory: string) => Promise<T>, temporary: string[]): Promise<{ directory: string; value: T }> {
  const root = process.env[variable]
  if (root === undefined) {
    const directory = await mkdtemp(path.join(tmpdir(), `clausewright-${name}-`))
    temporary.push(directory)
    return { directory, value: await make(directory) }
  }
  const directory = path.join(root, name)
  const recordFile = `${directory}.json`
  // mkdir either creates the directory or fails: exactly one test, of one worker, makes the fixture.
  const mine = await mkdir(directory).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false
      throw error
    },
  )
  if (mine) {
    const recorded: Recorded<T> = await make(directory).then(
      (value) => ({ made: true as const, value }),
      (error: unknown) => ({ made: false as const, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    // Renamed into place: a waiting test never reads half a record.
    await writeFile(`${recordFile}.partial`, JSON.stringify(recorded))
    await rename(`${recordFile}.partial`, recordFile)
  }
  while (!existsSync(recordFile)) await sleep(50)
  const recorded = JSON.parse(await readFile(recordFile, 'utf8')) as Recorded<T>
  if (!recorded.made) throw new Error(`the shared fixture ${name} could not be made:\n${recorded.error}`)
  return { directory, value: recorded.value }
}
