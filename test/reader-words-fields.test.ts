import { beforeAll, expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import type { PolicyDocument } from '../src/model/policy-document.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { readerOfUnshown } from '../src/versions/reader-words.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// The reader's words for the fields and kinds that test/reader-words.test.ts does not change: each
// case one change to the OPTSM document (compiled once, changed as data), and the sentences a
// reader of the change page and the job summary gets for it, exactly.
let optsm: PolicyDocument

beforeAll(async () => {
  const output = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output
  if (!output) throw new Error('the OPTSM policy did not compile')
  optsm = output.draft
})

type Writable = { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] }
type Purpose = PolicyDocument['purposes'][number]

/** The reasons' reader's words after one change, as text; or each one's parts with `parts`. */
function readerAfter(change: (document: Writable) => void, before: (document: Writable) => void = () => {}): string[] {
  const from = structuredClone(optsm) as Writable
  before(from)
  const to = structuredClone(from)
  change(to)
  return diffDocuments(from, to, { from: 'a', to: 'b' }).reasons.map((reason) => reason.reader.text)
}

const mapped = <T extends { readonly id: string }>(items: readonly T[], id: string, change: (item: T) => T) => items.map((item) => (item.id === id ? change(item) : item))
const withRecipients = (document: Writable) => void (document.purposes = mapped(document.purposes, 'prevent-crime', (item) => ({ ...item, recipients: ['service-providers', 'public-authorities'] })))
const crime = '“Prevent and detect crime, fraud and corruption”'

test.each<[string, (document: Writable) => void, string[]]>([
  [
    'a purpose added with no lawful basis, no data named, an interest pursued and no recipient',
    (d) =>
      void (d.purposes = [
        ...d.purposes,
        { ...d.purposes[0], id: 'know-you', group: 'website', parent: null, text: 'to know you better;', html: 'to know you better;', lawfulBasis: [], legitimateInterest: 'knowing our visitors.', dataCategories: [], recipients: [] } as Purpose,
      ]),
    ['We now use your information “to know you better”, with no lawful basis stated. The legitimate interest pursued: “knowing our visitors”.'],
  ],
  ['a purpose’s data in another order', (d) => void (d.purposes = mapped(d.purposes, 'contract-performance', (item) => ({ ...item, dataCategories: [...item.dataCategories].reverse() }))), ['The order of the information used “for purposes necessary for the performance of our contract with you / with our clients” changed.']],
  ['a purpose no longer under another', (d) => void (d.purposes = mapped(d.purposes, 'transactions', (item) => ({ ...item, parent: null }))), ['The purpose “to process and complete transactions and send related information including transaction confirmations and invoices” is now listed on its own.']],
  [
    'a purpose’s interest pursued removed',
    (d) => void (d.purposes = mapped(d.purposes, 'legitimate-interests', (item) => ({ ...item, legitimateInterest: null }))),
    [
      'The legitimate interest pursued in using your information “for the purposes of our own legitimate interests provided that those interests do not override any of your own interests, rights and freedoms which require the protection of personal data. This includes processing for marketing, business development, statistical and management purposes (see our statement on ‘Legitimate Interests’ below)” changed from “marketing, business development, statistical and management purposes” to none.',
    ],
  ],
  ['a data category’s sources in another order', (d) => void (d.dataCategories = mapped(d.dataCategories, 'third-party-information', (item) => ({ ...item, sources: ['public', 'third-party'] }))), ['The order of the sources of your Information from third parties and publicly available resources changed.']],
  ['a data category’s ways in another order', (d) => void (d.dataCategories = mapped(d.dataCategories, 'name', (item) => ({ ...item, contexts: [...item.contexts].reverse() }))), ['The order of the ways of your Name changed.']],
  [
    'a data category collected in two more ways, and one way that the policy does not name',
    (d) => void (d.dataCategories = mapped(d.dataCategories, 'telephone-number', (item) => ({ ...item, contexts: [...item.contexts, 'email', 'social-media', 'fax'] as typeof item.contexts }))),
    ['We now also collect your Telephone number by email, through social media and “fax”.'],
  ],
  ['a data category no longer classified', (d) => void (d.dataCategories = mapped(d.dataCategories, 'name', (item) => ({ ...item, dpv: null }))), ['The classification of your Name in the Data Privacy Vocabulary changed from https://w3id.org/dpv/pd#Name to none.']],
  [
    'a data category added, collected from you and from public sources, by post and through the services',
    (d) => void (d.dataCategories = [...d.dataCategories, { id: 'age', label: 'Age', description: null, dpv: null, sources: ['data-subject', 'public'], contexts: ['post', 'services'] }]),
    ['We now collect your Age from you and from public sources by post and through the services.'],
  ],
  ['a recipient described', (d) => void (d.recipients = mapped(d.recipients, 'service-providers', (item) => ({ ...item, description: 'Hosting and email.' }))), ['The description of the recipient “Third party service providers working on our behalf” changed from none to “Hosting and email”.']],
  [
    'a recipient of each other kind added',
    (d) =>
      void (d.recipients = [
        ...d.recipients,
        { id: 'sister', label: 'Our sister company', kind: 'group-company', description: null },
        { id: 'processor', label: 'Our processor', kind: 'service-provider', description: null },
      ]),
    ['The policy now names “Our sister company”, a company of the group, as a recipient of your information.', 'The policy now names “Our processor”, a service provider, as a recipient of your information.'],
  ],
  ['a right’s statement given where there was none', (d) => void (d.rights = mapped(d.rights, 'complaint', (item) => ({ ...item, text: 'Complain to the ICO.', html: 'Complain to the ICO.' }))), ['The policy now gives its own statement of the right to lodge a complaint with a supervisory authority (GDPR Art. 77): “Complain to the ICO”.']],
  ['a right told of in another section', (d) => void (d.rights = mapped(d.rights, 'access', (item) => ({ ...item, clause: 'complaints' }))), ['The policy now tells you of the right of access (GDPR Art. 15) in the section “WHAT IF I HAVE A COMPLAINT?”.']],
  ['a purpose’s data with one more kind and none removed', (d) => void (d.purposes = mapped(d.purposes, 'contract-performance', (item) => ({ ...item, dataCategories: [...item.dataCategories, 'ip-address'] }))), ['We now also use your Device IP address “for purposes necessary for the performance of our contract with you / with our clients”.']],
  ['a right told of in the untitled first section', (d) => void (d.rights = mapped(d.rights, 'access', (item) => ({ ...item, clause: 'identity' }))), ['The policy now tells you of the right of access (GDPR Art. 15) in the untitled section at position 1.']],
  ['the controller’s name', (d) => void (d.controller = { ...d.controller, name: 'OPTSM Ltd' }), ['The controller’s name changed from “OPTSM” to “OPTSM Ltd”.']],
  ['the controller’s registry', (d) => void (d.controller = { ...d.controller, registry: 'Scotland' }), ['The controller’s registry changed from “England and Wales” to “Scotland”.']],
  ['the controller’s country', (d) => void (d.controller = { ...d.controller, country: 'GB' }), ['The controller’s country changed from none to “GB”.']],
  ['a contact’s telephone number given', (d) => void (d.contacts = mapped(d.contacts, 'main', (item) => ({ ...item, telephone: '+44 20 7946 0000' }))), ['The telephone number of the contact “Our main address for the purposes of this website” changed from none to +44 20 7946 0000.']],
  ['a contact’s postal address given', (d) => void (d.contacts = mapped(d.contacts, 'main', (item) => ({ ...item, postalAddress: '1 High Street, London.' }))), ['The postal address of the contact “Our main address for the purposes of this website” changed from none to “1 High Street, London”.']],
  [
    'a contact added with every address',
    (d) => void (d.contacts = [...d.contacts, { id: 'dpo', description: 'Our DPO', email: 'dpo@optsm.co.uk', telephone: '+44 20 7946 0000', postalAddress: '1 High Street', url: 'https://optsm.co.uk/dpo' }]),
    ['New contact, “Our DPO”: email address dpo@optsm.co.uk, telephone number +44 20 7946 0000, postal address “1 High Street” and web address https://optsm.co.uk/dpo.'],
  ],
  ['the controller’s company number', (d) => void (d.controller = { ...d.controller, companyNumber: '01234567' }), ['The controller’s company number changed from “10951068” to “01234567”.']],
  ['the controller’s website', (d) => void (d.controller = { ...d.controller, website: 'https://optsm.co.uk/' }), ['The controller’s website changed from none to https://optsm.co.uk/.']],
  ['the authority’s short name', (d) => void (d.supervisoryAuthority = { ...d.supervisoryAuthority, shortName: 'The ICO' }), ['The supervisory authority’s short name changed from “ICO” to “The ICO”.']],
  ['the authority’s country', (d) => void (d.supervisoryAuthority = { ...d.supervisoryAuthority, country: 'IE' }), ['The supervisory authority’s country changed from “GB” to “IE”.']],
])('%s', (_name, change, expected) => {
  expect(readerAfter(change)).toEqual(expected)
})

test('recipients of a purpose in another order, and one of them no longer named', () => {
  expect(readerAfter((d) => void (d.purposes = mapped(d.purposes, 'prevent-crime', (item) => ({ ...item, recipients: [...item.recipients].reverse() }))), withRecipients)).toEqual([`The order of the recipients of your information ${crime} changed.`])
  expect(readerAfter((d) => void (d.purposes = mapped(d.purposes, 'prevent-crime', (item) => ({ ...item, recipients: ['public-authorities'] }))), withRecipients)).toEqual([
    `The policy no longer says that we share your information used ${crime} with Third party service providers working on our behalf.`,
  ])
})

test('links and images in a clause, a purpose and a statement of a right: added, removed and changed, each where a reader finds it', () => {
  // The clause `children` with one more paragraph, on each side its own (not the other side's plus one).
  const inClause = (html: string) => (d: Writable) => void (d.clauses = mapped(d.clauses, 'children', (item) => ({ ...item, html: (optsm.clauses.find((clause) => clause.id === 'children')?.html ?? '').replace('</section>', `${html}</section>`) })))
  const logo = (file: string) => `<p><img src="https://optsm.co.uk/${file}" alt="Our logo"></p>`
  expect(readerAfter(inClause(logo('logo.png')))).toEqual(['New image “Our logo” in the section “CHILDREN”, of https://optsm.co.uk/logo.png.'])
  expect(readerAfter(inClause(''), inClause(logo('logo.png')))).toEqual(['The image “Our logo” in the section “CHILDREN”, of https://optsm.co.uk/logo.png, was removed.'])
  expect(readerAfter(inClause(logo('new.png')), inClause(logo('old.png')))).toEqual(['The image “Our logo” in the section “CHILDREN” now shows https://optsm.co.uk/new.png (it showed https://optsm.co.uk/old.png).'])
  expect(readerAfter(inClause(''), inClause('<p><a href="https://optsm.co.uk/">our site</a></p>'))).toEqual(['The link “our site” in the section “CHILDREN”, to https://optsm.co.uk/, was removed.'])
  const purposeLink = (href: string) => (d: Writable) => void (d.purposes = mapped(d.purposes, 'prevent-crime', (item) => ({ ...item, html: `Prevent and detect <a href="${href}">crime</a>, fraud and corruption.` })))
  expect(readerAfter(purposeLink('https://b.example/'), purposeLink('https://a.example/'))).toEqual([`The link “crime” in the purpose ${crime} now leads to https://b.example/ (it led to https://a.example/).`])
  const rightLink = (href: string) => (d: Writable) => void (d.rights = mapped(d.rights, 'access', (item) => ({ ...item, html: `Request <a href="${href}">access</a>.` })))
  expect(readerAfter(rightLink('https://b.example/'), rightLink('https://a.example/'))).toEqual(['The link “access” in the statement of the right of access (GDPR Art. 15) now leads to https://b.example/ (it led to https://a.example/).'])
})

test('a change the diff cannot show is said in words a reader follows', () => {
  expect(readerOfUnshown).toEqual({ text: 'Something changed that this comparison cannot show: the content’s digest differs.', parts: [{ type: 'words', text: 'Something changed that this comparison cannot show: the content’s digest differs.' }] })
})

test('the parts of a reader’s words: each address a target, never a link; the law linked to its article; words between them merged', () => {
  const from = structuredClone(optsm) as Writable
  const to = structuredClone(from)
  to.contacts = [...to.contacts, { id: 'dpo', description: 'Our DPO', email: 'dpo@optsm.co.uk', url: 'https://optsm.co.uk/dpo' }]
  to.rights = mapped(to.rights, 'access', (item) => ({ ...item, right: 'erasure' }))
  const readers = diffDocuments(from, to, { from: 'a', to: 'b' }).reasons.map((reason) => reason.reader.parts)
  expect(readers).toContainEqual([
    { type: 'words', text: 'New contact, “Our DPO”: email address ' },
    { type: 'target', text: 'dpo@optsm.co.uk' },
    { type: 'words', text: ' and web address ' },
    { type: 'target', text: 'https://optsm.co.uk/dpo' },
    { type: 'words', text: '.' },
  ])
  expect(readers).toContainEqual([
    { type: 'words', text: 'A right the policy tells you of is now the right to erasure (' },
    { type: 'law', text: 'GDPR Art. 17', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_17' },
    { type: 'words', text: ') (it was the right of access (' },
    { type: 'law', text: 'GDPR Art. 15', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_15' },
    { type: 'words', text: ')).' },
  ])
})
