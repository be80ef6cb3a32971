import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import type { ItemStatus } from '../model/compliance.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import type { RuleContext } from '../rules/context.ts'
import { visitDirectives } from '../directives/visit-directives.ts'

export interface ComplianceFinding {
  readonly status: ItemStatus
  /** The clauses where the policy states the item: the compliance page links them. */
  readonly where: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface ComplianceContext extends RuleContext {
  /** The ids of the clauses that use a directive (optionally with a given `id`/attribute value). */
  clausesWith(directive: string, value?: string): string[]
}

/**
 * A compliance rule: one item of the information GDPR Art. 13/14 (and the ICO's "right to be
 * informed" checklist) requires, checked against the structured data. Documented in
 * docs/rules/<id>.md.
 */
export interface ComplianceRule<Context extends ComplianceContext = ComplianceContext> {
  readonly id: RuleId
  /** The provision, as a reader cites it (`GDPR Art. 13(1)(e)`). */
  readonly article: string
  /** What the policy must tell people, in a few words. */
  readonly title: string
  check(context: Context): ComplianceFinding
}

/**
 * Which clauses use which directives, indexed once for all the rules: `name` and `name=value`
 * (any attribute value, such as the `#id` of `:data[…]{#id}`) map to clause ids, in clause order.
 */
export function indexDirectives(clauses: RuleContext['clauses']): (directive: string, value?: string) => string[] {
  const index = new Map<string, string[]>()
  const add = (key: string, id: string) => {
    const ids = index.get(key) ?? []
    if (ids.at(-1) !== id) ids.push(id)
    index.set(key, ids)
  }
  for (const clause of clauses) {
    visitDirectives(clause.tree, (node) => {
      add(node.name, clause.frontMatter.id)
      for (const value of Object.values(node.attributes ?? {})) if (typeof value === 'string') add(`${node.name}=${value}`, clause.frontMatter.id)
    })
  }
  return (directive, value) => [...(index.get(value === undefined ? directive : `${directive}=${value}`) ?? [])]
}

export const met = (where: readonly string[] = []): ComplianceFinding => ({ status: 'met', where, diagnostics: [] })
export const notApplicable: ComplianceFinding = { status: 'not-applicable', where: [], diagnostics: [] }
export const missing = (diagnostics: readonly Diagnostic[], where: readonly string[] = []): ComplianceFinding => ({ status: 'missing', where, diagnostics })
