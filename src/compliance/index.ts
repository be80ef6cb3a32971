import { type Diagnostic, diagnostic, type Severity } from '../diagnostics/diagnostic.ts'
import { suggest } from '../diagnostics/words.ts'
import { locate } from '../yaml/locate.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import { automatedDecisionMaking } from './automated-decisions.ts'
import type { ComplianceContext, ComplianceRule } from './compliance-rule.ts'
import type { ComplianceItem } from '../model/compliance.ts'
import { controllerIdentity, dpoContact, representative } from './controller.ts'
import { dataSource, internationalTransfers, provisionRequirement, recipientsStated, retentionPeriod, specialCategoryCondition } from './data.ts'
import { lawfulBasis, legitimateInterest } from './lawful-basis.ts'
import { complaintRight, dataSubjectRights, objectionSeparate, withdrawConsent } from './rights.ts'

/**
 * The compliance rules that read the source, in the order of GDPR Art. 13, then Art. 14 and 21.
 * The consistency rules, which compare the draft with the releases, live in src/versions.
 */
export const complianceRules: readonly ComplianceRule[] = [
  controllerIdentity,
  representative,
  dpoContact,
  lawfulBasis,
  legitimateInterest,
  specialCategoryCondition,
  recipientsStated,
  internationalTransfers,
  retentionPeriod,
  dataSubjectRights,
  withdrawConsent,
  complaintRight,
  provisionRequirement,
  automatedDecisionMaking,
  dataSource,
  objectionSeparate,
]

export interface ComplianceConfig {
  readonly rules: Readonly<Record<string, { readonly severity: Severity | 'disabled'; readonly justification: string }>>
}

export interface ComplianceReport {
  readonly items: readonly ComplianceItem[]
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * Runs every compliance rule, then applies policy/compliance.yaml: a rule's severity changed, or
 * the rule turned off with its justification (published in the summary).
 */
export function runCompliance<Context extends ComplianceContext>(rules: ReadonlyArray<ComplianceRule<Context>>, context: Context, config: ComplianceConfig | undefined, configYaml: ParsedYaml | undefined): ComplianceReport {
  const diagnostics: Diagnostic[] = []
  const known = new Set<string>(rules.map((rule) => rule.id))
  for (const name of Object.keys(config?.rules ?? {})) {
    if (known.has(name)) continue
    const { hint, expected } = suggest(name, known)
    diagnostics.push(
      diagnostic('compliance-config', configYaml?.file.path ?? '', locate(configYaml, ['rules', name], 'key'), `Unexpected rule \`${name}\` in compliance.yaml, expected a compliance rule`, {
        hint: `${hint ?? ''} Only the compliance rules (docs/rules/) can be changed; the others guard the policy's integrity and safety.`.trim(),
        expected,
      }),
    )
  }
  const items = rules.map((rule): ComplianceItem => {
    const finding = rule.check(context)
    const override = config?.rules[rule.id]
    const base = { rule: rule.id, article: rule.article, title: rule.title, where: finding.where }
    if (override?.severity === 'disabled') return { ...base, status: finding.status === 'missing' ? 'waived' : finding.status, justification: override.justification }
    diagnostics.push(...finding.diagnostics.map((item) => (override ? { ...item, severity: override.severity as Severity } : item)))
    return { ...base, status: finding.status, justification: override?.justification ?? null }
  })
  return { items, diagnostics }
}
