import { type Diagnostic, type DiagnosticDetails, diagnostic } from '../diagnostics/diagnostic.ts'
import { codeList, suggest } from '../diagnostics/words.ts'
import { locate } from '../yaml/locate.ts'
import { definedIds } from './defined-ids.ts'
import type { SemanticRule } from './context.ts'

/** References between entries of data.yaml, and from rights to clauses. Directives are checked in `directives`. */
export const unknownReference: SemanticRule = {
  ids: ['unknown-reference', 'purpose-parent-invalid'],
  check({ dataYaml, dataFields, clauses, policyFields }) {
    const found: Diagnostic[] = []
    const file = dataYaml?.file.path ?? ''
    // A list that failed its schema still gives its ids, if it can (see `definedIds`); references to a list that cannot are not judged.
    const categoryIds = definedIds(dataFields?.dataCategories, dataYaml, 'dataCategories')
    const recipientIds = definedIds(dataFields?.recipients, dataYaml, 'recipients')
    const categories = [...(categoryIds ?? [])]
    const recipients = [...(recipientIds ?? [])]
    const purposes = new Map((dataFields?.purposes ?? []).map((item) => [item.id, item]))
    const report = (path: ReadonlyArray<string | number>, kind: string, plural: string, id: string, known: readonly string[]): void => {
      // Searched among the ids only if shown: see `diagnostic`.
      const details = (): DiagnosticDetails => {
        const { hint, expected } = suggest(id, known)
        return { hint: hint ?? `Define \`${id}\` first, or fix the reference.`, expected }
      }
      found.push(diagnostic('unknown-reference', file, locate(dataYaml, path), `Unexpected ${kind} \`${id}\`, expected one of the ${plural} defined${known.length > 0 ? `: ${codeList(known)}` : ' (there are none)'}`, details))
    }

    dataFields?.purposes?.forEach((purpose, index) => {
      purpose.dataCategories?.forEach((id, position) => {
        if (categoryIds && !categoryIds.has(id)) report(['purposes', index, 'dataCategories', position], 'data category', 'data categories', id, categories)
      })
      purpose.recipients?.forEach((id, position) => {
        if (recipientIds && !recipientIds.has(id)) report(['purposes', index, 'recipients', position], 'recipient', 'recipients', id, recipients)
      })
      if (purpose.parent === undefined) return
      const parent = purposes.get(purpose.parent)
      if (!parent) {
        report(['purposes', index, 'parent'], 'purpose', 'purposes', purpose.parent, [...purposes.keys()])
        return
      }
      if (parent.group !== purpose.group) {
        found.push(
          diagnostic('purpose-parent-invalid', file, locate(dataYaml, ['purposes', index, 'parent']), `Unexpected parent \`${parent.id}\` of group \`${parent.group ?? '(none)'}\`, expected a purpose of the same group \`${purpose.group ?? '(none)'}\``, {
            hint: 'Give the nested purpose the group of its parent.',
          }),
        )
        return
      }
      const seen = new Set([purpose.id])
      for (let ancestor: typeof parent | undefined = parent; ancestor; ancestor = ancestor.parent ? purposes.get(ancestor.parent) : undefined) {
        if (seen.has(ancestor.id)) {
          found.push(diagnostic('purpose-parent-invalid', file, locate(dataYaml, ['purposes', index, 'parent']), `Unexpected cycle of parents through \`${ancestor.id}\`, expected a purpose to be nested under others, never under itself`))
          break
        }
        seen.add(ancestor.id)
      }
    })

    const clauseIds = policyFields?.clauses ? [...policyFields.clauses] : clauses.map((clause) => clause.frontMatter.id)
    dataFields?.rights?.forEach((right, index) => {
      if (!clauseIds.includes(right.clause)) report(['rights', index, 'clause'], 'clause', 'clauses', right.clause, clauseIds)
    })
    return found
  },
}
