import { createHash } from 'node:crypto'
import type { Element, ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import type { PolicyDiff, ReaderWords } from '../model/diff.ts'
import type { Release } from '../model/release.ts'
import { kindLabel } from './kind-label.ts'
import { toCode } from '../source/find-invisible-characters.ts'

/**
 * An Atom 1.0 feed of the releases, newest first. Entry ids are UUIDs derived from the policy id
 * and the version (see `nameUuid`), so they never change; `updated` is the day the release was
 * recorded (`released`), at midnight UTC, or its effective date for a release that did not record
 * it; never the time of the build. A release announced ahead of its date has its entry from the
 * day it was released: readers are told before it applies.
 *
 * Written by hand, not with xastscript and xast-util-to-xml: xast-util-to-xml writes a carriage
 * return in text and a tab, line feed or carriage return in an attribute as they are, and an XML
 * parser reads them back as a line feed and as spaces. The feed must say what the release says.
 */
export function renderFeed(releases: readonly Release[], options: { readonly policyId: string; readonly title: string; readonly baseUrl?: string; readonly changes?: readonly PolicyDiff[] }): string {
  const changesOf = new Map(releases.map((release, index) => [release, options.changes?.[index]]))
  const newest = [...releases].reverse()
  for (const release of newest) assertXmlRelease(release, changesOf.get(release))
  if (newest[0]) xmlSafe(newest[0].document.controller.legalName, `the controller's legal name in release ${newest[0].version}`)
  const title = xmlSafe(options.title, 'the title of the policy')
  // Stryker disable next-line StringLiteral: never shown, the WHATWG URL serialiser percent-encodes every character XML 1.0 refuses, so a link always passes
  const link = (path: string) => xmlSafe(options.baseUrl ? new URL(path, options.baseUrl).href : path, 'the base URL')
  const updated = (release: Release) => `${release.released ?? release.effective}T00:00:00Z`
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${nameUuid(`${options.policyId}`)}</id>`,
    `  <title>${escapeXml(`${title}: changes`)}</title>`,
    `  <updated>${newest.length > 0 ? newest.map(updated).reduce((a, b) => (a > b ? a : b)) : '1970-01-01T00:00:00Z'}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(link('changes.atom'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXmlAttribute(link('changes/'))}"/>`,
    `  <author><name>${escapeXml(newest[0]?.document.controller.legalName ?? title)}</name></author>`,
    ...newest.flatMap((release) => [
      '  <entry>',
      `    <id>${nameUuid(`${options.policyId}/${release.version}`)}</id>`,
      `    <title>${escapeXml(`Version ${release.version} (${kindLabel(release.kind, release.decidedBy, { short: true })})`)}</title>`,
      `    <updated>${escapeXml(updated(release))}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXmlAttribute(link(`changes/${release.version}/`))}"/>`,
      `    <link rel="related" type="application/json" href="${escapeXmlAttribute(link(`changes/${release.version}.json`))}"/>`,
      `    <category term="${escapeXmlAttribute(release.kind)}"/>`,
      `    <summary>${escapeXml(release.summary)}</summary>`,
      ...contentOf(release, changesOf.get(release)),
      '  </entry>',
    ]),
    '</feed>',
    '',
  ]
  return lines.join('\n')
}

/**
 * The entry's content, for a release with reasons (not the first): its summary, then each reason in
 * a reader's words, as on its change page, the law linked. HTML made as a tree by hast-util-to-html
 * (never by joining strings of the policy), then escaped as the text of `<content type="html">`.
 */
function contentOf(release: Release, diff: PolicyDiff | undefined): string[] {
  if (!diff || diff.reasons.length === 0) return []
  const text = (value: string): ElementContent => ({ type: 'text', value })
  const element = (tagName: string, children: ElementContent[], properties: Element['properties'] = {}): Element => ({ type: 'element', tagName, properties, children })
  const sentence = (reader: ReaderWords): ElementContent[] => reader.parts.map((part) => (part.type === 'words' ? text(part.text) : part.type === 'law' ? element('a', [text(part.text)], { href: part.href }) : element('code', [text(part.text)])))
  const html = toHtml([element('p', [text(release.summary)]), element('ul', diff.reasons.map((reason) => element('li', sentence(reason.reader))))], { characterReferences: { useNamedReferences: true } })
  return [`    <content type="html">${escapeXml(html)}</content>`]
}

/** Every text of a release that the feed carries, checked before any of it is written. */
function assertXmlRelease(release: Release, diff: PolicyDiff | undefined): void {
  const name = `release ${xmlSafe(release.version, 'the version id of a release')}`
  xmlSafe(release.effective, `the effective date of ${name}`)
  if (release.released !== undefined) xmlSafe(release.released, `the release date of ${name}`)
  xmlSafe(release.kind, `the kind of ${name}`)
  xmlSafe(release.summary, `the summary of ${name}`)
  for (const reason of diff?.reasons ?? []) xmlSafe(reason.reader.text, `the changes of ${name}`)
}

// What XML 1.0 (§2.2) forbids: C0 controls but tab, line feed and carriage return; surrogates (a
// lone one, from a JSON escape); U+FFFE and U+FFFF. And what it discourages and feed readers and
// terminals mishandle: DEL, the C1 controls, the noncharacters U+FDD0 to U+FDEF.
const notXmlText = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\u{10000}-\u{10ffff}]/u

/**
 * The text itself, when XML 1.0 can carry it; otherwise the build stops with an error naming the
 * character and where it came from. A second line of defence behind `check` and `release`, which
 * refuse these characters first. Not escaped instead: XML 1.0 has no way to write them (not even
 * `&#1;`), so escaping would mean publishing a legal record's text altered without a word.
 */
export function xmlSafe(text: string, where: string): string {
  const found = notXmlText.exec(text)
  if (!found) return text
  const code = toCode(found[0])
  const position = [...text.slice(0, found.index)].length + 1
  throw new ClausewrightError('feed-unsafe-text', `unexpected character ${code} at character ${position} of ${where}, which an Atom feed (XML 1.0) cannot carry; nothing was written`)
}

/**
 * Escapes text for XML content. A carriage return is written as a reference, which XML keeps,
 * where a raw one would be read back as a line feed.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => xmlEscapes[character] ?? character)
}

/** Escapes an attribute value: also tab and line feed, which a raw attribute reads back as spaces. */
export function escapeXmlAttribute(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (character) => xmlEscapes[character] ?? character)
}

const xmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' }

/**
 * A UUID URN with the shape of a version 5 (name-based, SHA-1) UUID, but not the RFC 4122 (RFC 9562)
 * algorithm: that hashes a namespace UUID's 16 bytes before the name, this hashes the text
 * `clausewright:<name>`. No namespace UUID gives these ids, so being RFC-correct would change
 * every id already published, and a feed reader recognises an entry it has seen by its id: a
 * published Atom id must never change (RFC 4287 §4.2.6). So the scheme stays as it is.
 */
function nameUuid(name: string): string {
  const hash = createHash('sha1').update(`clausewright:${name}`).digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
