import type { Parent, Root, RootContent, Text } from 'mdast'
import { visit } from 'unist-util-visit'
import { directives } from '../directives/catalogue.ts'

/**
 * Turns back into text, in place, every text directive that is prose: "10:30am", "ratio 2:1",
 * "Note:this" are parsed by remark-directive as `:30am`, `:1`, `:this`. A colon and a word is a
 * directive only when the word is a name of the catalogue, or when it is written with a label
 * `[…]` or attributes `{…}` (a typo of a directive, which `unknown-directive` reports); leaf and
 * container directives, alone on their line, are never prose. The text is the source as written,
 * joined with the text around it, so the tree is the one the same words without a directive give.
 *
 * `source` is the text the tree was parsed from (its positions are offsets into it).
 */
export function proseDirectivesAsText(tree: Root, source: string): Root {
  visit(tree, (node) => {
    if (!('children' in node)) return
    const parent = node as Parent
    if (!parent.children.some((child) => isProse(child, source))) return
    const children: RootContent[] = []
    for (const child of parent.children) {
      const next = isProse(child, source) ? asText(child, source) : child
      const previous = children.at(-1)
      if (previous?.type === 'text' && next.type === 'text') children[children.length - 1] = joined(previous, next)
      else children.push(next)
    }
    parent.children = children
  })
  return tree
}

function isProse(node: RootContent, source: string): boolean {
  if (node.type !== 'textDirective' || Object.hasOwn(directives, node.name)) return false
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start !== undefined && end !== undefined && source.slice(start, end) === `:${node.name}`
}

function asText(node: RootContent, source: string): Text {
  const { start, end } = node.position ?? {}
  return { type: 'text', value: source.slice(start?.offset, end?.offset), ...(node.position && { position: node.position }) }
}

function joined(first: Text, second: Text): Text {
  const start = first.position?.start
  const end = second.position?.end
  return { type: 'text', value: first.value + second.value, ...(start && end && { position: { start, end } }) }
}
