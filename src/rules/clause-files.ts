import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

/** The order in policy.yaml and the files in clauses/ must name the same clauses. */
export const clauseFiles: SemanticRule = {
  ids: ['clause-not-in-order', 'clause-file-missing', 'clause-id-mismatch'],
  check({ policyYaml, policyFields, clauses }) {
    const found: Diagnostic[] = []
    const order = policyFields?.clauses
    for (const clause of clauses) {
      // A provisional id (the front matter failed, and says so) is neither misnamed nor out of order.
      if (clause.frontMatterInvalid) continue
      const expectedName = `clauses/${clause.frontMatter.id}.md`
      if (clause.file.name !== expectedName) {
        found.push(
          diagnostic('clause-id-mismatch', clause.file.path, locate(clause.frontMatterYaml, ['id']), `Unexpected id \`${clause.frontMatter.id}\` in \`${clause.file.name}\`, expected the file to be named \`${expectedName}\``, {
            hint: 'Rename the file after its id, or change the id (links to the clause use it).',
          }),
        )
      }
      if (order && !order.includes(clause.frontMatter.id)) {
        found.push(
          diagnostic('clause-not-in-order', clause.file.path, locate(clause.frontMatterYaml, ['id']), `Unexpected clause \`${clause.frontMatter.id}\` that policy.yaml does not list, expected every clause in \`clauses\``, {
            hint: `Add \`- ${clause.frontMatter.id}\` to \`clauses\` in policy.yaml where it belongs, or delete the file.`,
          }),
        )
      }
    }
    if (order) {
      const ids = new Set(clauses.map((clause) => clause.frontMatter.id))
      order.forEach((id, index) => {
        if (ids.has(id)) return
        found.push(
          diagnostic('clause-file-missing', policyYaml?.file.path ?? '', locate(policyYaml, ['clauses', index]), `Unexpected clause \`${id}\` without a file, expected \`clauses/${id}.md\``, {
            hint: `Create \`clauses/${id}.md\` with \`id: ${id}\` in its front matter, or remove the entry.`,
          }),
        )
      })
    }
    return found
  },
}
