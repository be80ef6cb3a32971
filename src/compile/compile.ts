import { readFileSync } from 'node:fs'
import { type CheckOptions, checkPolicy } from '../check.ts'
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.ts'
import type { PolicySources } from '../source/read-policy.ts'
import type { SourceFile } from '../source/source-file.ts'
import { buildPolicyDocument } from './policy-document.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import { toJsonLd } from './to-json-ld.ts'
import { addressOf, isAbsoluteRoot } from '../model/policy-address.ts'
import { diffDocuments } from '../versions/diff.ts'
import type { PolicyDiff } from '../model/diff.ts'
import { type DiffCache, releasePairKey } from '../versions/diff-cache.ts'
import { renderFeed } from '../versions/feed.ts'
import type { Release } from '../model/release.ts'
import { todayInUtc } from '../model/calendar-date.ts'
import { standingsOn, type VersionStanding, versionInForce } from '../versions/standing.ts'

/** The version id of the draft when it is published as a preview (`build --draft`). */
export const draftVersion = 'draft'
import { currentDigestOf, recordedKind } from '../versions/release.ts'

/** What compile makes of the policy before it is given an address: all but the artefacts. */
export interface CompiledContent {
  /**
   * The document published as the policy (index.html, policy.json, policy.jsonld): the release in
   * force today (`current`), exactly as released; or, before any release takes effect, the first
   * one announced; or the draft, as a preview (`preview`: with `draft`, or without any release).
   */
  readonly document: PolicyDocument
  /** The release `document` is, if it is one. */
  readonly shown: Release | undefined
  /** The draft is published instead of a release: version `draft` when asked for, else its date (no release yet). */
  readonly preview: boolean
  /** The release in force today, if any. */
  readonly current: Release | undefined
  /** Where each release stands today (same order as `releases`). */
  readonly standings: readonly VersionStanding[]
  /** The last release, when the draft differs from it: changes not yet released, which only a preview publishes. */
  readonly unreleasedSince: Release | undefined
  /** The working source's document, with the last-updated date as its version. */
  readonly draft: PolicyDocument
  /** The releases, oldest first. */
  readonly releases: readonly Release[]
  /** The diff of each release from the one before it (same order as `releases`). */
  readonly changes: readonly PolicyDiff[]
}

/** The compiled policy, published under `root`: with its JSON-LD and the machine files. */
export interface CompiledPolicy extends CompiledContent {
  /** Where the policy's pages are published (policy-address.ts): a URL with a site URL, else a path. */
  readonly root: string
  readonly jsonLd: object
  /** The artefacts by path relative to the output directory, in a fixed order. */
  readonly files: ReadonlyMap<string, string>
}

interface Checked {
  readonly diagnostics: readonly Diagnostic[]
  /** The parsed source files, for code frames. */
  readonly sources: readonly SourceFile[]
  /** The releases that passed their integrity checks, oldest first (even when the draft has errors). */
  readonly releases: readonly Release[]
}

export interface CompileResult extends Checked {
  /** Undefined when the policy has errors: nothing is compiled from a broken policy. */
  readonly output?: CompiledPolicy
}

export interface ContentResult extends Checked {
  /** Undefined when the policy has errors. */
  readonly content?: CompiledContent
}

export interface CompileOptions extends CheckOptions {
  /** Diffs between releases computed before (`clausewright build` keeps them on disk). */
  readonly diffCache?: DiffCache
  /** Publish the draft as a preview (version `draft`) instead of the release in force (`build --draft`). */
  readonly draft?: boolean
  /**
   * Where the policy's pages are published (`policyRoot`): with a site URL, an absolute URL, and
   * every link of the machine files and IRI of the JSON-LD is absolute; else the path from the
   * site's root (default `/`), and the links stay relative.
   */
  readonly root?: string
}

// The schemas are published beside the artefacts so that consumers can validate what they fetch.
const publishedSchemas = ['policy-document.schema.json', 'release.schema.json', 'diff.schema.json', 'policy.schema.json', 'data.schema.json', 'clause.schema.json', 'compliance.schema.json'] as const
const schemaTexts = new Map(publishedSchemas.map((name) => [`schema/${name}`, readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')]))

/**
 * load → validate → model → render → emit, as one pure function of the files read.
 * The same sources give byte-identical artefacts, whatever the time zone, locale or directory.
 */
export function compile(sources: PolicySources, options: CompileOptions = {}): CompileResult {
  const { content, ...checked } = compileContent(sources, options)
  return content ? { ...checked, output: publishAt(content, options.root) } : checked
}

/**
 * compile, all but the artefacts that say where the policy is published (`publishAt`): so that
 * `clausewright build` compiles while Astro reads its configuration, which gives the address.
 */
export function compileContent(sources: PolicySources, options: Omit<CompileOptions, 'root'> = {}): ContentResult {
  const checked = checkPolicy(sources, options)
  const { policy, data, releases } = checked.context
  const rendered = checked.renderDraft()
  if (hasErrors(checked.diagnostics) || !policy || !data || !rendered) return { diagnostics: checked.diagnostics, sources: checked.files, releases }
  const draft = buildPolicyDocument(policy, data, rendered, checked.compliance)
  // What is published is released: the release in force today, never the draft under its id.
  const today = options.today ?? todayInUtc()
  const standings = standingsOn(releases, today)
  const current = versionInForce(releases, today)
  const latest = releases.at(-1)
  // Compared by the current digest rules, whatever the release's format.
  const unreleasedSince = latest && currentDigestOf(latest) !== draft.digest ? latest : undefined
  const preview = options.draft === true || releases.length === 0
  const shown = preview ? undefined : (current ?? releases[0])
  const document = shown ? withReading(shown, draft) : options.draft === true ? { ...draft, version: draftVersion } : draft
  // Each release's diff from the one before, computed once for the JSON files and the site.
  const changes = releases.map((release, position) => {
    const previous = position > 0 ? releases[position - 1] : undefined
    const key = releasePairKey(previous, release)
    const cached = options.diffCache?.get(key)
    if (cached) return cached
    const diff = { ...diffDocuments(previous?.document ?? null, release.document, { from: previous?.version ?? null, to: release.version }), recorded: recordedKind(release) }
    options.diffCache?.set(key, diff)
    return diff
  })
  return { diagnostics: checked.diagnostics, sources: checked.files, releases, content: { document, shown, preview, current, standings, unreleasedSince, draft, releases, changes } }
}

/** The compiled policy published under `root` (see CompileOptions): its JSON-LD and its machine files. */
export function publishAt(content: CompiledContent, root = '/'): CompiledPolicy {
  const { document, releases, changes, standings, draft } = content
  const jsonLd = toJsonLd(document, { root })
  const files = new Map<string, string>([
    ['policy.json', `${JSON.stringify(document, null, 2)}\n`],
    ['policy.jsonld', `${JSON.stringify(jsonLd, null, 2)}\n`],
    ...versionFiles(releases, changes, standings, { policyId: draft.id, title: draft.title, root }),
    ...schemaTexts,
  ])
  return { ...content, root, jsonLd, files }
}

/**
 * The release's document, with the compliance summary read from the draft when the draft is that
 * release's content (equal digests): the summary is the tool's reading of the content, outside the
 * digest, and a release recorded before the summary existed (OPTSM's) has none.
 */
function withReading(release: Release, draft: PolicyDocument): PolicyDocument {
  if (draft.digest !== currentDigestOf(release) || draft.compliance === undefined) return release.document
  // In the draft's order of keys: the summary before the digest.
  const { digest, ...content } = release.document
  return { ...content, compliance: draft.compliance, digest }
}

/** versions.json, versions/<id>.json, changes/<id>.json and changes.atom, from the releases. */
function versionFiles(releases: readonly Release[], changes: readonly PolicyDiff[], standings: readonly VersionStanding[], feed: { policyId: string; title: string; root: string }): Array<[string, string]> {
  // Relative to versions.json and the feed, which lie at the root, unless the root is a URL.
  const baseUrl = isAbsoluteRoot(feed.root) ? feed.root : undefined
  const link = (path: string) => (baseUrl === undefined ? path : addressOf(baseUrl, path))
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  const standingOf = new Map(standings.map((standing) => [standing.version, standing]))
  const index = {
    format: 'clausewright-versions/1',
    policy: feed.policyId,
    latest: releases.at(-1)?.version ?? null,
    current: standings.find((standing) => standing.status === 'current')?.version ?? null,
    versions: [...releases].reverse().map((release) => ({
      version: release.version,
      status: standingOf.get(release.version)?.status,
      validFrom: release.effective,
      validUntil: standingOf.get(release.version)?.validUntil ?? null,
      released: release.released ?? null,
      effective: release.effective,
      summary: release.summary,
      kind: release.kind,
      decidedBy: release.decidedBy ?? null,
      digest: release.digest,
      previous: release.previous,
      links: { document: link(`versions/${release.version}.json`), changes: link(`changes/${release.version}.json`), page: link(`versions/${release.version}/`), changesPage: link(`changes/${release.version}/`) },
    })),
  }
  return [
    ['versions.json', json(index)],
    ...releases.map((release): [string, string] => [`versions/${release.version}.json`, json(release.document)]),
    ...releases.map((release, position): [string, string] => [`changes/${release.version}.json`, json(changes[position])]),
    ['changes.atom', renderFeed(releases, { policyId: feed.policyId, title: feed.title, changes, ...(baseUrl !== undefined && { baseUrl }) })],
  ]
}
