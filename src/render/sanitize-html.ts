import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { sanitizeTree } from './sanitize.ts'

/**
 * HTML from outside the renderer (a release file, say) made as safe as the renderer's own output:
 * parsed as a browser parses a fragment, through the same sanitizer and URL allow-list, and
 * serialised as the renderer serialises. The renderer's output is a fixed point, so HTML that
 * differs from its sanitised form was not written by the renderer.
 */
export function sanitizeHtml(html: string): string {
  return toHtml(sanitizeTree(fromHtml(html, { fragment: true })))
}
