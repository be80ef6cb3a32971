import type { LawfulBasis, RightKind } from '../model/types.ts'

/** The DPV namespaces used in the JSON-LD. */
export const namespaces = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

interface LegalReference {
  /** The term in https://w3id.org/dpv/legal/eu/gdpr#. */
  readonly term: string
  /** How a reader cites it. */
  readonly article: string
  /** What a reader calls it, in a sentence ("on the lawful basis of consent", "the right of access"). */
  readonly name: string
}

export const lawfulBases: Readonly<Record<LawfulBasis, LegalReference>> = {
  consent: { term: 'A6-1-a', article: 'GDPR Art. 6(1)(a)', name: 'consent' },
  contract: { term: 'A6-1-b', article: 'GDPR Art. 6(1)(b)', name: 'contract' },
  'legal-obligation': { term: 'A6-1-c', article: 'GDPR Art. 6(1)(c)', name: 'legal obligation' },
  'vital-interests': { term: 'A6-1-d', article: 'GDPR Art. 6(1)(d)', name: 'vital interests' },
  'public-task': { term: 'A6-1-e', article: 'GDPR Art. 6(1)(e)', name: 'public task' },
  'legitimate-interests': { term: 'A6-1-f', article: 'GDPR Art. 6(1)(f)', name: 'legitimate interests' },
}

export const rightReferences: Readonly<Record<RightKind, LegalReference>> = {
  access: { term: 'A15', article: 'GDPR Art. 15', name: 'the right of access' },
  rectification: { term: 'A16', article: 'GDPR Art. 16', name: 'the right to rectification' },
  erasure: { term: 'A17', article: 'GDPR Art. 17', name: 'the right to erasure' },
  restriction: { term: 'A18', article: 'GDPR Art. 18', name: 'the right to restriction of processing' },
  portability: { term: 'A20', article: 'GDPR Art. 20', name: 'the right to data portability' },
  objection: { term: 'A21', article: 'GDPR Art. 21', name: 'the right to object' },
  'withdraw-consent': { term: 'A7-3', article: 'GDPR Art. 7(3)', name: 'the right to withdraw consent' },
  complaint: { term: 'A77', article: 'GDPR Art. 77', name: 'the right to lodge a complaint with a supervisory authority' },
}

/** The GDPR as published in the Official Journal, on EUR-Lex: its articles are anchors (`#art_6`). */
const gdprText = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj'

/** Where a reader reads the article of a DPV term (`A6-1-a`: Article 6; `A15`: Article 15). */
export function gdprArticleUrl(term: string): string {
  const article = /^A(\d+)/.exec(term)?.[1]
  if (article === undefined) throw new Error(`not a term of a GDPR article: ${term}`)
  return `${gdprText}#art_${article}`
}

export const gdprIri = (term: string): string => `${namespaces['eu-gdpr']}${term}`
export const personalDataIri = (term: string): string => `${namespaces.pd}${term}`
