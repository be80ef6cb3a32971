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
 * What the semantic rules see: the parsed files, and the typed values of those that passed their
 * schema (a rule that needs data.yaml does nothing while data.yaml is invalid).
 */
export interface RuleContext {
  readonly policyYaml?: ParsedYaml
  readonly dataYaml?: ParsedYaml
  readonly policy?: PolicySource
  readonly data?: PolicyData
  readonly clauses: readonly LoadedClause[]
  /** Every Markdown text of the policy: the clauses, then the texts of data.yaml. */
  readonly markdown: readonly MarkdownText[]
  /** The releases that passed their integrity checks, oldest first. */
  readonly releases: readonly Release[]
  /** Today's date as YYYY-MM-DD; passed in so that a check is reproducible. */
  readonly today: string
}

export interface SemanticRule {
  /** The rule ids this module can report. */
  readonly ids: readonly RuleId[]
  check(context: RuleContext): Diagnostic[]
}
