import { execFile, spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { setPriority, tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { listFiles, outputMarker, outputMarkerText, replaceDirectory } from '../../src/emit/write-output.ts'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { replayedAstro, replayedToday } from '../helpers/replayed-astro.ts'
import { runCli } from '../helpers/run-cli.ts'

// Faults of the machine the build runs on: a reader of the output during a rebuild, builds at the
// same time, a disk that refuses writes (a build killed half-way: killed-build.test.ts). The builds
// are the CLI's, whole, in this process; Astro's part of them is a real build of the same policy,
// recorded once and replayed (test/helpers/replayed-astro.ts): its pages are written to Astro's own
// work directory, never to the output, so what is tested here is what the CLI does with them.
const temporary = removedAfterAll()

async function project(): Promise<string> {
  const cwd = await makePolicy()
  temporary.push(cwd)
  return cwd
}

const astro = await replayedAstro(temporary)

async function build(cwd: string, args: readonly string[] = []) {
  return runCli(['build', '--quiet', '--today', replayedToday, ...args], cwd, {}, astro)
}

/**
 * A reader in a process of its own that reads `file` every `pause` milliseconds until `stop`
 * exists (or a bounded number of reads), counting the reads that found no file or an empty one.
 * The pause leaves the cores to the builds (a reader without one spent a core on system calls):
 * a switch that left the file missing would leave it so for longer than that (the removal of a
 * directory and a rename). `progressed` waits until it has read again since it was called: the
 * promise is to a reader that reads while the output is replaced (the generation it has just
 * opened stays until the next switch), not to one stalled across two builds, which a loaded
 * machine can make of a reader between two cheap switches. A `niceness` above 0 lowers the
 * reader's priority (os.setPriority).
 */
async function startReader(file: string, stop: string, options: { pause: number; niceness?: number }): Promise<{ finished: Promise<{ reads: number; missing: number; empty: number }>; progressed: () => Promise<void> }> {
  const source = `
    const { existsSync, readFileSync } = require('node:fs')
    const [file, stop, pause] = process.argv.slice(1)
    const sleeper = new Int32Array(new SharedArrayBuffer(4))
    // A run of the tests that is killed never writes stop: the reader ends with its parent.
    const parent = process.ppid
    let reads = 0, missing = 0, empty = 0
    process.stdout.write('ready\\n')
    while (reads < 20000000 && (reads % 64 !== 0 || (!existsSync(stop) && process.ppid === parent))) {
      reads += 1
      try { if (readFileSync(file).length === 0) empty += 1 } catch (error) { if (error.code === 'ENOENT') missing += 1; else throw error }
      if (reads % 64 === 0) process.stderr.write('.')
      Atomics.wait(sleeper, 0, 0, Number(pause))
    }
    process.stdout.write(JSON.stringify({ reads, missing, empty }) + '\\n')
  `
  const niceness = options.niceness ?? 0
  const child = spawn(process.execPath, ['-e', source, file, stop, String(options.pause)], { stdio: ['ignore', 'pipe', 'pipe'] })
  if (niceness !== 0 && child.pid !== undefined) setPriority(child.pid, niceness)
  // Each tick is 64 reads done; two ticks after a call, a whole read began after it.
  let ticks = 0
  const waiting: Array<{ until: number; resolve: () => void }> = []
  let errors = ''
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString()
    ticks += text.split('.').length - 1
    errors += text.replaceAll('.', '')
    for (const waiter of waiting.filter((item) => ticks >= item.until)) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve()
    }
  })
  const progressed = () => new Promise<void>((resolve) => waiting.push({ until: ticks + 2, resolve }))
  let output = ''
  let ready = (): void => undefined
  const started = new Promise<void>((resolve) => {
    ready = resolve
  })
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (output.startsWith('ready\n')) ready()
  })
  const finished = new Promise<{ reads: number; missing: number; empty: number }>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      const lines = output.trim().split('\n')
      if (code === 0 && lines[0] === 'ready') resolve(JSON.parse(lines.at(-1) ?? '') as { reads: number; missing: number; empty: number })
      else reject(new Error(`the reader failed (exit ${code}): ${output}${errors}`))
      ready()
      // A reader that ended reads no more: nothing waits for it.
      for (const waiter of waiting.splice(0)) waiter.resolve()
    })
  })
  await started
  // In an object: an async function that returned the promise itself would wait for it.
  return { finished, progressed }
}

async function fillWith(text: string) {
  return async (staging: string) => {
    await mkdir(path.join(staging, 'versions'))
    await writeFile(path.join(staging, 'index.html'), text)
    await writeFile(path.join(staging, 'versions', 'index.html'), text)
  }
}

/** dist links to the newest generation; the one it replaced is kept until the next build, older ones are gone. */
async function expectGenerations(cwd: string): Promise<void> {
  const entries = (await readdir(cwd)).sort()
  const generations = entries.filter((name) => /^\.dist-\d+-[0-9a-f]{8}$/.test(name))
  expect(entries).toEqual([...generations, 'dist', 'policy', 'stop'])
  expect(generations).toHaveLength(2)
  expect(generations).toContain(await readlink(path.join(cwd, 'dist')))
}

test('a reader of dist/index.html never finds it missing while the output is replaced again and again', async () => {
  const cwd = await project()
  const guard = { cwd, policyDirectory: 'policy' }
  await replaceDirectory('dist', guard, await fillWith('build 0'))
  const stop = path.join(cwd, 'stop')
  // A read every 20 µs (and the read itself): a switch that left no file for the time of a removal would be met.
  const reader = await startReader(path.join(cwd, 'dist', 'index.html'), stop, { pause: 0.02 })
  for (let round = 1; round <= 150; round += 1) {
    await replaceDirectory('dist', guard, await fillWith(`build ${round}`))
    await reader.progressed()
  }
  await writeFile(stop, '')
  const seen = await reader.finished
  expect(seen.reads).toBeGreaterThan(0)
  expect(seen).toEqual({ reads: seen.reads, missing: 0, empty: 0 })
  expect(await readFile(path.join(cwd, 'dist', 'index.html'), 'utf8')).toBe('build 150')
  await expectGenerations(cwd)
}, 60_000)

test('two builds into one new dist at the same time both complete, dist one of them whole; across a rebuild after them, the site stays readable', async () => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'dist'))
  const results = await Promise.all([build(cwd), build(cwd)])
  expect(results).toEqual([
    { code: 0, stdout: '', stderr: '' },
    { code: 0, stdout: '', stderr: '' },
  ])
  const first = await readFile(path.join(cwd, 'dist', outputMarker), 'utf8')
  expect(first).toBe(outputMarkerText(await listFiles(path.join(cwd, 'dist'))).replace(`${outputMarker}\n`, ''))
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])
  // A next build finds an earlier output there, and replaces it under a reader of the site (the
  // first test replaces it 150 times; this one with a build). The reader reads as fast as it
  // can while it runs (seconds of a core): at a lower priority, it reads on the time the build
  // leaves rather than on its.
  const stop = path.join(cwd, 'stop')
  const reader = await startReader(path.join(cwd, 'dist', 'index.html'), stop, { pause: 0.2, niceness: 10 })
  expect((await build(cwd)).code).toBe(0)
  await reader.progressed()
  await writeFile(stop, '')
  const seen = await reader.finished
  expect(seen.reads).toBeGreaterThan(0)
  expect(seen).toEqual({ reads: seen.reads, missing: 0, empty: 0 })
  await expectGenerations(cwd)
  // The marker lists every file of the site, and nothing else is there.
  const marker = await readFile(path.join(cwd, 'dist', outputMarker), 'utf8')
  expect(marker).toBe(outputMarkerText(await listFiles(path.join(cwd, 'dist'))).replace(`${outputMarker}\n`, ''))
  expect(marker.split('\n')).toEqual(expect.arrayContaining(['index.html', 'policy.json', 'versions.json', 'changes.atom']))
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])
}, 90_000)

test('two outputs switched into one empty directory at the same time both succeed, again and again', async () => {
  const cwd = await project()
  const guard = { cwd, policyDirectory: 'policy' }
  for (let round = 0; round < 20; round += 1) {
    await rm(path.join(cwd, 'dist'), { force: true, recursive: true })
    await mkdir(path.join(cwd, 'dist'))
    // Both fills end together, so that both switches meet.
    let arrived = 0
    let release = (): void => undefined
    const together = new Promise<void>((resolve) => {
      release = resolve
    })
    const meet = async (staging: string, text: string) => {
      await (await fillWith(text))(staging)
      arrived += 1
      if (arrived === 2) release()
      await together
    }
    await Promise.all([replaceDirectory('dist', guard, (staging) => meet(staging, 'a')), replaceDirectory('dist', guard, (staging) => meet(staging, 'b'))])
    expect(['a', 'b']).toContain(await readFile(path.join(cwd, 'dist', 'index.html'), 'utf8'))
  }
})

test('what an ended build left is removed, links as links (never what they point to), and nothing else', async () => {
  const cwd = await project()
  const outside = path.join(cwd, 'outside')
  await mkdir(outside)
  await writeFile(path.join(outside, 'keep.txt'), 'not ours')
  // A process that has ended: its pid is free (a reused one would only keep its work longer).
  const ended = spawnSync(process.execPath, ['-e', '']).pid
  await mkdir(path.join(cwd, `.dist-${ended}-0123abcd`))
  await writeFile(path.join(cwd, `.dist-${ended}-0123abcd`, 'index.html'), 'half a build')
  await symlink(outside, path.join(cwd, `.dist-${ended}-4567cdef`))
  await symlink(`.dist-${ended}-0123abcd`, path.join(cwd, `.dist-${ended}-89abcdef.link`))
  const notOurs = ['.dist-old', `.dist-${ended}-0123abcd.bak`, `.dist-${ended}-XYZ`, `.site-${ended}-0123abcd`]
  for (const name of notOurs) await writeFile(path.join(cwd, name), 'not ours')
  await replaceDirectory('dist', { cwd, policyDirectory: 'policy' }, await fillWith('new'))
  const generation = await readlink(path.join(cwd, 'dist'))
  expect((await readdir(cwd)).sort()).toEqual([...notOurs, generation, 'dist', 'outside', 'policy'].sort())
  expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('not ours')
})

// Real file systems that refuse writes. /sys refuses everyone (EPERM as root, EACCES otherwise).
test('an output on a file system that refuses new directories (/sys) is reported as such with its path, exit 1', async () => {
  const cwd = await project()
  const result = await build(cwd, ['--out', '/sys/clausewright-output'])
  expect(result.code).toBe(1)
  expect(result.stderr).toMatch(/^clausewright: could not write the output `\/sys\/clausewright-output`: (the operation is not permitted \(EPERM\)|permission denied \(EACCES\)) at `\/sys\/\.clausewright-output-\d+-[0-9a-f]{8}`; the previous output is as it was\n$/)
  expect((await readdir('/sys')).filter((name) => name.includes('clausewright'))).toEqual([])
})

// A tmpfs too small for the site, and one remounted read-only: they need root (CI runs as root on
// this machine); disk-faults.test.ts injects the same faults without it.
const run = promisify(execFile)
const canMount = await (async () => {
  if (process.getuid?.() !== 0) return false
  const probe = await mkdtemp(path.join(tmpdir(), 'clausewright-tmpfs-'))
  const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).then(
    () => true,
    () => false,
  )
  if (mounted) await run('umount', [probe])
  await rm(probe, { recursive: true })
  return mounted
})()

async function withTmpfs(options: string, use: (mountPoint: string) => Promise<void>): Promise<void> {
  const mountPoint = await mkdtemp(path.join(tmpdir(), 'clausewright-tmpfs-'))
  await run('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint])
  try {
    await use(mountPoint)
  } finally {
    await run('umount', [mountPoint])
    await rm(mountPoint, { recursive: true })
  }
}

/** An earlier output in `directory/site` (a page and the marker), and a way to read it back whole. */
async function earlierOutput(cwd: string, directory: string) {
  const out = path.join(directory, 'site')
  await replaceDirectory(out, { cwd, policyDirectory: 'policy' }, await fillWith('the previous build'))
  const read = async () => ({
    entries: (await readdir(directory)).sort(),
    link: await readlink(out),
    page: await readFile(path.join(out, 'index.html'), 'utf8'),
    marker: await readFile(path.join(out, outputMarker), 'utf8'),
  })
  return { out, before: await read(), read }
}

test.runIf(canMount)('a full disk (a tmpfs of 64 KiB) is reported as such with its path, exit 1, the previous output as it was', async () => {
  const cwd = await project()
  await withTmpfs('size=64k', async (mountPoint) => {
    const { out, before, read } = await earlierOutput(cwd, mountPoint)
    const result = await build(cwd, ['--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`clausewright: could not write the output \`${out}\`: no space is left on the device (ENOSPC) at \`${mountPoint}/.site-`)
    expect(result.stderr).toContain('; the previous output is as it was\n')
    expect(await read()).toEqual(before)
  })
})

test.runIf(canMount)('a read-only file system (a tmpfs remounted read-only) is reported as such with its path, exit 1, the previous output as it was', async () => {
  const cwd = await project()
  await withTmpfs('size=1m', async (mountPoint) => {
    const { out, before, read } = await earlierOutput(cwd, mountPoint)
    await run('mount', ['-o', 'remount,ro', mountPoint])
    const result = await build(cwd, ['--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^clausewright: could not write the output \`${out}\`: the file system is read-only \\(EROFS\\) at \`${mountPoint}/\\.site-\\d+-[0-9a-f]{8}\`; the previous output is as it was\n$`))
    expect(await read()).toEqual(before)
  })
})

test('the replayed Astro build refuses to stand for a build of another policy: the test would read pages of a policy it did not build', async () => {
  const cwd = await project()
  await writeFile(path.join(cwd, 'policy', 'clauses', 'intro.md'), (await readFile(path.join(cwd, 'policy', 'clauses', 'intro.md'), 'utf8')).replace('---\n\n', '---\n\nChanged. '))
  const result = await build(cwd)
  expect(result.code).not.toBe(0)
  expect(result.stderr).toContain('these entries are another policy’s')
  expect(await readdir(cwd)).toEqual(['policy'])
})
