import type { Element, ElementContent, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { memoizeByText } from '../model/memoize.ts'

/**
 * What a reader can see or follow in a fragment of the policy's HTML, as a small tree: the words,
 * link targets, image sources, headings, paragraphs, lists and tables, emphasis, code and line
 * breaks. A child is a run of text or `[tag, targets, ...children]`, where `targets` holds the
 * `href` of a link, the `src` and `alt` of an image and the `start` of an ordered list (empty for
 * other elements).
 *
 * Whatever a template or the Markdown renderer may change without changing what a reader reads is
 * left out: whitespace (collapsed, dropped between blocks), ids, classes and ARIA attributes, and
 * wrappers such as `section`, `div` or `span`, whose words are kept.
 */
export type ReadableNode = string | readonly [tag: string, targets: Readonly<Record<string, string>>, ...children: ReadableNode[]]

// Elements whose shape a reader follows: where a heading, paragraph, list item or table cell begins.
const blockTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'blockquote', 'pre', 'hr'])
// Inline elements that carry a target a reader can follow, that mark text struck out or inserted,
// or that set it apart as a reader sees it: emphasis, code, a line break ("We do <strong>not</strong> sell").
const inlineTags = new Set(['a', 'img', 'del', 's', 'strike', 'ins', 'strong', 'b', 'em', 'i', 'code', 'kbd', 'samp', 'var', 'tt', 'sup', 'sub', 'q', 'mark', 'small', 'br'])
// What a reader follows or sees of an element besides its words: a link's target, an image's source
// and text, the number an ordered list starts from.
const targetProperties: Readonly<Record<string, readonly string[]>> = { a: ['href'], img: ['src', 'alt'], ol: ['start'] }

/**
 * The readable content of an HTML fragment (sanitised HTML, as the renderer writes it). Consecutive
 * releases repeat most of their clauses, and each is read for its digest and for the diffs on either
 * side of it: remembered by HTML, each fragment is parsed once a process.
 */
export const readableContent: (html: string) => readonly ReadableNode[] = memoizeByText(readableContentOf)

function readableContentOf(html: string): readonly ReadableNode[] {
  try {
    return childrenOf(fromHtml(html, { fragment: true }), false)
  } catch (error) {
    // HTML nested deeper than the stack can follow was never written by the renderer (a forged
    // release, which check refuses as unsafe HTML): its digest is that of the HTML as it is.
    if (error instanceof RangeError) return [['unreadable', {}, html]]
    throw error
  }
}

function childrenOf(parent: Root | Element, preformatted: boolean): ReadableNode[] {
  const nodes: ReadableNode[] = []
  const pushText = (text: string) => {
    const last = nodes.at(-1)
    if (typeof last === 'string') nodes[nodes.length - 1] = last + text
    else nodes.push(text)
  }
  for (const child of parent.children as ReadonlyArray<RootContent | ElementContent>) {
    if (child.type === 'text') pushText(preformatted ? child.value : child.value.replace(/\s+/g, ' '))
    else if (child.type === 'element') {
      const inner = childrenOf(child, preformatted || child.tagName === 'pre')
      if (blockTags.has(child.tagName) || inlineTags.has(child.tagName)) nodes.push([child.tagName, targetsOf(child), ...inner])
      // A wrapper's content stands in its place, its text joined to the text around it.
      else
        for (const node of inner) {
          if (typeof node === 'string') pushText(node)
          else nodes.push(node)
        }
    }
  }
  return preformatted ? nodes : trimmed(nodes, parent.type === 'root' || blockTags.has(parent.tagName))
}

function targetsOf(element: Element): Record<string, string> {
  const targets: Record<string, string> = {}
  for (const name of targetProperties[element.tagName] ?? []) {
    const value = element.properties[name]
    if (value !== undefined && value !== null) targets[name] = String(value)
  }
  return targets
}

/**
 * Whitespace that a reader cannot see: at the edges of a block, and between blocks. Inside a line
 * the one space left between words is kept, since it separates them.
 */
function trimmed(nodes: ReadableNode[], block: boolean): ReadableNode[] {
  if (!block) return nodes
  const isBlock = (node: ReadableNode | undefined) => Array.isArray(node) && blockTags.has(node[0] as string)
  return nodes
    .map((node, index) => {
      if (typeof node !== 'string') return node
      let text = node
      if (index === 0 || isBlock(nodes[index - 1])) text = text.trimStart()
      if (index === nodes.length - 1 || isBlock(nodes[index + 1])) text = text.trimEnd()
      return text
    })
    .filter((node) => node !== '')
}

/** The words of readable content, one space between words, as a reader reads them. */
export function wordsOf(nodes: readonly ReadableNode[]): string {
  const parts: string[] = []
  const walk = (list: readonly ReadableNode[]) => {
    for (const node of list) {
      if (typeof node === 'string') parts.push(node)
      else {
        const [tag, , ...children] = node
        if (blockTags.has(tag)) parts.push(' ')
        walk(children)
        if (blockTags.has(tag)) parts.push(' ')
      }
    }
  }
  walk(nodes)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

/** A link or image of readable content: the text a reader sees (its alt text, for an image) and where it leads. */
export interface ReadableTarget {
  readonly element: 'a' | 'img'
  readonly text: string
  readonly target: string | null
}

/** The links and images of readable content, in the order a reader meets them. */
export function targetsIn(nodes: readonly ReadableNode[]): ReadableTarget[] {
  const found: ReadableTarget[] = []
  const walk = (list: readonly ReadableNode[]) => {
    for (const node of list) {
      if (typeof node === 'string') continue
      const [tag, targets, ...children] = node
      if (tag === 'a') found.push({ element: 'a', text: wordsOf(children), target: targets['href'] ?? null })
      else if (tag === 'img') found.push({ element: 'img', text: targets['alt'] ?? '', target: targets['src'] ?? null })
      walk(children)
    }
  }
  walk(nodes)
  return found
}
