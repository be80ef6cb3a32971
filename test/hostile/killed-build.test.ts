import { spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from 'vitest'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// A build killed half-way, and the next build that removes what it left. Builds of other files at
// the same time may remove what the killed build left in Astro's shared work directory
// (node_modules/.clausewright) before this file's own build does: so what is there is looked at
// while the build runs, and after the next build, never in between.
const temporary = removedAfterAll()

async function build(cwd: string) {
  return runCli(['build', '--quiet', '--today', '2026-11-25'], cwd)
}

/** The children of a process (Linux: /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')
  return text.split(' ').filter(Boolean).map(Number)
}

/** True while the process runs (a zombie, ended but not yet reaped by its new parent, has ended). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
}

/** `clausewright build` in a process of its own, and the names of what it leaves in a directory. */
function startCli(cwd: string) {
  // --quiet: Astro writes nothing, so it cannot die of writing to a closed pipe either.
  const cli = spawn(process.execPath, [path.join(repoRoot, 'bin', 'clausewright.js'), 'build', '--quiet', '--today', '2026-11-25'], {
    cwd,
    stdio: 'ignore',
    env: { PATH: process.env['PATH'] ?? '', CLAUSEWRIGHT_CACHE_DIR: process.env['CLAUSEWRIGHT_CACHE_DIR'] ?? '' },
  })
  const closed = new Promise((resolve) => cli.on('close', resolve))
  const pid = cli.pid ?? 0
  const leftIn = async (directory: string, prefix: string) => (await readdir(directory)).filter((name) => name.startsWith(`${prefix}${pid}-`))
  const kill = async () => {
    cli.kill('SIGKILL')
    await closed
  }
  return { pid, running: () => cli.exitCode === null && cli.signalCode === null, leftIn, kill }
}

async function until(condition: () => Promise<boolean>, attempts: number, pause: number): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return true
    await sleep(pause)
  }
  return condition()
}

test('a build killed by SIGKILL takes its Astro child with it, and the next build removes what killed builds left', async () => {
  // The OPTSM policy: it compiles for longer than the base fixture, which leaves time to catch Astro waiting.
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-killed-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  const workspace = path.join(repoRoot, 'node_modules', '.clausewright')

  // Killed while Astro waits for the compiled policy: without watching its parent, it would wait
  // for its entries file (for ten minutes) after the CLI is gone.
  const early = startCli(cwd)
  let astro: number | undefined
  await until(async () => {
    astro = (await childrenOf(early.pid))[0]
    return astro !== undefined || !early.running()
  }, 1500, 10)
  const working = await early.leftIn(workspace, 'site-')
  await early.kill()
  expect(astro, 'the build was caught while Astro ran').toBeDefined()
  expect(working, 'Astro was at work').not.toEqual([])
  expect(working.filter((name) => name.endsWith('-entries.json')), 'Astro had not been handed the policy yet').toEqual([])
  expect(await until(async () => !(await isRunning(astro ?? 0)), 150, 100), 'the Astro child has ended').toBe(true)

  // Killed while the site is written beside dist.
  const late = startCli(cwd)
  await until(async () => (await late.leftIn(cwd, '.dist-')).length > 0 || !late.running(), 1500, 20)
  await late.kill()
  expect(await late.leftIn(cwd, '.dist-'), 'the build was caught writing its output').toHaveLength(1)

  expect((await build(cwd)).code).toBe(0)
  expect(await early.leftIn(workspace, 'site-')).toEqual([])
  expect(await late.leftIn(cwd, '.dist-')).toEqual([])
  expect(await late.leftIn(workspace, 'site-')).toEqual([])
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])
}, 90_000)
