import path from 'node:path'
import { buildPolicyDocument } from './compile/policy-document.ts'
import { todayInUtc } from './model/calendar-date.ts'
import { indexDirectives } from './compliance/compliance-rule.ts'
import { type ComplianceConfig, complianceRules, runCompliance } from './compliance/index.ts'
import type { ComplianceItem } from './model/compliance.ts'
import { compareDiagnostics, type Diagnostic, hasErrors, spanOfNode } from './diagnostics/diagnostic.ts'
import { type RenderedPolicy, renderPolicy } from './render/render-policy.ts'
import { type ClauseFrontMatter, type ParsedClause, parseClause } from './markdown/parse-clause.ts'
import type { Root } from 'mdast'
import type { PolicyData, PolicySource } from './model/types.ts'
import type { LoadedClause } from './markdown/loaded-clause.ts'
import type { MarkdownText, RuleContext } from './rules/context.ts'
import { createMarkdownMeter } from './markdown/markdown-complexity.ts'
import { mapSpan, parseDataText } from './markdown/parse-data-text.ts'
import { semanticRules } from './rules/index.ts'
import { findInvisibleCharacters } from './source/find-invisible-characters.ts'
import type { PolicySources } from './source/read-policy.ts'
import type { SourceFile } from './source/source-file.ts'
import { idPattern, validateYamlFields } from './validate/validate-yaml.ts'
import { consistencyRules, type DraftComparison, type VersionContext } from './versions/consistency.ts'
import { diffDocuments } from './versions/diff.ts'
import { loadReleases } from './versions/load-releases.ts'
import { checkReleaseDates } from './versions/release-dates.ts'
import { currentDigestOf } from './versions/release.ts'
import { type ParsedYaml, parseYaml } from './yaml/parse-yaml.ts'

export interface CheckOptions {
  /** YYYY-MM-DD; defaults to today in UTC. */
  readonly today?: string
}

export interface CheckedPolicy {
  readonly diagnostics: readonly Diagnostic[]
  /** Present when every file parsed and passed its schema: the input of the later stages. */
  readonly context: RuleContext
  readonly files: readonly SourceFile[]
  /** Which of the items the law requires the policy gives, with where (see src/compliance). */
  readonly compliance: readonly ComplianceItem[]
  /** The Markdown texts of data.yaml, parsed, by their text: the renderer reuses them. */
  readonly texts: ReadonlyMap<string, Root>
  /** The clauses rendered (once, memoised), or undefined when the policy has errors. */
  renderDraft(): RenderedPolicy | undefined
}

/**
 * Parses, validates and checks every file of a policy, and reports every problem in one run.
 * Pure: the files come in already read (see `readPolicy`).
 */
export interface LoadedPolicy {
  /** What loading found: unreadable files, characters, YAML, schemas, Markdown, release files. */
  readonly diagnostics: Diagnostic[]
  readonly context: RuleContext
  readonly files: readonly SourceFile[]
  readonly texts: Map<string, Root>
  readonly complianceConfig: { readonly parsed?: ParsedYaml; readonly value?: unknown }
}

/**
 * Every file of a policy parsed and validated, and the context the rules read, before any rule
 * runs: `checkPolicy` runs them all on it, and the rule tests one alone.
 */
export function loadPolicy(sources: PolicySources, options: CheckOptions = {}): LoadedPolicy {
  const diagnostics: Diagnostic[] = [...sources.diagnostics]
  const files = [sources.policy, sources.data, sources.compliance, ...sources.clauses, ...sources.releases].filter((file): file is SourceFile => file !== undefined)
  // Release files hold what was published, warts and all: they are checked for integrity only.
  for (const file of files) if (!sources.releases.includes(file)) append(diagnostics, findInvisibleCharacters(file))

  const loadYaml = (file: SourceFile | undefined, schema: 'policy' | 'data' | 'compliance'): { parsed?: ParsedYaml; value?: unknown; fields?: Readonly<Record<string, unknown>> } => {
    if (!file) return {}
    const parsed = parseYaml(file)
    const { diagnostics: schemaDiagnostics, fields } = validateYamlFields(parsed, schema)
    append(diagnostics, parsed.diagnostics, schemaDiagnostics)
    const valid = parsed.value !== undefined && schemaDiagnostics.length === 0
    return { parsed, ...(valid && { value: parsed.value }), ...(fields && { fields }) }
  }
  const policy = loadYaml(sources.policy, 'policy')
  const data = loadYaml(sources.data, 'data')
  const complianceConfig = loadYaml(sources.compliance, 'compliance')

  const clauses: LoadedClause[] = []
  for (const file of sources.clauses) {
    const parsed: ParsedClause = parseClause(file)
    append(diagnostics, parsed.diagnostics)
    // A clause whose front matter failed is still checked, under the id its file names, so that
    // its text is checked in the same run and links to it and the order in policy.yaml find it.
    // A text too deep or complex to parse is checked as empty: its error is reported above.
    const tree = parsed.tree ?? { type: 'root', children: [] }
    const unparsed = parsed.tree === undefined && { unparsed: true as const }
    clauses.push(parsed.frontMatter ? { ...parsed, tree, frontMatter: parsed.frontMatter, ...unparsed } : { ...parsed, tree, frontMatter: provisionalFrontMatter(parsed), frontMatterInvalid: true, ...unparsed })
  }

  const markdown: MarkdownText[] = clauses.map((clause) => ({ file: clause.file.path, tree: clause.tree, source: clause.file.text, spanOf: spanOfNode }))
  const texts = new Map<string, Root>()
  if (data.fields && data.parsed) append(markdown, dataTexts(data.parsed, data.fields as Partial<PolicyData>, texts))

  const loaded = loadReleases(sources.releases)
  append(diagnostics, loaded.diagnostics)
  const today = options.today ?? todayInUtc()
  append(diagnostics, checkReleaseDates(sources.releases, loaded.releases, today))

  const context: RuleContext = {
    ...(policy.parsed && { policyYaml: policy.parsed }),
    ...(data.parsed && { dataYaml: data.parsed }),
    ...(policy.value !== undefined && { policy: policy.value as PolicySource }),
    ...(data.value !== undefined && { data: data.value as PolicyData }),
    ...(policy.fields && { policyFields: policy.fields as Partial<PolicySource> }),
    ...(data.fields && { dataFields: data.fields as Partial<PolicyData> }),
    clauses,
    markdown,
    releases: loaded.releases,
    today,
  }
  return { diagnostics, context, files, texts, complianceConfig }
}

export function checkPolicy(sources: PolicySources, options: CheckOptions = {}): CheckedPolicy {
  const { diagnostics, context, files, texts, complianceConfig } = loadPolicy(sources, options)
  const { clauses } = context
  for (const rule of semanticRules) append(diagnostics, rule.check(context))

  // The draft is rendered at most once: for the consistency rules (when there is a release to
  // compare with) and then for the compiler, which reuses it.
  let rendered: RenderedPolicy | undefined
  const renderDraft = (): RenderedPolicy | undefined => {
    if (!context.policy || !context.data || hasErrors(diagnostics)) return undefined
    rendered ??= renderPolicy(context.policy, context.data, clauses, texts)
    return rendered
  }
  let comparison: DraftComparison | undefined | null = null
  const complianceContext: VersionContext = {
    ...context,
    clausesWith: indexDirectives(clauses),
    compared: () => {
      if (comparison !== null) return comparison
      const last = context.releases.at(-1)
      const rendered = last ? renderDraft() : undefined
      const draft = last && rendered && context.policy && context.data ? buildPolicyDocument(context.policy, context.data, rendered) : undefined
      comparison = last && draft ? { draft, last: { version: last.version, effective: last.effective, digest: currentDigestOf(last), document: last.document }, diff: diffDocuments(last.document, draft, { from: last.version, to: 'draft' }) } : undefined
      return comparison
    },
  }
  const compliance = runCompliance([...complianceRules, ...consistencyRules], complianceContext, complianceConfig.value as ComplianceConfig | undefined, complianceConfig.parsed)
  append(diagnostics, compliance.diagnostics)

  const sorted = dedupe(diagnostics).sort(compareDiagnostics)
  return { diagnostics: sorted, context, files, compliance: compliance.items, texts, renderDraft: () => (hasErrors(sorted) ? undefined : renderDraft()) }
}

/** The Markdown texts of data.yaml, which the directives show as list items; each tree also goes into `texts`. */
function dataTexts(parsed: ParsedYaml, data: Partial<PolicyData>, texts: Map<string, Root>): MarkdownText[] {
  const paths = [
    ...(data.purposes ?? []).map((_, index) => ['purposes', index, 'text']),
    ...(data.rights ?? []).flatMap((right, index) => (right.statement === undefined ? [] : [['rights', index, 'statement']])),
  ]
  const meter = createMarkdownMeter()
  return paths.flatMap((path) => {
    const text = parseDataText(parsed, path, meter)
    if (text) texts.set(text.value, text.tree)
    return text ? [{ file: parsed.file.path, tree: text.tree, source: text.value, spanOf: (node: Parameters<typeof mapSpan>[1]) => mapSpan(text, node) }] : []
  })
}

const idRegExp = new RegExp(idPattern)

/** The id of a clause whose front matter failed its schema: the one it gives, if it is an id, else its file's name. */
function provisionalFrontMatter(parsed: ParsedClause): ClauseFrontMatter {
  const value = parsed.frontMatterYaml?.value
  const given = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined
  return { id: typeof given === 'string' && idRegExp.test(given) ? given : path.posix.basename(parsed.file.name, '.md') }
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify([diagnostic.ruleId, diagnostic.file, diagnostic.span, diagnostic.message])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Adds lists to a list one item at a time: spread into push(), a list of a hundred thousand diagnostics overflows the stack. */
function append<T>(target: T[], ...lists: ReadonlyArray<readonly T[]>): void {
  for (const list of lists) for (const item of list) target.push(item)
}
