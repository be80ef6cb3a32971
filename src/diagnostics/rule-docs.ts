import type { RuleId } from './rules.ts'

/** The directory, relative to the root of Clausewright, that holds one page per rule. */
export const ruleDocsDirectory = 'docs/rules'

/**
 * Where a rule is documented (what it checks and why, an example that is reported with its message,
 * how to fix it), relative to the root of Clausewright: `docs/rules/<id>.md`.
 */
export function ruleDocsPath(ruleId: RuleId): string {
  return `${ruleDocsDirectory}/${ruleId}.md`
}
