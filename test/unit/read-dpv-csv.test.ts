import { expect, test } from 'vitest'
import { readDpvTerms } from '../../src/vocab/read-dpv-csv.ts'

// The reader of the DPV extracts behind src/vocab/dpv-pd-terms.ts (scripts/extract-vocab.ts).
test('the classes of a DPV CSV, sorted, once each; its header, other types and lines not starting with a term left out', () => {
  const csv = [
    '"term","class","iri"',
    '"Zebra","class","https://w3id.org/dpv/pd#Zebra"',
    '"Age","class","https://w3id.org/dpv/pd#Age"',
    '"hasAge","property","https://w3id.org/dpv/pd#hasAge"',
    ' "Indented","class","x"',
    'x"Prefixed","class","x"',
    '"Age","class","https://w3id.org/dpv/pd#Age"',
    '"","class","x"',
    '"Birth","class"',
    '',
  ].join('\n')
  expect(readDpvTerms(csv)).toEqual(['Age', 'Birth', 'Zebra'])
})
