import type { Root, RootContent } from 'mdast'

/**
 * The node with each child replaced by what `map` gives for it (a node, or several, or none),
 * copying only what changed: the node itself comes back when every child does. The renderer's
 * transforms are pure this way, and share every untouched subtree with the parsed clause.
 */
export function mapChildren<T extends Root | RootContent>(node: T, map: (child: RootContent) => RootContent | RootContent[]): T {
  if (!('children' in node)) return node
  const children = node.children as RootContent[]
  let changed: RootContent[] | undefined
  children.forEach((child, index) => {
    const next = map(child)
    const nodes = Array.isArray(next) ? next : [next]
    if (!changed && (nodes.length !== 1 || nodes[0] !== child)) changed = children.slice(0, index)
    changed?.push(...nodes)
  })
  return changed ? ({ ...node, children: changed } as T) : node
}
