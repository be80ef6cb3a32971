import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'

// bin/clausewright.js runs the bundle only while it is newer than every source: an edited source
// must never be shadowed by a stale bundle. Tested on a miniature project with the real bin.
const run = promisify(execFile)
const temporary = removedAfterAll()

const mainModule = (label: string) => `export async function main(argv, io) { io.stdout('${label}\\n'); return 0 }\n`

test('the bin prefers a fresh bundle and falls back to the sources when one is newer', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'clausewright-bin-'))
  temporary.push(root)
  await mkdir(path.join(root, 'bin'))
  await mkdir(path.join(root, 'src', 'cli'), { recursive: true })
  await mkdir(path.join(root, 'src', '.bundle'))
  await mkdir(path.join(root, 'schema'))
  await cp(path.join(repoRoot, 'bin', 'clausewright.js'), path.join(root, 'bin', 'clausewright.js'))
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n')
  await writeFile(path.join(root, 'schema', 'a.schema.json'), '{}\n')
  await writeFile(path.join(root, 'src', 'cli', 'main.ts'), mainModule('sources'))
  await writeFile(path.join(root, 'src', '.bundle', 'main.js'), mainModule('bundle'))
  const old = new Date(Date.now() - 60_000)
  for (const file of ['package.json', 'schema/a.schema.json', 'src/cli/main.ts']) await utimes(path.join(root, file), old, old)
  // Without the run's NODE_COMPILE_CACHE (test/helpers/global-setup.ts): the bin's own choice is tested.
  const cli = async () => (await run(process.execPath, [path.join(root, 'bin', 'clausewright.js')], { env: { ...process.env, NODE_COMPILE_CACHE: undefined } })).stdout

  expect(await cli()).toBe('bundle\n')
  await utimes(path.join(root, 'src', 'cli', 'main.ts'), new Date(), new Date(Date.now() + 5_000))
  expect(await cli()).toBe('sources\n')
  await rm(path.join(root, 'src', '.bundle'), { recursive: true })
  expect(await cli()).toBe('sources\n')
  // V8 keeps the compiled code between runs, beside the project's other caches.
  expect(await readdir(path.join(root, 'node_modules', '.cache', 'clausewright', 'compile-cache'))).not.toEqual([])
})

// Found by the review of NODE_COMPILE_CACHE: the cache's path was the URL's pathname, percent-encoded,
// so a project in "a b" made a directory "a%20b" beside it, where nothing of it belongs.
test('a project whose path holds a space keeps V8’s code in its own node_modules, and writes nothing beside it', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'clausewright-bin-'))
  temporary.push(parent)
  const root = path.join(parent, 'a project')
  await mkdir(path.join(root, 'bin'), { recursive: true })
  await mkdir(path.join(root, 'src', '.bundle'), { recursive: true })
  await mkdir(path.join(root, 'schema'))
  await cp(path.join(repoRoot, 'bin', 'clausewright.js'), path.join(root, 'bin', 'clausewright.js'))
  await mkdir(path.join(root, 'src', 'cli'))
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n')
  await writeFile(path.join(root, 'src', 'cli', 'main.ts'), mainModule('sources'))
  const old = new Date(Date.now() - 60_000)
  for (const file of ['package.json', 'src/cli/main.ts']) await utimes(path.join(root, file), old, old)
  await writeFile(path.join(root, 'src', '.bundle', 'main.js'), mainModule('bundle'))
  const { stdout } = await run(process.execPath, [path.join(root, 'bin', 'clausewright.js')], { env: { ...process.env, NODE_COMPILE_CACHE: undefined } })
  expect(stdout).toBe('bundle\n')
  expect(await readdir(parent)).toEqual(['a project'])
  expect(await readdir(path.join(root, 'node_modules', '.cache', 'clausewright', 'compile-cache'))).not.toEqual([])
})

// Installed from the package there is no src/: the bin runs the compiled modules in lib/
// (scripts/compile-package.ts), and keeps V8's code where Node keeps it by default, not in the
// installed package, which is not the project's to write in.
test('installed from the package, the bin runs the compiled lib/ and writes nothing into the package', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'clausewright-bin-'))
  temporary.push(parent)
  const root = path.join(parent, 'clausewright')
  await mkdir(path.join(root, 'bin'), { recursive: true })
  await mkdir(path.join(root, 'lib', 'src', 'cli'), { recursive: true })
  await cp(path.join(repoRoot, 'bin', 'clausewright.js'), path.join(root, 'bin', 'clausewright.js'))
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n')
  await writeFile(path.join(root, 'lib', 'src', 'cli', 'main.js'), mainModule('compiled'))
  const cacheParent = await mkdtemp(path.join(tmpdir(), 'clausewright-bin-tmp-'))
  temporary.push(cacheParent)
  const { stdout } = await run(process.execPath, [path.join(root, 'bin', 'clausewright.js')], { env: { ...process.env, NODE_COMPILE_CACHE: undefined, TMPDIR: cacheParent } })
  expect(stdout).toBe('compiled\n')
  expect((await readdir(root)).sort()).toEqual(['bin', 'lib', 'package.json'])
})
