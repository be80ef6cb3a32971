import type { Element, Root } from 'hast'
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize'
import { visit } from 'unist-util-visit'
import { judgeUrl } from '../model/url.ts'

const droppedTags = new Set(['img', 'picture', 'source', 'input', 'details', 'summary'])
// The URL properties the schema keeps (`action` too: GitHub's schema allows it on every element and
// checks no protocol on it), then those it drops today, listed as a guard should the schema grow:
// no tree can reach the filter below with one of these, so a mutant that empties them is equivalent.
const urlProperties: ReadonlySet<string> = new Set([
  'href',
  'cite',
  'action',
  // Stryker disable next-line StringLiteral: equivalent, the schema drops src (allowed only on img, a dropped tag)
  'src',
  // Stryker disable next-line StringLiteral: equivalent, the schema drops longDesc (allowed only on img)
  'longDesc',
  // Stryker disable next-line StringLiteral: equivalent, the schema allows formAction on no element
  'formAction',
  // Stryker disable next-line StringLiteral: equivalent, the schema allows poster on no element
  'poster',
  // Stryker disable next-line StringLiteral: equivalent, the schema drops srcSet (allowed only on source, a dropped tag)
  'srcSet',
])

const alignments: Array<[string, ...string[]]> = [['style', 'text-align: left', 'text-align: center', 'text-align: right']]

/**
 * Our schema over GitHub's default: no images or form controls, ids kept as written (they are
 * clause anchors, already unique), only https:, http: and mailto: URLs, and our own class names.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Stryker disable next-line StringLiteral: equivalent, the prefix applies only to the properties in `clobber`, which is empty
  clobberPrefix: '',
  // Stryker disable next-line ArrayDeclaration: equivalent, with an empty prefix clobbering renames nothing
  clobber: [],
  // <time>: the date `:last-updated` shows (src/render/expand-directives.ts); GitHub's schema
  // allows `datetime`, a text that is no URL, on every element.
  tagNames: [
    // Stryker disable next-line ArrayDeclaration: equivalent, GitHub's schema always defines tagNames, so the fallback never runs
    ...(defaultSchema.tagNames ?? []).filter((tagName) => !droppedTags.has(tagName)),
    'time',
  ],
  attributes: {
    ...defaultSchema.attributes,
    // A clause, or its footnotes (as remark-rehype writes them for GFM's `[^1]`).
    section: ['ariaLabelledBy', 'dataFootnotes', ['className', 'cw-clause', 'footnotes']],
    // A GFM table cell's alignment, as the renderer writes it: these three values only.
    th: [...alignments],
    td: [...alignments],
    em: [['className', 'cw-missing']],
  },
  protocols: {
    // Stryker disable next-line ArrayDeclaration: equivalent, an empty list lets every protocol through the sanitizer, and the URL allow-list after it keeps these three
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
  },
}

/**
 * Makes a rendered tree safe whatever its source: the sanitizer drops elements and attributes
 * outside the schema, then the URL allow-list (the same judge `check` uses) drops what the
 * sanitizer reads as relative, such as `//host`. Idempotent.
 */
export function sanitizeTree(tree: Root, schema: Schema = sanitizeSchema): Root {
  const clean = sanitize(tree, schema) as Root
  visit(clean, 'element', (node: Element) => {
    node.properties = Object.fromEntries(
      Object.entries(node.properties).filter(
        ([name, value]) =>
          !urlProperties.has(name) ||
          // Stryker disable next-line ConditionalExpression: equivalent when forced false, the sanitizer has already dropped undefined and null values
          value === undefined || value === null ||
          (typeof value === 'string' && judgeUrl(value, { allowAnchor: true, allowSitePath: true }).safe),
      ),
    )
  })
  return clean
}

/** The class names of a change page's marks: a block inserted, removed or changed, a link's target changed, list items folded. */
export const changeClassNames = ['cw-inserted', 'cw-removed', 'cw-changed', 'cw-link-note', 'cw-folded'] as const

/**
 * The schema of a change page's diff of two sanitised versions: the policy's, plus the marks of
 * the change (its class names on any element) and the `<details>` that hold unchanged blocks,
 * which the diff makes itself (the policy's own HTML never holds one: sanitizeSchema drops it).
 */
export const changeSchema: Schema = {
  ...sanitizeSchema,
  tagNames: [...(sanitizeSchema.tagNames ?? []), 'details', 'summary'],
  attributes: Object.fromEntries(
    [...Object.entries(sanitizeSchema.attributes ?? {}), ['*', []] as const]
      .filter(([tagName], index, all) => all.findIndex(([other]) => other === tagName) === index)
      .map(([tagName, definitions]) => {
        const classNames = definitions.find((definition) => Array.isArray(definition) && definition[0] === 'className')
        const others = definitions.filter((definition) => definition !== classNames)
        const allowed = Array.isArray(classNames) ? classNames.slice(1) : []
        return [tagName, [...others, ['className', ...allowed, ...changeClassNames]]]
      }),
  ),
}
