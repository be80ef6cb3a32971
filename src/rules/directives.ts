import { directives, type ReferenceKind } from '../directives/catalogue.ts'
import { type AnyDirective, visitDirectives } from '../directives/visit-directives.ts'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { closest, codeList, suggest } from '../diagnostics/words.ts'
import { locate } from '../yaml/locate.ts'
import { definedGroups, definedIds } from './defined-ids.ts'
import type { RuleContext, SemanticRule } from './context.ts'

const syntax: Record<AnyDirective['type'], string> = { containerDirective: ':::', leafDirective: '::', textDirective: ':' }

/** Every directive in a clause exists, has the right form and attributes, and names data that exists. */
export const directivesRule: SemanticRule = {
  ids: ['unknown-directive', 'unknown-reference', 'contact-email-missing', 'unused-entry'],
  check(context) {
    const found: Diagnostic[] = []
    const known = referenceTargets(context)
    // Whether a contact has an email address is judged only when the contacts passed their schema.
    const contacts = context.policyFields?.contacts
    const shownGroups = new Set<string>()
    const named = new Set<string>()
    for (const text of context.markdown) {
      visitDirectives(text.tree, (node) => {
        const report = (ruleId: Parameters<typeof diagnostic>[0], message: string, hint?: string, expected?: readonly string[]): void => {
          found.push(diagnostic(ruleId, text.file, text.spanOf(node), message, { hint, expected }))
        }
        const written = `${syntax[node.type]}${node.name}`
        const spec = Object.hasOwn(directives, node.name) ? directives[node.name] : undefined
        if (!spec) {
          const colon = 'A colon and a word followed by `[…]` or `{…}`, or `::` at the start of a line, start a directive: write `\\:` for a literal colon.'
          // The hint names the directive, `expected` the whole syntax (`::purposes`).
          const { hint } = suggest(node.name, Object.keys(directives))
          const expected = hint === undefined ? [] : suggest(node.name, Object.keys(directives), syntax[node.type]).expected
          report('unknown-directive', `Unexpected directive \`${written}\`, expected one of ${codeList(Object.keys(directives))}`, hint ? `${hint} ${colon}` : colon, expected)
          return
        }
        if (spec.type !== node.type) {
          // Stryker disable next-line OptionalChaining: the names are the catalogue's own keys
          const sameType = Object.keys(directives).filter((name) => directives[name]?.type === node.type)
          const suggestion = closest(node.name, sameType)
          report('unknown-directive', `Unexpected \`${written}\`, expected \`${syntax[spec.type]}${node.name}\`${suggestion ? ` or \`${syntax[node.type]}${suggestion}\`` : ''}`, spec.summary, [`${syntax[spec.type]}${node.name}`, ...(suggestion ? [`${syntax[node.type]}${suggestion}`] : [])])
          return
        }
        const hasLabel = node.children.length > 0
        if (spec.label === 'required' && !hasLabel) report('unknown-directive', `Missing label of \`${written}\`, expected \`${written}[words of the text]\``, spec.summary)
        if (spec.label === 'forbidden' && hasLabel) report('unknown-directive', `Unexpected label of \`${written}\`, expected none`, spec.summary)
        const attributes = node.attributes ?? {}
        for (const name of Object.keys(attributes)) {
          if (!Object.hasOwn(spec.attributes, name)) report('unknown-directive', `Unexpected attribute \`${name}\` on \`${written}\`, expected ${Object.keys(spec.attributes).length > 0 ? codeList(Object.keys(spec.attributes)) : 'none'}`, spec.summary)
        }
        for (const [name, attribute] of Object.entries(spec.attributes)) {
          const value = attributes[name]
          if (value === undefined || value === null || value === '') {
            if (attribute.required) report('unknown-directive', `Missing attribute \`${name}\` on \`${written}\``, spec.summary)
            continue
          }
          if (attribute.values && !attribute.values.includes(value)) {
            report('unknown-directive', `Unexpected ${name} \`${value}\` on \`${written}\`, expected one of ${codeList(attribute.values)}`)
          }
          if (!attribute.references) continue
          if (attribute.references === 'purposeGroup') shownGroups.add(value)
          named.add(`${attribute.references}:${value}`)
          const targets = known[attribute.references]
          if (!targets) continue
          if (!targets.has(value)) {
            // Searched among the targets only if shown: see `diagnostic`.
            found.push(diagnostic('unknown-reference', text.file, text.spanOf(node), `Unexpected ${labels[attribute.references]} \`${value}\` in \`${written}\`, expected one of ${codeList(targets) || '(none defined)'}`, () => suggest(value, targets)))
          } else if (attribute.references === 'contact' && node.name === 'email' && contacts && contacts.find((contact) => contact.id === value)?.email === undefined) {
            report('contact-email-missing', `Missing email address of contact \`${value}\`: the text refers to it, but policy.yaml does not give it`, 'Add `email:` to the contact in policy.yaml once it is known. Until then the published text shows that it is missing.')
          }
        }
      })
    }
    // What no text names is judged only when every text was read: those of the purposes and the
    // rights too (a list that failed its schema has its texts unchecked), and every clause's.
    const { dataCategories, purposes, recipients, rights } = context.dataFields ?? {}
    if (purposes && rights && context.clauses.length > 0 && context.clauses.every((clause) => !clause.unparsed)) {
      const unused = (kind: string, listKey: string, index: number, id: string, hint: string): void => {
        found.push(diagnostic('unused-entry', context.dataYaml?.file.path ?? '', locate(context.dataYaml, [listKey, index, 'id']), `Unexpected ${kind} \`${id}\` that no clause shows or names`, { hint }))
      }
      purposes.forEach((purpose, index) => {
        if (purpose.group !== undefined && shownGroups.has(purpose.group)) return
        unused('purpose', 'purposes', index, purpose.id, purpose.group === undefined ? 'Give it a `group:` that a clause shows with `::purposes{group="…"}`.' : `Add \`::purposes{group="${purpose.group}"}\` to a clause.`)
      })
      dataCategories?.forEach((category, index) => {
        if (!named.has(`dataCategory:${category.id}`)) unused('data category', 'dataCategories', index, category.id, `Name it in the clause that describes what is collected: \`:data[words of the text]{#${category.id}}\`.`)
      })
      recipients?.forEach((recipient, index) => {
        if (!named.has(`recipient:${recipient.id}`)) unused('recipient', 'recipients', index, recipient.id, `Name it in the clause on sharing: \`:recipient[words of the text]{#${recipient.id}}\`.`)
      })
    }
    return found
  },
}

const labels: Record<ReferenceKind, string> = {
  dataCategory: 'data category',
  purpose: 'purpose',
  recipient: 'recipient',
  right: 'right',
  contact: 'contact',
  purposeGroup: 'purpose group',
}

/** The ids each kind of reference may name, where they can be told (see `definedIds`). */
function referenceTargets({ dataFields, dataYaml, policyFields, policyYaml }: RuleContext): Partial<Record<ReferenceKind, ReadonlySet<string> | undefined>> {
  return {
    dataCategory: definedIds(dataFields?.dataCategories, dataYaml, 'dataCategories'),
    purpose: definedIds(dataFields?.purposes, dataYaml, 'purposes'),
    recipient: definedIds(dataFields?.recipients, dataYaml, 'recipients'),
    right: definedIds(dataFields?.rights, dataYaml, 'rights'),
    purposeGroup: definedGroups(dataFields?.purposes, dataYaml),
    contact: definedIds(policyFields?.contacts, policyYaml, 'contacts'),
  }
}
