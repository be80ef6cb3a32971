import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { dpvPersonalDataTerms } from '../src/vocab/dpv-pd-terms.ts'
import { lawfulBases, namespaces, rightReferences } from '../src/vocab/gdpr.ts'
import { readDpvTerms } from '../src/vocab/read-dpv-csv.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// The DPV extracts live in ../shared/vocab (CI lays shared/ beside the clone). Every DPV IRI that
// Clausewright emits must exist there.
const vocabDirectory = process.env['CLAUSEWRIGHT_VOCAB'] ?? path.join(repoRoot, '..', 'shared', 'vocab')
/** A DPV extract; a clone without ../shared/vocab fails here, saying what is missing. */
function readExtract(file: string): string {
  const extract = path.join(vocabDirectory, file)
  if (!existsSync(extract)) throw new Error(`The DPV extract is missing: ${extract} (put the shared directory beside the clone, or set CLAUSEWRIGHT_VOCAB)`)
  return readFileSync(extract, 'utf8')
}
const terms = (file: string) => new Set(readDpvTerms(readExtract(file)))
const properties = (file: string) =>
  new Set(
    readExtract(file)
      .split('\n')
      .flatMap((line) => /^"([^"]+)","property"/.exec(line)?.[1] ?? []),
  )

test('the committed personal-data terms are those of pd.csv', () => {
  expect([...dpvPersonalDataTerms]).toEqual([...terms('pd.csv')])
})

test('every GDPR term Clausewright maps to exists in eu-gdpr.csv', () => {
  const gdpr = terms('eu-gdpr.csv')
  for (const reference of [...Object.values(lawfulBases), ...Object.values(rightReferences)]) expect(gdpr.has(reference.term), reference.term).toBe(true)
})

test('every DPV term in the OPTSM JSON-LD exists', async () => {
  const output = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output
  const text = output?.files.get('policy.jsonld') ?? ''
  const known: Record<string, Set<string>> = {
    dpv: new Set([...terms('dpv.csv'), ...properties('dpv.csv')]),
    pd: terms('pd.csv'),
    'eu-gdpr': terms('eu-gdpr.csv'),
  }
  const used = new Set<string>()
  for (const [prefix, iri] of Object.entries(namespaces)) {
    if (!(prefix in known)) continue
    for (const match of text.matchAll(new RegExp(`"${prefix}:([A-Za-z0-9-]+)"`, 'g'))) used.add(`${prefix}:${match[1]}`)
    for (const match of text.matchAll(new RegExp(`"${iri.replaceAll('.', '\\.')}([A-Za-z0-9-]+)"`, 'g'))) used.add(`${prefix}:${match[1]}`)
  }
  expect(used.size).toBeGreaterThan(10)
  const unknown = [...used].filter((term) => {
    const [prefix = '', name = ''] = term.split(':')
    return !known[prefix]?.has(name)
  })
  expect(unknown).toEqual([])
  // Nor one the extract marks as deprecated, or to be (dpv:PersonalDataHandling: use dpv:Process).
  const deprecated = new Set(
    ['dpv.csv', 'pd.csv', 'eu-gdpr.csv'].flatMap((file) =>
      readExtract(file)
        .split('\n')
        .flatMap((line) => (/deprecat/i.test(line) ? [`${file.replace('.csv', '')}:${/^"([^"]+)"/.exec(line)?.[1]}`] : [])),
    ),
  )
  expect(deprecated.has('dpv:PersonalDataHandling')).toBe(true)
  expect([...used].filter((term) => deprecated.has(term))).toEqual([])
})
