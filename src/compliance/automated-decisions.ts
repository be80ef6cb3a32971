import { diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import { fieldFailed } from '../rules/context.ts'
import { type ComplianceRule, met, missing, notApplicable } from './compliance-rule.ts'

/** GDPR Art. 13(2)(f), 22: automated decision-making, including profiling. */
export const automatedDecisionMaking: ComplianceRule = {
  id: 'automated-decision-making',
  article: 'GDPR Art. 13(2)(f), 22',
  title: 'Automated decision-making and profiling, its logic and consequences',
  check({ policyFields, policyYaml }) {
    if (fieldFailed(policyFields, policyYaml, 'automatedDecisionMaking')) return notApplicable
    const statement = policyFields?.automatedDecisionMaking
    const file = policyYaml?.file.path ?? ''
    if (statement === undefined) {
      return missing([diagnostic('automated-decision-making', file, locate(policyYaml, ['id'], 'key'), 'Missing statement on automated decision-making: the policy does not say whether it is used', { hint: 'Add `automatedDecisionMaking: { used: false }`, or `used: true` with `logic:` and `consequences:`.' })])
    }
    if (!statement.used) return met()
    if (statement.logic !== undefined && statement.consequences !== undefined) return met()
    return missing([diagnostic('automated-decision-logic', file, locate(policyYaml, ['automatedDecisionMaking', 'used']), 'Missing the logic or the consequences of the automated decision-making the policy says is used', { hint: 'Add `logic:` and `consequences:` (GDPR Art. 13(2)(f)).' })])
  },
}
