import type { FootnoteReference, Heading } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { isMap, isScalar } from 'yaml'
import { type Diagnostic, type DiagnosticDetails, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import { clauseAnchors, footnoteAnchors } from '../model/anchors.ts'
import { suggest } from '../diagnostics/words.ts'
import type { LoadedClause } from '../markdown/loaded-clause.ts'
import type { SemanticRule } from './context.ts'

/** The anchors a policy publishes: one per clause, one per heading inside a clause, and a clause's footnotes and their references. */
export function collectAnchors(clauses: readonly LoadedClause[]): Set<string> {
  const anchors = new Set<string>()
  for (const clause of clauses) {
    for (const target of targetsOf(clause)) anchors.add(target)
    // A footnote is published once referenced (GFM makes `[^label]` a reference only when defined).
    const references = new Map<string, number>()
    visit(clause.tree, 'footnoteReference', (node: FootnoteReference) => {
      references.set(node.identifier, (references.get(node.identifier) ?? 0) + 1)
    })
    for (const [label, count] of references) for (const anchor of footnoteAnchors(clause.frontMatter.id, label, count)) anchors.add(anchor)
    // A former anchor of the page leads to the clause or one of its headings (render-policy.ts).
    for (const alias of Object.keys(clause.frontMatter.aliases ?? {})) anchors.add(alias)
  }
  return anchors
}

/** The anchors of one clause that an alias may lead to: its id and its headings'. */
function targetsOf(clause: LoadedClause): Set<string> {
  const targets = new Set([clause.frontMatter.id])
  const anchorOf = clauseAnchors(clause.frontMatter.id)
  visit(clause.tree, 'heading', (node: Heading) => {
    targets.add(anchorOf(toString(node)))
  })
  return targets
}

/** Where an alias is written in the clause's front matter: its key, and its value. */
function aliasSpans(clause: LoadedClause, alias: string): { key: Span | undefined; value: Span | undefined } {
  const aliases = clause.frontMatterYaml?.document?.get('aliases', true)
  const pair = isMap(aliases) ? aliases.items.find((item) => isScalar(item.key) && item.key.value === alias) : undefined
  const range = (node: unknown) => (isScalar(node) ? node.range : undefined)
  return { key: clause.frontMatterYaml?.spanOf(range(pair?.key)), value: clause.frontMatterYaml?.spanOf(range(pair?.value)) }
}

/**
 * A clause's aliases: each leads to the clause or one of its headings, and none is already the id of
 * an anchor of the page (two elements with one id: a link would land on the first).
 */
function checkAliases(clauses: readonly LoadedClause[]): Diagnostic[] {
  const found: Diagnostic[] = []
  // Most policies have no alias: their headings are not walked again for nothing.
  if (!clauses.some((clause) => clause.frontMatter.aliases !== undefined)) return found
  const targetsByClause = new Map(clauses.map((clause) => [clause, targetsOf(clause)]))
  const published = new Set([...targetsByClause.values()].flatMap((targets) => [...targets]))
  const seen = new Set<string>()
  for (const [clause, targets] of targetsByClause) {
    for (const [alias, target] of Object.entries(clause.frontMatter.aliases ?? {})) {
      const { key, value } = aliasSpans(clause, alias)
      if (!targets.has(target)) {
        found.push(diagnostic('broken-anchor', clause.file.path, value, `Unexpected alias target \`${target}\`, expected the id of this clause or of one of its headings`, () => suggest(target, targets, '')))
      }
      if (published.has(alias) || seen.has(alias)) {
        found.push(diagnostic('duplicate-id', clause.file.path, key, `Unexpected alias \`${alias}\`, expected an anchor the page does not already have`, { hint: 'Remove it: the page already has an element with this id, which links reach.' }))
      }
      seen.add(alias)
    }
  }
  return found
}

/** An internal link `#anchor` must point at a clause or a heading of this policy. */
export const brokenAnchor: SemanticRule = {
  ids: ['broken-anchor', 'duplicate-id'],
  check({ clauses, markdown }) {
    const anchors = collectAnchors(clauses)
    // The headings of a clause that could not be parsed are not known (its error is reported).
    const unread = clauses.filter((clause) => clause.unparsed).map((clause) => `${clause.frontMatter.id}--`)
    const found: Diagnostic[] = checkAliases(clauses)
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
