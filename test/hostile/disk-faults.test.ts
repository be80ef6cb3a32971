import type * as childProcess from 'node:child_process'
import type * as fsPromises from 'node:fs/promises'
import { mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, expect, test, vi } from 'vitest'
import { outputMarker, outputMarkerText, replaceDirectory } from '../../src/emit/write-output.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// A full disk or a directory that may not be written, injected at the file system the CLI calls
// (as root, which this suite runs as in CI, permissions do not stop a write; machine.test.ts
// shows the same faults on real file systems). Each is reported as what it is, with its path,
// exit 1, and the previous output stays as it was.
const fault = vi.hoisted(() => ({ current: undefined as { code: string; syscall: 'open' | 'mkdir'; where: string } | undefined }))
// An Astro that renders for as long as it is let (until it is stopped), instead of one page at once.
const astro = vi.hoisted(() => ({ endless: false }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof fsPromises>()
  const injected = (syscall: 'open' | 'mkdir', file: unknown): Error | undefined => {
    const planned = fault.current
    if (!planned || planned.syscall !== syscall || !String(file).includes(planned.where)) return undefined
    return Object.assign(new Error(`${planned.code}: injected, ${syscall} '${String(file)}'`), { code: planned.code, syscall, path: String(file) })
  }
  const writeFile: typeof fs.writeFile = async (file, ...rest) => {
    const error = injected('open', file)
    return error ? Promise.reject(error) : fs.writeFile(file, ...rest)
  }
  const mkdir = (async (file: Parameters<typeof fs.mkdir>[0], options?: Parameters<typeof fs.mkdir>[1]) => {
    const error = injected('mkdir', file)
    return error ? Promise.reject(error) : fs.mkdir(file, options)
  }) as typeof fs.mkdir
  return { ...fs, default: { ...fs, writeFile, mkdir }, writeFile, mkdir }
})

// Astro is a process that writes one page into its output directory and ends: these faults are
// the CLI's to report, whatever Astro builds (a real build meets them in machine.test.ts, on real
// file systems), and a real Astro build costs 2 s of CPU.
vi.mock('node:child_process', async (importOriginal) => {
  const original = await importOriginal<typeof childProcess>()
  const spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) => {
    // src/astro/astro-build.mjs <root> <outDir> <log level>
    const script = args.findIndex((arg) => arg.endsWith(path.join('src', 'astro', 'astro-build.mjs')))
    if (script === -1) return original.spawn(command, args, options)
    const page = "require('node:fs').writeFileSync(require('node:path').join(process.argv[1], 'index.html'), '<!doctype html><title>A page</title>')"
    // It tells the CLI where the policy is published, as the integration in Astro's child does (policy-root.ts).
    const configured = "process.channel.unref(); process.send({ type: 'clausewright:policy-root', root: '/' });"
    return original.spawn(process.execPath, ['-e', `${configured} ${astro.endless ? 'setTimeout(() => undefined, 60_000)' : page}`, String(args[script + 2])], options)
  }) as typeof original.spawn
  return { ...original, default: { ...original, spawn }, spawn }
})

const temporary = removedAfterAll()
afterEach(() => {
  fault.current = undefined
  astro.endless = false
})

/** A project whose dist is an earlier output (one page and the marker), and what it holds. */
async function projectWithOutput(): Promise<{ cwd: string; previous: () => Promise<Record<string, string>> }> {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await replaceDirectory('dist', { cwd, policyDirectory: 'policy' }, async (staging) => {
    await writeFile(path.join(staging, 'index.html'), 'the previous build')
  })
  const generation = await readlink(path.join(cwd, 'dist'))
  const previous = async () => ({
    entries: (await readdir(cwd)).sort().join(' '),
    link: await readlink(path.join(cwd, 'dist')),
    page: await readFile(path.join(cwd, 'dist', 'index.html'), 'utf8'),
    marker: await readFile(path.join(cwd, 'dist', outputMarker), 'utf8'),
  })
  expect(await previous()).toEqual({ entries: `${generation} dist policy`, link: generation, page: 'the previous build', marker: outputMarkerText(['index.html']) })
  return { cwd, previous }
}

test.each([
  ['a full disk while the site is written', { code: 'ENOSPC', syscall: 'open', where: '/policy.json' }, 'no space is left on the device (ENOSPC)', /\.dist-\d+-[0-9a-f]{8}\/policy\.json/],
  ['a directory that may not be written', { code: 'EACCES', syscall: 'mkdir', where: '/.dist-' }, 'permission denied (EACCES)', /\.dist-\d+-[0-9a-f]{8}/],
  ['a read-only file system', { code: 'EROFS', syscall: 'mkdir', where: '/.dist-' }, 'the file system is read-only (EROFS)', /\.dist-\d+-[0-9a-f]{8}/],
] as const)('%s is reported as such with its path, exit 1, the previous output as it was', async (_, planned, what, where) => {
  const { cwd, previous } = await projectWithOutput()
  const before = await previous()
  fault.current = planned
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain(`clausewright: could not write the output \`dist\`: ${what} at \``)
  expect(result.stderr).toMatch(where)
  expect(result.stderr).toContain('the previous output is as it was')
  expect(result.stderr).not.toMatch(/internal error|a bug in Clausewright/)
  expect(await previous()).toEqual(before)
})

test('a full disk met while Astro renders stops Astro at once: the fault is reported without waiting for the pages', async () => {
  const { cwd, previous } = await projectWithOutput()
  const before = await previous()
  astro.endless = true
  fault.current = { code: 'ENOSPC', syscall: 'open', where: '/policy.json' }
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^clausewright: could not write the output `dist`: no space is left on the device \(ENOSPC\) at `.*\.dist-\d+-[0-9a-f]{8}\/policy\.json`; the previous output is as it was\n$/)
  expect(await previous()).toEqual(before)
})

test('a cache that cannot be written is a warning, which --quiet leaves out (build-cache.test.ts builds the whole site so)', async () => {
  const { cwd } = await projectWithOutput()
  const blocker = path.join(cwd, 'not-a-directory')
  await writeFile(blocker, '')
  const env = { CLAUSEWRIGHT_CACHE_DIR: path.join(blocker, 'cache') }
  const quiet = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd, env)
  expect([quiet.code, quiet.stderr]).toEqual([0, ''])
  const told = await runCli(['build', '--today', '2026-11-25', '--out', 'told'], cwd, env)
  expect(told.code).toBe(0)
  expect(told.stderr).toMatch(/^clausewright: warning: the pages could not be kept for the next build \(ENOTDIR: not a directory, mkdir '.*'\); this build is complete without it$/m)
})

test('a fault outside the output (the Astro work directory) is the machine fault too, exit 1', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await mkdir(path.join(cwd, 'dist'))
  fault.current = { code: 'ENOSPC', syscall: 'mkdir', where: `${path.sep}site-` }
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^clausewright: could not complete the command: no space is left on the device \(ENOSPC\) at `.*\/node_modules\/\.clausewright\/site-\d+-[0-9a-f]{8}`\n$/)
  expect(await readdir(path.join(cwd, 'dist'))).toEqual([])
})

test('a full disk that Astro meets under its work directory is the cause of its failure, so the CLI says it is the machine’s (exit 1)', async () => {
  const { siteBuildFailure } = await import('../../src/astro/build-site.ts')
  const { machineFaultOf } = await import('../../src/diagnostics/machine-fault.ts')
  const full = siteBuildFailure('exit 1', "[ERROR] ENOSPC: no space left on device, write '/p/node_modules/.clausewright/site-1-0123abcd/index.html'\n  Stack trace: …")
  expect(full.message).toMatch(/^the Astro build of the site failed \(exit 1\); the previous output is untouched:\n\[ERROR\] ENOSPC: no space left on device/)
  expect(machineFaultOf(full)).toMatchObject({ code: 'ENOSPC', path: '/p/node_modules/.clausewright/site-1-0123abcd/index.html' })
  expect(machineFaultOf(siteBuildFailure('exit 1', '[ERROR] Cannot read properties of undefined'))).toBeUndefined()
  expect(machineFaultOf(siteBuildFailure('SIGTERM', ''))).toBeUndefined()
})
