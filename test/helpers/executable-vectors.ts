import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromXml } from 'xast-util-from-xml'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'

/** One thing in an output file that a browser would run, load or follow to a script. */
export interface ExecutableVector {
  readonly file: string
  readonly what: string
}

const htmlParser = unified().use(rehypeParse, { fragment: false })
const fragmentParser = unified().use(rehypeParse, { fragment: true })

// Elements that run, embed or submit something; none belongs in a policy site.
const activeElements = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'link', 'style', 'svg', 'math', 'template'])
// In a full page, the layout's own <meta>, <link>, <style> and its one JSON-LD block are expected.
const layoutElements = new Set(['meta', 'link', 'style'])
const urlAttributes = new Set(['href', 'src', 'action', 'formAction', 'poster', 'data', 'srcSet', 'xLinkHref', 'background', 'cite', 'ping'])
const safeScheme = /^(?:https?:|mailto:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i

/** The executable vectors in one HTML document or fragment. */
export function vectorsInHtml(html: string, file: string, options: { readonly fragment: boolean }): ExecutableVector[] {
  const tree = (options.fragment ? fragmentParser : htmlParser).parse(html) as Root
  const found: ExecutableVector[] = []
  visit(tree, 'element', (element: Element) => {
    const name = element.tagName
    const isJsonLd = name === 'script' && element.properties['type'] === 'application/ld+json'
    if (activeElements.has(name) && !(isJsonLd && !options.fragment) && !(layoutElements.has(name) && !options.fragment)) found.push({ file, what: `<${name}>` })
    if (name === 'meta' && String(element.properties['httpEquiv'] ?? '').toLowerCase() === 'refresh') found.push({ file, what: '<meta http-equiv=refresh>' })
    for (const [property, value] of Object.entries(element.properties)) {
      if (/^on/i.test(property)) found.push({ file, what: `${name}[${property}]` })
      if (property === 'style' && /url\(|expression\(/i.test(String(value))) found.push({ file, what: `${name}[style] ${String(value)}` })
      if (urlAttributes.has(property)) {
        // eslint-disable-next-line no-control-regex -- browsers drop these characters from a URL before reading its scheme
        const url = (Array.isArray(value) ? value.join(' ') : String(value)).replace(/[\u0000-\u0020]/g, '')
        // The layout's icon, `data:,`, is an empty document: nothing to run or load (Layout.astro).
        const emptyIcon = !options.fragment && name === 'link' && property === 'href' && url === 'data:,'
        if (!safeScheme.test(url) && !emptyIcon) found.push({ file, what: `${name}[${property}]=${url.slice(0, 60)}` })
      }
    }
  })
  return found
}

/** Strings of a JSON value that hold markup, each checked as an HTML fragment. */
function vectorsInJson(value: unknown, file: string): ExecutableVector[] {
  if (typeof value === 'string') return /[<&]/.test(value) ? vectorsInHtml(value, file, { fragment: true }) : []
  if (Array.isArray(value)) return value.flatMap((item) => vectorsInJson(item, file))
  if (value && typeof value === 'object') return Object.values(value).flatMap((item) => vectorsInJson(item, file))
  return []
}

/** Characters XML 1.0 forbids (and the C1 controls and noncharacters it discourages). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const notXmlText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/

/**
 * Every executable vector in an output directory: scripts, event handlers, `javascript:` and other
 * non-web URLs in `.html` pages and in the markup carried by `.json` and `.jsonld` files; a feed
 * (`.atom`) that does not parse as XML or holds characters XML forbids.
 */
export async function findExecutableVectors(directory: string): Promise<ExecutableVector[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).sort()
  const found: ExecutableVector[] = []
  for (const absolute of files) {
    const file = path.relative(directory, absolute).split(path.sep).join('/')
    const text = await readFile(absolute, 'utf8')
    if (file.endsWith('.html')) {
      found.push(...vectorsInHtml(text, file, { fragment: false }))
      if (notXmlText.test(text)) found.push({ file, what: 'a control character' })
    } else if (file.endsWith('.json') || file.endsWith('.jsonld')) {
      found.push(...vectorsInJson(JSON.parse(text), file))
    } else if (file.endsWith('.atom')) {
      if (notXmlText.test(text)) found.push({ file, what: 'a character XML forbids' })
      try {
        fromXml(text)
      } catch (error) {
        found.push({ file, what: `XML that does not parse: ${(error as Error).message}` })
      }
    }
  }
  return found
}
