import { type Document, isMap, isScalar, isSeq } from 'yaml'

/** Every node of a document by its path, indexed once: `Document.getIn` walks the keys of each mapping on the way, and a file with 20,000 problems asked it 20,000 times. */
const indexes = new WeakMap<Document.Parsed, Map<string, unknown>>()

/** The node at `path` (keys and item numbers), as `document.getIn(path, true)` finds it: the first of duplicate keys, scalars as nodes. */
export function nodeAt(document: Document.Parsed, path: ReadonlyArray<string | number>): unknown {
  let index = indexes.get(document)
  if (!index) {
    index = new Map()
    indexNodes(document.contents, [], index)
    indexes.set(document, index)
  }
  return index.get(keyOf(path))
}

function indexNodes(node: unknown, path: Array<string | number>, index: Map<string, unknown>): void {
  const key = keyOf(path)
  if (index.has(key)) return
  index.set(key, node)
  if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key)) indexNodes(pair.value, [...path, String(pair.key.value)], index)
  } else if (isSeq(node)) {
    node.items.forEach((item, position) => indexNodes(item, [...path, position], index))
  }
}

// A path as one string that no two paths share: each segment JSON-encoded, so "1" and 1 differ
// only where getIn would tell them apart (it matches a key's text to a number too).
function keyOf(path: ReadonlyArray<string | number>): string {
  return path.map((segment) => JSON.stringify(String(segment))).join('/')
}
