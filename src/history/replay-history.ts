import { type Document, parseDocument } from 'yaml'
import { compile } from '../compile/compile.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { latestAnnouncedDate } from '../model/calendar-date.ts'
import type { ImportedFrom, Release } from '../model/release.ts'
import { findCharacterProblems } from '../source/find-invisible-characters.ts'
import { type ImportOptions, ImportRefusal, type ImportResult, importPublished } from '../source/import-markdown.ts'
import type { ClauseIdentity } from '../source/match-clauses.ts'
import type { SourceFile } from '../source/source-file.ts'
import { proveKind } from '../versions/release-kind.ts'
import { createRelease } from '../versions/release.ts'
import { nextVersionId } from '../versions/version-id.ts'

/** One version of a policy in a git history: the file as one commit left it. */
export interface HistoryVersion {
  /** The commit's full id. */
  readonly commit: string
  /** The file's path in the repository at that commit. */
  readonly path: string
  /** The commit's date, YYYY-MM-DD, as its committer's clock gave it. */
  readonly committed: string
  /** The first line of the commit's message, as its author wrote it (untrusted). */
  readonly subject: string
  readonly text: string
}

/**
 * Each version imported as one policy directory would be (`importPublished`: refused, naming its
 * path and commit, where `import` would refuse the file), oldest first, with clause ids kept
 * across the history: a clause keeps the id it had in the version before when its heading changes
 * (src/source/match-clauses.ts).
 */
export function importVersions(versions: readonly HistoryVersion[], options: Omit<ImportOptions, 'previousClauses' | 'today'>): ImportResult[] {
  const results: ImportResult[] = []
  let previousClauses: readonly ClauseIdentity[] | undefined
  for (const version of versions) {
    let result: ImportResult
    try {
      // A text that states no date was last updated on the day it was committed.
      result = importPublished(version.text, version.path, { ...options, today: version.committed, ...(previousClauses && { previousClauses }) })
    } catch (error) {
      if (error instanceof ImportRefusal) throw new ImportRefusal(`${version.path} at commit ${version.commit}: ${error.message}`)
      throw error
    }
    results.push(result)
    previousClauses = result.clauses
  }
  return results
}

/** What became of one version of the history. */
export type VersionOutcome =
  | { readonly kind: 'released'; readonly version: HistoryVersion; readonly release: Release; readonly note?: string }
  | { readonly kind: 'unchanged'; readonly version: HistoryVersion; readonly as: string }
  | { readonly kind: 'refused'; readonly version: HistoryVersion; readonly diagnostics: readonly Diagnostic[]; readonly sources: readonly SourceFile[] }

export interface ReplayOptions {
  readonly splitLevel: number | 'auto'
  readonly baseUrl?: string
  /** The day the releases are recorded (`released`), and that "in the future" is judged against. */
  readonly today: string
  /**
   * The policy directory's own files: policy.yaml gives everything the text does not say (the
   * controller, contacts, supervisory authority, language, date format), data.yaml the structured
   * data, compliance.yaml the rule settings; each version gives its title, date and clauses.
   */
  readonly base: { readonly policy: SourceFile; readonly data: SourceFile; readonly compliance?: SourceFile }
}

const shortCommit = (commit: string) => commit.slice(0, 12)

/**
 * A history replayed as releases, oldest first: each version compiled with the policy directory's
 * own structured data, its kind the one the tool proves from the version before (`reworded`, not
 * reviewed, where it cannot judge; technical where nothing a reader sees changed), its effective
 * date the one its text states, else its commit's. A commit that left the text as it was (a move) is
 * no release; a version with errors is refused, and the next is compared with the last release made.
 */
export function replayHistory(versions: readonly HistoryVersion[], options: ReplayOptions): VersionOutcome[] {
  // Of each version's policy.yaml only the title and the clauses are read (the rest is the
  // directory's): the language given to the import is written nowhere.
  const imported = importVersions(versions, { splitLevel: options.splitLevel, language: 'und', ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }) })
  // Parsed once; each version edits a copy of it.
  const basePolicy = parseDocument(options.base.policy.text)
  const outcomes: VersionOutcome[] = []
  const releases: Release[] = []
  let lastText: string | undefined
  versions.forEach((version, index) => {
    const result = imported[index]
    if (!result) return
    const last = releases.at(-1)
    const { effective, effectiveFrom } = effectiveDate(result.statedDate, version.committed, last)
    const sources = versionSources(version, result, effective, options.base, basePolicy)
    const compiled = compile({ ...sources, releases: [], diagnostics: [] }, { today: options.today })
    if (!compiled.output) {
      outcomes.push({ kind: 'refused', version, diagnostics: compiled.diagnostics, sources: compiled.sources })
      return
    }
    const draft = compiled.output.draft
    // A commit that only moved the file leaves its text as it was: no new version. One that changed
    // its bytes but nothing a reader sees (spacing, Markdown's syntax, front matter) is a version,
    // a technical change, as published.
    if (last && lastText === version.text) {
      outcomes.push({ kind: 'unchanged', version, as: last.version })
      return
    }
    lastText = version.text
    const id = nextVersionId(effective, releases.map((release) => release.version))
    const kind = proveKind(last?.document ?? null, draft, { from: last?.version ?? null, to: id }).kind
    const from: ImportedFrom = { path: version.path, committed: version.committed, effectiveFrom }
    const release = createRelease({ version: id, effective, released: options.today, source: version.commit, summary: summaryOf(version), kind, decidedBy: 'computed', imported: from, previous: last ?? null, document: draft })
    releases.push(release)
    const stated = result.statedDate
    const note =
      effectiveFrom === 'text' || (stated === null && effectiveFrom === 'commit')
        ? undefined
        : stated === null
          ? `it states no date, and was committed before release ${last?.version ?? ''} took effect: it takes effect on the same day as that release, ${effective}`
          : `its text states ${stated}, ${announcedTooFarAhead(stated, version.committed) ? 'more than a year after it was committed' : `before release ${last?.version ?? ''} took effect`}: it takes effect on ${effectiveFrom === 'commit' ? 'the day it was committed' : 'the same day as that release'}, ${effective}`
    outcomes.push({ kind: 'released', version, release, ...(note !== undefined && { note }) })
  })
  return outcomes
}

/**
 * The date a version takes effect: the one its text states, else the day it was committed; never
 * before the release before it took effect (a history cannot go back: a text that states an older
 * date, such as a revert, takes effect when it was committed).
 */
export function effectiveDate(stated: string | null, committed: string, last: Release | undefined): { readonly effective: string; readonly effectiveFrom: ImportedFrom['effectiveFrom'] } {
  if (stated !== null && (!last || stated >= last.effective) && !announcedTooFarAhead(stated, committed)) return { effective: stated, effectiveFrom: 'text' }
  if (!last || committed >= last.effective) return { effective: committed, effectiveFrom: 'commit' }
  return { effective: last.effective, effectiveFrom: 'previous' }
}

/**
 * A change may be announced up to a year ahead (date-in-future): a text that states a later date
 * than that after its commit (a mistyped year) would hold back every version after it.
 */
function announcedTooFarAhead(stated: string, committed: string): boolean {
  return stated > latestAnnouncedDate(committed)
}

/** A release's summary: where it came from, in the words of its commit, and what it does not say. */
function summaryOf(version: HistoryVersion): string {
  // Without the characters check refuses in a release (bidirectional controls, zero-width ones),
  // and cut between characters, never inside a surrogate pair.
  let visible = ''
  let from = 0
  for (const problem of findCharacterProblems(version.subject)) {
    visible += version.subject.slice(from, problem.index)
    from = problem.index + problem.character.length
  }
  visible += version.subject.slice(from)
  // Nor markup: a summary is plain text, which the JSON files publish as it is (as import takes a
  // heading's words without its HTML).
  const subject = [...visible.replace(/<[^>]*>?/g, ' ').replace(/[\p{Cc}\u2028\u2029\s]+/gu, ' ').trim()].slice(0, 200).join('')
  return `Imported from ${version.path} at commit ${shortCommit(version.commit)} of ${version.committed}${subject === '' ? '' : ` (“${subject}”)`}. The text is the commit’s; the controller, contacts, supervisory authority and structured data are those the policy directory gave at import, not read from the history. Its kind is the one the tool proves: nobody reviewed it.`
}

/** The files of one version: the policy directory's, with the version's title, date and clauses. */
function versionSources(version: HistoryVersion, result: ImportResult, effective: string, base: ReplayOptions['base'], basePolicy: Document): { policy: SourceFile; data: SourceFile; compliance?: SourceFile; clauses: SourceFile[] } {
  const prefix = `${shortCommit(version.commit)}:`
  const policy = basePolicy.clone()
  policy.set('title', result.title)
  policy.set('clauses', result.clauses.map((clause) => clause.id))
  policy.set('lastUpdated', effective)
  const clauses = [...result.files].filter(([name]) => name.startsWith('clauses/')).map(([name, text]) => ({ path: `${prefix}${name}`, name, text }))
  return {
    policy: { path: `${prefix}policy.yaml`, name: 'policy.yaml', text: policy.toString({ lineWidth: 0 }) },
    data: base.data,
    ...(base.compliance && { compliance: base.compliance }),
    clauses: clauses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }
}
