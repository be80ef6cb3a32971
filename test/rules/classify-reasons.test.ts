import { beforeAll, expect, test } from 'vitest'
import { compile } from '../../src/compile/compile.ts'
import type { Reason } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { diffDocuments } from '../../src/versions/diff.ts'
import { makePolicy } from '../helpers/fixture-policy.ts'

// The classification's reasons whole (kind, code, field and message), in the typescript-eslint
// style: each change of the base fixture's document with exactly the reasons it must give.
let base: PolicyDocument
beforeAll(async () => {
  const output = compile(await readPolicy('policy', { cwd: await makePolicy() }), { today: '2026-01-01' }).output
  if (!output) throw new Error('base fixture did not compile')
  base = output.document
})

type Edit = (document: Record<string, unknown> & { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] }) => void
// Each reason with its reader's words as text (their parts: test/reader-words.test.ts).
type ReasonRead = Omit<Reason, 'reader'> & { readonly reader: string }
const cases: ReadonlyArray<{ readonly name: string; readonly edit: Edit; readonly reasons: readonly ReasonRead[] }> = [
  {
    name: 'a right added without a statement of its own is editorial',
    edit: (d) => Object.assign(d, { rights: [...d.rights, { ...d.rights[0], id: 'access-again', html: null, text: null }] }),
    reasons: [{ collection: 'rights', id: 'access-again', kind: 'editorial', code: 'right-added', field: null, message: 'New right `access-again`', reader: 'The policy now tells you of the right of access (GDPR Art. 15).' }],
  },
  {
    name: 'a right added with a statement is reworded: its words the tool cannot judge',
    edit: (d) => Object.assign(d, { rights: [...d.rights, { ...d.rights[0], id: 'access-again' }] }),
    reasons: [{ collection: 'rights', id: 'access-again', kind: 'reworded', code: 'right-added', field: null, message: 'New right `access-again`, with its own statement', reader: 'The policy now tells you of the right of access (GDPR Art. 15), in its own words: “Request access to your personal data”.' }],
  },
  {
    name: 'a purpose removed',
    edit: (d) => Object.assign(d, { purposes: d.purposes.filter((purpose) => purpose.id !== 'security') }),
    reasons: [{ collection: 'purposes', id: 'security', kind: 'substantive', code: 'purpose-removed', field: null, message: 'The purpose `security` was removed', reader: 'The policy no longer says that we use your information “to keep our rights and website secure”.' }],
  },
  {
    name: 'the controller renamed',
    edit: (d) => Object.assign(d, { controller: { ...d.controller, legalName: 'Example Holdings Limited' } }),
    reasons: [
      {
        collection: 'controller',
        id: 'controller',
        kind: 'substantive',
        code: 'controller-changed',
        field: 'legalName',
        message: 'The controller’s legal name changed from “Example Limited” to “Example Holdings Limited”', reader: 'The controller’s legal name changed from “Example Limited” to “Example Holdings Limited”.',
      },
    ],
  },
  {
    name: 'a data category relabelled is reworded: the tool cannot judge wording',
    edit: (d) => Object.assign(d, { dataCategories: d.dataCategories.map((category, index) => (index === 0 ? { ...category, label: 'E-mail address' } : category)) }),
    reasons: [
      {
        collection: 'dataCategories',
        id: 'email-address',
        kind: 'reworded',
        code: 'data-category-changed',
        field: 'label',
        message: 'The data category `email-address`: label changed from “Email address” to “E-mail address”', reader: 'The information “Email address” is now called “E-mail address”.',
      },
    ],
  },
  {
    name: 'a link retargeted is reworded, with its old and new target',
    edit: (d) => Object.assign(d, { clauses: d.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<a href="#rights">your rights', '<a href="#intro">your rights') })) }),
    reasons: [{ collection: 'clauses', id: 'intro', kind: 'reworded', code: 'link-target-changed', field: null, message: 'The link “your rights” in the clause `intro` (Who we are) changed its target: `#rights` → `#intro`', reader: 'The link “your rights” in the section “Who we are” now leads to #intro (it led to #rights).' }],
  },
  {
    name: 'a link added to words that were there is reworded',
    edit: (d) => Object.assign(d, { clauses: d.clauses.map((clause) => ({ ...clause, html: clause.html.replace('Last updated', '<a href="https://example.com/history">Last updated</a>') })) }),
    reasons: [{ collection: 'clauses', id: 'intro', kind: 'reworded', code: 'link-added', field: null, message: 'New link “Last updated” in the clause `intro` (Who we are), to `https://example.com/history`', reader: 'New link “Last updated” in the section “Who we are”, to https://example.com/history.' }],
  },
  {
    name: 'a clause restructured, its words kept, is reworded',
    edit: (d) => Object.assign(d, { clauses: d.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<h2 id="intro--what-we-use-it-for">What we use it for</h2>', '<p>What we use it for</p>') })) }),
    reasons: [{ collection: 'clauses', id: 'intro', kind: 'reworded', code: 'clause-restructured', field: null, message: 'The structure of the clause `intro` (Who we are) changed (its headings, paragraphs, lists, tables, emphasis or line breaks), not its words', reader: 'The layout of the section “Who we are” changed (its headings, paragraphs, lists, tables, emphasis or line breaks), not its words.' }],
  },
  {
    name: 'a clause that shows the last-updated date, changed with it, is the date’s change only',
    edit: (d) =>
      Object.assign(d, {
        lastUpdated: '2026-02-02',
        clauses: d.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<time datetime="2020-02-29">29th February 2020</time>', '<time datetime="2026-02-02">2nd February 2026</time>'), text: clause.text.replace('29th February 2020', '2nd February 2026') })),
      }),
    reasons: [{ collection: 'policy', id: 'policy', kind: 'editorial', code: 'last-updated-date-changed', field: 'lastUpdated', message: 'The last-updated date changed from 2020-02-29 to 2026-02-02', reader: 'The last-updated date changed from 29th February 2020 to 2nd February 2026.' }],
  },
]

test.each(cases)('$name', ({ edit, reasons }) => {
  const copy = structuredClone(base) as Parameters<Edit>[0]
  edit(copy)
  expect(diffDocuments(base, copy, { from: 'a', to: 'b' }).reasons.map((reason) => ({ ...reason, reader: reason.reader.text }))).toEqual(reasons)
})

// Found by an attack on the record: every occurrence of the old date in a clause was read as the
// date that :last-updated shows, so a date written in the prose changed with it unseen.
test('a date written in the prose, changed with the last-updated date, is a rewording; the date that :last-updated shows is not', () => {
  const withProse = (document: Parameters<Edit>[0], date: string): Parameters<Edit>[0] => ({
    ...document,
    clauses: document.clauses.map((clause) => (clause.id === 'intro' ? { ...clause, html: `${clause.html}<p>Data of before ${date} is deleted.</p>`, text: `${clause.text}\nData of before ${date} is deleted.` } : clause)),
  })
  const before = withProse(structuredClone(base) as Parameters<Edit>[0], '29th February 2020')
  const redated = (date: string) => {
    const after = withProse(structuredClone(base) as Parameters<Edit>[0], date)
    return Object.assign(after, {
      lastUpdated: '2026-02-02',
      clauses: after.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<time datetime="2020-02-29">29th February 2020</time>', '<time datetime="2026-02-02">2nd February 2026</time>'), text: clause.text.replace('on 29th February 2020.', 'on 2nd February 2026.') })),
    })
  }
  expect(diffDocuments(before, redated('29th February 2020'), { from: 'a', to: 'b' }).reasons.map((reason) => reason.code)).toEqual(['last-updated-date-changed'])
  expect(diffDocuments(before, redated('2nd February 2026'), { from: 'a', to: 'b' }).reasons.map((reason) => `${reason.kind} ${reason.code} ${reason.id}`)).toEqual(['reworded clause-changed intro'])
})

// Found by the review of the <time> of :last-updated: a forged release may hold a <time> written by
// hand (its HTML is not made by this tool), around a date of the prose; the prose's date then
// changed with the last-updated date unseen, and the change passed as editorial.
test('a <time> written by hand around a date of the prose does not make its change the date’s: it is reworded', () => {
  const withProse = (document: Parameters<Edit>[0], html: string, text: string): Parameters<Edit>[0] => ({
    ...document,
    clauses: document.clauses.map((clause) => (clause.id === 'intro' ? { ...clause, html: `${clause.html}<p>Data of before ${html} is deleted.</p>`, text: `${clause.text}\nData of before ${text} is deleted.` } : clause)),
  })
  const before = withProse(structuredClone(base) as Parameters<Edit>[0], '29th February 2020', '29th February 2020')
  const forged = withProse(structuredClone(base) as Parameters<Edit>[0], '<time datetime="2026-02-02">2nd February 2026</time>', '2nd February 2026')
  Object.assign(forged, {
    lastUpdated: '2026-02-02',
    clauses: forged.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<time datetime="2020-02-29">29th February 2020</time>', '<time datetime="2026-02-02">2nd February 2026</time>'), text: clause.text.replace('on 29th February 2020.', 'on 2nd February 2026.') })),
  })
  const diff = diffDocuments(before, forged, { from: 'a', to: 'b' })
  expect(diff.kind).not.toBe('editorial')
  expect(diff.reasons.map((reason) => `${reason.kind} ${reason.code} ${reason.id}`)).toContain('reworded clause-changed intro')
})

test('against a version made before :last-updated wrote a <time> (format /1, OPTSM\'s), the date it shows is still the date’s change only', () => {
  const before = structuredClone(base) as Parameters<Edit>[0]
  const untimed = { ...before, clauses: before.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<time datetime="2020-02-29">29th February 2020</time>', '29th February 2020') })) }
  const after = Object.assign(structuredClone(base) as Parameters<Edit>[0], { lastUpdated: '2026-02-02' })
  const redated = { ...after, clauses: after.clauses.map((clause) => ({ ...clause, html: clause.html.replace('<time datetime="2020-02-29">29th February 2020</time>', '<time datetime="2026-02-02">2nd February 2026</time>'), text: clause.text.replace('29th February 2020', '2nd February 2026') })) }
  expect(untimed.clauses.some((clause) => clause.html.includes('<time'))).toBe(false)
  expect(diffDocuments(untimed, redated, { from: 'a', to: 'b' }).reasons.map((reason) => reason.code)).toEqual(['last-updated-date-changed'])
})
