import type { Node } from 'unist'
import { position } from 'unist-util-position'
import { type RuleId, rules } from './rules.ts'
import type { Severity } from './severity.ts'

export type { Severity } from './severity.ts'

/** A 1-based line and column (UTF-16 code units), as in unist. */
export interface Point {
  readonly line: number
  readonly column: number
}

export interface Span {
  readonly start: Point
  readonly end: Point
}

/**
 * The one message type of Clausewright: every problem, from a YAML syntax error to a semantic
 * rule, is reported as a Diagnostic with a stable rule id, a file and (where known) a span.
 */
export interface Diagnostic {
  readonly ruleId: RuleId
  readonly severity: Severity
  /** What is wrong, in the form "Unexpected X, expected Y" where that fits. */
  readonly message: string
  /** What to do about it. */
  readonly hint?: string
  /** Path of the file, relative to the working directory, with `/` separators. */
  readonly file: string
  readonly span?: Span
  /** Another place that the message is about (the first of two duplicates, say). */
  readonly related?: { readonly file: string; readonly span?: Span; readonly message: string }
  /** The values that would fit where the problem is, likeliest first (the "did you mean"): for editors and tools. */
  readonly expected?: readonly string[]
  /**
   * Set on the one diagnostic that stands, in a report, for those of its rule left out of it (see
   * `limitDiagnostics`): how many it stands for.
   */
  readonly omitted?: number
}

/** Where a diagnostic points: a span, or a unist node (mdast, hast) with its position. */
export type Place = Span | Node | undefined

export interface DiagnosticDetails {
  readonly hint?: string | undefined
  readonly related?: Diagnostic['related']
  readonly expected?: readonly string[] | undefined
}

/**
 * The one way to make a diagnostic. Its severity is the rule's, from the catalogue
 * (src/diagnostics/rules.ts): a call never states one. A span of a YAML value comes from
 * `locate` or `ParsedYaml.spanOf` (src/yaml).
 *
 * Details that cost more than the rest of the diagnostic (a "did you mean" searched among every
 * anchor of the policy) are given as a function: they are worked out when first read, so those of
 * a diagnostic that a report leaves out (`limitDiagnostics`) never are. A policy of 105,000 broken
 * links spent most of its 16 s of `check` suggesting anchors that no one was shown.
 */
export function diagnostic(ruleId: RuleId, file: string, place: Place, message: string, details: DiagnosticDetails | (() => DiagnosticDetails) = {}): Diagnostic {
  const span = place && ('start' in place ? place : spanOfNode(place))
  const found = { ruleId, severity: rules[ruleId].severity, message, file, ...(span && { span }) }
  if (typeof details !== 'function') return { ...found, ...presentDetails(details) }
  let worked: PresentDetails | undefined
  const read = <K extends keyof PresentDetails>(key: K): PresentDetails[K] => (worked ??= presentDetails(details()))[key]
  return Object.defineProperties(found, {
    hint: { enumerable: true, get: () => read('hint') },
    related: { enumerable: true, get: () => read('related') },
    expected: { enumerable: true, get: () => read('expected') },
  }) as Diagnostic
}

type PresentDetails = Partial<Pick<Diagnostic, 'hint' | 'related' | 'expected'>>

/** The details given, without those that are empty. */
function presentDetails(details: DiagnosticDetails): PresentDetails {
  return {
    ...(details.hint !== undefined && { hint: details.hint }),
    ...(details.related !== undefined && { related: details.related }),
    ...(details.expected !== undefined && details.expected.length > 0 && { expected: details.expected }),
  }
}

/** The span of a unist node (an mdast or hast node), if it has a valid position; offsets left out. */
export function spanOfNode(node: Node): Span | undefined {
  const place = position(node)
  if (!place) return undefined
  return { start: { line: place.start.line, column: place.start.column }, end: { line: place.end.line, column: place.end.column } }
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

/** Orders diagnostics by file, then position, then rule, so that output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.span?.start.line ?? 0) - (b.span?.start.line ?? 0) ||
    (a.span?.start.column ?? 0) - (b.span?.start.column ?? 0) ||
    severityRank[a.severity] - severityRank[b.severity] ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  )
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error')
}

/**
 * Thrown (never returned) for a fault of Clausewright itself or of its caller, as opposed to a
 * problem in the policy: the CLI turns it into exit status 2.
 */
export class ClausewrightError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ClausewrightError'
    this.code = code
  }
}
