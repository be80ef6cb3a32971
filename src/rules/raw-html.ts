import { visit } from 'unist-util-visit'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { SemanticRule } from './context.ts'

/** Raw HTML is dropped from the output; the editor must learn that at check time, not on the site. */
export const rawHtml: SemanticRule = {
  ids: ['raw-html'],
  check({ markdown }) {
    const found: Diagnostic[] = []
    for (const text of markdown) {
      visit(text.tree, 'html', (node) => {
        const preview = node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value
        found.push(diagnostic('raw-html', text.file, text.spanOf(node), `Unexpected HTML \`${preview.replace(/\s+/g, ' ')}\`, expected Markdown`, { hint: 'Write it in Markdown; raw HTML never reaches the published policy. Write `\\<` for a literal angle bracket.' }))
      })
    }
    return found
  },
}
