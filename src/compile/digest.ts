import { createHash } from 'node:crypto'
import { readableContent } from './readable-content.ts'

/**
 * `sha256:<hex>` of the policy's content as a reader meets it (the rules of
 * `clausewright-release/2`): keys sorted, text with whitespace collapsed, and each HTML fragment
 * (of a clause, a purpose, a right) as its readable content, the words, link targets, image
 * sources, headings, lists and tables (`readableContent`). A change of template or of the
 * Markdown renderer leaves it unchanged; a change of any word, link target, date, contact or data
 * item changes it.
 */
export function digestOf(document: object): string {
  return hashOf(normalise(contentOf(document), true))
}

/**
 * The digest by the rules of `clausewright-release/1`, which read the text and left the HTML out,
 * so that a link's target was not part of it. A release records the digest of its own format and
 * is verified by it: a release never changes, so neither does the rule that checks it.
 */
export function digestOfFormat1(document: object): string {
  return hashOf(normalise(contentOf(document), false))
}

function hashOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`
}

function contentOf(document: object): object {
  // The version id names a release of the content; it is not part of it.
  // The compliance summary is the tool's reading of the content, which improves between versions.
  return Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'digest' && key !== 'version' && key !== 'compliance'))
}

/** With `readable` off, HTML is left out (format 1); on, HTML stands for what a reader reads of it. */
function normalise(value: unknown, readable: boolean): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => normalise(item, readable))
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const rendered = readable && 'html' in record
    const entries = Object.entries(record).flatMap(([key, item]): Array<[string, unknown]> => {
      if (key === 'html') return rendered ? [[key, typeof item === 'string' ? readableContent(item) : item]] : []
      // The text is rendered from the same Markdown as the HTML: its words are in the readable content.
      if (key === 'text' && rendered) return []
      return [[key, normalise(item, readable)]]
    })
    return Object.fromEntries(entries)
  }
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim()
  return value
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
