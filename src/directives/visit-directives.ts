import type { Root } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import { visit } from 'unist-util-visit'

export type AnyDirective = ContainerDirective | LeafDirective | TextDirective

export function visitDirectives(tree: Root, visitor: (node: AnyDirective) => void): void {
  visit(tree, (node) => {
    if (node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective') visitor(node as AnyDirective)
  })
}
