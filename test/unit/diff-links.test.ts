import { describe, expect, test } from 'vitest'
import type { PolicyDiff } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { diffDocuments } from '../../src/versions/diff.ts'

// The links and images of the diff (targets): in clauses, purposes and rights, paired in the order a
// reader meets them, each a reason of its own. Documents are written out here (no compile); only
// the parts a case changes are given.
interface Parts {
  readonly clauses?: PolicyDocument['clauses']
  readonly purposes?: PolicyDocument['purposes']
  readonly rights?: PolicyDocument['rights']
  readonly lastUpdated?: string
}

const purpose = (id: string, html: string): PolicyDocument['purposes'][number] => ({ id, group: null, parent: null, html, text: html.replace(/<[^>]*>/g, ''), lawfulBasis: [], legitimateInterest: null, dataCategories: [], recipients: [] })
const right = (id: string, html: string | null): PolicyDocument['rights'][number] => ({ id, right: 'access', article: 'Art. 15', iri: 'https://w3id.org/dpv#A15', html, text: html === null ? null : html.replace(/<[^>]*>/g, ''), clause: 'rights' })
const document = (parts: Parts = {}): PolicyDocument =>
  ({
    format: 'clausewright-policy/1',
    id: 'example',
    title: 'Privacy policy',
    language: 'en',
    version: '2026-01-01',
    lastUpdated: parts.lastUpdated ?? '2026-01-01',
    controller: { legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road', country: 'GB' },
    contacts: [],
    supervisoryAuthority: { name: 'ICO', url: 'https://ico.org.uk/', country: 'GB' },
    dataCategories: [],
    purposes: parts.purposes ?? [],
    recipients: [],
    rights: parts.rights ?? [],
    clauses: parts.clauses ?? [{ id: 'intro', title: 'Introduction', html: '<p>We are Example.</p>', text: 'We are Example.' }],
    digest: 'sha256:0',
  }) as PolicyDocument

const diff = (before: Parts, after: Parts): PolicyDiff => diffDocuments(document(before), document(after), { from: 'a', to: 'b' })
const targetsOf = (result: PolicyDiff) => result.targets.map((change) => [change.collection, change.id, change.element, change.text, change.from, change.to])
const messagesOf = (result: PolicyDiff) => result.reasons.map((reason) => reason.message)
const inClause = (html: string) => ({ clauses: [{ id: 'intro', title: 'Introduction', html: `<p>${html}</p>`, text: html.replace(/<[^>]*>/g, '') }] })

describe('the links and images of purposes and rights', () => {
  test('a purpose’s link that changed its target is a target change, not one removed and one added', () => {
    const result = diff({ purposes: [purpose('newsletter', '<p>to send <a href="https://example.org/a">news</a></p>')] }, { purposes: [purpose('newsletter', '<p>to send <a href="https://example.org/b">news</a></p>')] })
    expect(targetsOf(result)).toEqual([['purposes', 'newsletter', 'link', 'news', 'https://example.org/a', 'https://example.org/b']])
    expect(result.kind).toBe('reworded')
    expect(messagesOf(result)).toEqual(['The link “news” in the purpose `newsletter` changed its target: `https://example.org/a` → `https://example.org/b`'])
  })

  test('a right that gains a statement with a link has the link added; losing it, removed', () => {
    const withLink = [right('access', '<p>Ask us at <a href="https://example.org/ask">our form</a></p>')]
    const added = diff({ rights: [right('access', null)] }, { rights: withLink })
    expect(targetsOf(added)).toEqual([['rights', 'access', 'link', 'our form', null, 'https://example.org/ask']])
    expect(messagesOf(added)).toContain('New link “our form” in the right `access`, to `https://example.org/ask`')
    const removed = diff({ rights: withLink }, { rights: [right('access', null)] })
    expect(targetsOf(removed)).toEqual([['rights', 'access', 'link', 'our form', 'https://example.org/ask', null]])
    expect(messagesOf(removed)).toContain('The link “our form” in the right `access`, to `https://example.org/ask`, was removed')
  })

  test('a new purpose’s links are part of the new purpose, not target changes', () => {
    const result = diff({}, { purposes: [purpose('newsletter', '<p>to send <a href="https://example.org/a">news</a></p>')] })
    expect(result.targets).toEqual([])
    expect(messagesOf(result)).toEqual(['New purpose `newsletter`'])
  })

  test('a purpose named like a clause is not given the clause’s title', () => {
    const result = diff(
      { ...inClause('We are Example.'), purposes: [purpose('intro', '<p><a href="https://example.org/a">news</a></p>')] },
      { ...inClause('We are Example.'), purposes: [purpose('intro', '<p><a href="https://example.org/b">news</a></p>')] },
    )
    expect(messagesOf(result)).toEqual(['The link “news” in the purpose `intro` changed its target: `https://example.org/a` → `https://example.org/b`'])
  })

  test('a new right with a statement of its own is reworded; a new purpose that shares its id is still substantive', () => {
    const rights = [right('access', '<p>Ask us.</p>')]
    expect(diff({ rights }, { rights, purposes: [purpose('access', '<p>to answer requests</p>')] }).reasons).toMatchObject([
      { collection: 'purposes', id: 'access', kind: 'substantive', code: 'purpose-added', field: null, message: 'New purpose `access`' },
    ])
  })
})

describe('links and images paired in a clause', () => {
  test('a link whose words changed but whose target did not is no change of target', () => {
    const result = diff(inClause('See <a href="https://example.org/">our site</a>.'), inClause('See <a href="https://example.org/">our website</a>.'))
    expect(result.targets).toEqual([])
    expect(result.clauses.map((change) => change.status)).toEqual([['changed']])
  })

  test('a link replaced by an image of the same words and target is one removed and one added', () => {
    const result = diff(inClause('<a href="https://example.org/logo.png">logo</a>'), inClause('<img src="https://example.org/logo.png" alt="logo">'))
    expect(targetsOf(result)).toEqual([
      ['clauses', 'intro', 'link', 'logo', 'https://example.org/logo.png', null],
      ['clauses', 'intro', 'image', 'logo', null, 'https://example.org/logo.png'],
    ])
  })

  test('a link replaced by an image elsewhere is removed, the image added: a link and an image are never paired', () => {
    const result = diff(inClause('<a href="https://example.org/a">terms</a>'), inClause('<img src="https://example.org/b.png" alt="badge">'))
    expect(targetsOf(result)).toEqual([
      ['clauses', 'intro', 'link', 'terms', 'https://example.org/a', null],
      ['clauses', 'intro', 'image', 'badge', null, 'https://example.org/b.png'],
    ])
    // The link's words are gone from the text; an image's alternative text is not text.
    expect(messagesOf(result)).toEqual([
      'The wording of the clause `intro` (Introduction) changed',
      'The link “terms” in the clause `intro` (Introduction), to `https://example.org/a`, was removed',
      'New image “badge” in the clause `intro` (Introduction), to `https://example.org/b.png`',
    ])
  })

  test('links are matched by their words too: a new link to the old target, after another, does not hide the change', () => {
    const result = diff(inClause('<a href="https://example.org/x">terms</a>'), inClause('<a href="https://example.org/y">terms</a> and <a href="https://example.org/x">help</a>'))
    expect(targetsOf(result)).toEqual([
      ['clauses', 'intro', 'link', 'terms', 'https://example.org/x', 'https://example.org/y'],
      ['clauses', 'intro', 'link', 'help', null, 'https://example.org/x'],
    ])
  })

  test('a backtick in a target is percent-encoded in the message, which shows it as code', () => {
    const result = diff(inClause('<a href="https://example.org/a">terms</a>'), inClause('<a href="https://example.org/a`b">terms</a>'))
    expect(messagesOf(result)).toEqual(['The link “terms” in the clause `intro` (Introduction) changed its target: `https://example.org/a` → `https://example.org/a%60b`'])
  })

  test('a clause whose HTML is the same in both versions is no change, even where it shows the new date', () => {
    // The old clause already holds a <time> of the new date (written by hand): it is the same clause.
    const clause = inClause('Updated <time datetime="2026-02-01">1st February 2026</time>.')
    const result = diff({ ...clause, lastUpdated: '2026-01-01' }, { ...clause, lastUpdated: '2026-02-01' })
    expect(result.clauses).toEqual([])
    expect(result.targets).toEqual([])
  })
})
