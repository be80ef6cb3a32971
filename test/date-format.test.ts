import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { currentDigestOf } from '../src/versions/release.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'

// Dates are written in the style of the policy's language, or as policy.yaml's `dateFormat` says:
// in `:last-updated` (a clause of the base fixture shows it, dated 2020-02-29), in the document
// (which carries `dateFormat` only where a document without it would mean another format), and in
// the change record's words.
const temporary = removedAfterAll()
const today = '2026-11-25'

async function draftOf(language: string, dateFormat: string | null) {
  const root = await makePolicy({
    description: `${language} ${dateFormat ?? 'default'}`,
    replace: [
      { file: 'policy.yaml', find: 'language: en-GB', with: `language: ${language}` },
      { file: 'policy.yaml', find: 'dateFormat: ordinal\n', with: dateFormat === null ? '' : `dateFormat: ${dateFormat}\n` },
    ],
  })
  temporary.push(root)
  const result = compile(await readPolicy('policy', { cwd: root }), { today })
  if (!result.output) throw new Error(JSON.stringify(result.diagnostics))
  return result.output.draft
}

test.each([
  ['en-US', null, 'February 29, 2020', 'language'],
  ['en-GB', null, '29 February 2020', 'language'],
  ['de-DE', null, '29. Februar 2020', undefined],
  ['en-US', 'language', 'February 29, 2020', 'language'],
  ['en-GB', 'ordinal', '29th February 2020', undefined],
  ['en-US', 'ordinal', '29th February 2020', undefined],
  ['de-DE', 'ordinal', '29th February 2020', 'ordinal'],
])('%s with dateFormat %s writes :last-updated as %s; the document says %s', async (language, dateFormat, written, documentFormat) => {
  const draft = await draftOf(language, dateFormat)
  const intro = draft.clauses.find((clause) => clause.id === 'intro')
  expect(intro?.html).toContain(`Last updated on <time datetime="2020-02-29">${written}</time>.`)
  expect(intro?.text).toContain(`Last updated on ${written}.`)
  expect(draft.dateFormat).toBe(documentFormat)
  expect(Object.keys(draft).includes('dateFormat')).toBe(documentFormat !== undefined)
})

test('the change record writes the dates as each version does', async () => {
  const before = await draftOf('en-US', null)
  const after = { ...before, lastUpdated: '2023-07-27', version: '2023-07-27' }
  const reasons = diffDocuments(before, after, { from: 'a', to: 'b' }).reasons
  expect(reasons.find((reason) => reason.code === 'last-updated-date-changed')?.reader.text).toBe('The last-updated date changed from February 29, 2020 to July 27, 2023.')
  const german = await draftOf('de-DE', null)
  const germanReasons = diffDocuments(german, { ...german, lastUpdated: '2023-07-27', version: '2023-07-27' }, { from: 'a', to: 'b' }).reasons
  expect(germanReasons.find((reason) => reason.code === 'last-updated-date-changed')?.reader.text).toBe('The last-updated date changed from 29. Februar 2020 to 27. Juli 2023.')
  const ordinal = await draftOf('en-GB', 'ordinal')
  const ordinalReasons = diffDocuments(ordinal, { ...ordinal, lastUpdated: '2023-07-27', version: '2023-07-27' }, { from: 'a', to: 'b' }).reasons
  expect(ordinalReasons.find((reason) => reason.code === 'last-updated-date-changed')?.reader.text).toBe('The last-updated date changed from 29th February 2020 to 27th July 2023.')
})

test('the OPTSM policy keeps its "25th January 2019": with `dateFormat: ordinal` its draft is its release (its clauses\' text, its digest); without, the date is in the en-GB style and the draft differs', async () => {
  const optsm = compile(await readPolicy('policy', { cwd: repoRoot }), { today })
  const [release] = optsm.releases
  if (!release) throw new Error('the OPTSM policy has its release of 2019-01-25')
  expect(optsm.output?.draft.clauses.map((clause) => clause.text)).toEqual(release.document.clauses.map((clause) => clause.text))
  expect(optsm.output?.draft.digest).toBe(currentDigestOf(release))
  expect(optsm.output?.unreleasedSince).toBeUndefined()
  expect(Object.keys(optsm.output?.draft ?? {})).not.toContain('dateFormat')
  expect(JSON.stringify(optsm.output?.draft)).toContain('<time datetime=\\"2019-01-25\\">25th January 2019</time>')
  const copy = await mkdtemp(path.join(tmpdir(), 'clausewright-optsm-'))
  temporary.push(copy)
  await cp(path.join(repoRoot, 'policy'), path.join(copy, 'policy'), { recursive: true })
  await editPolicy(copy, 'policy.yaml', 'dateFormat: ordinal\n', '')
  const languageStyle = compile(await readPolicy('policy', { cwd: copy }), { today })
  const draft = languageStyle.output?.draft
  expect(draft?.dateFormat).toBe('language')
  expect(JSON.stringify(draft)).toContain('<time datetime=\\"2019-01-25\\">25 January 2019</time>')
  expect(draft?.digest).not.toBe(currentDigestOf(release))
  expect(languageStyle.output?.unreleasedSince?.version).toBe('2019-01-25')
})

test('a change of the date format alone is an editorial change that the change record names', async () => {
  const before = await draftOf('en-GB', 'ordinal')
  const after = await draftOf('en-GB', null)
  expect(after.digest).not.toBe(before.digest)
  const diff = diffDocuments(before, after, { from: 'a', to: 'b' })
  expect(diff.clauses).toEqual([])
  expect(diff.kind).toBe('editorial')
  expect(diff.reasons.map((reason) => [reason.kind, reason.field, reason.message, reason.reader.text])).toEqual([['editorial', 'dateFormat', 'The policy’s date format changed from “ordinal” to “language”', 'The policy’s date format changed from “ordinal” to “language”.']])
  // A new language implies its own format: the language's change says it.
  const german = await draftOf('de-DE', null)
  expect(diffDocuments(before, german, { from: 'a', to: 'b' }).reasons.filter((reason) => reason.collection === 'policy').map((reason) => reason.field)).toEqual(['language'])
})
