import { readdirSync, readFileSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, test } from 'vitest'
import { checkPolicy, type CheckedPolicy, type LoadedPolicy, loadPolicy } from '../../src/check.ts'
import { buildPolicyDocument } from '../../src/compile/policy-document.ts'
import { compile } from '../../src/compile/compile.ts'
import { indexDirectives, type ComplianceFinding, type ComplianceRule } from '../../src/compliance/compliance-rule.ts'
import { complianceRules, runCompliance, type ComplianceConfig, type ComplianceReport } from '../../src/compliance/index.ts'
import { compareDiagnostics, type Diagnostic, type Severity } from '../../src/diagnostics/diagnostic.ts'
import { type RuleId, ruleIds } from '../../src/diagnostics/rules.ts'
import { renderPolicy } from '../../src/render/render-policy.ts'
import type { RuleContext, SemanticRule } from '../../src/rules/context.ts'
import type { BaseReleases } from '../../src/source/read-base-releases.ts'
import { readPolicy, type PolicySources } from '../../src/source/read-policy.ts'
import type { SourceFile } from '../../src/source/source-file.ts'
import { compareWithBase } from '../../src/versions/compare-base.ts'
import { consistencyRules, type VersionContext } from '../../src/versions/consistency.ts'
import { validateYaml } from '../../src/validate/validate-yaml.ts'
import { parseYaml } from '../../src/yaml/parse-yaml.ts'
import { diffDocuments } from '../../src/versions/diff.ts'
import { decideKind } from '../../src/versions/release-kind.ts'
import { createRelease, currentDigestOf, serializeRelease } from '../../src/versions/release.ts'
import { nextVersionId } from '../../src/versions/version-id.ts'
import { basePolicy, fixturesRoot } from './fixture-policy.ts'

/**
 * A rule tester in the style of typescript-eslint's RuleTester: for one rule id, valid cases (the
 * rule reports nothing) and invalid cases (the rule reports exactly these errors: file, start, end,
 * message, suggestions, and hint or related place where given). A case is a policy: the base
 * fixture (test/fixtures/base) changed in memory, or a policy of its own. The rule runs alone where
 * it can (a semantic rule or a compliance rule over the loaded policy); otherwise a stage runs
 * (loading, the whole check, the reading of a directory on disk, the comparison with a base branch)
 * and its diagnostics are filtered to the rule id.
 */

/** A policy's files by their name in the policy directory (`policy.yaml`, `clauses/intro.md`). */
export type PolicyFiles = Readonly<Record<string, string>>

/** Text replacements, added or overwritten files and removed files, applied to the base policy. */
export interface PolicyChange {
  readonly replace?: ReadonlyArray<{ readonly file: string; readonly find: string; readonly with: string }>
  readonly add?: PolicyFiles
  readonly remove?: readonly string[]
}

export interface RuleCase {
  readonly name?: string
  /** A change to the base policy, or a function of its files (to add a release, say). */
  readonly change?: PolicyChange | ((files: PolicyFiles) => PolicyFiles)
  /** The whole policy instead of the base. */
  readonly source?: PolicyFiles
  /** Today, for the check; 2026-01-01 unless given. */
  readonly today?: string
  /** For a rule run alone: changes the context it gets (to give it what loading never does). */
  readonly context?: (context: RuleContext) => RuleContext
  /** For the compliance rules: the status and the places of the finding, checked when given. */
  readonly finding?: Pick<ComplianceFinding, 'status' | 'where'>
  /** For the stage that reads from disk: changes the directory (`<root>/policy`) after the files are written. */
  readonly prepare?: (root: string) => Promise<void>
  /**
   * For the stage that compares with a base branch: the files at the base (their releases are
   * compared), made when the case runs (making a release at collection would run the rules outside
   * any test, which Stryker counts as static).
   */
  readonly base?: () => PolicyFiles
}

export interface ExpectedError {
  /** The display path (`policy/data.yaml`). */
  readonly file: string
  /** Start and end, 1-based; null for a diagnostic of a whole file. */
  readonly line: number | null
  readonly column: number | null
  readonly endLine: number | null
  readonly endColumn: number | null
  readonly message: string
  /** The structured suggestions (`expected`); a case without them requires none. */
  readonly expected?: readonly string[]
  /** Checked when given; null: the error has no hint. */
  readonly hint?: string | null
  readonly related?: Diagnostic['related']
  readonly severity?: Severity
}

export interface InvalidCase extends RuleCase {
  readonly errors: readonly ExpectedError[]
}

export interface RuleCases {
  readonly valid: readonly RuleCase[]
  readonly invalid: readonly InvalidCase[]
}

/** What runs a case: a rule alone, or a stage whose diagnostics are filtered to the rule id. */
export type RuleSubject =
  | SemanticRule
  | ComplianceRule
  | ComplianceRule<VersionContext>
  | { readonly stage: string; run(files: PolicyFiles, testCase: RuleCase): Promise<Diagnostic[]> | Diagnostic[] }

export const defaultToday = '2026-01-01'

function readTree(directory: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`
    if (entry.isDirectory()) Object.assign(files, readTree(path.join(directory, entry.name), `${name}/`))
    else files[name] = readFileSync(path.join(directory, entry.name), 'utf8')
  }
  return files
}

/** The base fixture policy, read once. */
export const baseFiles: PolicyFiles = readTree(basePolicy)

export function applyChange(files: PolicyFiles, change: RuleCase['change']): PolicyFiles {
  if (change === undefined) return files
  if (typeof change === 'function') return change(files)
  const result: Record<string, string> = { ...files }
  for (const { file, find, with: replacement } of change.replace ?? []) {
    const text = result[file]
    // A change whose text is not found would silently test the base policy.
    if (text === undefined || !text.includes(find)) throw new Error(`${file} does not contain ${JSON.stringify(find)}`)
    result[file] = text.replace(find, replacement)
  }
  Object.assign(result, change.add ?? {})
  const removed = new Set(change.remove ?? [])
  return Object.fromEntries(Object.entries(result).filter(([name]) => !removed.has(name)))
}

/** The change of a folder of test/fixtures/check (its case.json), to reuse a golden case's policy. */
export function fixtureChange(name: string): PolicyChange {
  return JSON.parse(readFileSync(path.join(fixturesRoot, 'check', name, 'case.json'), 'utf8')) as PolicyChange
}

export function filesOf(testCase: RuleCase): PolicyFiles {
  return applyChange(testCase.source ?? baseFiles, testCase.change)
}

/** The sources `readPolicy` would give for these files, read from `policy/` (nothing touches the disk). */
export function sourcesOf(files: PolicyFiles): PolicySources {
  const file = (name: string): SourceFile | undefined => (files[name] === undefined ? undefined : { path: `policy/${name}`, name, text: files[name] })
  const listed = (directory: string, extension: string): SourceFile[] =>
    Object.keys(files)
      .filter((name) => name.startsWith(`${directory}/`) && name.endsWith(extension))
      .sort()
      .flatMap((name) => file(name) ?? [])
  const [policy, data, compliance] = [file('policy.yaml'), file('data.yaml'), file('compliance.yaml')]
  return { ...(policy && { policy }), ...(data && { data }), ...(compliance && { compliance }), clauses: listed('clauses', '.md'), releases: listed('releases', '.json'), diagnostics: [] }
}

/**
 * What the rules get: the policy loaded as checkPolicy loads it (`loadPolicy`, src/check.ts),
 * without running a rule. A rule then runs alone, and a test of one rule covers no other (Stryker
 * runs against a mutant only the tests that cover it).
 */
export function loadSources(sources: PolicySources, today = defaultToday): LoadedPolicy {
  return loadPolicy(sources, { today })
}

export function loadFiles(files: PolicyFiles, today = defaultToday): LoadedPolicy {
  return loadSources(sourcesOf(files), today)
}

export function checkFiles(files: PolicyFiles, today = defaultToday): CheckedPolicy {
  return checkPolicy(sourcesOf(files), { today })
}

/**
 * The files with the draft released, as `clausewright release` writes it (effective on its
 * lastUpdated); `on` is the day it records as `released` (the tester's today if not given).
 */
export function released(files: PolicyFiles, summary = 'Released.', on = defaultToday): PolicyFiles {
  const result = compile(sourcesOf(files), { today: defaultToday })
  if (!result.output) throw new Error(`the policy has errors: ${result.diagnostics.map((item) => item.message).join('; ')}`)
  const { draft } = result.output
  const last = result.releases.at(-1)
  // As an editor releases: a reworded change judged editorial.
  const diff = diffDocuments(last?.document ?? null, draft, { from: last?.version ?? null, to: draft.lastUpdated })
  const decision = decideKind(diff, diff.kind === 'reworded' ? 'editorial' : undefined)
  if ('refusal' in decision) throw new Error(decision.refusal)
  const version = nextVersionId(draft.lastUpdated, result.releases.map((item) => item.version))
  const release = createRelease({ version, effective: draft.lastUpdated, released: on, summary, kind: decision.kind, decidedBy: decision.decidedBy, previous: last ?? null, document: draft })
  return { ...files, [`releases/${release.version}.json`]: serializeRelease(release) }
}

/** The context the compliance rules get in `checkPolicy`, built from the loaded policy. */
export function versionContextOf(loaded: LoadedPolicy): VersionContext {
  const { context } = loaded
  return {
    ...context,
    clausesWith: indexDirectives(context.clauses),
    compared: () => {
      const last = context.releases.at(-1)
      // Rendered whatever the diagnostics: the draft of a case is meant to render.
      if (!last || !context.policy || !context.data) return undefined
      const draft = buildPolicyDocument(context.policy, context.data, renderPolicy(context.policy, context.data, context.clauses, loaded.texts))
      return { draft, last: { version: last.version, effective: last.effective, digest: currentDigestOf(last), document: last.document }, diff: diffDocuments(last.document, draft, { from: last.version, to: 'draft' }) }
    },
  }
}

/**
 * The context without the parsed YAML files, only their values: what a rule must still report
 * (without a file or a place) when a caller builds a context of its own.
 */
export function withoutYaml(context: RuleContext): RuleContext {
  return Object.fromEntries(Object.entries(context).filter(([key]) => key !== 'policyYaml' && key !== 'dataYaml')) as unknown as RuleContext
}

/** Stages for the rules that are not a rule module of their own. */
export const stages = {
  /** Loading, in memory: the scan of characters, YAML, schemas, clauses, the integrity of releases (no rule runs). */
  load: { stage: 'load', run: (files: PolicyFiles, testCase: RuleCase) => [...loadFiles(files, testCase.today).diagnostics] },
  /** The whole check of the files, in memory: loading, schemas, rules, compliance. */
  check: { stage: 'check', run: (files: PolicyFiles, testCase: RuleCase) => [...checkFiles(files, testCase.today).diagnostics] },
  /** runCompliance over every compliance rule with policy/compliance.yaml parsed and validated as the check does. */
  compliance: {
    stage: 'compliance',
    run: (files: PolicyFiles, testCase: RuleCase) => [...complianceOf(files, testCase).diagnostics],
  },
  /** readPolicy of the files written to a temporary directory (and changed by `prepare`), then loading. */
  disk: {
    stage: 'disk',
    run: async (files: PolicyFiles, testCase: RuleCase) => {
      const root = await mkdtemp(path.join(tmpdir(), 'clausewright-rule-'))
      try {
        for (const [name, text] of Object.entries(files)) {
          await mkdir(path.dirname(path.join(root, 'policy', name)), { recursive: true })
          await writeFile(path.join(root, 'policy', name), text)
        }
        await testCase.prepare?.(root)
        return [...loadSources(await readPolicy('policy', { cwd: root }), testCase.today).diagnostics]
      } finally {
        await chmod(root, 0o700).catch(() => undefined)
        await rm(root, { recursive: true, force: true })
      }
    },
  },
  /** compareWithBase (`check --base`): the files' releases against the release files of `testCase.base`. */
  base: {
    stage: 'base',
    run: (files: PolicyFiles, testCase: RuleCase) => {
      const baseFilesAt = Object.entries(testCase.base?.() ?? {}).filter(([name]) => name.startsWith('releases/'))
      const base: BaseReleases = { ref: 'main', commit: '0123456789abcdef0123', files: new Map(baseFilesAt.map(([name, text]) => [name, Buffer.from(text)])) }
      return compareWithBase(base, sourcesOf(files), (name) => `policy/${name}`)
    },
  },
} as const

/** runCompliance as checkPolicy runs it: every compliance rule, with policy/compliance.yaml if the files have one. */
export function complianceOf(files: PolicyFiles, testCase: RuleCase = {}): ComplianceReport {
  const loaded = loadFiles(files, testCase.today)
  const sources = sourcesOf(files)
  const parsed = sources.compliance && parseYaml(sources.compliance)
  const valid = parsed?.value !== undefined && validateYaml(parsed, 'compliance').length === 0
  return runCompliance([...complianceRules, ...consistencyRules], versionContextOf(loaded), valid ? (parsed.value as ComplianceConfig) : undefined, parsed)
}

/** What a case produced. */
export interface CaseResult {
  readonly diagnostics: readonly Diagnostic[]
  readonly finding?: ComplianceFinding
}

function isSemantic(subject: RuleSubject): subject is SemanticRule {
  return 'ids' in subject
}

function isCompliance(subject: RuleSubject): subject is ComplianceRule<VersionContext> {
  return 'article' in subject
}

/** What a rule run alone returned, each item a diagnostic of one of `ids` (anything else fails the case, never filtered out). */
function ownDiagnostics(items: readonly unknown[], ids: readonly RuleId[]): Diagnostic[] {
  for (const item of items) {
    const ruleId = (item as Partial<Diagnostic> | null)?.ruleId
    if (typeof item !== 'object' || item === null || ruleId === undefined || !ids.includes(ruleId) || typeof (item as Diagnostic).message !== 'string') throw new Error(`The rule returned ${JSON.stringify(item)}, expected diagnostics of ${ids.join(', ')}`)
  }
  return items as Diagnostic[]
}

/** Runs a case: the rule alone (its diagnostics of `ruleId`), or a stage filtered to `ruleId`. */
export async function runCase(ruleId: RuleId, subject: RuleSubject, testCase: RuleCase): Promise<CaseResult> {
  const files = filesOf(testCase)
  if (isSemantic(subject)) {
    if (!subject.ids.includes(ruleId)) throw new Error(`the rule module reports ${subject.ids.join(', ')}, not ${ruleId}`)
    const { context } = loadFiles(files, testCase.today)
    return { diagnostics: ownDiagnostics(subject.check(testCase.context?.(context) ?? context), subject.ids).filter((item) => item.ruleId === ruleId) }
  }
  if (isCompliance(subject)) {
    const loaded = loadFiles(files, testCase.today)
    const finding = subject.check(versionContextOf({ ...loaded, context: testCase.context?.(loaded.context) ?? loaded.context }))
    return { diagnostics: ownDiagnostics(finding.diagnostics, ruleIds).filter((item) => item.ruleId === ruleId), finding }
  }
  return { diagnostics: (await subject.run(files, testCase)).filter((item) => item.ruleId === ruleId) }
}

const describeError = (item: Diagnostic): string => `${item.file}:${item.span ? `${item.span.start.line}:${item.span.start.column}-${item.span.end.line}:${item.span.end.column}` : '(whole file)'} ${item.message}`

/** Throws, saying what differs, unless the diagnostics are exactly the expected errors (in order). */
export function assertErrors(ruleId: RuleId, actual: readonly Diagnostic[], expected: readonly ExpectedError[]): void {
  const sorted = [...actual].sort(compareDiagnostics)
  if (sorted.length < expected.length) {
    const missing = expected.filter((item) => !sorted.some((found) => found.message === item.message && found.file === item.file && (found.span?.start.line ?? null) === item.line && (found.span?.start.column ?? null) === item.column))
    throw new Error(`Should have ${expected.length} errors of ${ruleId} but had ${sorted.length}; missing:\n${missing.map((item) => `  ${item.file}:${item.line}:${item.column} ${item.message}`).join('\n')}`)
  }
  if (sorted.length > expected.length) {
    throw new Error(`Should have ${expected.length} errors of ${ruleId} but had ${sorted.length}; extra:\n${sorted.slice(expected.length).map((item) => `  ${describeError(item)}`).join('\n')}\nall:\n${sorted.map((item) => `  ${describeError(item)}`).join('\n')}`)
  }
  expected.forEach((want, index) => {
    const got = sorted[index] as Diagnostic
    const differences: string[] = []
    const compare = (field: string, wanted: unknown, found: unknown): void => {
      if (JSON.stringify(wanted) !== JSON.stringify(found)) differences.push(`${field}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(found)}`)
    }
    compare('file', want.file, got.file)
    compare('line', want.line, got.span?.start.line ?? null)
    compare('column', want.column, got.span?.start.column ?? null)
    compare('endLine', want.endLine, got.span?.end.line ?? null)
    compare('endColumn', want.endColumn, got.span?.end.column ?? null)
    compare('message', want.message, got.message)
    compare('expected', want.expected ?? null, got.expected ?? null)
    if (want.hint !== undefined) compare('hint', want.hint, got.hint ?? null)
    if (want.related !== undefined) compare('related', want.related, got.related ?? null)
    if (want.severity !== undefined) compare('severity', want.severity, got.severity)
    if (differences.length > 0) throw new Error(`Error ${index + 1} of ${ruleId} (${describeError(got)}) differs:\n  ${differences.join('\n  ')}`)
  })
}

function assertFinding(ruleId: RuleId, result: CaseResult, expected: RuleCase['finding']): void {
  if (expected === undefined) return
  if (!result.finding) throw new Error(`${ruleId}: a finding is expected, but the subject is not a compliance rule`)
  const got = { status: result.finding.status, where: result.finding.where }
  if (JSON.stringify(got) !== JSON.stringify({ status: expected.status, where: expected.where })) throw new Error(`The finding of ${ruleId} differs: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`)
}

/** Runs a valid case: no diagnostic of `ruleId`. */
export async function verifyValid(ruleId: RuleId, subject: RuleSubject, testCase: RuleCase): Promise<void> {
  const result = await runCase(ruleId, subject, testCase)
  if (result.diagnostics.length > 0) throw new Error(`Should have no errors of ${ruleId} but had ${result.diagnostics.length}:\n${result.diagnostics.map((item) => `  ${describeError(item)}`).join('\n')}`)
  assertFinding(ruleId, result, testCase.finding)
}

/** Runs an invalid case: exactly its errors. */
export async function verifyInvalid(ruleId: RuleId, subject: RuleSubject, testCase: InvalidCase): Promise<void> {
  if (testCase.errors.length === 0) throw new Error(`An invalid case of ${ruleId} must expect at least one error`)
  const result = await runCase(ruleId, subject, testCase)
  assertErrors(ruleId, result.diagnostics, testCase.errors)
  assertFinding(ruleId, result, testCase.finding)
}

/** The cases that ran and passed, by rule id: what the meta test of the catalogue reads. */
export const ledger = new Map<RuleId, { valid: number; invalid: number }>()

function record(ruleId: RuleId, kind: 'valid' | 'invalid'): void {
  const entry = ledger.get(ruleId) ?? { valid: 0, invalid: 0 }
  entry[kind] += 1
  ledger.set(ruleId, entry)
}

const caseName = (testCase: RuleCase, index: number): string => testCase.name ?? `#${index + 1}`

export const ruleTester = {
  run(ruleId: RuleId, subject: RuleSubject, cases: RuleCases): void {
    const by = isSemantic(subject) ? 'rule alone' : isCompliance(subject) ? 'compliance rule alone' : `stage ${subject.stage}`
    describe(`${ruleId} (${by})`, () => {
      // A suite without tests fails in vitest: a run may bring only valid or only invalid cases.
      if (cases.valid.length > 0) describe('valid', () => {
        cases.valid.forEach((testCase, index) => {
          test(caseName(testCase, index), async () => {
            await verifyValid(ruleId, subject, testCase)
            record(ruleId, 'valid')
          })
        })
      })
      if (cases.invalid.length > 0) describe('invalid', () => {
        cases.invalid.forEach((testCase, index) => {
          test(caseName(testCase, index), async () => {
            await verifyInvalid(ruleId, subject, testCase)
            record(ruleId, 'invalid')
          })
        })
      })
    })
  },
}
