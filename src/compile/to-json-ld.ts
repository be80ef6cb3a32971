import type { RecipientKind } from '../model/types.ts'
import { namespaces } from '../vocab/gdpr.ts'
import type { PolicyDocument } from '../model/policy-document.ts'

/**
 * The JSON-LD 1.1 context, inlined so that no reader needs the network. DPV publishes no context
 * of its own; every term below is a compact IRI of schema.org or DPV.
 */
export const jsonLdContext = {
  '@version': 1.1,
  ...namespaces,
} as const

const recipientTypes: Record<RecipientKind, string[]> = {
  'service-provider': ['dpv:Recipient', 'dpv:DataProcessor'],
  'public-authority': ['dpv:Recipient', 'dpv:GovernmentalOrganisation'],
  'group-company': ['dpv:Recipient', 'dpv:ThirdParty'],
  'professional-adviser': ['dpv:Recipient', 'dpv:ThirdParty'],
  other: ['dpv:Recipient', 'dpv:ThirdParty'],
}

type JsonLd = Record<string, unknown>

/**
 * The policy as linked data: schema.org for the document and its publisher, DPV for the
 * processing (one dpv:PersonalDataHandling per purpose). Nodes are blank nodes named after
 * their ids (`_:purpose-marketing`), so the document stands alone wherever it is served.
 */
export function toJsonLd(document: PolicyDocument): JsonLd {
  const controller = '_:controller'
  const emails = document.contacts.flatMap((contact) => (contact.email === undefined ? [] : [contact.email]))
  const company = document.controller.companyNumber
  return {
    '@context': jsonLdContext,
    '@id': '_:policy',
    '@type': ['schema:WebPage', 'schema:DigitalDocument', 'dpv:PrivacyNotice'],
    'schema:name': document.title,
    'schema:identifier': document.id,
    'schema:version': document.version,
    'schema:dateModified': { '@value': document.lastUpdated, '@type': 'xsd:date' },
    'schema:inLanguage': document.language,
    'schema:publisher': { '@id': controller },
    'schema:author': {
      '@id': controller,
      '@type': ['schema:Organization', 'dpv:DataController'],
      'schema:legalName': document.controller.legalName,
      ...(document.controller.name !== undefined && { 'schema:name': document.controller.name }),
      ...(company !== undefined && {
        'schema:identifier': {
          '@type': 'schema:PropertyValue',
          'schema:propertyID': document.controller.registry === undefined ? 'company number' : `company number (${document.controller.registry})`,
          'schema:value': company,
        },
      }),
      ...(emails.length > 0 && { 'schema:email': emails }),
      ...(document.controller.website !== undefined && { 'schema:url': { '@id': document.controller.website } }),
      'schema:contactPoint': document.contacts.map((contact) => ({
        '@id': `_:contact-${contact.id}`,
        '@type': 'schema:ContactPoint',
        'schema:contactType': contact.description,
        ...(contact.email !== undefined && { 'schema:email': contact.email }),
        ...(contact.telephone !== undefined && { 'schema:telephone': contact.telephone }),
        ...(contact.url !== undefined && { 'schema:url': { '@id': contact.url } }),
      })),
    },
    'schema:hasPart': document.clauses.map((clause, index) => ({
      '@id': `_:clause-${clause.id}`,
      '@type': 'schema:WebPageElement',
      'schema:identifier': clause.id,
      ...(clause.title !== null && { 'schema:name': clause.title }),
      'schema:position': index + 1,
      'schema:text': clause.text,
    })),
    'dpv:hasDataController': { '@id': controller },
    'dpv:hasPersonalDataHandling': document.purposes.map((purpose) => {
      const categories = purpose.dataCategories.flatMap((id) => {
        const iri = document.dataCategories.find((category) => category.id === id)?.dpv
        return iri ? [{ '@id': iri }] : []
      })
      return {
        '@id': `_:purpose-${purpose.id}`,
        '@type': 'dpv:PersonalDataHandling',
        'schema:identifier': purpose.id,
        'dpv:hasPurpose': { '@type': 'dpv:Purpose', 'schema:description': purpose.text },
        'dpv:hasLegalBasis': [
          ...purpose.lawfulBasis.map((basis) => ({ '@id': basis.iri })),
          ...(purpose.legitimateInterest === null ? [] : [{ '@type': 'dpv:LegitimateInterest', 'schema:description': purpose.legitimateInterest }]),
        ],
        'dpv:hasPersonalData': uniqueBy(categories, (item) => item['@id']),
        'dpv:hasDataController': { '@id': controller },
        'dpv:hasRecipient': purpose.recipients.map((id) => ({ '@id': `_:recipient-${id}` })),
      }
    }),
    'dpv:hasRecipient': document.recipients.map((recipient) => ({
      '@id': `_:recipient-${recipient.id}`,
      '@type': recipientTypes[recipient.kind],
      'schema:name': recipient.label,
    })),
    'dpv:hasRight': uniqueBy(
      document.rights.map((right) => ({ '@id': right.iri })),
      (item) => item['@id'],
    ),
    'dpv:hasAuthority': {
      '@id': '_:supervisory-authority',
      '@type': ['schema:GovernmentOrganization', 'dpv:Authority'],
      'schema:name': document.supervisoryAuthority.name,
      ...(document.supervisoryAuthority.shortName !== undefined && { 'schema:alternateName': document.supervisoryAuthority.shortName }),
      'schema:url': { '@id': document.supervisoryAuthority.url },
    },
  }
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const value = key(item)
    if (seen.has(value)) return false
    seen.add(value)
    return true
  })
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&`, U+2028 and U+2029 become
 * `\u` escapes, so that no text can close the element, open a comment, or break a parser.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
