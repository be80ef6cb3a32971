import type { Element, Root } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { visit } from 'unist-util-visit'
import { judgeUrl } from '../model/url.ts'

const droppedTags = new Set(['img', 'picture', 'source', 'input', 'details', 'summary'])
const urlProperties: ReadonlySet<string> = new Set(['href', 'src', 'cite', 'longDesc', 'action', 'formAction', 'poster', 'srcSet'])

/**
 * Our schema over GitHub's default: no images or form controls, ids kept as written (they are
 * clause anchors, already unique), only https:, http: and mailto: URLs, and our own class names.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  tagNames: (defaultSchema.tagNames ?? []).filter((tagName) => !droppedTags.has(tagName)),
  attributes: {
    ...defaultSchema.attributes,
    section: ['ariaLabelledBy', ['className', 'cw-clause']],
    em: [['className', 'cw-missing']],
  },
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'] },
}

/**
 * Makes a rendered tree safe whatever its source: the sanitizer drops elements and attributes
 * outside the schema, then the URL allow-list (the same judge `check` uses) drops what the
 * sanitizer reads as relative, such as `//host`. Idempotent.
 */
export function sanitizeTree(tree: Root): Root {
  const clean = sanitize(tree, sanitizeSchema) as Root
  visit(clean, 'element', (node: Element) => {
    node.properties = Object.fromEntries(Object.entries(node.properties).filter(([name, value]) => !urlProperties.has(name) || value === undefined || value === null || (typeof value === 'string' && judgeUrl(value, { allowAnchor: true }).safe)))
  })
  return clean
}
