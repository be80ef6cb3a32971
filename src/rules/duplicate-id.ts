import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import { locate, type Path } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

/** Two entries of one kind with the same id: the second is reported, pointing back at the first. */
export const duplicateId: SemanticRule = {
  ids: ['duplicate-id'],
  check({ policyYaml, dataYaml, policyFields, dataFields, clauses }) {
    const found: Diagnostic[] = []
    const checkList = (parsed: ParsedYaml | undefined, listPath: Path, ids: readonly string[], kind: string, idKey?: string): void => {
      const seen = new Map<string, number>()
      ids.forEach((id, index) => {
        const first = seen.get(id)
        const path = idKey ? [...listPath, index, idKey] : [...listPath, index]
        if (first === undefined) {
          seen.set(id, index)
          return
        }
        const firstSpan = locate(parsed, idKey ? [...listPath, first, idKey] : [...listPath, first])
        found.push(
          diagnostic('duplicate-id', parsed?.file.path ?? '', locate(parsed, path), `Unexpected second ${kind} \`${id}\`, expected each id once`, {
            hint: 'Give one of them another id, or merge the two.',
            related: { file: parsed?.file.path ?? '', ...(firstSpan && { span: firstSpan }), message: `first ${kind} \`${id}\`` },
          }),
        )
      })
    }
    const { contacts, clauses: order } = policyFields ?? {}
    if (contacts) checkList(policyYaml, ['contacts'], contacts.map((contact) => contact.id), 'contact', 'id')
    if (order) checkList(policyYaml, ['clauses'], order, 'clause in the order')
    const { dataCategories, purposes, recipients, rights } = dataFields ?? {}
    if (dataCategories) checkList(dataYaml, ['dataCategories'], dataCategories.map((item) => item.id), 'data category', 'id')
    if (purposes) checkList(dataYaml, ['purposes'], purposes.map((item) => item.id), 'purpose', 'id')
    if (recipients) checkList(dataYaml, ['recipients'], recipients.map((item) => item.id), 'recipient', 'id')
    if (rights) checkList(dataYaml, ['rights'], rights.map((item) => item.id), 'right', 'id')
    const clauseIds = new Map<string, (typeof clauses)[number]>()
    for (const clause of clauses) {
      if (clause.frontMatterInvalid) continue
      const first = clauseIds.get(clause.frontMatter.id)
      if (!first) {
        clauseIds.set(clause.frontMatter.id, clause)
        continue
      }
      const firstSpan = locate(first.frontMatterYaml, ['id'])
      found.push(
        diagnostic('duplicate-id', clause.file.path, locate(clause.frontMatterYaml, ['id']), `Unexpected second clause with id \`${clause.frontMatter.id}\`, expected each id once`, {
          related: { file: first.file.path, ...(firstSpan && { span: firstSpan }), message: `first clause \`${clause.frontMatter.id}\`` },
        }),
      )
    }
    return found
  },
}
