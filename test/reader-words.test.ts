import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import type { PolicyDiff } from '../src/model/diff.ts'
import type { PolicyDocument } from '../src/model/policy-document.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { editPolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// Each kind of reason in a reader's words, on the real OPTSM policy: one draft that changes every
// kind of item against its release (2019-01-25), diffed once. Every sentence is composed of the
// policy's own text and labels, the law's names and fixed words: never an id.
const temporary = removedAfterAll()
let diff: PolicyDiff

const edit = (cwd: string, file: string, find: string, replacement: string) => editPolicy(cwd, file, find, replacement)

beforeAll(async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-reader-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  // Purposes: one added (with a basis, data and a recipient), one removed, a basis changed with the
  // interest pursued, data and recipients changed, a wording changed.
  await edit(
    cwd,
    'data.yaml',
    '  - id: contact-you\n',
    '  - id: product-analytics\n    group: practical\n    text: to measure how visitors use the site;\n    lawfulBasis: [consent]\n    dataCategories: [cookie-information, ip-address, pages-visited]\n    recipients: [service-providers]\n  - id: contact-you\n',
  )
  await edit(cwd, 'data.yaml', '  - id: seek-opinions\n    group: practical\n    text: Seek your thoughts and opinions on the services we provide;\n', '')
  await edit(cwd, 'data.yaml', 'consented to be contacted for such purposes;\n    lawfulBasis: [consent]', 'consented to be contacted for such purposes;\n    lawfulBasis: [legitimate-interests]\n    legitimateInterest: telling you of our events')
  await edit(
    cwd,
    'data.yaml',
    'presented in the most effective manner for you and for your device;\n    dataCategories: [name, email-address, telephone-number, company-name, cookie-information, ip-address, referring-website, pages-visited, visit-time]',
    'presented in the most effective manner for you and for your device;\n    dataCategories: [name, email-address, company-name, job-title, cookie-information, ip-address, referring-website, pages-visited]',
  )
  await edit(cwd, 'data.yaml', 'text: Prevent and detect crime, fraud and corruption.', 'text: Prevent and detect crime, fraud and corruption.\n    recipients: [public-authorities]')
  await edit(cwd, 'data.yaml', 'text: Verify your identity where this is required;', 'text: Verify your identity where the law requires it;')
  // Data categories: one added, one removed (and so from the purposes that used it), one collected
  // in one more way, one relabelled.
  await edit(cwd, 'data.yaml', 'purposes:\n', '  - id: device-type\n    label: Device type\n    sources: [automatic]\n    contexts: [website]\npurposes:\n')
  await edit(cwd, 'data.yaml', '  - id: visit-time\n    label: Time of visit\n    dpv: BrowsingBehaviour\n    sources: [automatic]\n    contexts: [website]\n', '')
  for (let count = 0; count < 2; count++) await edit(cwd, 'data.yaml', ', pages-visited, visit-time]', ', pages-visited]')
  await edit(cwd, 'clauses/information-collected.md', ':data[the time that your device visited our website]{#visit-time}', 'the time that your device visited our website')
  await edit(cwd, 'data.yaml', 'dpv: TelephoneNumber\n    sources: [data-subject]\n    contexts: [website]', 'dpv: TelephoneNumber\n    sources: [data-subject]\n    contexts: [website, telephone]')
  await edit(cwd, 'data.yaml', 'label: Referring website', 'label: The website you came from')
  // Recipients: one added, one of another kind.
  await edit(cwd, 'data.yaml', 'recipients:\n  - id: service-providers', 'recipients:\n  - id: auditors\n    label: Our auditors\n    kind: professional-adviser\n  - id: service-providers')
  await edit(cwd, 'data.yaml', 'label: Public authorities such as the Police or security services\n    kind: public-authority', 'label: Public authorities such as the Police or security services\n    kind: other')
  // Rights: one removed, a statement changed.
  await edit(cwd, 'data.yaml', '  - id: object-to-legitimate-interests\n    right: objection\n    clause: legitimate-interests\n', '')
  await edit(cwd, 'clauses/legitimate-interests.md', ':right[the right to object]{#object-to-legitimate-interests}', 'the right to object')
  await edit(cwd, 'data.yaml', 'statement: Request correction of the personal data that we hold about you;', 'statement: Request correction or completion of the personal data that we hold about you;')
  // A contact added, one's address changed; the controller's address added; the authority's site changed.
  await edit(cwd, 'policy.yaml', '  - id: children\n', '  - id: dpo\n    description: Our data protection officer\n    email: dpo@optsm.co.uk\n  - id: children\n')
  await edit(cwd, 'policy.yaml', 'email: hello@optsm.co.uk', 'email: privacy@optsm.co.uk')
  await edit(cwd, 'policy.yaml', '  registry: England and Wales\n', '  registry: England and Wales\n  postalAddress: 1 High Street, London\n')
  await edit(cwd, 'policy.yaml', 'url: https://www.ico.org.uk/concerns', 'url: https://ico.org.uk/make-a-complaint/')
  // Clauses: one added, one removed, one moved, one retitled, one reworded; and a new date, which
  // the `changes` clause shows (:last-updated): that clause is not reworded by it.
  await writeFile(path.join(cwd, 'policy', 'clauses', 'cookies.md'), '---\nid: cookies\ntitle: COOKIES\n---\n\nWe use cookies.\n')
  await rm(path.join(cwd, 'policy', 'clauses', 'linked-websites.md'))
  await edit(cwd, 'policy.yaml', '  - children\n  - linked-websites\n  - changes\n', '  - changes\n  - children\n  - cookies\n')
  await edit(cwd, 'clauses/scope.md', 'title: WHAT DOES THIS PRIVACY POLICY COVER?', 'title: WHAT THIS POLICY COVERS')
  await edit(cwd, 'clauses/security.md', 'commercially reasonable', 'reasonable')
  await edit(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2026-12-01')
  const result = await runCli(['diff', '--format', 'json'], cwd)
  expect(result.stderr).toBe('')
  diff = JSON.parse(result.stdout) as PolicyDiff
})

test('each reason of the OPTSM policy changed in every kind of item, in a reader’s words', () => {
  expect(diff.reasons.map((reason) => [reason.code, reason.reader.text])).toEqual([
    ['controller-changed', 'The controller’s postal address changed from none to “1 High Street, London”.'],
    ['authority-changed', 'The supervisory authority’s website changed from https://www.ico.org.uk/concerns to https://ico.org.uk/make-a-complaint/.'],
    ['contact-changed', 'The email address of the contact “Questions or concerns regarding our privacy policies, and requests to exercise your rights” changed from hello@optsm.co.uk to privacy@optsm.co.uk.'],
    ['contact-added', 'New contact, “Our data protection officer”: email address dpo@optsm.co.uk.'],
    ['data-category-removed', 'The policy no longer says that we collect your Time of visit.'],
    ['data-category-changed', 'We now also collect your Telephone number by telephone.'],
    ['data-category-changed', 'The information “Referring website” is now called “The website you came from”.'],
    ['data-category-added', 'We now collect your Device type automatically through the website.'],
    ['purpose-removed', 'The policy no longer says that we use your information “Seek your thoughts and opinions on the services we provide”.'],
    // The data category removed, from each purpose that used it: its label read from the release.
    ['purpose-changed', 'The policy no longer says that we use your Time of visit “for administration and reporting purposes including (but not limited to) troubleshooting, performance analysis, statistical analysis and testing”.'],
    [
      'purpose-changed',
      'We now also use your Job title “to improve our website to ensure that content is presented in the most effective manner for you and for your device”. The policy no longer says that we use your Telephone number and Time of visit “to improve our website to ensure that content is presented in the most effective manner for you and for your device”.',
    ],
    [
      'purpose-changed',
      'The policy no longer says that we use your Time of visit “to analyse customers use of our website for trend monitoring and marketing purposes; for the purposes made clear to you at the time you submit your information – for example, to fulfill your request for information on our products and services; as part of our efforts to keep our website safe and secure”.',
    ],
    [
      'purpose-added',
      'We now use your Information collected via cookies and other similar technologies, Device IP address and Pages visited “to measure how visitors use the site”, on the lawful basis of consent (GDPR Art. 6(1)(a)). We share it with Third party service providers working on our behalf.',
    ],
    ['purpose-changed', 'The wording of a purpose changed from “Verify your identity where this is required” to “Verify your identity where the law requires it”.'],
    [
      'lawful-basis-changed',
      'The lawful basis for using your information “Provide you with information related to our services and our events and activities that you request from us or which we feel may interest you, provided you have consented to be contacted for such purposes” changed from consent (GDPR Art. 6(1)(a)) to legitimate interests (GDPR Art. 6(1)(f)).',
    ],
    [
      'purpose-changed',
      'The legitimate interest pursued in using your information “Provide you with information related to our services and our events and activities that you request from us or which we feel may interest you, provided you have consented to be contacted for such purposes” changed from none to “telling you of our events”.',
    ],
    ['purpose-changed', 'We now also share your information used “Prevent and detect crime, fraud and corruption” with Public authorities such as the Police or security services.'],
    ['recipient-added', 'The policy now names “Our auditors”, a professional adviser, as a recipient of your information.'],
    ['recipient-changed', 'The recipient “Public authorities such as the Police or security services” is now another kind of recipient (it was a public authority).'],
    ['right-removed', 'The policy no longer tells you of the right to object (GDPR Art. 21).'],
    ['right-changed', 'The policy’s statement of the right to rectification (GDPR Art. 16) changed from “Request correction of the personal data that we hold about you” to “Request correction or completion of the personal data that we hold about you”.'],
    ['clause-retitled', 'The section “WHAT DOES THIS PRIVACY POLICY COVER?” is now titled “WHAT THIS POLICY COVERS”.'],
    // Its heading is part of its text.
    ['clause-changed', 'The wording of the section “WHAT THIS POLICY COVERS” changed.'],
    // The lists of purposes and of rights that the clauses show.
    ['clause-changed', 'The wording of the section “HOW DO WE USE THE INFORMATION?” changed.'],
    ['clause-changed', 'The wording of the section “IS PERSONAL INFORMATION ABOUT ME SECURE?” changed.'],
    ['clause-changed', 'The wording of the section “YOUR RIGHTS IN CONNECTION WITH PERSONAL DATA” changed.'],
    ['clause-removed', 'The section “LINKED WEBSITES” was removed.'],
    ['clause-moved', 'The section “CHILDREN” moved from position 10 to position 11.'],
    ['clause-added', 'A new section “COOKIES”.'],
    // The contact's address, which the clause shows. Not the clause `changes` (WILL OPTSM EVER
    // CHANGE THIS PRIVACY POLICY?): it changed only by the last-updated date it shows.
    ['clause-changed', 'The wording of the section “CONTACT INFORMATION” changed.'],
    ['link-target-changed', 'The link “privacy@optsm.co.uk” in the section “CONTACT INFORMATION” now leads to mailto:privacy@optsm.co.uk (it led to mailto:hello@optsm.co.uk).'],
    ['link-target-changed', 'The link “www.ico.org.uk/concerns” in the section “WHAT IF I HAVE A COMPLAINT?” now leads to https://ico.org.uk/make-a-complaint/ (it led to https://www.ico.org.uk/concerns).'],
  ])
  expect(diff.clauses.map((clause) => clause.id)).not.toContain('changes')
})

test('never an id in a reader’s words; the ids stay in the JSON', () => {
  for (const reason of diff.reasons.filter((item) => item.id.includes('-'))) expect(reason.reader.text, reason.id).not.toContain(reason.id)
  expect(diff.reasons.map((reason) => reason.id)).toEqual(expect.arrayContaining(['product-analytics', 'seek-opinions', 'visit-time', 'object-to-legitimate-interests', 'linked-websites']))
})

test('the parts of a reader’s words: the law linked to its article, an address of the policy a target, the rest words', () => {
  const added = diff.reasons.find((reason) => reason.code === 'purpose-added')
  expect(added?.reader.parts).toEqual([
    { type: 'words', text: 'We now use your Information collected via cookies and other similar technologies, Device IP address and Pages visited “to measure how visitors use the site”, on the lawful basis of consent (' },
    { type: 'law', text: 'GDPR Art. 6(1)(a)', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6' },
    { type: 'words', text: '). We share it with Third party service providers working on our behalf.' },
  ])
  const right = diff.reasons.find((reason) => reason.code === 'right-removed')
  expect(right?.reader.parts).toContainEqual({ type: 'law', text: 'GDPR Art. 21', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_21' })
  const authority = diff.reasons.find((reason) => reason.code === 'authority-changed')
  expect(authority?.reader.parts.filter((part) => part.type === 'target')).toEqual([
    { type: 'target', text: 'https://www.ico.org.uk/concerns' },
    { type: 'target', text: 'https://ico.org.uk/make-a-complaint/' },
  ])
  // Joined, the parts are the text.
  for (const reason of diff.reasons) expect(reason.reader.parts.map((part) => part.text).join('')).toBe(reason.reader.text)
})

test('the JSON carries each item added, removed or changed with its fields, old and new', () => {
  const entry = (id: string) => diff.data.find((change) => change.id === id)
  expect(entry('product-analytics')).toEqual({
    collection: 'purposes',
    id: 'product-analytics',
    status: 'added',
    fields: [
      { field: 'group', from: null, to: 'practical' },
      { field: 'text', from: null, to: 'to measure how visitors use the site;' },
      { field: 'lawfulBasis', from: null, to: ['consent'] },
      { field: 'dataCategories', from: null, to: ['cookie-information', 'ip-address', 'pages-visited'] },
      { field: 'recipients', from: null, to: ['service-providers'] },
    ],
  })
  expect(entry('seek-opinions')?.fields).toContainEqual({ field: 'text', from: 'Seek your thoughts and opinions on the services we provide;', to: null })
  expect(entry('service-information')?.fields).toEqual([
    { field: 'lawfulBasis', from: ['consent'], to: ['legitimate-interests'] },
    { field: 'legitimateInterest', from: null, to: 'telling you of our events' },
  ])
  expect(entry('visit-time')).toMatchObject({ status: 'removed', fields: expect.arrayContaining([{ field: 'label', from: 'Time of visit', to: null }]) })
  expect(entry('controller')?.fields).toEqual([{ field: 'postalAddress', from: null, to: '1 High Street, London' }])
})

// The kinds the draft above does not hold, each on its own copy of the OPTSM document (compiled
// once, changed as data): a change that `check` would refuse in the source is still read.
describe('the other kinds, on the OPTSM document changed as data', () => {
  let optsm: PolicyDocument
  beforeAll(async () => {
    const output = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output
    if (!output) throw new Error('the OPTSM policy did not compile')
    optsm = output.draft
  })
  type Writable = { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] }
  const readerAfter = (change: (document: Writable) => void) => {
    const after = structuredClone(optsm) as Writable
    change(after)
    return diffDocuments(optsm, after, { from: 'a', to: 'b' }).reasons.map((reason) => reason.reader.text)
  }
  const mapped = <T extends { readonly id: string }>(items: readonly T[], id: string, change: (item: T) => T) => items.map((item) => (item.id === id ? change(item) : item))

  test.each<[string, (document: Writable) => void, string[]]>([
    ['a recipient removed', (d) => void (d.recipients = d.recipients.filter((item) => item.id !== 'public-authorities')), ['The policy no longer names “Public authorities such as the Police or security services” as a recipient of your information.']],
    ['a recipient relabelled', (d) => void (d.recipients = mapped(d.recipients, 'service-providers', (item) => ({ ...item, label: 'Our processors' }))), ['The recipient “Third party service providers working on our behalf” is now called “Our processors”.']],
    [
      'a right added with a statement, one without',
      (d) => void (d.rights = [...d.rights, { ...d.rights[0], id: 'erase-again', right: 'erasure', text: 'Ask us to erase it.' } as PolicyDocument['rights'][number], { ...d.rights[0], id: 'access-again', text: null, html: null } as PolicyDocument['rights'][number]]),
      ['The policy now tells you of the right to erasure (GDPR Art. 17), in its own words: “Ask us to erase it”.', 'The policy now tells you of the right of access (GDPR Art. 15).'],
    ],
    ['a right of another kind', (d) => void (d.rights = mapped(d.rights, 'object-to-legitimate-interests', (item) => ({ ...item, right: 'restriction' }))), ['A right the policy tells you of is now the right to restriction of processing (GDPR Art. 18) (it was the right to object (GDPR Art. 21)).']],
    ['a right’s statement removed', (d) => void (d.rights = mapped(d.rights, 'access', (item) => ({ ...item, text: null, html: null }))), ['The policy no longer gives its own statement of the right of access (GDPR Art. 15).']],
    ['a contact removed', (d) => void (d.contacts = d.contacts.filter((item) => item.id !== 'main')), ['The contact “Our main address for the purposes of this website” was removed.']],
    ['a contact described otherwise', (d) => void (d.contacts = mapped(d.contacts, 'children', (item) => ({ ...item, description: 'About children' }))), ['The contact “Reporting that a child under 16 may have provided us Personal Information” is now described as “About children”.']],
    ['a data category no longer collected one way', (d) => void (d.dataCategories = mapped(d.dataCategories, 'name', (item) => ({ ...item, contexts: item.contexts.filter((context) => context !== 'post') }))), ['The policy no longer says that we collect your Name by post.']],
    ['a data category from another source', (d) => void (d.dataCategories = mapped(d.dataCategories, 'ip-address', (item) => ({ ...item, sources: ['third-party'] }))), ['We now also collect your Device IP address from third parties. The policy no longer says that we collect your Device IP address automatically.']],
    ['a data category described', (d) => void (d.dataCategories = mapped(d.dataCategories, 'name', (item) => ({ ...item, description: 'Your full name' }))), ['The description of your Name changed from none to “Your full name”.']],
    ['a data category classified otherwise', (d) => void (d.dataCategories = mapped(d.dataCategories, 'name', (item) => ({ ...item, dpv: 'https://w3id.org/dpv/pd#FullName' }))), ['The classification of your Name in the Data Privacy Vocabulary changed from https://w3id.org/dpv/pd#Name to https://w3id.org/dpv/pd#FullName.']],
    ['a purpose under another', (d) => void (d.purposes = mapped(d.purposes, 'prevent-crime', (item) => ({ ...item, parent: 'contract-performance' }))), ['The purpose “Prevent and detect crime, fraud and corruption” is now listed under “for purposes necessary for the performance of our contract with you / with our clients”.']],
    ['a purpose in another list', (d) => void (d.purposes = mapped(d.purposes, 'prevent-crime', (item) => ({ ...item, group: 'website' }))), ['The purpose “Prevent and detect crime, fraud and corruption” moved to another list.']],
    ['a purpose with no lawful basis left', (d) => void (d.purposes = mapped(d.purposes, 'maintain-records', (item) => ({ ...item, lawfulBasis: [] }))), ['The lawful basis for using your information “Maintain our records in accordance with applicable legal and regulatory obligations” changed from legal obligation (GDPR Art. 6(1)(c)) to no lawful basis stated.']],
    ['the untitled clause given a title', (d) => void (d.clauses = d.clauses.map((clause, index) => (index === 0 ? { ...clause, title: 'WHO WE ARE' } : clause))), ['The untitled section at position 1 is now titled “WHO WE ARE”.']],
    ['a clause’s title removed', (d) => void (d.clauses = mapped(d.clauses, 'children', (item) => ({ ...item, title: null }))), ['The section “CHILDREN” no longer has a title.']],
    ['the policy retitled', (d) => void (d.title = 'Our privacy policy'), ['The policy’s title changed from “OPTSM respects your privacy and safeguards your data” to “Our privacy policy”.']],
    // The policy's id is for tools (policy.json, the JSON-LD): a reader is told it changed, never shown it.
    ['the policy’s id', (d) => void (d.id = 'optsm-policy-2'), ['The identifier that tools know the policy by changed (the JSON files give it).']],
    ['the authority’s name', (d) => void (d.supervisoryAuthority = { ...d.supervisoryAuthority, name: 'The ICO' }), ['The supervisory authority’s name changed from “Information Commissioner’s Office” to “The ICO”.']],
  ])('%s', (_name, change, expected) => {
    expect(readerAfter(change)).toEqual(expected)
  })
})
