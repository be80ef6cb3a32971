import { type CompiledPolicy, draftVersion } from '../compile/compile.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import type { DateFormat } from '../model/types.ts'
import { jsonForScript, toJsonLd } from '../compile/to-json-ld.ts'
import type { PolicyDiff } from '../model/diff.ts'
import type { DecidedBy, ProvedKind, Release } from '../model/release.ts'
import { sanitizeReleaseDocument } from '../versions/release-safety.ts'
import type { VersionStanding, VersionStatus } from '../versions/standing.ts'
import { withoutAnchors } from '../render/sanitize-html.ts'
import { blockDiffHtml, collapsedHtml } from '../versions/block-diff.ts'
import { diffDocuments } from '../versions/diff.ts'

/** One release as the site lists it. */
export interface VersionSummary {
  readonly version: string
  readonly effective: string
  readonly summary: string
  readonly kind: ProvedKind
  /** Who decided the kind; null for a release of format /1, which did not record it. */
  readonly decidedBy: DecidedBy | null
  readonly previous: string | null
}

/** A release in the lists, marked current or upcoming. */
export interface ListedVersion extends VersionSummary {
  readonly status: VersionStatus
}

/**
 * What the policy page shows besides the document: the release it is (null for the draft), the
 * next announced change, if any, and for a draft why it is shown (`draft`: asked for with
 * `build --draft`, with changes not released; `draft-unchanged`: asked for, and the same as the
 * newest release; `unreleased`: nothing was released yet).
 */
// A type, not an interface: the loader stores entries as records (an interface has no index signature).
export type CurrentEntryData = {
  readonly document: PolicyDocument
  readonly jsonLdScript: string
  readonly shown: ListedVersion | null
  readonly upcoming: ListedVersion | null
  readonly preview: 'draft' | 'draft-unchanged' | 'unreleased' | null
  readonly versions: readonly ListedVersion[]
}

/**
 * The entries the content loader hands Astro: everything the pages show, computed once by the
 * compiler. The pages only lay it out.
 */
export type SiteEntry =
  | { readonly id: 'current'; readonly data: CurrentEntryData; readonly html: string }
  | { readonly id: `version/${string}`; readonly data: { readonly release: VersionSummary; readonly standing: VersionStanding; readonly document: PolicyDocument; readonly jsonLdScript: string }; readonly html: string }
  | {
      readonly id: `change/${string}`
      // What the change page shows comes from the release and the one before it only (not from the
      // current policy), so that an archived change page never changes and can be kept (page-cache.ts).
      // Its JSON-LD is its version's (from the version entry). A preview of the draft also has
      // `change/draft`: the draft against the newest release (draftChangeEntry).
      readonly data: {
        readonly release: VersionSummary
        readonly title: string
        readonly language: string
        /** The version's `dateFormat`, where its document has one. */
        readonly dateFormat?: DateFormat
        readonly legalName: string
        readonly diff: PolicyDiff
        readonly removed: ReadonlyArray<{ readonly id: string; readonly title: string | null; readonly html: string }>
        readonly added: ReadonlyArray<{ readonly id: string; readonly title: string | null; readonly html: string }>
        /**
         * Each clause kept from the version before but changed (its words, links, structure, title
         * or place): its blocks diffed (block-diff.ts), or, where its HTML is the same, its text collapsed.
         */
        readonly changed: ReadonlyArray<{ readonly id: string; readonly html: string }>
      }
    }
  | { readonly id: `file/${string}`; readonly data: { readonly path: string; readonly text: string } }

const compareOrder = (listed: readonly ListedVersion[], a: ListedVersion, b: ListedVersion) => listed.indexOf(a) - listed.indexOf(b)

export function summarise(release: Release): VersionSummary {
  return { version: release.version, effective: release.effective, summary: release.summary, kind: release.kind, decidedBy: release.decidedBy ?? null, previous: release.previous }
}

const clausesHtml = (document: PolicyDocument) => document.clauses.map((clause) => clause.html).join('\n')

function withoutClauseBodies(document: PolicyDocument): PolicyDocument {
  return { ...document, clauses: document.clauses.map((clause) => ({ ...clause, html: '', text: '' })) }
}

export interface SiteEntryOptions {
  /** Releases whose pages are not rendered again (their version and change pages are kept). */
  readonly skip?: ReadonlySet<string>
}

/** The clauses of both versions that changed, each as its block diff (what the change page shows of it). */
function changedClauses(diff: PolicyDiff, before: PolicyDocument | undefined, after: PolicyDocument): Array<{ id: string; html: string }> {
  const htmlOf = (document: PolicyDocument | undefined, id: string) => document?.clauses.find((clause) => clause.id === id)?.html
  return diff.clauses.flatMap((change) => {
    const old = htmlOf(before, change.id)
    const now = htmlOf(after, change.id)
    if (old === undefined || now === undefined) return []
    return [{ id: change.id, html: old === now ? collapsedHtml(now, { clauseId: change.id }) : blockDiffHtml(old, now, { clauseId: change.id }) }]
  })
}

export function buildSiteEntries(output: CompiledPolicy, options: SiteEntryOptions = {}): SiteEntry[] {
  // Check refuses a release whose HTML or URLs the renderer could not have written; the pages
  // sanitise what they take from a release again, so that a release object that never went
  // through check (a caller of the library, a bug) still publishes nothing that runs.
  const safe = (release: Release): PolicyDocument => sanitizeReleaseDocument(release.document)
  const releases = output.releases
  const listed = releases.map((release, index): ListedVersion => ({ ...summarise(release), status: output.standings[index]?.status ?? 'superseded' }))
  const shown = output.shown ? listed.find((item) => item.version === output.shown?.version) : undefined
  // The next change announced after the release shown: the page says when it applies (a draft is not a release).
  const upcoming = shown && listed.find((item) => item.status === 'upcoming' && compareOrder(listed, item, shown) > 0)
  const shownDocument = output.shown ? safe(output.shown) : output.document
  const entries: SiteEntry[] = [
    {
      id: 'current',
      data: {
        document: shownDocument,
        jsonLdScript: jsonForScript(output.jsonLd),
        shown: shown ?? null,
        upcoming: upcoming ?? null,
        preview: !output.preview ? null : output.document.version !== draftVersion ? 'unreleased' : output.unreleasedSince || output.releases.length === 0 ? 'draft' : 'draft-unchanged',
        versions: [...listed].reverse(),
      },
      html: clausesHtml(shownDocument),
    },
  ]
  releases.forEach((release, index) => {
    const previous = index > 0 ? releases[index - 1] : undefined
    if (options.skip?.has(release.version)) return
    const document = safe(release)
    const standing = output.standings[index]
    if (!standing) throw new Error(`no standing for release ${release.version}`)
    entries.push({
      id: `version/${release.version}`,
      // The clauses' HTML travels once, as the rendered HTML: the pages read the rest of the document.
      data: { release: summarise(release), standing, document: withoutClauseBodies(document), jsonLdScript: jsonForScript(toJsonLd(document, { root: output.root })) },
      html: clausesHtml(document),
    })
    const diff = output.changes[index]
    if (!diff) throw new Error(`no diff for release ${release.version}`)
    entries.push({ id: `change/${release.version}`, data: changeData(summarise(release), diff, previous && safe(previous), document) })
  })
  if (output.document.version === draftVersion) entries.push(draftChangeEntry(output, (release) => (release ? safe(release) : undefined)))
  for (const [path, text] of output.files) entries.push({ id: `file/${path}`, data: { path, text } })
  return entries
}

/** The clauses a diff added (from the new version) or removed (from the old), shown whole on the change page. */
function clausesOf(diff: PolicyDiff, from: PolicyDocument | undefined, status: 'added' | 'removed') {
  return diff.clauses
    .filter((change) => change.status.includes(status))
    .flatMap((change) => from?.clauses.filter((clause) => clause.id === change.id) ?? [])
    .map((clause) => ({ ...clause, html: withoutAnchors(clause.html) }))
}

/**
 * The change page of a preview of the draft (`astro dev`, `build --draft`): the draft against the
 * newest release, as `clausewright diff` compares them, the same page as a release's. Its version
 * id is `draft`, which no release can have (version-id.ts). The draft has no kind of its own until
 * it is released: the page shows what the diff proves (`diff.kind`); `kind` holds the nearest kind a
 * release could be given, never shown, so that the entry keeps the shape of a release's.
 */
function draftChangeEntry(output: CompiledPolicy, safe: (release: Release | undefined) => PolicyDocument | undefined): Extract<SiteEntry, { id: `change/${string}` }> {
  const latest = output.releases.at(-1)
  const before = safe(latest)
  const diff = diffDocuments(before ?? null, output.draft, { from: latest?.version ?? null, to: draftVersion })
  const release: VersionSummary = { version: draftVersion, effective: output.draft.lastUpdated, summary: 'The changes of the draft, not released.', kind: diff.kind === 'reworded' ? 'editorial' : diff.kind, decidedBy: null, previous: latest?.version ?? null }
  return { id: `change/${draftVersion}`, data: changeData(release, diff, before, output.draft) }
}

/** What a change page shows: a release (or the draft) against the version before it. */
function changeData(release: VersionSummary, diff: PolicyDiff, before: PolicyDocument | undefined, after: PolicyDocument): Extract<SiteEntry, { id: `change/${string}` }>['data'] {
  const { title, language, dateFormat, controller } = after
  return { release, title, language, ...(dateFormat && { dateFormat }), legalName: controller.legalName, diff, removed: clausesOf(diff, before, 'removed'), added: clausesOf(diff, after, 'added'), changed: changedClauses(diff, before, after) }
}
