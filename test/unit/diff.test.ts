import { describe, expect, test } from 'vitest'
import type { PolicyDiff } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { diffDocuments, wordDiff } from '../../src/versions/diff.ts'

// The diff of two versions whole: which clauses and data changed, at which positions, with which
// reasons and messages. Documents are written out here (no compile), so each case shows all it uses.
type Writable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer I> ? Array<Writable<I>> : T[K] extends object | null ? Writable<T[K]> : T[K] }
type Document = Writable<PolicyDocument> & Record<string, unknown>

/** The reasons with their reader's words as text (their parts: test/reader-words.test.ts). */
const readable = (reasons: PolicyDiff['reasons']) => reasons.map((reason) => ({ ...reason, reader: reason.reader.text }))
const at = <T>(list: readonly T[], index: number): T => {
  const found = list[index]
  if (found === undefined) throw new Error(`no item ${index}`)
  return found
}
const clause = (id: string, title: string | null, text: string) => ({ id, title, html: `<p>${text}</p>`, text })
const base = (): Document => ({
  format: 'clausewright-policy/1',
  id: 'example',
  title: 'Privacy policy',
  language: 'en',
  version: '2026-01-01',
  lastUpdated: '2026-01-01',
  controller: { legalName: 'Example Limited', name: 'Example', companyNumber: '123', registry: 'Companies House', postalAddress: '1 Road', website: 'https://example.org/', country: 'GB' },
  contacts: [{ id: 'privacy', description: 'Privacy team', email: 'privacy@example.org', postalAddress: '1 Road', telephone: '+44 1', url: 'https://example.org/privacy' }],
  supervisoryAuthority: { name: 'Information Commissioner’s Office', shortName: 'ICO', url: 'https://ico.org.uk/', country: 'GB' },
  dataCategories: [{ id: 'email-address', label: 'Email address', description: null, dpv: 'EmailAddress', sources: ['data-subject'], contexts: ['website'] }],
  purposes: [
    {
      id: 'newsletter',
      group: null,
      parent: null,
      html: '<p>to send a newsletter</p>',
      text: 'to send a newsletter',
      lawfulBasis: [{ id: 'consent', article: 'Art. 6(1)(a)', iri: 'https://w3id.org/dpv#Consent' }],
      legitimateInterest: null,
      dataCategories: ['email-address'],
      recipients: ['hosting'],
    },
  ],
  recipients: [{ id: 'hosting', label: 'Hosting', kind: 'service-provider', description: null }],
  rights: [{ id: 'access', right: 'access', article: 'Art. 15', iri: 'https://w3id.org/dpv#A15', html: null, text: 'Ask for a copy', clause: 'rights' }],
  clauses: [clause('intro', 'Introduction', 'We are Example.'), clause('rights', 'Your rights', 'You may ask us.'), clause('contact', 'Contact', 'Write to us.')],
  digest: 'sha256:0',
})

const diffAfter = (edit: (document: Document) => void): PolicyDiff => {
  const after = base()
  edit(after)
  return diffDocuments(base() as PolicyDocument, after as PolicyDocument, { from: 'a', to: 'b' })
}

describe('the diff as data', () => {
  test('no change is technical, with nothing listed', () => {
    expect(diffAfter(() => {})).toEqual({ format: 'clausewright-diff/2', from: 'a', to: 'b', kind: 'technical', recorded: null, reasons: [], clauses: [], data: [], targets: [] })
  })

  test('the first version is initial, with nothing listed', () => {
    expect(diffDocuments(null, base() as PolicyDocument, { from: null, to: 'b' })).toEqual({ format: 'clausewright-diff/2', from: null, to: 'b', kind: 'initial', recorded: null, reasons: [], clauses: [], data: [], targets: [] })
  })

  test('fields derived from others or describing the version are not compared', () => {
    // The HTML as another template writes it: what a reader reads and follows is the same.
    const derived = (d: Document) => {
      Object.assign(d, { version: '2026-02-02', compliance: [{ item: 'x' }] })
      d.clauses.forEach((item) => (item.html = `<div class="other">\n  ${item.html}\n</div>`))
      d.purposes.forEach((item) => (item.html = '<p><span>to send a</span>  newsletter</p>'))
    }
    const diff = diffAfter(derived)
    expect(diff.data).toEqual([])
    expect(diff.kind).toBe('technical')
    // A right's article and IRI follow from its kind: not compared (the digest, a hash of the whole, differs).
    expect(diffAfter((d) => d.rights.forEach((item) => Object.assign(item, { article: 'Art. 16', iri: 'https://w3id.org/dpv#A16' }))).data).toEqual([])
    // A new date changes the digest: the published document is no longer the same, so not technical.
    const dated = diffAfter((d) => {
      derived(d)
      Object.assign(d, { lastUpdated: '2026-02-02', digest: 'sha256:1' })
    })
    expect(dated.data).toEqual([])
    expect({ kind: dated.kind, reasons: readable(dated.reasons) }).toEqual({
      kind: 'editorial',
      reasons: [{ kind: 'editorial', code: 'last-updated-date-changed', collection: 'policy', id: 'policy', field: 'lastUpdated', message: 'The last-updated date changed from 2026-01-01 to 2026-02-02', reader: 'The last-updated date changed from 1st January 2026 to 2nd February 2026.' }],
    })
    // The digest is worked out again from the content: a digest field alone is no change, a field
    // the diff does not compare (the document's format) is.
    expect(diffAfter((d) => Object.assign(d, { digest: 'sha256:1' })).kind).toBe('technical')
    const redigested = diffAfter((d) => Object.assign(d, { format: 'other' }))
    expect(readable(redigested.reasons)).toEqual([{ kind: 'reworded', code: 'content-changed', collection: 'policy', id: 'policy', field: null, message: 'The content changed (its digest differs) in a part that the diff does not show', reader: 'Something changed that this comparison cannot show: the content’s digest differs.' }])
  })

  test('a lawful basis is compared by its id, not by its article or IRI', () => {
    expect(diffAfter((d) => (at(at(d.purposes, 0).lawfulBasis, 0).iri = 'https://example.org/other')).data).toEqual([])
    expect(diffAfter((d) => (at(at(d.purposes, 0).lawfulBasis, 0).article = 'Art. 6(1)')).data).toEqual([])
  })

  test('a list holding null or plain values is compared as it is', () => {
    const diff = diffAfter((d) => Object.assign(at(d.purposes, 0), { recipients: [null, 'hosting'] }))
    expect(diff.data).toEqual([{ collection: 'purposes', id: 'newsletter', status: 'changed', fields: [{ field: 'recipients', from: ['hosting'], to: [null, 'hosting'] }] }])
  })

  test('an object in a list without both id and IRI is kept whole', () => {
    const diff = diffAfter((d) => Object.assign(at(d.purposes, 0), { recipients: [{ id: 'hosting' }, { iri: 'x' }] }))
    expect(diff.data[0]?.fields).toEqual([{ field: 'recipients', from: ['hosting'], to: [{ id: 'hosting' }, { iri: 'x' }] }])
  })

  test('a field added or removed is a change from or to nothing', () => {
    const diff = diffAfter((d) => {
      delete d.controller.country
      Object.assign(d.supervisoryAuthority, { region: 'North' })
    })
    expect(diff.data).toEqual([
      { collection: 'controller', id: 'controller', status: 'changed', fields: [{ field: 'country', from: 'GB', to: null }] },
      { collection: 'supervisoryAuthority', id: 'supervisoryAuthority', status: 'changed', fields: [{ field: 'region', from: null, to: 'North' }] },
    ])
    expect(diff.reasons.map((reason) => reason.message)).toEqual(['The controller’s country changed from “GB” to nothing', 'The supervisory authority’s region changed from nothing to “North”'])
  })

  test('the policy’s id, title and language are compared; its other top-level fields are not', () => {
    const diff = diffAfter((d) => Object.assign(d, { id: 'other', title: 'Our policy', language: 'de' }))
    expect(diff.data).toEqual([
      {
        collection: 'policy',
        id: 'policy',
        status: 'changed',
        fields: [
          { field: 'id', from: 'example', to: 'other' },
          { field: 'title', from: 'Privacy policy', to: 'Our policy' },
          { field: 'language', from: 'en', to: 'de' },
        ],
      },
    ])
    expect(readable(diff.reasons)).toEqual([
      { collection: 'policy', id: 'policy', kind: 'substantive', code: 'policy-changed', field: 'id', message: 'The policy’s id changed from “example” to “other”', reader: 'The identifier that tools know the policy by changed (the JSON files give it).' },
      { collection: 'policy', id: 'policy', kind: 'reworded', code: 'policy-changed', field: 'title', message: 'The policy’s title changed from “Privacy policy” to “Our policy”', reader: 'The policy’s title changed from “Privacy policy” to “Our policy”.' },
      { collection: 'policy', id: 'policy', kind: 'editorial', code: 'policy-changed', field: 'language', message: 'The policy’s language changed from “en” to “de”', reader: 'The policy’s language changed from “en” to “de”.' },
    ])
  })

  test('entries are matched by id in every collection: removed first, then added and changed in the new order', () => {
    const diff = diffAfter((d) => {
      d.contacts = [{ id: 'dpo', description: 'Our DPO' }]
      d.dataCategories.push({ id: 'name', label: 'Name', description: null, dpv: null, sources: [], contexts: [] })
      d.recipients.unshift({ id: 'advertisers', label: 'Advertisers', kind: 'other', description: null })
      at(d.recipients, 1).label = 'Web hosting'
      d.rights = []
    })
    expect(diff.data).toEqual([
      // An item added or removed carries its fields (but its id), new or old; nulls are no field.
      {
        collection: 'contacts',
        id: 'privacy',
        status: 'removed',
        fields: [
          { field: 'description', from: 'Privacy team', to: null },
          { field: 'email', from: 'privacy@example.org', to: null },
          { field: 'postalAddress', from: '1 Road', to: null },
          { field: 'telephone', from: '+44 1', to: null },
          { field: 'url', from: 'https://example.org/privacy', to: null },
        ],
      },
      { collection: 'contacts', id: 'dpo', status: 'added', fields: [{ field: 'description', from: null, to: 'Our DPO' }] },
      {
        collection: 'dataCategories',
        id: 'name',
        status: 'added',
        fields: [
          { field: 'label', from: null, to: 'Name' },
          { field: 'sources', from: null, to: [] },
          { field: 'contexts', from: null, to: [] },
        ],
      },
      {
        collection: 'recipients',
        id: 'advertisers',
        status: 'added',
        fields: [
          { field: 'label', from: null, to: 'Advertisers' },
          { field: 'kind', from: null, to: 'other' },
        ],
      },
      { collection: 'recipients', id: 'hosting', status: 'changed', fields: [{ field: 'label', from: 'Hosting', to: 'Web hosting' }] },
      // A right's article and IRI follow from its kind (not compared); its clause is where it is listed.
      {
        collection: 'rights',
        id: 'access',
        status: 'removed',
        fields: [
          { field: 'right', from: 'access', to: null },
          { field: 'text', from: 'Ask for a copy', to: null },
          { field: 'clause', from: 'rights', to: null },
        ],
      },
    ])
    expect(readable(diff.reasons)).toEqual([
      { collection: 'contacts', id: 'privacy', kind: 'substantive', code: 'contact-removed', field: null, message: 'The contact `privacy` was removed', reader: 'The contact “Privacy team” was removed.' },
      { collection: 'contacts', id: 'dpo', kind: 'substantive', code: 'contact-added', field: null, message: 'New contact `dpo`', reader: 'New contact, “Our DPO”, with no address given.' },
      { collection: 'dataCategories', id: 'name', kind: 'substantive', code: 'data-category-added', field: null, message: 'New data category `name`', reader: 'We now collect your Name.' },
      { collection: 'recipients', id: 'advertisers', kind: 'substantive', code: 'recipient-added', field: null, message: 'New recipient `advertisers`', reader: 'The policy now names “Advertisers”, another kind of recipient, as a recipient of your information.' },
      { collection: 'recipients', id: 'hosting', kind: 'reworded', code: 'recipient-changed', field: 'label', message: 'The recipient `hosting`: label changed from “Hosting” to “Web hosting”', reader: 'The recipient “Hosting” is now called “Web hosting”.' },
      { collection: 'rights', id: 'access', kind: 'substantive', code: 'right-removed', field: null, message: 'The right `access` was removed', reader: 'The policy no longer tells you of the right of access (GDPR Art. 15).' },
    ])
    expect(diff.kind).toBe('substantive')
  })

  test('only editorial reasons make an editorial change; a reworded one makes it reworded, a substantive one substantive', () => {
    expect(diffAfter((d) => (at(d.purposes, 0).group = 'marketing')).kind).toBe('editorial')
    expect(diffAfter((d) => Object.assign(at(d.purposes, 0), { group: 'marketing', text: 'to write to you' })).kind).toBe('reworded')
    expect(diffAfter((d) => Object.assign(at(d.purposes, 0), { group: 'marketing', text: 'to write to you', recipients: [] })).kind).toBe('substantive')
  })
})

describe('which fields are substantive', () => {
  // Every field the classification names as substantive, and one it does not, per collection.
  const cases: ReadonlyArray<[string, (d: Document) => void, string, string, 'substantive' | 'reworded' | 'editorial']> = [
    ['contact email', (d) => (at(d.contacts, 0).email = 'dpo@example.org'), 'contact-changed', 'The contact `privacy`: email changed from “privacy@example.org” to “dpo@example.org”', 'substantive'],
    ['contact postal address', (d) => (at(d.contacts, 0).postalAddress = '2 Road'), 'contact-changed', 'The contact `privacy`: postal address changed from “1 Road” to “2 Road”', 'substantive'],
    ['contact telephone', (d) => (at(d.contacts, 0).telephone = '+44 2'), 'contact-changed', 'The contact `privacy`: telephone changed from “+44 1” to “+44 2”', 'substantive'],
    ['contact url', (d) => (at(d.contacts, 0).url = 'https://example.org/dpo'), 'contact-changed', 'The contact `privacy`: url changed from “https://example.org/privacy” to “https://example.org/dpo”', 'substantive'],
    ['contact description', (d) => (at(d.contacts, 0).description = 'DPO'), 'contact-changed', 'The contact `privacy`: description changed from “Privacy team” to “DPO”', 'substantive'],
    ['data category sources', (d) => (at(d.dataCategories, 0).sources = ['third-party']), 'data-category-changed', 'The data category `email-address`: sources changed from `data-subject` to `third-party`', 'substantive'],
    ['data category contexts', (d) => (at(d.dataCategories, 0).contexts = []), 'data-category-changed', 'The data category `email-address`: contexts changed from `website` to none', 'substantive'],
    ['data category dpv', (d) => (at(d.dataCategories, 0).dpv = null), 'data-category-changed', 'The data category `email-address`: dpv changed from “EmailAddress” to nothing', 'substantive'],
    ['data category description', (d) => (at(d.dataCategories, 0).description = 'Where we write'), 'data-category-changed', 'The data category `email-address`: description changed from nothing to “Where we write”', 'reworded'],
    ['purpose lawful basis', (d) => (at(d.purposes, 0).lawfulBasis = [{ id: 'contract', article: 'Art. 6(1)(b)', iri: 'x' }]), 'lawful-basis-changed', 'The purpose `newsletter`: lawful basis changed from `consent` to `contract`', 'substantive'],
    ['purpose legitimate interest', (d) => (at(d.purposes, 0).legitimateInterest = 'marketing'), 'purpose-changed', 'The purpose `newsletter`: legitimate interest changed from nothing to “marketing”', 'substantive'],
    ['purpose data categories', (d) => (at(d.purposes, 0).dataCategories = ['email-address', 'name']), 'purpose-changed', 'The purpose `newsletter`: data categories changed from `email-address` to `email-address`, `name`', 'substantive'],
    ['purpose recipients', (d) => (at(d.purposes, 0).recipients = []), 'purpose-changed', 'The purpose `newsletter`: recipients changed from `hosting` to none', 'substantive'],
    ['purpose wording', (d) => (at(d.purposes, 0).text = 'to write to you'), 'purpose-changed', 'The purpose `newsletter`: wording changed from “to send a newsletter” to “to write to you”', 'reworded'],
    ['purpose group', (d) => (at(d.purposes, 0).group = 'marketing'), 'purpose-changed', 'The purpose `newsletter`: group changed from nothing to “marketing”', 'editorial'],
    ['recipient kind', (d) => (at(d.recipients, 0).kind = 'group-company'), 'recipient-changed', 'The recipient `hosting`: kind changed from “service-provider” to “group-company”', 'substantive'],
    ['recipient label', (d) => (at(d.recipients, 0).label = 'Host'), 'recipient-changed', 'The recipient `hosting`: label changed from “Hosting” to “Host”', 'reworded'],
    ['right kind', (d) => (at(d.rights, 0).right = 'erasure'), 'right-changed', 'The right `access`: right changed from “access” to “erasure”', 'substantive'],
    ['right wording', (d) => (at(d.rights, 0).text = 'Ask'), 'right-changed', 'The right `access`: wording changed from “Ask for a copy” to “Ask”', 'substantive'],
    ['controller legal name', (d) => (d.controller.legalName = 'Example Plc'), 'controller-changed', 'The controller’s legal name changed from “Example Limited” to “Example Plc”', 'substantive'],
    ['controller name', (d) => (d.controller.name = 'Ex'), 'controller-changed', 'The controller’s name changed from “Example” to “Ex”', 'substantive'],
    ['controller company number', (d) => (d.controller.companyNumber = '456'), 'controller-changed', 'The controller’s company number changed from “123” to “456”', 'substantive'],
    ['controller registry', (d) => (d.controller.registry = 'Other'), 'controller-changed', 'The controller’s registry changed from “Companies House” to “Other”', 'substantive'],
    ['controller postal address', (d) => (d.controller.postalAddress = '2 Road'), 'controller-changed', 'The controller’s postal address changed from “1 Road” to “2 Road”', 'substantive'],
    ['controller website', (d) => (d.controller.website = 'https://example.com/'), 'controller-changed', 'The controller’s website changed from “https://example.org/” to “https://example.com/”', 'substantive'],
    ['controller country', (d) => (d.controller.country = 'IE'), 'controller-changed', 'The controller’s country changed from “GB” to “IE”', 'editorial'],
    ['authority name', (d) => (d.supervisoryAuthority.name = 'ICO'), 'authority-changed', 'The supervisory authority’s name changed from “Information Commissioner’s Office” to “ICO”', 'substantive'],
    ['authority short name', (d) => (d.supervisoryAuthority.shortName = 'DPC'), 'authority-changed', 'The supervisory authority’s short name changed from “ICO” to “DPC”', 'substantive'],
    ['authority url', (d) => (d.supervisoryAuthority.url = 'https://dataprotection.ie/'), 'authority-changed', 'The supervisory authority’s url changed from “https://ico.org.uk/” to “https://dataprotection.ie/”', 'substantive'],
    ['authority country', (d) => (d.supervisoryAuthority.country = 'IE'), 'authority-changed', 'The supervisory authority’s country changed from “GB” to “IE”', 'substantive'],
  ]

  test.each(cases)('%s', (_name, edit, code, message, kind) => {
    const diff = diffAfter(edit)
    expect(diff.reasons.map((reason) => [reason.code, reason.message, reason.kind])).toEqual([[code, message, kind]])
    expect(diff.kind).toBe(kind)
  })

  test('a right added is editorial (reworded with a statement of its own), any other entry added is substantive', () => {
    const diff = diffAfter((d) => {
      d.rights.push({ ...at(d.rights, 0), id: 'erasure', right: 'erasure', text: null })
      d.rights.push({ ...at(d.rights, 0), id: 'objection', right: 'objection' })
      d.purposes.push({ ...at(d.purposes, 0), id: 'analytics' })
    })
    expect(diff.reasons.map((reason) => [reason.code, reason.id, reason.kind])).toEqual([
      ['purpose-added', 'analytics', 'substantive'],
      ['right-added', 'erasure', 'editorial'],
      ['right-added', 'objection', 'reworded'],
    ])
  })
})

describe('values in messages', () => {
  test('a long value is cut to 77 characters and an ellipsis; one of 80 is shown whole', () => {
    const long = 'x'.repeat(81)
    const eighty = 'y'.repeat(80)
    const diff = diffAfter((d) => {
      at(d.contacts, 0).description = long
      at(d.recipients, 0).label = eighty
    })
    expect(diff.reasons.map((reason) => reason.message)).toEqual([
      `The contact \`privacy\`: description changed from “Privacy team” to “${'x'.repeat(77)}…”`,
      `The recipient \`hosting\`: label changed from “Hosting” to “${eighty}”`,
    ])
  })

  test('a value that is neither text nor a list is shown as JSON', () => {
    const diff = diffAfter((d) => Object.assign(at(d.recipients, 0), { description: { en: 'Host' } }))
    expect(diff.reasons[0]?.message).toBe('The recipient `hosting`: description changed from nothing to “{"en":"Host"}”')
  })
})

describe('clauses', () => {
  test('links and images are paired in the order a reader meets them: a target changed, one added, one removed', () => {
    const html = (links: string) => `<p>We are Example. ${links}</p>`
    const diff = diffAfter((d) => {
      at(d.clauses, 0).html = html('<a href="#b">terms</a> <img src="https://example.org/new.png" alt="logo"> <a href="https://example.org/">site</a>')
    })
    // The base clause has no links: each is new.
    expect(diff.targets.map((change) => [change.element, change.text, change.from, change.to])).toEqual([
      ['link', 'terms', null, '#b'],
      ['image', 'logo', null, 'https://example.org/new.png'],
      ['link', 'site', null, 'https://example.org/'],
    ])
    const before = base()
    at(before.clauses, 0).html = html('<a href="#a">terms</a> <img src="https://example.org/old.png" alt="logo"> <a href="https://example.org/">site</a> <a href="#c">gone</a>')
    const after = base()
    at(after.clauses, 0).html = html('<a href="#b">terms</a> <img src="https://example.org/new.png" alt="logo"> <a href="https://example.org/">site</a>')
    const changed = diffDocuments(before as PolicyDocument, after as PolicyDocument, { from: 'a', to: 'b' })
    expect(changed.kind).toBe('reworded')
    expect(changed.clauses.map((clause) => [clause.id, clause.status])).toEqual([['intro', ['relinked']]])
    expect(changed.reasons.map((reason) => [reason.code, reason.message])).toEqual([
      ['link-target-changed', 'The link “terms” in the clause `intro` (Introduction) changed its target: `#a` → `#b`'],
      ['image-source-changed', 'The image “logo” in the clause `intro` (Introduction) changed its source: `https://example.org/old.png` → `https://example.org/new.png`'],
      ['link-removed', 'The link “gone” in the clause `intro` (Introduction), to `#c`, was removed'],
    ])
  })

  test('a clause added, one removed, one retitled and reworded: positions, titles and words', () => {
    const diff = diffAfter((d) => {
      d.clauses = [clause('intro', 'About us', 'We are Example Limited.'), clause('cookies', null, 'No cookies.'), clause('contact', 'Contact', 'Write to us.')]
    })
    expect(diff.clauses).toEqual([
      { id: 'intro', status: ['retitled', 'changed'], from: { title: 'Introduction', position: 0 }, to: { title: 'About us', position: 0 }, words: [{ type: 'equal', text: 'We are Example ' }, { type: 'insert', text: 'Limited' }, { type: 'equal', text: '.' }] },
      { id: 'rights', status: ['removed'], from: { title: 'Your rights', position: 1 }, to: null, words: null },
      { id: 'cookies', status: ['added'], from: null, to: { title: null, position: 1 }, words: null },
    ])
    expect(readable(diff.reasons)).toEqual([
      { collection: 'clauses', id: 'intro', field: null, kind: 'reworded', code: 'clause-retitled', message: 'The clause `intro` was retitled from “Introduction” to “About us”', reader: 'The section “Introduction” is now titled “About us”.' },
      { collection: 'clauses', id: 'intro', field: null, kind: 'reworded', code: 'clause-changed', message: 'The wording of the clause `intro` (About us) changed', reader: 'The wording of the section “About us” changed.' },
      { collection: 'clauses', id: 'rights', field: null, kind: 'substantive', code: 'clause-removed', message: 'The clause `rights` (Your rights) was removed', reader: 'The section “Your rights” was removed.' },
      { collection: 'clauses', id: 'cookies', field: null, kind: 'substantive', code: 'clause-added', message: 'New clause `cookies`', reader: 'A new untitled section at position 2.' },
    ])
    expect(diff.kind).toBe('substantive')
  })

  test('a clause moved down is reported with its new position', () => {
    const diff = diffAfter((d) => {
      d.clauses = [at(d.clauses, 1), at(d.clauses, 2), at(d.clauses, 0)]
    })
    expect(diff.reasons.map((reason) => reason.message)).toEqual(['The clause `intro` (Introduction) moved from position 1 to 3'])
  })

  test('clauses removed are listed by their old positions', () => {
    const diff = diffAfter((d) => {
      d.clauses = [at(d.clauses, 2)]
    })
    expect(diff.clauses.map((change) => [change.id, change.status, change.from?.position])).toEqual([
      ['intro', ['removed'], 0],
      ['rights', ['removed'], 1],
    ])
  })

  test('a title removed is retitled to nothing, and the clause is named without it', () => {
    const diff = diffAfter((d) => {
      at(d.clauses, 1).title = null
      at(d.clauses, 1).text = 'You may ask.'
    })
    expect(diff.reasons.map((reason) => reason.message)).toEqual(['The clause `rights` was retitled from “Your rights” to nothing', 'The wording of the clause `rights` (Your rights) changed'])
  })

  test('only the clauses out of their relative order are moved, with their positions from 1', () => {
    const diff = diffAfter((d) => {
      d.clauses = [at(d.clauses, 2), at(d.clauses, 0), at(d.clauses, 1)]
    })
    expect(diff.clauses).toEqual([{ id: 'contact', status: ['moved'], from: { title: 'Contact', position: 2 }, to: { title: 'Contact', position: 0 }, words: null }])
    expect(readable(diff.reasons)).toEqual([{ collection: 'clauses', id: 'contact', field: null, kind: 'editorial', code: 'clause-moved', message: 'The clause `contact` (Contact) moved from position 3 to 1', reader: 'The section “Contact” moved from position 3 to position 1.' }])
    expect(diff.kind).toBe('editorial')
  })

  test('clauses after an added one keep their place: shifting is not moving', () => {
    const diff = diffAfter((d) => {
      d.clauses.unshift(clause('summary', 'Summary', 'In short.'))
    })
    expect(diff.clauses.map((change) => [change.id, change.status])).toEqual([['summary', ['added']]])
  })

  test('changes are listed in document order, a removed clause before the one added at its place', () => {
    const diff = diffAfter((d) => {
      d.clauses = [clause('intro', 'Introduction', 'We are Example.'), clause('cookies', 'Cookies', 'None.'), clause('contact', 'Contact', 'Write to us.'), clause('more', 'More', 'More.')]
    })
    expect(diff.clauses.map((change) => [change.id, change.status[0], change.from?.position ?? null, change.to?.position ?? null])).toEqual([
      ['rights', 'removed', 1, null],
      ['cookies', 'added', null, 1],
      ['more', 'added', null, 3],
    ])
  })

  test('a removed clause sorts by its old position among the new ones', () => {
    const diff = diffAfter((d) => {
      d.clauses = [clause('summary', 'Summary', 'In short.'), clause('intro', 'Introduction', 'We are Example.'), clause('rights', 'Your rights', 'You may ask us.')]
    })
    expect(diff.clauses.map((change) => change.id)).toEqual(['summary', 'contact'])
  })

  test('whitespace is not a change of wording', () => {
    const diff = diffAfter((d) => (at(d.clauses, 0).text = '  We   are\nExample.  '))
    expect(diff.clauses).toEqual([])
  })
})

describe('wordDiff', () => {
  test('runs of one type are merged, whitespace normalised', () => {
    expect(wordDiff('the  quick brown\n fox', 'the slow red fox')).toEqual([
      { type: 'equal', text: 'the ' },
      { type: 'delete', text: 'quick brown' },
      { type: 'insert', text: 'slow red' },
      { type: 'equal', text: ' fox' },
    ])
  })

  test('two changes apart stay apart', () => {
    expect(wordDiff('a b c d e', 'a x c y e')).toEqual([
      { type: 'equal', text: 'a ' },
      { type: 'delete', text: 'b' },
      { type: 'insert', text: 'x' },
      { type: 'equal', text: ' c ' },
      { type: 'delete', text: 'd' },
      { type: 'insert', text: 'y' },
      { type: 'equal', text: ' e' },
    ])
  })

  test('an insertion alone, then a deletion alone', () => {
    expect(wordDiff('a b', 'a b c')).toEqual([
      { type: 'equal', text: 'a b ' },
      { type: 'insert', text: 'c' },
    ])
    expect(wordDiff('a b c', 'a c')).toEqual([
      { type: 'equal', text: 'a ' },
      { type: 'delete', text: 'b ' },
      { type: 'equal', text: 'c' },
    ])
  })
})
