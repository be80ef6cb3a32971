import { describe, expect, test } from 'vitest'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { sanitizeHtml } from '../../src/render/sanitize-html.ts'
import { countTags, findHiddenCharacters, findUnsafeReleaseStrings, firstDifference, formatReleasePath, sanitizeReleaseDocument } from '../../src/versions/release-safety.ts'

// A release file is untrusted input: what check finds unsafe in its document, and the document a
// site publishes from it whatever check said. Forged documents are written out here; the sites
// built from forged releases are tested in test/hostile/releases.test.ts.
const script = '<p>Hi<script>alert(1)</script></p>'
const clean = '<p>We are Example.</p>'

const document = (edit: Partial<PolicyDocument> = {}): PolicyDocument =>
  ({
    format: 'clausewright-policy/1',
    id: 'example',
    title: 'Privacy policy',
    language: 'en',
    version: '2026-01-01',
    lastUpdated: '2026-01-01',
    controller: { legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road', country: 'GB', website: 'https://example.org/' },
    contacts: [
      { id: 'privacy', description: 'Privacy team', email: 'privacy@example.org', url: 'https://example.org/privacy' },
      { id: 'post', description: 'By post', postalAddress: '1 Road' },
    ],
    supervisoryAuthority: { name: 'ICO', url: 'https://ico.org.uk/', country: 'GB' },
    dataCategories: [],
    purposes: [{ id: 'newsletter', group: null, parent: null, html: '<p>to send news</p>', text: 'to send news', lawfulBasis: [], legitimateInterest: null, dataCategories: [], recipients: [] }],
    recipients: [],
    rights: [
      { id: 'access', right: 'access', article: 'Art. 15', iri: 'https://w3id.org/dpv#A15', html: null, text: null, clause: 'rights' },
      { id: 'erasure', right: 'erasure', article: 'Art. 17', iri: 'https://w3id.org/dpv#A17', html: '<p>Ask us.</p>', text: 'Ask us.', clause: 'rights' },
    ],
    clauses: [
      { id: 'intro', title: 'Introduction', html: clean, text: 'We are Example.' },
      { id: 'rights', title: 'Your rights', html: '<p>Rights.</p>', text: 'Rights.' },
    ],
    digest: 'sha256:0',
    ...edit,
  }) as PolicyDocument

const forged = document({
  controller: { legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road', country: 'GB', website: 'javascript:alert(1)' },
  contacts: [
    { id: 'privacy', description: 'Privacy team', email: 'privacy@example.org', url: '//evil.example/' },
    { id: 'post', description: 'By post', postalAddress: '1 Road' },
  ],
  supervisoryAuthority: { name: 'ICO', url: 'data:text/html,<script>alert(1)</script>', country: 'GB' },
  purposes: [{ id: 'newsletter', group: null, parent: null, html: `<p>to send news</p>${script}`, text: 'to send news', lawfulBasis: [], legitimateInterest: null, dataCategories: [], recipients: [] }],
  rights: [
    { id: 'access', right: 'access', article: 'Art. 15', iri: 'https://w3id.org/dpv#A15', html: null, text: null, clause: 'rights' },
    { id: 'erasure', right: 'erasure', article: 'Art. 17', iri: 'https://w3id.org/dpv#A17', html: '<p onclick="alert(1)">Ask us.</p>', text: 'Ask us.', clause: 'rights' },
  ],
  clauses: [
    { id: 'intro', title: 'Introduction', html: clean, text: 'We are Example.' },
    { id: 'rights', title: 'Your rights', html: '<p><a href="javascript:alert(1)">Rights</a>.</p>', text: 'Rights.' },
  ],
})

describe('findUnsafeReleaseStrings', () => {
  test('a document as the renderer writes it has none', () => {
    expect(findUnsafeReleaseStrings(document())).toEqual([])
  })

  test('each HTML string that differs from its sanitised form and each refused URL, with its path in the release', () => {
    expect(findUnsafeReleaseStrings(forged)).toEqual([
      { kind: 'html', path: ['document', 'clauses', 1, 'html'], value: '<p><a href="javascript:alert(1)">Rights</a>.</p>', sanitized: '<p><a>Rights</a>.</p>' },
      { kind: 'html', path: ['document', 'purposes', 0, 'html'], value: `<p>to send news</p>${script}`, sanitized: '<p>to send news</p><p>Hi</p>' },
      { kind: 'html', path: ['document', 'rights', 1, 'html'], value: '<p onclick="alert(1)">Ask us.</p>', sanitized: '<p>Ask us.</p>' },
      { kind: 'url', path: ['document', 'controller', 'website'], value: 'javascript:alert(1)', reason: 'the scheme `javascript:`' },
      { kind: 'url', path: ['document', 'supervisoryAuthority', 'url'], value: 'data:text/html,<script>alert(1)</script>', reason: 'the scheme `data:`' },
      { kind: 'url', path: ['document', 'contacts', 0, 'url'], value: '//evil.example/', reason: 'a protocol-relative URL' },
    ])
  })

  test('an in-page anchor is no URL of the controller, a contact or the authority', () => {
    const anchored = document({ supervisoryAuthority: { name: 'ICO', url: '#authority', country: 'GB' } })
    expect(findUnsafeReleaseStrings(anchored)).toEqual([{ kind: 'url', path: ['document', 'supervisoryAuthority', 'url'], value: '#authority', reason: 'an in-page anchor where a full URL is expected' }])
  })

  test('the sanitiser given is the one used', () => {
    const seen: string[] = []
    const found = findUnsafeReleaseStrings(document(), (html) => {
      seen.push(html)
      return html === clean ? '<p>changed</p>' : html
    })
    expect(seen).toEqual([clean, '<p>Rights.</p>', '<p>to send news</p>', '<p>Ask us.</p>'])
    expect(found).toEqual([{ kind: 'html', path: ['document', 'clauses', 0, 'html'], value: clean, sanitized: '<p>changed</p>' }])
  })
})

describe('sanitizeReleaseDocument', () => {
  test('a document as the renderer writes it is the same document', () => {
    expect(sanitizeReleaseDocument(document())).toEqual(document())
  })

  test('every HTML string sanitised, every refused URL dropped, the authority’s page made the page itself', () => {
    const safe = sanitizeReleaseDocument(forged)
    expect(safe.controller).toEqual({ legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road', country: 'GB' })
    expect('website' in safe.controller).toBe(false)
    expect(safe.contacts).toEqual([
      { id: 'privacy', description: 'Privacy team', email: 'privacy@example.org' },
      { id: 'post', description: 'By post', postalAddress: '1 Road' },
    ])
    expect('url' in (safe.contacts[0] ?? {})).toBe(false)
    expect(safe.supervisoryAuthority).toEqual({ name: 'ICO', url: '#', country: 'GB' })
    expect(safe.clauses.map((clause) => clause.html)).toEqual([clean, '<p><a>Rights</a>.</p>'])
    expect(safe.purposes.map((purpose) => purpose.html)).toEqual(['<p>to send news</p><p>Hi</p>'])
    expect(safe.rights.map((right) => right.html)).toEqual([null, '<p>Ask us.</p>'])
    expect(findUnsafeReleaseStrings(safe)).toEqual([{ kind: 'url', path: ['document', 'supervisoryAuthority', 'url'], value: '#', reason: 'an in-page anchor where a full URL is expected' }])
  })

  test('an in-page anchor is dropped as a contact’s page, and the authority’s page becomes the page itself', () => {
    const anchored = sanitizeReleaseDocument(
      document({
        contacts: [{ id: 'privacy', description: 'Privacy team', email: 'privacy@example.org', url: '#contact' }],
        supervisoryAuthority: { name: 'ICO', url: '#authority', country: 'GB' },
      }),
    )
    expect(anchored.contacts).toEqual([{ id: 'privacy', description: 'Privacy team', email: 'privacy@example.org' }])
    expect(anchored.supervisoryAuthority.url).toBe('#')
  })

  test('safe URLs are kept, absent ones stay absent, and the sanitiser given is the one used', () => {
    const kept = sanitizeReleaseDocument(document(), (html) => html.toUpperCase())
    expect(kept.controller.website).toBe('https://example.org/')
    expect(kept.contacts.map((contact) => contact.url)).toEqual(['https://example.org/privacy', undefined])
    expect('url' in (kept.contacts[1] ?? {})).toBe(false)
    expect(kept.supervisoryAuthority.url).toBe('https://ico.org.uk/')
    expect(kept.clauses[0]?.html).toBe('<P>WE ARE EXAMPLE.</P>')
    expect(kept.purposes[0]?.html).toBe('<P>TO SEND NEWS</P>')
    expect(kept.rights.map((right) => right.html)).toEqual([null, '<P>ASK US.</P>'])
    const { website: _website, ...controller } = document().controller
    void _website
    expect('website' in sanitizeReleaseDocument(document({ controller })).controller).toBe(false)
  })
})

describe('countTags and the sanitiser’s memory', () => {
  test('the tags of every HTML string are counted, a right without a statement has none', () => {
    // intro 2, rights 2, the purpose 2, erasure 2.
    expect(countTags(document())).toBe(8)
    expect(countTags(document({ clauses: [{ id: 'intro', title: null, html: 'a < b <<', text: 'a < b <<' }], purposes: [], rights: [] }))).toBe(3)
    expect(countTags(document({ clauses: [], purposes: [], rights: [] }))).toBe(0)
  })

  test('a remembered answer is the sanitiser’s own', () => {
    expect(sanitizeHtml(script)).toBe('<p>Hi</p>')
    expect(sanitizeHtml(script)).toBe('<p>Hi</p>')
    expect(sanitizeHtml(clean)).toBe(clean)
  })
})

describe('findHiddenCharacters', () => {
  test('a record without any has none', () => {
    expect(findHiddenCharacters({ summary: 'A change', document: document(), list: [1, null, true] })).toEqual([])
  })

  test('each one found with its path, rule, message and hint, in objects and arrays alike', () => {
    const record = { summary: 'A\u202Echange', kind: 'editorial', document: { clauses: [{ id: 'intro', text: 'ok' }, { id: 'b', text: 'bell\u0007' }] }, count: 2, none: null }
    expect(findHiddenCharacters(record)).toEqual([
      { path: ['summary'], ruleId: 'invisible-character', message: 'Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE', hint: 'Delete it: it changes how the text displays without being seen.' },
      { path: ['document', 'clauses', 1, 'text'], ruleId: 'forbidden-character', message: 'Unexpected control character U+0007, expected text', hint: 'Delete it.' },
    ])
  })

  test('strings are read inside arrays of strings too', () => {
    expect(findHiddenCharacters({ tags: ['a', 'b\u200Bc'] }).map((found) => [found.path, found.ruleId])).toEqual([[['tags', 1], 'invisible-character']])
  })
})

describe('firstDifference and formatReleasePath, for messages', () => {
  test('the first difference, with at most 48 characters of the first text from there', () => {
    expect(firstDifference('<p>Hi<script>x</script></p>', '<p>Hi</p>')).toBe('script>x</script></p>')
    const long = `<p>${'a'.repeat(100)}</p>`
    expect(firstDifference(long, '<p>')).toBe(`${'a'.repeat(48)}…`)
    // Exactly 48 left: all of it, no ellipsis; 49 left: cut.
    expect(firstDifference(`ab${'c'.repeat(48)}`, 'ab')).toBe('c'.repeat(48))
    expect(firstDifference(`ab${'c'.repeat(49)}`, 'ab')).toBe(`${'c'.repeat(48)}…`)
    expect(firstDifference('same', 'same')).toBe('')
    expect(firstDifference('longer', 'long')).toBe('er')
  })

  test('a path as JavaScript writes it', () => {
    expect(formatReleasePath(['document', 'clauses', 0, 'html'])).toBe('document.clauses[0].html')
    expect(formatReleasePath([0, 'a'])).toBe('[0].a')
    expect(formatReleasePath(['summary'])).toBe('summary')
  })
})
