import type { Root } from 'mdast'
import type { Position } from 'unist'
import type { Diagnostic, Span } from '../diagnostics/diagnostic.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import type { LoadedClause } from '../markdown/loaded-clause.ts'
import type { PolicyData, PolicySource } from '../model/types.ts'
import type { Release } from '../model/release.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'

/** A Markdown tree to check: a clause body, or a text of data.yaml shown as a list item. */
export interface MarkdownText {
  readonly file: string
  readonly tree: Root
  /** The Markdown the tree was parsed from (a clause file, or the value of a text of data.yaml). */
  readonly source: string
  spanOf(node: { position?: Position | undefined }): Span | undefined
}

/**
 * What the semantic rules see: the parsed files, and the typed values of what passed its schema
 * (a rule that needs a field of data.yaml does nothing while that field is invalid).
 */
export interface RuleContext {
  readonly policyYaml?: ParsedYaml
  readonly dataYaml?: ParsedYaml
  /** policy.yaml and data.yaml when the whole file passed its schema (what the renderer needs). */
  readonly policy?: PolicySource
  readonly data?: PolicyData
  /**
   * The top-level fields of policy.yaml and data.yaml that passed their schema, typed, even when
   * another field failed: the rules read these, so that one field's schema error (reported once)
   * does not hide the problems of the rest. A list with an entry that failed is left out whole.
   */
  readonly policyFields?: Partial<PolicySource>
  readonly dataFields?: Partial<PolicyData>
  readonly clauses: readonly LoadedClause[]
  /** Every Markdown text of the policy: the clauses, then the texts of data.yaml. */
  readonly markdown: readonly MarkdownText[]
  /** The releases that passed their integrity checks, oldest first. */
  readonly releases: readonly Release[]
  /** Today's date as YYYY-MM-DD; passed in so that a check is reproducible. */
  readonly today: string
}

/**
 * Whether an optional top-level field failed its schema (present in the file but not among the
 * fields that passed), or cannot be told (the file is not a mapping): a rule that judges whether
 * the field is given then says nothing, since the schema error already says what is wrong.
 */
export function fieldFailed(fields: object | undefined, parsed: ParsedYaml | undefined, field: string): boolean {
  if (!fields) return true
  if (Object.hasOwn(fields, field)) return false
  const value = parsed?.value
  return typeof value === 'object' && value !== null && Object.hasOwn(value, field)
}

export interface SemanticRule {
  /** The rule ids this module can report. */
  readonly ids: readonly RuleId[]
  check(context: RuleContext): Diagnostic[]
}
