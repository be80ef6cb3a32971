// `npm test`: the type check and lint run beside vitest instead of before it. Vitest spends most of
// its time waiting for Astro's child processes, so the two fit in beside it (about 4 s of a run).
// Their output is shown when vitest ends, not mixed into its report; the run fails if any of the
// three fails. Arguments go to vitest (`npm test -- --reporter=json …`).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statfsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Finished {
  readonly name: string
  readonly code: number
  readonly output: string
}

/** The magic number statfs gives a tmpfs (linux/magic.h). */
const tmpfsMagic = 0x01021994
/** The room the tests' temporary files need at most, with a margin (a run peaked at about 50 MiB, sampled every 0.1 s). */
const minimumFreeBytes = 512 * 1024 ** 2

/**
 * A directory in memory for the tests' temporary files, where the machine has one (/dev/shm, a
 * tmpfs) and the caller chose no TMPDIR: the tests make tens of thousands of files (policies,
 * releases, git repositories, the budgets' thousands of clause files), and on this machine's
 * disk their system time was 5 s of CPU a run. Undefined elsewhere: the tests then use the system's.
 */
function memoryTemporaryDirectory(): string | undefined {
  if (process.env['TMPDIR'] !== undefined) return undefined
  try {
    const memory = statfsSync('/dev/shm')
    // A container's /dev/shm is often 64 MiB: too close to what the tests write at their peak.
    if (memory.type !== tmpfsMagic || memory.bavail * memory.bsize < minimumFreeBytes) return undefined
    return mkdtempSync('/dev/shm/clausewright-test-')
  } catch {
    return undefined
  }
}

const temporaryDirectory = memoryTemporaryDirectory()
const environment = temporaryDirectory === undefined ? process.env : { ...process.env, TMPDIR: temporaryDirectory }

function run(name: string, command: string, args: readonly string[], inherit: boolean): Promise<Finished> {
  const child = spawn(command, args, { cwd: root, env: environment, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }))
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, output: signal ? `${output}${name} ended by ${signal}\n` : output }))
  })
}

/**
 * What git sees changed in the working tree (`git status`, one entry a file: its state and path).
 * A test must never write into the repository: a cache directory resolved against the working
 * directory once left files that a commit then picked up. Null outside a git checkout (an unpacked
 * tarball), where there is nothing to compare.
 */
function workingTreeState(): Set<string> | null {
  const listed = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: root, encoding: 'utf8' })
  return listed.status === 0 ? new Set(listed.stdout.split('\0').filter(Boolean)) : null
}

// UPDATE=1 rewrites golden files on purpose (README, Development): changes to tracked files are then expected.
const expectedChange = (entry: string): boolean => process.env['UPDATE'] !== undefined && entry.startsWith(' M ')
const stateBefore = workingTreeState()
const results = await Promise.all([
  run('vitest', path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)], true),
  run('typecheck', 'npm', ['run', '--silent', 'typecheck'], false),
  run('lint', 'npm', ['run', '--silent', 'lint'], false),
])
for (const { name, code, output } of results.slice(1)) {
  if (code !== 0 || output.trim() !== '') process.stdout.write(`\n${name} (exit ${code}):\n${output}`)
}
// What a test left there (it should leave nothing) goes with the directory: it was made for this run.
if (temporaryDirectory !== undefined) rmSync(temporaryDirectory, { recursive: true, force: true })
const failed = results.filter((result) => result.code !== 0).map((result) => result.name)
const stateAfter = stateBefore && workingTreeState()
const leftBehind = [...(stateAfter ?? [])].filter((entry) => !stateBefore?.has(entry) && !expectedChange(entry)).sort()
if (leftBehind.length > 0) {
  process.stdout.write(`\nThe tests changed the repository (write to a temporary directory instead):\n${leftBehind.map((entry) => `  ${entry}\n`).join('')}`)
  failed.push('the repository check')
}
if (failed.length > 0) process.stdout.write(`\nnpm test: ${failed.join(', ')} failed\n`)
process.exitCode = failed.length > 0 ? 1 : 0
