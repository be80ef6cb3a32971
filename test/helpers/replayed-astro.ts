import { cp, readFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type AstroRun, type AstroRunner, runAstroBuild } from '../../src/astro/build-site.ts'
import { basePolicy } from './fixture-policy.ts'
import { runCli } from './run-cli.ts'
import { sharedFixture } from './shared-fixtures.ts'

// Astro's build of the base fixture policy (test/fixtures/base), made once for the run by the real
// child process and replayed by the tests whose subject is what the CLI does around that build:
// where the output goes, a full disk, builds at the same time, what killed builds left. Each real
// Astro build costs about a second of CPU; a replay, the copy of its pages. The replay is the
// recorded build, byte for byte, and only for the entries it was recorded with: other entries (a
// changed policy, another day, --site) fail the build, and the test, with a message that says so.
// The build of a real site stays in the tests that read pages (site.test.ts, build.test.ts…).

/** The day of every build of the tests that replay (their `--today`). */
export const replayedToday = '2026-11-25'

interface Recording {
  /** Astro's output directory as the build left it, before the CLI moved its pages out. */
  readonly pages: string
  readonly entriesFile: string
  readonly policyRoot: string
}

/** Records the real build's pages, entries and root into `directory` when it has ended. */
function recordingInto(directory: string, recorded: { root?: string }): AstroRunner {
  return (outDirectory, entriesFile, options) => {
    const run = runAstroBuild(outDirectory, entriesFile, options)
    run.policyRoot.then((root) => (recorded.root = root)).catch(() => undefined)
    const done = run.done.then(async () => {
      await cp(outDirectory, path.join(directory, 'pages'), { recursive: true })
      await cp(entriesFile, path.join(directory, 'entries.json'))
    })
    return { ...run, done }
  }
}

async function record(directory: string): Promise<Recording> {
  const cwd = path.join(directory, 'project')
  await cp(basePolicy, path.join(cwd, 'policy'), { recursive: true })
  const recorded: { root?: string } = {}
  const result = await runCli(['build', '--quiet', '--today', replayedToday], cwd, {}, recordingInto(directory, recorded))
  if (result.code !== 0 || recorded.root === undefined) throw new Error(`the recorded build of the base fixture failed (exit ${result.code}):\n${result.stderr}`)
  return { pages: path.join(directory, 'pages'), entriesFile: path.join(directory, 'entries.json'), policyRoot: recorded.root }
}

/** Waits for a file the CLI renames into place, until it is there or `stopped` says to give up. */
async function whenWritten(file: string, stopped: () => boolean): Promise<string> {
  for (;;) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))
    if (text !== undefined) return text
    if (stopped()) throw new Error('the replayed Astro build was stopped')
    await sleep(5)
  }
}

/**
 * A runner of Astro's build (the CLI's `Io.runAstro`) that replays the recorded build of the base
 * fixture. `temporary` lists what to remove when the run has no shared fixtures (a file run alone).
 */
export async function replayedAstro(temporary: string[]): Promise<AstroRunner> {
  const { value: recording } = await sharedFixture('replayed-astro', record, temporary)
  const recordedEntries = await readFile(recording.entriesFile, 'utf8')
  return (outDirectory, entriesFile, options): AstroRun => {
    let stopped = false
    const done = (async () => {
      if (options.site !== undefined) throw new Error('the replayed Astro build was recorded without --site')
      const entries = await whenWritten(entriesFile, () => stopped)
      if (entries !== recordedEntries) throw new Error('the replayed Astro build was recorded for the base fixture policy built on 2026-11-25: these entries are another policy’s (build it with the real Astro)')
      await cp(recording.pages, outDirectory, { recursive: true })
    })()
    done.catch(() => undefined)
    return {
      done,
      policyRoot: Promise.resolve(recording.policyRoot),
      showLog: () => undefined,
      async stop() {
        stopped = true
        await done.catch(() => undefined)
      },
    }
  }
}
