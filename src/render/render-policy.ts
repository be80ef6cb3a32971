import type { Element, Root as HastRoot } from 'hast'
import { toText } from 'hast-util-to-text'
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { LoadedClause } from '../markdown/loaded-clause.ts'
import type { PolicyData, PolicySource } from '../model/types.ts'
import { clauseAnchors, footnotePrefix } from '../model/anchors.ts'
import { expandDirectives, type ExpansionData, parseFragment } from './expand-directives.ts'
import { mapChildren } from './map-children.ts'
import { sanitizeTree } from './sanitize.ts'

export interface RenderedClause {
  readonly id: string
  readonly title?: string
  /** The sanitised tree: one `<section>`. */
  readonly hast: Element
  /** The clause's HTML: its heading (`<h2 id="<clause id>">`) and body. */
  readonly html: string
  readonly text: string
}

export interface RenderedPolicy {
  readonly title: string
  readonly clauses: readonly RenderedClause[]
  /** The Markdown texts of data.yaml parsed by `check`, reused for the document's fragments. */
  readonly texts?: ReadonlyMap<string, Root>
}

// Raw HTML is not allowed through (remark-rehype drops `html` nodes unless told otherwise).
export const toHast = unified().use(remarkRehype, { allowDangerousHtml: false }).freeze()
export const toHtml = unified().use(rehypeStringify).freeze()

/** Renders every clause once, in the order of policy.yaml, from a policy that passed `check`. */
export function renderPolicy(policy: PolicySource, data: PolicyData, clauses: readonly LoadedClause[], texts?: ReadonlyMap<string, Root>): RenderedPolicy {
  const byId = new Map(clauses.map((clause) => [clause.frontMatter.id, clause]))
  const source = { policy, data, ...(texts && { texts }) }
  const rendered = policy.clauses.map((id) => {
    const clause = byId.get(id)
    if (!clause) throw new Error(`Clause ${id} has no file; check reports this first`)
    return renderClause(clause, source)
  })
  return { title: policy.title, clauses: rendered, ...(texts && { texts }) }
}

/** Renders one clause. The parsed clause is not changed: it can be rendered again. */
export function renderClause(clause: LoadedClause, source: ExpansionData): RenderedClause {
  const { id, title } = clause.frontMatter
  const body = withHeadingAnchors(expandDirectives(clause.tree, source), clauseAnchors(id))
  const tree: Root = title === undefined ? body : { ...body, children: [{ type: 'heading', depth: 2, data: { hProperties: { id } }, children: [{ type: 'text', value: title }] }, ...body.children] }
  const hast = clauseToHast(tree, id)
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: title === undefined ? { id, className: ['cw-clause'] } : { ariaLabelledBy: [id], className: ['cw-clause'] },
    children: hast.children as Element['children'],
  }
  const root = sanitizeTree({ type: 'root', children: [section] })
  const clean = root.children[0] as Element
  return {
    id,
    ...(title !== undefined && { title }),
    hast: clean,
    html: toHtml.stringify(root),
    text: toText(root, { whitespace: 'normal' }).trim(),
  }
}

/**
 * mdast to hast for one clause. Its footnotes' ids start with the clause's prefix, since several
 * clauses of a page may each have a `[^1]`; their heading is a visible `h3` under the clause's
 * `h2` (GitHub's is hidden by a class of its own stylesheet).
 */
function clauseToHast(tree: Root, clauseId: string): HastRoot {
  const prefix = footnotePrefix(clauseId)
  const root = unified().use(remarkRehype, { allowDangerousHtml: false, clobberPrefix: prefix, footnoteLabelTagName: 'h3', footnoteLabelProperties: {} }).runSync(tree) as HastRoot
  // remark-rehype does not prefix the id of the footnotes' heading, which their references name.
  const label = `${prefix}footnote-label`
  visit(root, 'element', (element) => {
    const { align, id, ariaDescribedBy } = element.properties
    // A table cell's alignment as the one style the sanitiser allows (`align` is obsolete HTML).
    if ((element.tagName === 'td' || element.tagName === 'th') && typeof align === 'string') {
      delete element.properties['align']
      element.properties['style'] = `text-align: ${align}`
    }
    if (id === 'footnote-label') element.properties['id'] = label
    // Written as HTML parses them back (`data-footnote-ref=""`), for the sanitised HTML to be a fixed point.
    for (const name of ['dataFootnotes', 'dataFootnoteRef']) if (element.properties[name] === true) element.properties[name] = ''
    if (Array.isArray(ariaDescribedBy)) element.properties['ariaDescribedBy'] = ariaDescribedBy.map((name) => (name === 'footnote-label' ? label : name))
  })
  return root
}

/** Each heading with its anchor id (`<clause>--<slug>`), in document order; headings and their ancestors copied, the rest shared. */
function withHeadingAnchors<T extends Root | RootContent>(node: T, anchorOf: (headingText: string) => string): T {
  if (node.type === 'heading') return { ...node, data: { ...node.data, hProperties: { ...node.data?.hProperties, id: anchorOf(toString(node)) } } }
  return mapChildren(node, (child) => withHeadingAnchors(child, anchorOf))
}

export interface RenderedFragment {
  /** Inline HTML: a text of one paragraph is not wrapped in `<p>`. */
  readonly html: string
  readonly text: string
}

/** Renders a Markdown text of data.yaml (a purpose, a right's statement) for the JSON document. */
export function renderFragment(markdown: string, source: ExpansionData): RenderedFragment {
  const tree = parseFragment(markdown, source)
  const only = tree.children.length === 1 ? tree.children[0] : undefined
  const body = only?.type === 'paragraph' ? { type: 'root' as const, children: only.children } : tree
  const hast = sanitizeTree(toHast.runSync(body as Root) as HastRoot)
  return { html: toHtml.stringify(hast), text: toText(hast, { whitespace: 'normal' }).trim() }
}
