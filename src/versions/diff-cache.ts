import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { PolicyDiff } from '../model/diff.ts'

/**
 * The diffs between releases, kept by the integrity hashes of the two releases: a release never
 * changes (its hash proves it, and only verified releases are diffed), so its diff from the
 * release before is computed once, not on every build of a long history (500 word diffs took
 * 0.6 s of a 1.2 s compile).
 */
export interface DiffCache {
  get(key: string): PolicyDiff | undefined
  set(key: string, diff: PolicyDiff): void
}

/**
 * What a release's diff and pages are a function of: the release and the one before it, each
 * whole (by its integrity hash). The key of both caches (this one and src/astro/page-cache.ts).
 */
export function releasePairKey(from: { integrity: string } | undefined, to: { integrity: string }): string {
  return `${from?.integrity ?? 'none'}>${to.integrity}`
}

/** The name part of a cache kept for one policy directory (the caches of several policies sit side by side). */
export function policyCacheName(policyDirectory: string): string {
  return createHash('sha256').update(path.resolve(policyDirectory)).digest('hex').slice(0, 16)
}

// A change to the diff's code, or to the library under it, makes every cached diff stale. The
// paths are the same from src/versions/, from the CLI bundle in src/.bundle/ and from the compiled
// package (lib/src/versions/, where the modules are .js and jsdiff may sit in a node_modules above).
const implementation = (() => {
  const hash = createHash('sha256')
  const readModule = (name: string) => {
    try {
      return readFileSync(new URL(`${name}.ts`, import.meta.url))
    } catch {
      return readFileSync(new URL(`${name}.js`, import.meta.url))
    }
  }
  for (const name of ['../versions/diff', '../versions/reader-words', '../vocab/gdpr', '../compile/digest', '../compile/readable-content', '../render/format-date']) hash.update(readModule(name))
  hash.update(readFileSync(createRequire(import.meta.url).resolve('diff/package.json')))
  return hash.digest('hex')
})()

interface CacheFile {
  readonly implementation: string
  readonly diffs: Record<string, PolicyDiff>
}

export interface DiskDiffCache extends DiffCache {
  /** Writes the diffs used by this run (only those: the file never outgrows the history). */
  save(): Promise<void>
  readonly hits: number
  readonly misses: number
}

/**
 * A diff cache in a file of `directory`, one per policy directory. A file that cannot be read, or
 * was written by other code, is ignored: the cache only ever saves work.
 */
export async function openDiffCache(directory: string, policyDirectory: string): Promise<DiskDiffCache> {
  const file = path.join(directory, `diffs-${policyCacheName(policyDirectory)}.json`)
  let stored: Record<string, PolicyDiff> = {}
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as CacheFile
    if (parsed.implementation === implementation) stored = parsed.diffs
  } catch {
    // No cache yet, or an unreadable one: start afresh.
  }
  const used = new Map<string, PolicyDiff>()
  let changed = false
  let hits = 0
  let misses = 0
  return {
    get(key) {
      const diff = used.get(key) ?? (Object.hasOwn(stored, key) ? stored[key] : undefined)
      if (diff) {
        hits++
        used.set(key, diff)
      } else misses++
      return diff
    },
    set(key, diff) {
      used.set(key, diff)
      changed = true
    },
    get hits() {
      return hits
    },
    get misses() {
      return misses
    },
    async save() {
      if (!changed && used.size === Object.keys(stored).length) return
      await mkdir(directory, { recursive: true })
      const temporary = `${file}.${process.pid}.tmp`
      await writeFile(temporary, JSON.stringify({ implementation, diffs: Object.fromEntries(used) } satisfies CacheFile))
      await rename(temporary, file)
    },
  }
}
