import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { writeSyntheticPolicy } from '../scripts/synthetic-policy.ts'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { releasePairKey, openDiffCache } from '../src/versions/diff-cache.ts'
import type { PolicyDiff } from '../src/model/diff.ts'

let directory: string
const temporary: string[] = []

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'clausewright-diff-cache-'))
  temporary.push(directory)
  await writeSyntheticPolicy(directory, { clauses: 4, bytes: 0, releases: 4 })
}, 60_000)
afterAll(async () => {
  await Promise.all(temporary.map((item) => rm(item, { recursive: true, force: true })))
})

async function cacheDirectory(): Promise<string> {
  const made = await mkdtemp(path.join(tmpdir(), 'clausewright-cache-'))
  temporary.push(made)
  return made
}

const compileWith = async (diffCache?: Parameters<typeof compile>[1] extends infer O ? (O extends { diffCache?: infer C } ? C : never) : never) =>
  compile(await readPolicy('policy', { cwd: directory }), { today: '2100-01-01', ...(diffCache && { diffCache }) }).output

test('a second compile takes every diff from the cache, and writes the same files', async () => {
  const cacheDir = await cacheDirectory()
  const uncached = await compileWith()
  const first = await openDiffCache(cacheDir, directory)
  const cold = await compileWith(first)
  expect([first.hits, first.misses]).toEqual([0, 4])
  await first.save()

  const second = await openDiffCache(cacheDir, directory)
  const warm = await compileWith(second)
  expect([second.hits, second.misses]).toEqual([4, 0])
  expect(cold?.files).toEqual(uncached?.files)
  expect(warm?.files).toEqual(uncached?.files)
})

test('diffs are kept by the integrity hashes of both releases', async () => {
  const output = await compileWith()
  const [first, second] = output?.releases ?? []
  if (!first || !second) throw new Error('the synthetic history has no two releases')
  expect(releasePairKey(first, second)).toBe(`${first.integrity}>${second.integrity}`)
  expect(releasePairKey(undefined, first)).toBe(`none>${first.integrity}`)
  // What the cache holds under a pair's key is what the compiler uses for that pair.
  const cacheDir = await cacheDirectory()
  const cache = await openDiffCache(cacheDir, directory)
  const marked = { ...output?.changes[1], reasons: [{ kind: 'editorial', code: 'from-the-cache', message: 'from the cache', reader: { text: 'From the cache.', parts: [{ type: 'words', text: 'From the cache.' }] } }] } as unknown as PolicyDiff
  cache.set(releasePairKey(first, second), marked)
  expect((await compileWith(cache))?.changes[1]).toEqual(marked)
})

test('a cache file of other code, or a broken one, is ignored; saving keeps only the diffs used', async () => {
  const cacheDir = await cacheDirectory()
  const cache = await openDiffCache(cacheDir, directory)
  await compileWith(cache)
  cache.set('none>sha256:unused', { format: 'clausewright-diff/2', from: null, to: 'x', kind: 'initial', recorded: null, reasons: [], clauses: [], data: [], targets: [] })
  await cache.save()
  const [file] = await readdir(cacheDir)
  if (!file) throw new Error('no cache file was written')
  const saved = JSON.parse(await readFile(path.join(cacheDir, file), 'utf8')) as { implementation: string; diffs: Record<string, unknown> }
  expect(Object.keys(saved.diffs)).toHaveLength(5)

  // Reopened and used by a compile of the history: the unused entry is dropped on save.
  const reopened = await openDiffCache(cacheDir, directory)
  await compileWith(reopened)
  await reopened.save()
  const pruned = JSON.parse(await readFile(path.join(cacheDir, file), 'utf8')) as typeof saved
  expect(Object.keys(pruned.diffs)).toHaveLength(4)

  await writeFile(path.join(cacheDir, file), JSON.stringify({ ...pruned, implementation: 'other code' }))
  const stale = await openDiffCache(cacheDir, directory)
  await compileWith(stale)
  expect([stale.hits, stale.misses]).toEqual([0, 4])

  await writeFile(path.join(cacheDir, file), '{ not json')
  const broken = await openDiffCache(cacheDir, directory)
  expect((await compileWith(broken))?.changes).toEqual((await compileWith())?.changes)
  expect(broken.hits).toBe(0)
})
