import type { ComplianceItem } from '../model/compliance.ts'
import { documentFormat, impliedDateFormat, type PolicyDocument } from '../model/policy-document.ts'
import type { PolicyData, PolicySource } from '../model/types.ts'
import { type RenderedPolicy, renderFragment } from '../render/render-policy.ts'
import { gdprIri, lawfulBases, personalDataIri, rightReferences } from '../vocab/gdpr.ts'
import { digestOf } from './digest.ts'

/** Builds policy.json from a checked policy and its rendering. Pure and deterministic. */
export function buildPolicyDocument(policy: PolicySource, data: PolicyData, rendered: RenderedPolicy, compliance?: readonly ComplianceItem[]): PolicyDocument {
  const source = { policy, data, ...(rendered.texts && { texts: rendered.texts }) }
  const fragment = (markdown: string) => renderFragment(markdown, source)
  const dateFormat = policy.dateFormat ?? 'language'
  const withoutDigest: Omit<PolicyDocument, 'digest'> = {
    format: documentFormat,
    id: policy.id,
    title: policy.title,
    language: policy.language,
    // Written only where a document without it would mean another format: the documents of every
    // policy that writes dates as before (the OPTSM policy: `ordinal` in en-GB) keep their bytes and digest.
    ...(dateFormat !== impliedDateFormat(policy.language) && { dateFormat }),
    version: policy.lastUpdated,
    lastUpdated: policy.lastUpdated,
    controller: pick(policy.controller, ['legalName', 'name', 'companyNumber', 'registry', 'postalAddress', 'website']),
    contacts: policy.contacts.map((contact) => pick(contact, ['id', 'description', 'email', 'postalAddress', 'telephone', 'url'])),
    supervisoryAuthority: pick(policy.supervisoryAuthority, ['name', 'shortName', 'url', 'country']),
    dataCategories: data.dataCategories.map((category) => ({
      id: category.id,
      label: category.label,
      description: category.description ?? null,
      dpv: category.dpv === undefined ? null : personalDataIri(category.dpv),
      sources: [...category.sources],
      contexts: [...(category.contexts ?? [])],
    })),
    purposes: data.purposes.map((purpose) => {
      const { html, text } = fragment(purpose.text)
      return {
        id: purpose.id,
        group: purpose.group ?? null,
        parent: purpose.parent ?? null,
        html,
        text,
        lawfulBasis: (purpose.lawfulBasis ?? []).map((basis) => ({ id: basis, article: lawfulBases[basis].article, iri: gdprIri(lawfulBases[basis].term) })),
        legitimateInterest: purpose.legitimateInterest ?? null,
        dataCategories: [...(purpose.dataCategories ?? [])],
        recipients: [...(purpose.recipients ?? [])],
      }
    }),
    recipients: data.recipients.map((recipient) => ({ id: recipient.id, label: recipient.label, kind: recipient.kind, description: recipient.description ?? null })),
    rights: data.rights.map((right) => {
      const statement = right.statement === undefined ? undefined : fragment(right.statement)
      return {
        id: right.id,
        right: right.right,
        article: rightReferences[right.right].article,
        iri: gdprIri(rightReferences[right.right].term),
        html: statement?.html ?? null,
        text: statement?.text ?? null,
        clause: right.clause,
      }
    }),
    clauses: rendered.clauses.map((clause) => ({ id: clause.id, title: clause.title ?? null, html: clause.html, text: clause.text })),
    ...(compliance && { compliance }),
  }
  return { ...withoutDigest, digest: digestOf(withoutDigest) }
}

/** The listed keys of an object, in the listed order, leaving out those that are not set. */
function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const result: Partial<Pick<T, K>> = {}
  for (const key of keys) if (value[key] !== undefined) result[key] = value[key]
  return result as Pick<T, K>
}
