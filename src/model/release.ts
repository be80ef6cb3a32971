import type { PolicyDocument } from './policy-document.ts'

export const releaseFormat = 'clausewright-release/1'

/**
 * What kind of change a release is: `initial` (the first release), `substantive` (readers must be
 * told: GDPR transparency), `editorial` (wording only), `technical` (no change to the content).
 */
export type ChangeKind = 'initial' | 'substantive' | 'editorial' | 'technical'

/**
 * A release: the canonical document of one version, frozen, with its record. Stored as
 * `policy/releases/<version>.json` and never edited: `integrity` covers every other field.
 */
export interface Release {
  readonly format: typeof releaseFormat
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
  readonly kind: ChangeKind
  /** The version id of the release before this one; null for the first. */
  readonly previous: string | null
  /**
   * The `integrity` of the release before this one (absent from the first): the releases form a
   * hash chain, so changing a release breaks the link of the one after it.
   */
  readonly previousIntegrity?: string
  /** The document's digest (of its content): equal digests, equal content. */
  readonly digest: string
  /** `sha256:` of the canonical JSON of the whole record but this field. */
  readonly integrity: string
  readonly document: PolicyDocument
}
