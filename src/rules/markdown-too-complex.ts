import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { SemanticRule } from './context.ts'

/**
 * A text of data.yaml that exceeds the Markdown budgets was not parsed (see parseDataText); this
 * reports where. A clause file that exceeds them is reported by parseClause itself.
 */
export const markdownTooComplex: SemanticRule = {
  ids: ['markdown-too-complex'],
  check({ markdown }) {
    const found: Diagnostic[] = []
    for (const text of markdown) {
      const excess = text.tree.data?.markdownTooComplex
      if (excess) found.push(diagnostic('markdown-too-complex', text.file, text.spanOf({ position: { start: excess.point, end: excess.point } }), excess.message, { hint: excess.hint }))
    }
    return found
  },
}
