import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { visit } from 'unist-util-visit'
import { memoizeByText } from '../model/memoize.ts'
import { sanitizeTree } from './sanitize.ts'

/**
 * HTML from outside the renderer (a release file, say) made as safe as the renderer's own output:
 * parsed as a browser parses a fragment, through the same sanitizer and URL allow-list, and
 * serialised as the renderer serialises. The renderer's output is a fixed point, so HTML that
 * differs from its sanitised form was not written by the renderer. Remembered by HTML: a release's
 * clauses are checked when its file is loaded and sanitised again for its pages, in one process.
 */
export const sanitizeHtml: (html: string) => string = memoizeByText(sanitizeHtmlOf)

function sanitizeHtmlOf(html: string): string {
  try {
    return toHtml(sanitizeTree(fromHtml(html, { fragment: true })))
  } catch (error) {
    // HTML nested deeper than the stack can follow (2,000 elements) was never written by the
    // renderer, whose Markdown nests at most 16 levels: nothing of it is kept.
    if (error instanceof RangeError) return ''
    throw error
  }
}

/**
 * Sanitised HTML without ids and the references to them, for a clause shown a second time on a
 * page (a change page shows an added clause beside its heading): its anchors belong to the policy
 * page. Removed from the tree, never by a pattern over the HTML, where text can look like an
 * attribute.
 */
export function withoutAnchors(html: string): string {
  const tree = sanitizeTree(fromHtml(html, { fragment: true }))
  visit(tree, 'element', (element) => {
    delete element.properties['id']
    delete element.properties['ariaLabelledBy']
    // A footnote reference's description is the heading of its clause's notes, whose id goes too.
    delete element.properties['ariaDescribedBy']
  })
  return toHtml(tree)
}
