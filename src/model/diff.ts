import type { ChangeKind } from './release.ts'

/** One run of a word-level diff: text kept, inserted or deleted. */
export interface WordRun {
  readonly type: 'equal' | 'insert' | 'delete'
  readonly text: string
}

export type ClauseStatus = 'added' | 'removed' | 'changed' | 'moved' | 'retitled'

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

export interface Reason {
  readonly kind: 'substantive' | 'editorial'
  /** A stable code for the rule that classified the change (`purpose-added`, `lawful-basis-changed`…). */
  readonly code: string
  readonly collection: Collection | Singleton | 'clauses'
  readonly id: string
  readonly field: string | null
  readonly message: string
}

/** A diff between two versions of a policy, as data. Rendered by format-diff.ts. */
export interface PolicyDiff {
  readonly format: 'clausewright-diff/1'
  readonly from: string | null
  readonly to: string
  readonly kind: ChangeKind
  readonly reasons: readonly Reason[]
  readonly clauses: readonly ClauseChange[]
  readonly data: readonly DataChange[]
}
