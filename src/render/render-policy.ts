import type { Element, Root as HastRoot } from 'hast'
import { toText } from 'hast-util-to-text'
import type { Heading, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import type { LoadedClause } from '../rules/context.ts'
import type { PolicyData, PolicySource } from '../model/types.ts'
import { headingAnchor } from './anchors.ts'
import { expandDirectives, parseFragment } from './expand-directives.ts'
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
}

// Raw HTML is not allowed through (remark-rehype drops `html` nodes unless told otherwise).
const toHast = unified().use(remarkRehype, { allowDangerousHtml: false }).freeze()
const toHtml = unified().use(rehypeStringify).freeze()

/** Renders every clause once, in the order of policy.yaml, from a policy that passed `check`. */
export function renderPolicy(policy: PolicySource, data: PolicyData, clauses: readonly LoadedClause[]): RenderedPolicy {
  const byId = new Map(clauses.map((clause) => [clause.frontMatter.id, clause]))
  const rendered = policy.clauses.map((id) => {
    const clause = byId.get(id)
    if (!clause) throw new Error(`Clause ${id} has no file; check reports this first`)
    return renderClause(clause, policy, data)
  })
  return { title: policy.title, clauses: rendered }
}

export function renderClause(clause: LoadedClause, policy: PolicySource, data: PolicyData): RenderedClause {
  const { id, title } = clause.frontMatter
  const tree = expandDirectives(structuredClone(clause.tree) as Root, { policy, data })
  visit(tree, 'heading', (node: Heading) => {
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: headingAnchor(id, toString(node)) } }
  })
  if (title !== undefined) {
    tree.children.unshift({ type: 'heading', depth: 2, data: { hProperties: { id } }, children: [{ type: 'text', value: title }] })
  }
  const body = toHast.runSync(tree) as HastRoot
  const section: Element = {
    type: 'element',
    tagName: 'section',
    properties: title === undefined ? { id, className: ['cw-clause'] } : { ariaLabelledBy: [id], className: ['cw-clause'] },
    children: body.children as Element['children'],
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

export interface RenderedFragment {
  /** Inline HTML: a text of one paragraph is not wrapped in `<p>`. */
  readonly html: string
  readonly text: string
}

/** Renders a Markdown text of data.yaml (a purpose, a right's statement) for the JSON document. */
export function renderFragment(markdown: string, policy: PolicySource, data: PolicyData): RenderedFragment {
  const tree = parseFragment(markdown, { policy, data })
  const only = tree.children.length === 1 ? tree.children[0] : undefined
  const body = only?.type === 'paragraph' ? { type: 'root' as const, children: only.children } : tree
  const hast = sanitizeTree(toHast.runSync(body as Root) as HastRoot)
  return { html: toHtml.stringify(hast), text: toText(hast, { whitespace: 'normal' }).trim() }
}
