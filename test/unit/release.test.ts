import { expect, test } from 'vitest'
import { digestOfFormat1 } from '../../src/compile/digest.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import type { Release } from '../../src/model/release.ts'
import { createRelease, currentDigestOf, integrityOf, recordedKind, sameContent, verifyRelease } from '../../src/versions/release.ts'
import { policyDocument } from '../helpers/policy-document.ts'

// A release's record without a policy: made as `release` makes it, verified by the rules of its
// format, and compared with another by content.
const document = (link: string): PolicyDocument => policyDocument({ clauses: [{ id: 'intro', title: 'Introduction', html: `<p>See <a href="${link}">our site</a>.</p>`, text: 'See our site.' }] } as unknown as Partial<PolicyDocument>)
const make = (version: string, doc: PolicyDocument, previous: Release | null = null) => createRelease({ version, effective: version, released: version, summary: 'A change', kind: previous ? 'editorial' : 'initial', decidedBy: 'computed', previous, document: doc })
/** The same release as format /1 would have recorded it: the digest of its own rule, which leaves link targets out. */
const asFormat1 = (release: Release): Release => {
  const digest = digestOfFormat1(release.document)
  const { released: _released, decidedBy: _decidedBy, integrity: _integrity, ...rest } = { ...release, format: 'clausewright-release/1' as const, digest, document: { ...release.document, digest } }
  void [_released, _decidedBy, _integrity]
  return { ...rest, integrity: integrityOf(rest) }
}

const first = make('2026-01-01', document('https://example.org/a'))

test('a release as made is verified, and each of its hashes is checked', () => {
  expect(verifyRelease(first)).toBeUndefined()
  expect(verifyRelease({ ...first, document: { ...first.document, title: 'Another' } })).toBe('its document differs from the digest recorded in it')
  expect(verifyRelease({ ...first, digest: 'sha256:0' })).toBe('its digest differs from its document’s digest')
  expect(verifyRelease({ ...first, summary: 'Another summary' })).toBe('its record (summary, kind, dates or document) differs from its integrity hash')
})

test('a release of format /1 is verified by the rule of /1', () => {
  const older = asFormat1(first)
  expect(verifyRelease(older)).toBeUndefined()
  expect(older.digest).not.toBe(first.digest)
})

test('the current digest of a /2 release is its own; of a /1 release, its document digested by the current rules', () => {
  expect(currentDigestOf(first)).toBe(first.digest)
  const older = asFormat1(first)
  expect(currentDigestOf(older)).toBe(first.digest)
  // Asked again, the same answer.
  expect(currentDigestOf(older)).toBe(first.digest)
})

test('two releases of one format are compared by their recorded digests; of two formats, by the current rules', () => {
  const relinked = make('2026-02-01', document('https://example.org/b'), first)
  expect(sameContent(first, make('2026-02-01', document('https://example.org/a'), first))).toBe(true)
  expect(sameContent(first, relinked)).toBe(false)
  // By the rule of /1 a link's target is not content: two /1 releases that differ only there are the same.
  expect(sameContent(asFormat1(first), asFormat1(relinked))).toBe(true)
  // A /1 release and a /2 one are compared by the current rules, which see the target.
  expect(sameContent(asFormat1(first), relinked)).toBe(false)
  expect(sameContent(relinked, asFormat1(first))).toBe(false)
  expect(sameContent(asFormat1(first), first)).toBe(true)
})

test('the recorded kind says who decided, null for a release that did not record it', () => {
  expect(recordedKind(first)).toEqual({ kind: 'initial', decidedBy: 'computed' })
  expect(recordedKind(asFormat1(first))).toEqual({ kind: 'initial', decidedBy: null })
})
