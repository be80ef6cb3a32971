// `npm test`: the type check and lint run beside vitest instead of before it. Vitest spends most of
// its time waiting for Astro's child processes, so the two fit in beside it (about 4 s of a run).
// Their output is shown when vitest ends, not mixed into its report; the run fails if any of the
// three fails. Arguments go to vitest (`npm test -- --reporter=json …`).
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Finished {
  readonly name: string
  readonly code: number
  readonly output: string
}

function run(name: string, command: string, args: readonly string[], inherit: boolean): Promise<Finished> {
  const child = spawn(command, args, { cwd: root, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] })
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
 * Files that git does not track or ignore. A test must never write into the repository: a cache
 * directory resolved against the working directory once left files that a commit then picked up.
 * Null outside a git checkout (an unpacked tarball), where there is nothing to compare.
 */
function untrackedFiles(): Set<string> | null {
  const listed = spawnSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
  return listed.status === 0 ? new Set(listed.stdout.split('\0').filter(Boolean)) : null
}

const untrackedBefore = untrackedFiles()
const results = await Promise.all([
  run('vitest', path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...process.argv.slice(2)], true),
  run('typecheck', 'npm', ['run', '--silent', 'typecheck'], false),
  run('lint', 'npm', ['run', '--silent', 'lint'], false),
])
for (const { name, code, output } of results.slice(1)) {
  if (code !== 0 || output.trim() !== '') process.stdout.write(`\n${name} (exit ${code}):\n${output}`)
}
const failed = results.filter((result) => result.code !== 0).map((result) => result.name)
const untrackedAfter = untrackedBefore && untrackedFiles()
const leftBehind = [...(untrackedAfter ?? [])].filter((file) => !untrackedBefore?.has(file)).sort()
if (leftBehind.length > 0) {
  process.stdout.write(`\nThe tests left files in the repository (write them to a temporary directory):\n${leftBehind.map((file) => `  ${file}\n`).join('')}`)
  failed.push('the repository check')
}
if (failed.length > 0) process.stdout.write(`\nnpm test: ${failed.join(', ')} failed\n`)
process.exitCode = failed.length > 0 ? 1 : 0
