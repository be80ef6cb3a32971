import type { FootnoteReference, Heading } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { type Diagnostic, type DiagnosticDetails, diagnostic } from '../diagnostics/diagnostic.ts'
import { clauseAnchors, footnoteAnchors } from '../model/anchors.ts'
import { suggest } from '../diagnostics/words.ts'
import type { LoadedClause } from '../markdown/loaded-clause.ts'
import type { SemanticRule } from './context.ts'

/** The anchors a policy publishes: one per clause, one per heading inside a clause, and a clause's footnotes and their references. */
export function collectAnchors(clauses: readonly LoadedClause[]): Set<string> {
  const anchors = new Set<string>()
  for (const clause of clauses) {
    anchors.add(clause.frontMatter.id)
    const anchorOf = clauseAnchors(clause.frontMatter.id)
    visit(clause.tree, 'heading', (node: Heading) => {
      anchors.add(anchorOf(toString(node)))
    })
    // A footnote is published once referenced (GFM makes `[^label]` a reference only when defined).
    const references = new Map<string, number>()
    visit(clause.tree, 'footnoteReference', (node: FootnoteReference) => {
      references.set(node.identifier, (references.get(node.identifier) ?? 0) + 1)
    })
    for (const [label, count] of references) for (const anchor of footnoteAnchors(clause.frontMatter.id, label, count)) anchors.add(anchor)
  }
  return anchors
}

/** An internal link `#anchor` must point at a clause or a heading of this policy. */
export const brokenAnchor: SemanticRule = {
  ids: ['broken-anchor'],
  check({ clauses, markdown }) {
    const anchors = collectAnchors(clauses)
    // The headings of a clause that could not be parsed are not known (its error is reported).
    const unread = clauses.filter((clause) => clause.unparsed).map((clause) => `${clause.frontMatter.id}--`)
    const found: Diagnostic[] = []
    for (const text of markdown) {
      visit(text.tree, (node) => {
        if (node.type !== 'link' && node.type !== 'definition') return
        const url = (node as { url: string }).url
        if (!url.startsWith('#')) return
        const anchor = decodeURIComponentSafe(url.slice(1))
        if (anchors.has(anchor) || unread.some((prefix) => anchor.startsWith(prefix))) return
        // Searched among every anchor only if shown: see `diagnostic`.
        const details = (): DiagnosticDetails => {
          const { hint, expected } = suggest(anchor, anchors, '#')
          return { hint: hint ?? `Clause anchors are clause ids: ${[...anchors].filter((item) => !item.includes('--')).map((item) => `#${item}`).join(', ')}.`, expected }
        }
        found.push(diagnostic('broken-anchor', text.file, text.spanOf(node), `Unexpected link to \`${url}\`, expected the id of a clause or heading`, details))
      })
    }
    return found
  },
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
