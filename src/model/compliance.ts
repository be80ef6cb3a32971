import type { RuleId } from '../diagnostics/rules.ts'

/** Whether the policy gives an item the law requires. */
export type ItemStatus = 'met' | 'missing' | 'not-applicable'

/** One required item, as policy.json and the compliance page show it. */
export interface ComplianceItem {
  readonly rule: RuleId
  readonly article: string
  readonly title: string
  readonly status: ItemStatus | 'waived'
  /** Clause ids where the policy states it. */
  readonly where: readonly string[]
  readonly justification: string | null
}
