import { expect, test } from 'vitest'
import { renderFeed } from '../src/versions/feed.ts'
import type { Release } from '../src/model/release.ts'

const release = { version: '2019-01-25', effective: '2019-01-25', kind: 'initial', summary: 'First.', document: { controller: { legalName: 'OPTSM Limited' } } } as unknown as Release

// Feed readers know an entry they have seen by its id: the ids OPTSM's feed has published must never change.
test('the feed and entry ids are the ones already published', () => {
  const feed = renderFeed([release], { policyId: 'optsm-privacy-policy', title: 'OPTSM' })
  expect([...feed.matchAll(/<id>([^<]*)<\/id>/g)].map((match) => match[1])).toEqual(['urn:uuid:cb02c23b-c34d-5578-8f3c-32d636af246b', 'urn:uuid:b7735540-641a-5c2a-9e88-0f40baf85a82'])
})
