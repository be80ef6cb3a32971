import type { RecipientKind } from '../model/types.ts'
import { namespaces } from '../vocab/gdpr.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import { nodeIri, type PolicyNodeKind, policyIri, versionIri } from '../model/policy-address.ts'

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

export interface JsonLdOptions {
  /** Where the policy's pages are published (`policyRoot`): a URL, or a path from the site's root (default `/`). */
  readonly root?: string
}

/**
 * One version of the policy as linked data: schema.org for the document and its publisher, DPV
 * for the processing (one dpv:Process per purpose, with its dpv:Purpose). Every node has an IRI,
 * none is blank: the version is its page's address, the policy the address of the policy's page,
 * and what the version says a fragment of the version's IRI (policy-address.ts), so that another
 * system can store "accepted version X" or "consented to purpose Y of version X" and find it again.
 * Every data category is there, typed dpv:PersonalData and, where it has one, its DPV `pd:` class.
 */
export function toJsonLd(document: PolicyDocument, options: JsonLdOptions = {}): JsonLd {
  const root = options.root ?? '/'
  const version = versionIri(root, document.version)
  const iri = (kind: PolicyNodeKind, ...path: string[]) => nodeIri(version, kind, ...path)
  const controller = iri('controller')
  const emails = document.contacts.flatMap((contact) => (contact.email === undefined ? [] : [contact.email]))
  const company = document.controller.companyNumber
  return {
    '@context': jsonLdContext,
    '@id': version,
    '@type': ['schema:WebPage', 'schema:DigitalDocument', 'dpv:PrivacyNotice'],
    'schema:name': document.title,
    'schema:identifier': document.id,
    'schema:version': document.version,
    'schema:dateModified': { '@value': document.lastUpdated, '@type': 'xsd:date' },
    'schema:inLanguage': document.language,
    'schema:exampleOfWork': { '@id': policyIri(root), '@type': 'schema:CreativeWork', 'schema:identifier': document.id, 'schema:name': document.title },
    'schema:publisher': { '@id': controller },
    'schema:author': {
      '@id': controller,
      '@type': ['schema:Organization', 'dpv:DataController'],
      'schema:legalName': document.controller.legalName,
      ...(document.controller.name !== undefined && { 'schema:name': document.controller.name }),
      ...(company !== undefined && {
        'schema:identifier': {
          '@id': iri('controller', 'company-number'),
          '@type': 'schema:PropertyValue',
          'schema:propertyID': document.controller.registry === undefined ? 'company number' : `company number (${document.controller.registry})`,
          'schema:value': company,
        },
      }),
      ...(emails.length > 0 && { 'schema:email': emails }),
      ...(document.controller.website !== undefined && { 'schema:url': { '@id': document.controller.website } }),
      'schema:contactPoint': document.contacts.map((contact) => ({
        '@id': iri('contact', contact.id),
        '@type': 'schema:ContactPoint',
        'schema:contactType': contact.description,
        ...(contact.email !== undefined && { 'schema:email': contact.email }),
        ...(contact.telephone !== undefined && { 'schema:telephone': contact.telephone }),
        ...(contact.url !== undefined && { 'schema:url': { '@id': contact.url } }),
      })),
    },
    'schema:hasPart': document.clauses.map((clause, index) => ({
      '@id': iri('clause', clause.id),
      '@type': 'schema:WebPageElement',
      'schema:identifier': clause.id,
      ...(clause.title !== null && { 'schema:name': clause.title }),
      'schema:position': index + 1,
      'schema:text': clause.text,
    })),
    'dpv:hasDataController': { '@id': controller },
    'dpv:hasPersonalData': document.dataCategories.map((category) => ({
      '@id': iri('data', category.id),
      '@type': category.dpv === null ? 'dpv:PersonalData' : ['dpv:PersonalData', compactIri(category.dpv)],
      'schema:identifier': category.id,
      'schema:name': category.label,
      ...(category.description !== null && { 'schema:description': category.description }),
    })),
    'dpv:hasProcess': document.purposes.map((purpose) => ({
      '@id': iri('process', purpose.id),
      '@type': 'dpv:Process',
      'schema:identifier': purpose.id,
      'dpv:hasPurpose': { '@id': iri('purpose', purpose.id), '@type': 'dpv:Purpose', 'schema:identifier': purpose.id, 'schema:description': purpose.text },
      'dpv:hasLegalBasis': [
        ...purpose.lawfulBasis.map((basis) => ({ '@id': basis.iri })),
        ...(purpose.legitimateInterest === null ? [] : [{ '@id': iri('process', purpose.id, 'legitimate-interest'), '@type': 'dpv:LegitimateInterest', 'schema:description': purpose.legitimateInterest }]),
      ],
      'dpv:hasPersonalData': purpose.dataCategories.map((id) => ({ '@id': iri('data', id) })),
      'dpv:hasDataController': { '@id': controller },
      'dpv:hasRecipient': purpose.recipients.map((id) => ({ '@id': iri('recipient', id) })),
    })),
    'dpv:hasRecipient': document.recipients.map((recipient) => ({
      '@id': iri('recipient', recipient.id),
      '@type': recipientTypes[recipient.kind],
      'schema:identifier': recipient.id,
      'schema:name': recipient.label,
      ...(recipient.description !== null && { 'schema:description': recipient.description }),
    })),
    'dpv:hasRight': document.rights.map((right) => ({
      '@id': iri('right', right.id),
      '@type': ['dpv:DataSubjectRight', compactIri(right.iri)],
      'schema:identifier': right.id,
      ...(right.text !== null && { 'schema:description': right.text }),
    })),
    'dpv:hasAuthority': {
      '@id': iri('supervisory-authority'),
      '@type': ['schema:GovernmentOrganization', 'dpv:Authority'],
      'schema:name': document.supervisoryAuthority.name,
      ...(document.supervisoryAuthority.shortName !== undefined && { 'schema:alternateName': document.supervisoryAuthority.shortName }),
      'schema:url': { '@id': document.supervisoryAuthority.url },
    },
  }
}

/** `pd:EmailAddress` for `https://w3id.org/dpv/pd#EmailAddress`: an IRI in a namespace of the context, as the context writes it. */
function compactIri(iri: string): string {
  for (const [prefix, namespace] of Object.entries(namespaces)) {
    if (iri.startsWith(namespace) && /^[A-Za-z0-9-]+$/.test(iri.slice(namespace.length))) return `${prefix}:${iri.slice(namespace.length)}`
  }
  return iri
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&`, U+2028 and U+2029 become
 * `\u` escapes, so that no text can close the element, open a comment, or break a parser.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
