import type { PolicyDocument } from '../model/policy-document.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { findInvisibleCharacters } from '../source/find-invisible-characters.ts'
import { sanitizeHtml } from '../render/sanitize-html.ts'
import { judgeUrl } from '../model/url.ts'

/** A path into a release record, as the YAML parser's `getIn` takes it. */
export type ReleasePath = ReadonlyArray<string | number>

/** A string of a release that would not be safe to publish as it is. */
export type UnsafeReleaseString =
  | { readonly kind: 'html'; readonly path: ReleasePath; readonly value: string; readonly sanitized: string }
  | { readonly kind: 'url'; readonly path: ReleasePath; readonly value: string; readonly reason: string }

/** The HTML strings of a document that pages and JSON files publish as markup, with their paths in the release. */
function htmlStrings(document: PolicyDocument): Array<[ReleasePath, string]> {
  return [
    ...document.clauses.map((clause, index): [ReleasePath, string] => [['document', 'clauses', index, 'html'], clause.html]),
    ...document.purposes.map((purpose, index): [ReleasePath, string] => [['document', 'purposes', index, 'html'], purpose.html]),
    ...document.rights.flatMap((right, index): Array<[ReleasePath, string]> => (right.html === null ? [] : [[['document', 'rights', index, 'html'], right.html]])),
  ]
}

/** The URLs of a document that pages and JSON files publish as links. */
function urlStrings(document: PolicyDocument): Array<[ReleasePath, string]> {
  return [
    ...(document.controller.website === undefined ? [] : [[['document', 'controller', 'website'], document.controller.website] as [ReleasePath, string]]),
    [['document', 'supervisoryAuthority', 'url'], document.supervisoryAuthority.url],
    ...document.contacts.flatMap((contact, index): Array<[ReleasePath, string]> => (contact.url === undefined ? [] : [[['document', 'contacts', index, 'url'], contact.url]])),
  ]
}

/** The tags (`<`) in the HTML strings of a document: what sanitising them again costs. */
export function countTags(document: PolicyDocument): number {
  let tags = 0
  for (const [, html] of htmlStrings(document)) for (let index = html.indexOf('<'); index !== -1; index = html.indexOf('<', index + 1)) tags += 1
  return tags
}

/**
 * Every string of a release's document that the renderer could not have written: HTML that
 * differs from its sanitised form, and URLs that the URL allow-list refuses. Hashes prove only
 * that a release is unchanged since someone computed them, not that it is safe.
 */
export function findUnsafeReleaseStrings(document: PolicyDocument, sanitize: (html: string) => string = sanitizeHtml): UnsafeReleaseString[] {
  const found: UnsafeReleaseString[] = []
  for (const [path, value] of htmlStrings(document)) {
    const sanitized = sanitize(value)
    if (sanitized !== value) found.push({ kind: 'html', path, value, sanitized })
  }
  for (const [path, value] of urlStrings(document)) {
    const verdict = judgeUrl(value, { allowAnchor: false })
    if (!verdict.safe) found.push({ kind: 'url', path, value, reason: verdict.reason })
  }
  return found
}

/**
 * A release's document made safe to publish whatever check said of it: every HTML string
 * sanitised, every refused URL dropped. For a release that passed check it is the same document.
 */
export function sanitizeReleaseDocument(document: PolicyDocument, sanitize: (html: string) => string = sanitizeHtml): PolicyDocument {
  const safeUrl = (url: string | undefined) => (url !== undefined && judgeUrl(url, { allowAnchor: false }).safe ? url : undefined)
  const { website, ...controller } = document.controller
  const safeWebsite = safeUrl(website)
  return {
    ...document,
    controller: { ...controller, ...(safeWebsite !== undefined && { website: safeWebsite }) },
    contacts: document.contacts.map(({ url, ...contact }) => {
      const safe = safeUrl(url)
      return { ...contact, ...(safe !== undefined && { url: safe }) }
    }),
    // The authority's page is required: a refused one becomes a link to nowhere but the page itself.
    supervisoryAuthority: { ...document.supervisoryAuthority, url: safeUrl(document.supervisoryAuthority.url) ?? '#' },
    clauses: document.clauses.map((clause) => ({ ...clause, html: sanitize(clause.html) })),
    purposes: document.purposes.map((purpose) => ({ ...purpose, html: sanitize(purpose.html) })),
    rights: document.rights.map((right) => ({ ...right, html: right.html === null ? null : sanitize(right.html) })),
  }
}

/** A character of a release's text that `check` refuses in the policy's own files. */
export interface HiddenCharacter extends Pick<Diagnostic, 'ruleId' | 'message' | 'hint'> {
  readonly path: ReleasePath
}

/**
 * Control, bidirectional and zero-width characters in any string of a release record: a release is
 * made from a draft that passed check, so it holds none, and the feed (XML) and pages cannot carry
 * them. The strings are probed together first, so that a clean release costs one scan.
 */
export function findHiddenCharacters(record: object): HiddenCharacter[] {
  const asText = (text: string) => findInvisibleCharacters({ path: '', name: '', text })
  const values: string[] = []
  collectValues(record, values)
  if (asText(values.join('\n')).length === 0) return []
  const strings: Array<[ReleasePath, string]> = []
  collectStrings(record, [], strings)
  return strings.flatMap(([path, value]) => asText(value).map((found) => ({ path, ruleId: found.ruleId, message: found.message, ...(found.hint !== undefined && { hint: found.hint }) })))
}

function collectValues(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) collectValues(item, into)
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectValues(item, into)
}

function collectStrings(value: unknown, path: ReadonlyArray<string | number>, into: Array<[ReleasePath, string]>): void {
  if (typeof value === 'string') into.push([path, value])
  else if (Array.isArray(value)) value.forEach((item, index) => collectStrings(item, [...path, index], into))
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) collectStrings(item, [...path, key], into)
}

/** Where two texts first differ, with a little of the first from there: what a reader should look at. */
export function firstDifference(value: string, sanitized: string): string {
  let index = 0
  while (index < value.length && value[index] === sanitized[index]) index++
  const excerpt = value.slice(index, index + 48)
  return index + 48 < value.length ? `${excerpt}…` : excerpt
}

/** `document.clauses[0].html`, for messages. */
export function formatReleasePath(path: ReleasePath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}
