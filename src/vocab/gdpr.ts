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
}

export const lawfulBases: Readonly<Record<LawfulBasis, LegalReference>> = {
  consent: { term: 'A6-1-a', article: 'GDPR Art. 6(1)(a)' },
  contract: { term: 'A6-1-b', article: 'GDPR Art. 6(1)(b)' },
  'legal-obligation': { term: 'A6-1-c', article: 'GDPR Art. 6(1)(c)' },
  'vital-interests': { term: 'A6-1-d', article: 'GDPR Art. 6(1)(d)' },
  'public-task': { term: 'A6-1-e', article: 'GDPR Art. 6(1)(e)' },
  'legitimate-interests': { term: 'A6-1-f', article: 'GDPR Art. 6(1)(f)' },
}

export const rightReferences: Readonly<Record<RightKind, LegalReference>> = {
  access: { term: 'A15', article: 'GDPR Art. 15' },
  rectification: { term: 'A16', article: 'GDPR Art. 16' },
  erasure: { term: 'A17', article: 'GDPR Art. 17' },
  restriction: { term: 'A18', article: 'GDPR Art. 18' },
  portability: { term: 'A20', article: 'GDPR Art. 20' },
  objection: { term: 'A21', article: 'GDPR Art. 21' },
  'withdraw-consent': { term: 'A7-3', article: 'GDPR Art. 7(3)' },
  complaint: { term: 'A77', article: 'GDPR Art. 77' },
}

export const gdprIri = (term: string): string => `${namespaces['eu-gdpr']}${term}`
export const personalDataIri = (term: string): string => `${namespaces.pd}${term}`
