import { createHash } from 'node:crypto'
import type { Release } from './release.ts'

/**
 * An Atom 1.0 feed of the releases, newest first. Entry ids are UUIDs derived from the policy id
 * and the version (RFC 4122 name-based), so they never change; `updated` is the effective date at
 * midnight UTC, never the time of the build.
 */
export function renderFeed(releases: readonly Release[], options: { readonly policyId: string; readonly title: string; readonly baseUrl?: string }): string {
  const newest = [...releases].reverse()
  const link = (path: string) => (options.baseUrl ? new URL(path, options.baseUrl).href : path)
  const updated = (release: Release) => `${release.effective}T00:00:00Z`
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${nameUuid(`${options.policyId}`)}</id>`,
    `  <title>${escapeXml(`${options.title}: changes`)}</title>`,
    `  <updated>${newest[0] ? updated(newest[0]) : '1970-01-01T00:00:00Z'}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(link('changes.atom'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(link('changes/'))}"/>`,
    `  <author><name>${escapeXml(newest[0]?.document.controller.legalName ?? options.title)}</name></author>`,
    ...newest.flatMap((release) => [
      '  <entry>',
      `    <id>${nameUuid(`${options.policyId}/${release.version}`)}</id>`,
      `    <title>${escapeXml(`Version ${release.version} (${release.kind})`)}</title>`,
      `    <updated>${updated(release)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link(`changes/${release.version}/`))}"/>`,
      `    <link rel="related" type="application/json" href="${escapeXml(link(`changes/${release.version}.json`))}"/>`,
      `    <category term="${release.kind}"/>`,
      `    <summary>${escapeXml(release.summary)}</summary>`,
      '  </entry>',
    ]),
    '</feed>',
    '',
  ]
  return lines.join('\n')
}

/** Escapes text for XML content and attribute values. (Characters XML forbids never get here: `check` reports them.) */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] ?? character)
}

/** A name-based (version 5) UUID URN in a namespace of our own. */
function nameUuid(name: string): string {
  const hash = createHash('sha1').update(`clausewright:${name}`).digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
