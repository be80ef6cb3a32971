import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { PolicyDocument } from '../compile/policy-document.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import type { RuleContext } from '../rules/context.ts'

/** Whether the policy gives an item the law requires. */
export type ItemStatus = 'met' | 'missing' | 'not-applicable'

export interface ComplianceFinding {
  readonly status: ItemStatus
  /** The clauses where the policy states the item: the compliance page links them. */
  readonly where: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface ComplianceContext extends RuleContext {
  /** The ids of the clauses that use a directive (optionally with a given `id`/attribute value). */
  clausesWith(directive: string, value?: string): string[]
  /** The draft's policy document and the last release's, when both exist (for consistency rules). */
  draftAndLastRelease(): { readonly draft: PolicyDocument; readonly last: { readonly version: string; readonly effective: string; readonly document: PolicyDocument } } | undefined
}

/**
 * A compliance rule: one item of the information GDPR Art. 13/14 (and the ICO's "right to be
 * informed" checklist) requires, checked against the structured data. Documented in
 * docs/rules/<id>.md.
 */
export interface ComplianceRule {
  readonly id: RuleId
  /** The provision, as a reader cites it (`GDPR Art. 13(1)(e)`). */
  readonly article: string
  /** What the policy must tell people, in a few words. */
  readonly title: string
  check(context: ComplianceContext): ComplianceFinding
}

export function clausesWithDirective(clauses: RuleContext['clauses'], name: string, value?: string): string[] {
  return clauses
    .filter((clause) => {
      let found = false
      visit(clause.tree as Root, (node) => {
        if ((node.type === 'textDirective' || node.type === 'leafDirective') && (node as { name: string }).name === name) {
          const attributes = (node as { attributes?: Record<string, string | null | undefined> }).attributes ?? {}
          if (value === undefined || Object.values(attributes).includes(value)) found = true
        }
      })
      return found
    })
    .map((clause) => clause.frontMatter.id)
}

export const met = (where: readonly string[] = []): ComplianceFinding => ({ status: 'met', where, diagnostics: [] })
export const notApplicable: ComplianceFinding = { status: 'not-applicable', where: [], diagnostics: [] }
export const missing = (diagnostics: readonly Diagnostic[], where: readonly string[] = []): ComplianceFinding => ({ status: 'missing', where, diagnostics })
