import type { DecidedBy, ProvedKind } from './release.ts'

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface WordRun {
  readonly type: 'equal' | 'insert' | 'delete'
  readonly text: string
}

/**
 * How a clause changed: `changed` (its words), `relinked` (a link's target or an image's source),
 * `restructured` (its words and targets kept, its headings, paragraphs, lists or tables not).
 */
export type ClauseStatus = 'added' | 'removed' | 'changed' | 'relinked' | 'restructured' | 'moved' | 'retitled'

export interface ClauseChange {
  readonly id: string
  /** Every way the clause changed: a clause can be moved, retitled and changed at once. */
  readonly status: readonly ClauseStatus[]
  readonly from: { readonly title: string | null; readonly position: number } | null
  readonly to: { readonly title: string | null; readonly position: number } | null
  /** The word-level diff of the clause's text, when its text changed. */
  readonly words: readonly WordRun[] | null
}

export type Collection = 'dataCategories' | 'purposes' | 'recipients' | 'rights' | 'contacts'
export type Singleton = 'policy' | 'controller' | 'supervisoryAuthority'

export interface FieldChange {
  readonly field: string
  readonly from: unknown
  readonly to: unknown
}

export interface DataChange {
  readonly collection: Collection | Singleton
  /** The entry's id; for a singleton, the singleton's name. */
  readonly id: string
  readonly status: 'added' | 'removed' | 'changed'
  readonly fields: readonly FieldChange[]
}

/**
 * A link or image whose target changed, was added or was removed, in the clause, purpose or right
 * where it is: what a reader follows changed even where the words did not.
 */
export interface TargetChange {
  readonly collection: 'clauses' | 'purposes' | 'rights'
  readonly id: string
  readonly element: 'link' | 'image'
  /** The words of the link (the alternative text of an image). */
  readonly text: string
  /** The target before (`href`, `src`); null for an added one. */
  readonly from: string | null
  /** The target after; null for a removed one. */
  readonly to: string | null
}

/**
 * The kind of one reason: `substantive` and `editorial` are proved from the structured data and the
 * shape of the change; `reworded`, a change of wording or of a link's target, only the editor can judge.
 */
export type ReasonKind = 'substantive' | 'reworded' | 'editorial'

export interface Reason {
  readonly kind: ReasonKind
  /** A stable code for the rule that classified the change (`purpose-added`, `lawful-basis-changed`…). */
  readonly code: string
  readonly collection: Collection | Singleton | 'clauses'
  readonly id: string
  readonly field: string | null
  /** The reason for a developer: stable wording with the ids (`New purpose \`analytics\``). */
  readonly message: string
  /** The reason for a reader: the item itself in words, never an id (src/versions/reader-words.ts). */
  readonly reader: ReaderWords
}

/**
 * A reason in a reader's words: the sentence as plain text, and the same sentence in parts, so that
 * a page can link the law without building HTML from strings. Joined, the parts' texts are `text`.
 */
export interface ReaderWords {
  readonly text: string
  readonly parts: readonly ReaderPart[]
}

/**
 * A part of a reader's sentence: `words` (the tool's and the policy's, shown as text); `law`, words
 * linked to an article of the GDPR (a fixed address of the tool's, never one of the policy's);
 * `target`, an address or link target from the policy, shown as written and never made a live link.
 */
export type ReaderPart = { readonly type: 'words'; readonly text: string } | { readonly type: 'law'; readonly text: string; readonly href: string } | { readonly type: 'target'; readonly text: string }

/** A diff between two versions of a policy, as data. Rendered by format-diff.ts. */
export interface PolicyDiff {
  readonly format: 'clausewright-diff/2'
  readonly from: string | null
  readonly to: string
  /** What the tool proves of the change (`reworded` where only the editor can judge it). */
  readonly kind: ProvedKind
  /** For a release compared with the one before it: the kind its record holds, and who decided it. */
  readonly recorded: { readonly kind: ProvedKind; readonly decidedBy: DecidedBy | null } | null
  readonly reasons: readonly Reason[]
  readonly clauses: readonly ClauseChange[]
  readonly data: readonly DataChange[]
  readonly targets: readonly TargetChange[]
}
