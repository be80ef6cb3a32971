import type { Root } from 'mdast'
import type { Position } from 'unist'
import type { Diagnostic, Span } from '../diagnostics/diagnostic.ts'
import { rules, type RuleId } from '../diagnostics/rules.ts'
import type { ParsedClause } from '../markdown/parse-clause.ts'
import type { PolicyData, PolicySource } from '../model/types.ts'
import type { Release } from '../versions/release.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'

/** A clause whose front matter passed its schema. */
export interface LoadedClause extends ParsedClause {
  readonly frontMatter: NonNullable<ParsedClause['frontMatter']>
  readonly tree: NonNullable<ParsedClause['tree']>
}

/**
 * What the semantic rules see: the parsed files, and the typed values of those that passed their
 * schema (a rule that needs data.yaml does nothing while data.yaml is invalid).
 */
/** A Markdown tree to check: a clause body, or a text of data.yaml shown as a list item. */
export interface MarkdownText {
  readonly file: string
  readonly tree: Root
  spanOf(node: { position?: Position | undefined }): Span | undefined
}

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

export type Path = ReadonlyArray<string | number>

export interface SemanticRule {
  /** The rule ids this module can report. */
  readonly ids: readonly RuleId[]
  check(context: RuleContext): Diagnostic[]
}

/** The span of the value (or, with `key`, of the key) at `path` in a YAML file. */
export function locate(parsed: ParsedYaml | undefined, path: Path, part: 'value' | 'key' = 'value'): Span | undefined {
  const document = parsed?.document
  if (!parsed || !document) return undefined
  if (part === 'key' && path.length > 0) {
    const parent = document.getIn(path.slice(0, -1), true) as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined
    const key = parent?.items?.find((item) => item.key?.value === path.at(-1))?.key
    if (key?.range) return parsed.spanOf(key.range)
  }
  const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined
  return parsed.spanOf(node?.range)
}

export function diagnostic(ruleId: RuleId, file: string, span: Span | undefined, message: string, extra: Partial<Pick<Diagnostic, 'hint' | 'related' | 'severity'>> = {}): Diagnostic {
  return {
    ruleId,
    severity: extra.severity ?? rules[ruleId].severity,
    message,
    file,
    ...(span && { span }),
    ...(extra.hint !== undefined && { hint: extra.hint }),
    ...(extra.related !== undefined && { related: extra.related }),
  }
}

export function spanOfNode(node: { position?: Position | undefined }): Span | undefined {
  const position = node.position
  if (!position) return undefined
  return { start: { line: position.start.line, column: position.start.column }, end: { line: position.end.line, column: position.end.column } }
}
