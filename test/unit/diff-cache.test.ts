import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import type { PolicyDiff } from '../../src/model/diff.ts'
import { openDiffCache, policyCacheName, releasePairKey } from '../../src/versions/diff-cache.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// The diff cache alone, without a compile: what it answers, counts and writes.
const temporary = removedAfterAll()
const directory = async () => {
  const made = await mkdtemp(path.join(tmpdir(), 'clausewright-diff-cache-unit-'))
  temporary.push(made)
  return made
}
const diff = (to: string): PolicyDiff => ({ format: 'clausewright-diff/2', from: null, to, kind: 'initial', recorded: null, reasons: [], clauses: [], data: [], targets: [] })
const readStored = async (cache: string) => {
  const [file, ...others] = await readdir(cache)
  if (!file || others.length > 0) throw new Error(`expected one cache file, found ${[file, ...others].join(', ')}`)
  return { file: path.join(cache, file), content: JSON.parse(await readFile(path.join(cache, file), 'utf8')) as { implementation: string; diffs: Record<string, PolicyDiff> } }
}

test('a key names both releases, none before the first', () => {
  expect(releasePairKey({ integrity: 'sha256:a' }, { integrity: 'sha256:b' })).toBe('sha256:a>sha256:b')
  expect(releasePairKey(undefined, { integrity: 'sha256:b' })).toBe('none>sha256:b')
})

test('the cache of a policy directory is named by its absolute path', () => {
  expect(policyCacheName('policy')).toMatch(/^[0-9a-f]{16}$/)
  expect(policyCacheName('policy')).toBe(policyCacheName(path.resolve('policy')))
  expect(policyCacheName('policy')).not.toBe(policyCacheName('other'))
})

test('what is set is got back, each answer counted as a hit or a miss', async () => {
  const cache = await openDiffCache(await directory(), 'policy')
  expect(cache.get('none>a')).toBeUndefined()
  cache.set('none>a', diff('a'))
  expect(cache.get('none>a')).toEqual(diff('a'))
  expect(cache.get('none>a')).toEqual(diff('a'))
  expect(cache.get('a>b')).toBeUndefined()
  expect([cache.hits, cache.misses]).toEqual([2, 2])
})

test('a key that is a property of every object is no stored diff', async () => {
  const place = await directory()
  const first = await openDiffCache(place, 'policy')
  first.set('none>a', diff('a'))
  await first.save()
  const reopened = await openDiffCache(place, 'policy')
  expect(reopened.get('constructor')).toBeUndefined()
  expect(reopened.get('toString')).toBeUndefined()
  expect(reopened.get('none>a')).toEqual(diff('a'))
  expect([reopened.hits, reopened.misses]).toEqual([1, 2])
})

test('nothing is written when nothing was set and every stored diff was used', async () => {
  const place = await directory()
  const untouched = await openDiffCache(place, 'policy')
  await untouched.save()
  expect(await readdir(place)).toEqual([])

  const first = await openDiffCache(place, 'policy')
  first.set('none>a', diff('a'))
  await first.save()
  const { file, content } = await readStored(place)
  expect(Object.keys(content.diffs)).toEqual(['none>a'])
  expect(content.implementation).toMatch(/^[0-9a-f]{64}$/)
  // Marked so that a write would show.
  await writeFile(file, JSON.stringify({ ...content, marked: true }))
  const before = await stat(file)
  const reused = await openDiffCache(place, 'policy')
  expect(reused.get('none>a')).toEqual(diff('a'))
  await reused.save()
  expect((await stat(file)).mtimeMs).toBe(before.mtimeMs)
  expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('marked', true)

  // A stored diff not used this time is dropped, though nothing was set.
  const unused = await openDiffCache(place, 'policy')
  await unused.save()
  expect((await readStored(place)).content.diffs).toEqual({})
})

test('a diff set again under a stored key is written, though the cache holds as many diffs as before', async () => {
  const place = await directory()
  const first = await openDiffCache(place, 'policy')
  first.set('none>a', diff('a'))
  await first.save()
  const again = await openDiffCache(place, 'policy')
  again.set('none>a', diff('changed'))
  await again.save()
  expect((await openDiffCache(place, 'policy')).get('none>a')).toEqual(diff('changed'))
})

test('the file is written whole, under its own name, with no temporary file left', async () => {
  const place = path.join(await directory(), 'not', 'yet')
  const cache = await openDiffCache(place, 'policy')
  cache.set('none>a', diff('a'))
  cache.set('a>b', diff('b'))
  await cache.save()
  expect(await readdir(place)).toEqual([`diffs-${policyCacheName('policy')}.json`])
  expect((await readStored(place)).content.diffs).toEqual({ 'none>a': diff('a'), 'a>b': diff('b') })
})
