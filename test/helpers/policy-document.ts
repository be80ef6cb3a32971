import { digestOf } from '../../src/compile/digest.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'

/**
 * A small document of a policy, as the compiler writes one, with the digest of its content: one
 * clause, a controller and an authority, no data. The unit tests of releases and their kinds
 * change what a case needs.
 */
export function policyDocument(edit: Partial<PolicyDocument> = {}): PolicyDocument {
  const written = {
    format: 'clausewright-policy/1',
    id: 'example',
    title: 'Privacy policy',
    language: 'en',
    version: 'draft',
    lastUpdated: '2026-01-01',
    controller: { legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road' },
    contacts: [],
    supervisoryAuthority: { name: 'ICO', url: 'https://ico.org.uk/', country: 'GB' },
    dataCategories: [],
    purposes: [],
    recipients: [],
    rights: [],
    clauses: [{ id: 'intro', title: 'Introduction', html: '<p>We are Example.</p>', text: 'We are Example.' }],
    ...edit,
  } as PolicyDocument
  return { ...written, digest: digestOf(written) }
}
