import { readFile } from 'node:fs/promises'
import { getCollection, getEntry } from 'astro:content'
import type { SiteEntry } from '../../src/astro/site-data.ts'
import type { ErrorEntryData } from '../../src/astro/site-schema.ts'
import { dateFormatOf } from '../../src/model/policy-document.ts'
import type { DateFormat } from '../../src/model/types.ts'
import { formatDate as formatPolicyDate } from '../../src/render/format-date.ts'

/** A date written as the document (or the change's version) writes its dates: its language and `dateFormat`. */
export function formatDate(isoDate: string, document: { readonly language: string; readonly dateFormat?: DateFormat | undefined }): string {
  return formatPolicyDate(isoDate, document.language, dateFormatOf(document))
}

type EntryOf<Id extends string> = Extract<SiteEntry, { id: Id }>

/** A link inside the policy pages, under Astro's base and the integration's. */
export function href(path = ''): string {
  const astroBase = import.meta.env.BASE_URL.replace(/\/$/, '')
  return `${astroBase}${__CLAUSEWRIGHT_BASE__}${path}`
}

/** A link to a file of the site's root (robots.txt, sitemap.xml), under Astro's base only. */
export function rootHref(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${path}`
}

let handedOver: Promise<ReadonlyMap<string, SiteEntry>> | undefined

/**
 * The entries `clausewright build` compiled, when it runs this build: it hands them over in one
 * JSON file (CLAUSEWRIGHT_SITE_ENTRIES), read once, and its loader leaves the content store empty.
 * Astro inlines its content store into a JavaScript module for the build, which with every
 * version of a long history held 50 MB and cost seconds (bench/results.md). The build starts
 * before the policy is compiled: the file may not be there yet.
 */
function entriesOfTheBuild(): Promise<ReadonlyMap<string, SiteEntry>> | undefined {
  const file = process.env['CLAUSEWRIGHT_SITE_ENTRIES']
  if (!file) return undefined
  handedOver ??= waitForFile(file).then((text) => new Map((JSON.parse(text) as SiteEntry[]).map((entry) => [entry.id, entry])))
  return handedOver
}

async function waitForFile(file: string): Promise<string> {
  const parent = process.ppid
  // Far longer than any compile: only a stray CLAUSEWRIGHT_SITE_ENTRIES waits this long.
  const deadline = Date.now() + 10 * 60_000
  for (;;) {
    try {
      return await readFile(file, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error
    }
    // clausewright stops this build when the policy has errors; should it die instead, stop too.
    if (process.ppid !== parent) throw new Error('clausewright build stopped before handing over the compiled policy')
    if (Date.now() > deadline) throw new Error(`CLAUSEWRIGHT_SITE_ENTRIES names \`${file}\`, which did not appear: it is set by clausewright build, not by hand`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** One entry: the data the page shows, and the clauses' HTML (sanitised by the compiler) if any. */
export async function loadEntry<Id extends SiteEntry['id']>(id: Id): Promise<{ data: EntryOf<Id>['data']; html: string }> {
  const built = await entriesOfTheBuild()
  if (built) {
    const entry = built.get(id)
    if (!entry) throw new Error(`Clausewright has no entry ${id}`)
    return { data: entry.data as EntryOf<Id>['data'], html: 'html' in entry ? entry.html : '' }
  }
  // The entry first: a policy with errors leaves only the `error` entry in the store, so the error
  // is looked for only when the entry is missing.
  const entry = await getEntry('clausewright', id)
  if (!entry) {
    await storedIds()
    throw new Error(`Clausewright has no entry ${id}`)
  }
  // Parsed by the collection schema when it was stored (src/astro/site-schema.ts), as its id's
  // kind; `getEntry` is typed only by the types `astro sync` writes, which this project does not.
  const stored: { data: EntryOf<Id>['data']; rendered?: { html: string } } = entry
  return { data: stored.data, html: stored.rendered?.html ?? '' }
}

/** The ids after a prefix (`version/`, `change/`, `file/`), in the loader's order. */
export async function listIds(prefix: 'version/' | 'change/' | 'file/'): Promise<string[]> {
  const built = await entriesOfTheBuild()
  const ids = built ? [...built.keys()] : await storedIds()
  return ids.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length))
}

/** The ids in the content store. A policy with errors is thrown here, so that `astro dev` shows the diagnostics in its overlay. */
async function storedIds(): Promise<string[]> {
  const entries = await getCollection('clausewright')
  const error = entries.find((entry: { id: string }) => entry.id === 'error')
  if (error) {
    const { message }: ErrorEntryData = error.data
    throw new Error(`The policy has errors:\n${message}`)
  }
  return entries.map((entry: { id: string }) => entry.id)
}

// Whether a superseded version applied for a day at all: one replaced on its own date did not.
export { wasInForce } from '../../src/versions/standing.ts'

// "Substantive change", "Editorial change, as judged by the editor": the label says who decided.
export { kindLabel } from '../../src/versions/kind-label.ts'

/**
 * What tells apart the versions of one date where a heading names the date: the id of a second or
 * later release of the day (` (2020-06-01.2)`), nothing for the first.
 */
export function sameDayId(version: string): string {
  return /\.\d+$/.test(version) ? ` (${version})` : ''
}

/** How the lists and pages mark where a version stands. */
export const statusLabels = {
  superseded: 'Superseded',
  current: 'Current version',
  upcoming: 'Upcoming',
} as const

export const lawfulBasisLabels: Record<string, string> = {
  consent: 'Consent',
  contract: 'Contract',
  'legal-obligation': 'Legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'Public task',
  'legitimate-interests': 'Legitimate interests',
}

/**
 * Whether the site has a sitemap: its URLs are absolute, so only with Astro's `site`; and not for
 * a preview of the draft, whose pages ask not to be indexed (Layout.astro).
 */
export async function sitemapIsPublished(): Promise<boolean> {
  if (!import.meta.env.SITE) return false
  const { preview } = (await loadEntry('current')).data
  return preview !== 'draft' && preview !== 'draft-unchanged'
}
