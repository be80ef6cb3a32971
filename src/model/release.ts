import type { PolicyDocument } from './policy-document.ts'

/** The format `clausewright release` writes. */
export const releaseFormat = 'clausewright-release/2'

/**
 * Every format a stored release may have, oldest first. A release never changes, so each is read
 * and verified by the rules of its own format: `/1` digests the text and leaves the HTML out; `/2`
 * digests what a reader can follow, link targets included (src/compile/digest.ts), and records
 * who decided the kind (`decidedBy`).
 */
export const releaseFormats = ['clausewright-release/1', releaseFormat] as const
export type ReleaseFormat = (typeof releaseFormats)[number]

/**
 * What kind of change a release is: `initial` (the first release), `substantive` (readers must be
 * told: GDPR transparency), `editorial` (no change to what the policy says), `technical` (no change
 * to the content).
 */
export type ChangeKind = 'initial' | 'substantive' | 'editorial' | 'technical'

/**
 * What the tool proves of a change: a kind, or `reworded`, a change of wording (or of a link's
 * target) that the tool cannot judge. The editor judges a reworded change `editorial` or
 * `substantive` when releasing it (`clausewright release --kind`).
 */
export type ProvedKind = ChangeKind | 'reworded'

/** Whose judgement a release's kind is: the tool's proof (`computed`) or the editor's (`editor`). */
export type DecidedBy = 'computed' | 'editor'

/**
 * Where a release imported from a git history came from (`clausewright import --git`); its
 * `source` is the commit's id. Such a release records the kind the tool proves, `reworded` where
 * it cannot judge: nobody reviewed a history replayed by a command.
 */
export interface ImportedFrom {
  /** The file's path in the repository at that commit. */
  readonly path: string
  /** The commit's date (the committer's own), YYYY-MM-DD. */
  readonly committed: string
  /**
   * Where the effective date was read: the text's own "Last updated" or "Effective" line (`text`),
   * else the commit's date (`commit`), also when the text's date is more than a year after the
   * commit (a mistyped year); `previous`: the release before it's, when both the text's
   * date and the commit's lie before that release took effect, where a history cannot go back.
   */
  readonly effectiveFrom: 'text' | 'commit' | 'previous'
}

/**
 * A release: the canonical document of one version, frozen, with its record. Stored as
 * `policy/releases/<version>.json` and never edited: `integrity` covers every other field.
 */
export interface Release {
  readonly format: ReleaseFormat
  readonly version: string
  /** The date the version applies from (it may lie ahead of `released`: an announced change). */
  readonly effective: string
  /**
   * The day the release was recorded, YYYY-MM-DD (UTC). Absent from releases recorded before it
   * was kept (such as the OPTSM release of 2019): never guessed.
   */
  readonly released?: string
  /** Where the release came from (a commit, a ticket), as the editor gave it: one line of text. */
  readonly source?: string
  readonly summary: string
  /** `reworded` only in a release imported from a history (`imported`): reworded, not reviewed. */
  readonly kind: ProvedKind
  /** Absent from a `/1` release, which did not record it: it is never guessed. */
  readonly decidedBy?: DecidedBy
  /** Present in a release imported from a git history, absent otherwise. */
  readonly imported?: ImportedFrom
  /** The version id of the release before this one; null for the first. */
  readonly previous: string | null
  /**
   * The `integrity` of the release before this one (absent from the first): the releases form a
   * hash chain, so changing a release breaks the link of the one after it.
   */
  readonly previousIntegrity?: string
  /** The document's digest (of its content, by the rules of the release's format): equal digests, equal content. */
  readonly digest: string
  /** `sha256:` of the canonical JSON of the whole record but this field. */
  readonly integrity: string
  readonly document: PolicyDocument
}
