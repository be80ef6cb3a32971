import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { removedAfterAll } from './helpers/fixture-policy.ts'
import { buildWithBin, optsmCopy } from './helpers/shared-builds.ts'
import { readTree } from './helpers/site.ts'

// What `clausewright build` keeps for the next build (the diffs, the pages of the releases) when it
// cannot keep it, and when a kept page was changed. A file of its own beside build.test.ts, so that
// the two run at the same time, and its two tests at the same time too: a build mostly waits for its
// Astro process, which leaves a core to the other.
const temporary = removedAfterAll()

const build = buildWithBin
const copyOfOptsm = () => optsmCopy(temporary)

test.concurrent('a cache that cannot be written never fails the build: it warns, and the output is complete', async () => {
  const cwd = await copyOfOptsm()
  const blocker = path.join(cwd, 'not-a-directory')
  await writeFile(blocker, '')
  const result = await build(cwd, [], { CLAUSEWRIGHT_CACHE_DIR: path.join(blocker, 'cache') })
  expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, ''])
  expect(result.stderr).toMatch(/clausewright: warning: the diffs could not be kept for the next build \(ENOTDIR/)
  expect(result.stderr).toMatch(/clausewright: warning: the pages could not be kept for the next build \(ENOTDIR/)
  // The 19 files of the site and the marker of an output.
  expect(Object.keys(await readTree(path.join(cwd, 'dist')))).toHaveLength(20)
  // --quiet leaves the warnings out: test/hostile/disk-faults.test.ts, without a real Astro build.
}, 120_000)

test.concurrent('a kept page edited in place through the output is not used again: the release is rendered anew', async () => {
  const cwd = await copyOfOptsm()
  const cache = await mkdtemp(path.join(tmpdir(), 'clausewright-cache-'))
  temporary.push(cache)
  const env = { CLAUSEWRIGHT_CACHE_DIR: cache }
  await build(cwd, ['--out', 'first'], env)
  const page = path.join(cwd, 'first', 'versions', '2019-01-25', 'index.html')
  const original = await readFile(page, 'utf8')
  // The output's page is a hard link to the kept one: writing into it changes both.
  await writeFile(page, original.replace('</main>', '<p>tampered</p></main>'))
  const again = await build(cwd, ['--out', 'second'], env)
  expect(again.stderr).toMatch(/\(\d+ ms; 1 of 1 diffs from the cache\)\n/)
  expect(await readFile(path.join(cwd, 'second', 'versions', '2019-01-25', 'index.html'), 'utf8')).toBe(original)
  const third = await build(cwd, ['--out', 'third'], env)
  expect(third.stderr).toMatch(/the pages of 1 release from the cache\)\n/)
  expect(await readFile(path.join(cwd, 'third', 'versions', '2019-01-25', 'index.html'), 'utf8')).toBe(original)
}, 120_000)
