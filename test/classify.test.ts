import { beforeAll, expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import type { PolicyDocument } from '../src/model/policy-document.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { makePolicy } from './helpers/fixture-policy.ts'

// Each classification rule, one change at a time, on the base fixture's document.
let base: PolicyDocument
beforeAll(async () => {
  const output = compile(await readPolicy('policy', { cwd: await makePolicy() }), { today: '2026-01-01' }).output
  if (!output) throw new Error('base fixture did not compile')
  base = output.document
})

type Mutable = { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] } & Record<string, unknown>
const change = (mutate: (document: Mutable) => void): PolicyDocument => {
  const copy = structuredClone(base) as Mutable
  mutate(copy)
  return copy
}
// The lists of the document are readonly in its type; tests reach in through `any`-free casts.
const list = <T>(value: readonly T[]): T[] => value as T[]
const item = <T>(value: readonly T[], index: number): T => {
  const found = value[index]
  if (found === undefined) throw new Error(`no item ${index}`)
  return found
}

test.each<[string, (document: Mutable) => void, string, string[]]>([
  ['a new purpose', (d) => list(d.purposes).push({ ...item(d.purposes, 0), id: 'profiling' }), 'substantive', ['purpose-added profiling']],
  ['a purpose removed', (d) => list(d.purposes).splice(1, 1), 'substantive', ['purpose-removed security']],
  ['a lawful basis changed', (d) => Object.assign(item(d.purposes, 0), { lawfulBasis: [{ ...item(item(d.purposes, 0).lawfulBasis, 0), id: 'contract' }] }), 'substantive', ['lawful-basis-changed newsletter']],
  ['a purpose uses a new data category', (d) => Object.assign(item(d.purposes, 0), { dataCategories: ['email-address', 'name'] }), 'substantive', ['purpose-changed newsletter']],
  ['a purpose reworded', (d) => Object.assign(item(d.purposes, 0), { text: 'to send our newsletter;' }), 'reworded', ['purpose-changed newsletter']],
  ['a new data category', (d) => list(d.dataCategories).push({ ...item(d.dataCategories, 0), id: 'name' }), 'substantive', ['data-category-added name']],
  ['a data category from a new source', (d) => Object.assign(item(d.dataCategories, 0), { sources: ['data-subject', 'third-party'] }), 'substantive', ['data-category-changed email-address']],
  ['a data category relabelled', (d) => Object.assign(item(d.dataCategories, 0), { label: 'E-mail address' }), 'reworded', ['data-category-changed email-address']],
  ['a new recipient', (d) => list(d.recipients).push({ ...item(d.recipients, 0), id: 'advertisers' }), 'substantive', ['recipient-added advertisers']],
  ['a recipient of another kind', (d) => Object.assign(item(d.recipients, 0), { kind: 'group-company' }), 'substantive', ['recipient-changed hosting']],
  ['a right removed', (d) => list(d.rights).splice(0, 1), 'substantive', ['right-removed access']],
  ['a right narrowed in its wording', (d) => Object.assign(item(d.rights, 0), { text: 'Request access to some of your personal data;' }), 'substantive', ['right-changed access']],
  ['a right added', (d) => list(d.rights).push({ ...item(d.rights, 0), id: 'access-again', html: null, text: null }), 'editorial', ['right-added access-again']],
  ['a right added with its own statement', (d) => list(d.rights).push({ ...item(d.rights, 0), id: 'access-again' }), 'reworded', ['right-added access-again']],
  ['a contact changed', (d) => Object.assign(item(d.contacts, 0), { email: 'dpo@example.com' }), 'substantive', ['contact-changed privacy']],
  ['a new contact', (d) => list(d.contacts).push({ id: 'dpo', description: 'Our DPO' }), 'substantive', ['contact-added dpo']],
  ['the controller renamed', (d) => Object.assign(d, { controller: { ...d.controller, legalName: 'Example Holdings Limited' } }), 'substantive', ['controller-changed controller']],
  ['another supervisory authority', (d) => Object.assign(d, { supervisoryAuthority: { ...d.supervisoryAuthority, url: 'https://example.org/complain' } }), 'substantive', ['authority-changed supervisoryAuthority']],
  ['a new clause', (d) => list(d.clauses).push({ id: 'cookies', title: 'Cookies', html: '', text: 'Cookies' }), 'substantive', ['clause-added cookies']],
  ['a clause removed', (d) => list(d.clauses).splice(1, 1), 'substantive', ['clause-removed rights']],
  ['clauses reordered', (d) => list(d.clauses).reverse(), 'editorial', ['clause-moved intro']],
  ['a clause retitled', (d) => Object.assign(item(d.clauses, 1), { title: 'What you may ask of us' }), 'reworded', ['clause-retitled rights']],
  ['a clause reworded', (d) => Object.assign(item(d.clauses, 1), { text: `${item(d.clauses, 1).text} Thank you.` }), 'reworded', ['clause-changed rights']],
  ['the title changed', (d) => Object.assign(d, { title: 'Our privacy policy' }), 'reworded', ['policy-changed policy']],
  ['only the HTML changed (a new template)', (d) => Object.assign(item(d.clauses, 0), { html: `<div class="other">\n${item(d.clauses, 0).html.replaceAll('\n', '\n\n')}</div>` }), 'technical', []],
  ['only whitespace in a text', (d) => Object.assign(item(d.clauses, 0), { text: `  ${item(d.clauses, 0).text.replaceAll(' ', '  ')}` }), 'technical', []],
])('%s is %s', (_name, mutate, kind, reasons) => {
  const diff = diffDocuments(base, change(mutate), { from: 'a', to: 'b' })
  expect(diff.kind).toBe(kind)
  expect(diff.reasons.map((reason) => `${reason.code} ${reason.id}`)).toEqual(reasons)
})

test('the first release is initial', () => {
  expect(diffDocuments(null, base, { from: null, to: 'b' }).kind).toBe('initial')
})

test('a word-level diff of a large text with one change costs little more than an identical one', () => {
  // Correctness here; the timing is in the benchmark (npm run bench), never in a test.
  const words = Array.from({ length: 50_000 }, (_, index) => `word${index % 997}`).join(' ')
  const changed = change((d) => Object.assign(item(d.clauses, 0), { text: words.replace('word500 ', 'changed ') }))
  const original = change((d) => Object.assign(item(d.clauses, 0), { text: words }))
  const diff = diffDocuments(original, changed, { from: 'a', to: 'b' })
  expect(diff.clauses[0]?.words?.filter((run) => run.type !== 'equal').map((run) => run.text)).toEqual(['word500', 'changed'])
})
