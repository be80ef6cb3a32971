import type { FootnoteDefinition } from 'mdast'
import { visit } from 'unist-util-visit'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { SemanticRule } from './context.ts'

/**
 * A GFM footnote that is not published: remark-rehype lists only the notes a clause references,
 * and of two notes with one label only the first. The editor's words would go missing without a word.
 */
export const footnoteUnreferenced: SemanticRule = {
  ids: ['footnote-unreferenced'],
  check({ markdown }) {
    const found: Diagnostic[] = []
    for (const text of markdown) {
      const referenced = new Set<string>()
      const definitions: FootnoteDefinition[] = []
      visit(text.tree, (node) => {
        if (node.type === 'footnoteReference') referenced.add(node.identifier)
        else if (node.type === 'footnoteDefinition') definitions.push(node)
      })
      const defined = new Set<string>()
      for (const definition of definitions) {
        const label = definition.label ?? definition.identifier
        if (defined.has(definition.identifier)) {
          found.push(diagnostic('footnote-unreferenced', text.file, text.spanOf(definition), `Unexpected second footnote \`[^${label}]\`, expected one note for each label: only the first is published`, { hint: 'Give the note a label of its own, and reference it where it belongs.' }))
        } else if (!referenced.has(definition.identifier)) {
          found.push(diagnostic('footnote-unreferenced', text.file, text.spanOf(definition), `Unexpected footnote \`[^${label}]\` that the clause never references, expected \`[^${label}]\` in its text: only referenced notes are published`, { hint: `Write \`[^${label}]\` where the note belongs, or remove the note.` }))
        }
        defined.add(definition.identifier)
      }
    }
    return found
  },
}
