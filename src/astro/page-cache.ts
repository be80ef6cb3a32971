import { createHash } from 'node:crypto'
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { policyCacheName, releasePairKey } from '../versions/diff-cache.ts'
import type { Release } from '../model/release.ts'
import type { VersionStanding } from '../versions/standing.ts'

/**
 * The pages of archived releases, kept between builds: a release never changes (its integrity hash
 * proves it), and its version page and change page are made from it, the release before it and
 * where it stands (current, replaced by the release after it, upcoming), so they are rendered
 * once, not on every build of a long history. Kept by the two releases' integrity hashes and its
 * standing, under a fingerprint of everything else a page is made from (the
 * site's templates and styles, the compiler's code, the configuration, the locked dependencies):
 * any change to those renders every page again.
 */
export interface PageCache {
  /** The releases whose two pages are in the cache, intact (each checked against its hash). */
  readonly cached: ReadonlySet<string>
  /** Puts the kept pages of the cached releases into `outDirectory` (hard links, or copies). */
  restore(outDirectory: string): Promise<void>
  /** Keeps the pages just rendered for the other releases, and forgets releases no longer built. */
  store(outDirectory: string): Promise<void>
}

interface CacheIndex {
  readonly fingerprint: string
  /** Per release key: the SHA-256 of its version page and of its change page. */
  readonly pages: Record<string, { readonly version: string; readonly change: string }>
}

const pagePaths = (version: string) => ({ version: `versions/${version}/index.html`, change: `changes/${version}/index.html` })

/** Everything besides the releases that a page is made from, as one hash. */
export async function siteFingerprint(projectRoot: string): Promise<string> {
  const hash = createHash('sha256')
  const files: string[] = ['astro.config.mjs', 'package-lock.json']
  for (const directory of ['site', 'src']) {
    for (const entry of await readdir(path.join(projectRoot, directory), { recursive: true, withFileTypes: true })) {
      const relative = path.relative(projectRoot, path.join(entry.parentPath, entry.name))
      if (entry.isFile() && !relative.split(path.sep).includes('.bundle')) files.push(relative)
    }
  }
  for (const file of files.sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`)
    hash.update(await readFile(path.join(projectRoot, file)).catch(() => Buffer.from('(missing)')))
    hash.update('\0')
  }
  return hash.digest('hex')
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex')

/**
 * Opens the page cache of one policy directory. A cache of another fingerprint is emptied; a
 * kept page that no longer matches its hash (edited in place through a hard link, say) is not used.
 */
export async function openPageCache(options: {
  directory: string
  policyDirectory: string
  fingerprint: string
  releases: readonly Release[]
  standings: readonly VersionStanding[]
  /** A preview of the draft (`build --draft`): its pages are not those of the published site (noindex). */
  previewOfDraft: boolean
}): Promise<PageCache> {
  const directory = path.join(options.directory, `pages-${policyCacheName(options.policyDirectory)}`)
  const indexFile = path.join(directory, 'index.json')
  let index: CacheIndex = { fingerprint: options.fingerprint, pages: {} }
  try {
    const stored = JSON.parse(await readFile(indexFile, 'utf8')) as CacheIndex
    if (stored.fingerprint !== options.fingerprint) throw new Error('kept by other code')
    index = stored
  } catch {
    // No cache yet, an unreadable one, or one of other code: started afresh (if it can be).
    await rm(directory, { recursive: true, force: true }).catch(() => undefined)
  }

  // A version page says where its release stands: a release replaced, or come into force, is
  // rendered again; and a preview's pages are kept apart from the published site's.
  const keyOf = new Map(
    options.releases.map((release, position) => [release.version, sha256(`${releasePairKey(options.releases[position - 1], release)}\0${JSON.stringify(options.standings[position] ?? null)}${options.previewOfDraft ? '\0draft' : ''}`)]),
  )
  const fileOf = (key: string, page: 'version' | 'change') => path.join(directory, `${key}.${page}.html`)
  const cached = new Set<string>()
  await Promise.all(
    options.releases.map(async (release) => {
      const key = keyOf.get(release.version) ?? ''
      const hashes = Object.hasOwn(index.pages, key) ? index.pages[key] : undefined
      if (!hashes) return
      const intact = await Promise.all((['version', 'change'] as const).map(async (page) => sha256(await readFile(fileOf(key, page)).catch(() => new Uint8Array())) === hashes[page]))
      if (intact.every(Boolean)) cached.add(release.version)
    }),
  )

  return {
    cached,
    async restore(outDirectory) {
      await Promise.all(
        [...cached].map(async (version) => {
          const key = keyOf.get(version) ?? ''
          const paths = pagePaths(version)
          for (const page of ['version', 'change'] as const) {
            const target = path.join(outDirectory, paths[page])
            await mkdir(path.dirname(target), { recursive: true })
            await linkOrCopy(fileOf(key, page), target)
          }
        }),
      )
    },
    async store(outDirectory) {
      await mkdir(directory, { recursive: true })
      const pages: CacheIndex['pages'] = {}
      await Promise.all(
        options.releases.map(async (release) => {
          const key = keyOf.get(release.version) ?? ''
          const paths = pagePaths(release.version)
          if (cached.has(release.version)) {
            pages[key] = index.pages[key] ?? { version: '', change: '' }
            return
          }
          const hashes = { version: '', change: '' }
          for (const page of ['version', 'change'] as const) {
            const source = path.join(outDirectory, paths[page])
            hashes[page] = sha256(await readFile(source))
            await rm(fileOf(key, page), { force: true })
            await linkOrCopy(source, fileOf(key, page))
          }
          pages[key] = hashes
        }),
      )
      // Releases no longer in the history (another branch, a rewritten history) are forgotten.
      const kept = new Set(Object.keys(pages).flatMap((key) => [`${key}.version.html`, `${key}.change.html`]))
      await Promise.all((await readdir(directory)).filter((name) => name.endsWith('.html') && !kept.has(name)).map((name) => rm(path.join(directory, name), { force: true })))
      const temporary = `${indexFile}.${process.pid}.tmp`
      await writeFile(temporary, JSON.stringify({ fingerprint: options.fingerprint, pages } satisfies CacheIndex))
      await rename(temporary, indexFile)
    },
  }
}

/** A hard link (no bytes written), or a copy where links are not possible (another file system). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}
