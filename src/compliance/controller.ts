import { diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import { fieldFailed } from '../rules/context.ts'
import { type ComplianceRule, met, missing, notApplicable } from './compliance-rule.ts'

// EU and EEA member states, and the UK: a controller established here needs no representative.
const europe = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO GB'.split(' '))

/** GDPR Art. 13(1)(a): who the controller is and how to contact them. */
export const controllerIdentity: ComplianceRule = {
  id: 'controller-identity',
  article: 'GDPR Art. 13(1)(a)',
  title: 'The identity and contact details of the controller',
  check(context) {
    const { policyFields, policyYaml } = context
    const { contacts, controller } = policyFields ?? {}
    if (!contacts || !controller) return notApplicable
    const where = [...new Set([...context.clausesWith('controller'), ...context.clausesWith('email')])]
    const reachable = contacts.some((contact) => contact.email ?? contact.postalAddress ?? contact.telephone ?? contact.url) || controller.postalAddress !== undefined
    if (reachable) return met(where)
    return missing(
      [
        diagnostic('controller-identity', policyYaml?.file.path ?? '', locate(policyYaml, ['contacts'], 'key'), 'Missing contact details of the controller: no contact has an email, postal address, telephone or web page', {
          hint: 'Give at least one contact an `email:` or `postalAddress:` (GDPR Art. 13(1)(a)).',
        }),
      ],
      where,
    )
  },
}

/** GDPR Art. 13(1)(a), 27: the representative of a controller established outside the EU/EEA and the UK. */
export const representative: ComplianceRule = {
  id: 'representative',
  article: 'GDPR Art. 13(1)(a), 27',
  title: 'The representative of a controller outside the EU/EEA or UK',
  check({ policyFields, policyYaml }) {
    const country = policyFields?.controller?.country
    if (!policyFields || country === undefined || europe.has(country) || fieldFailed(policyFields, policyYaml, 'representative')) return notApplicable
    if (policyFields.representative) return met()
    return missing([
      diagnostic('representative', policyYaml?.file.path ?? '', locate(policyYaml, ['controller', 'country']), `Missing representative: a controller established in ${country} must name its representative in the EU or UK`, {
        hint: 'Add `representative:` with a name and contact details (GDPR Art. 27), or correct `country`.',
      }),
    ])
  },
}

/** GDPR Art. 13(1)(b): the DPO's contact details, where one is designated. */
export const dpoContact: ComplianceRule = {
  id: 'dpo-contact',
  article: 'GDPR Art. 13(1)(b)',
  title: 'The contact details of the data protection officer, where designated',
  check({ policyFields, policyYaml }) {
    if (fieldFailed(policyFields, policyYaml, 'dataProtectionOfficer')) return notApplicable
    const dpo = policyFields?.dataProtectionOfficer
    const file = policyYaml?.file.path ?? ''
    if (dpo === undefined) {
      return missing([
        diagnostic('dpo-contact', file, locate(policyYaml, ['id'], 'key'), 'Missing statement on a data protection officer: the policy does not say whether one is designated', {
          hint: 'Add `dataProtectionOfficer: { designated: false }`, or `designated: true` with their contact details.',
        }),
      ])
    }
    if (!dpo.designated) return notApplicable
    if (dpo.email ?? dpo.postalAddress ?? dpo.telephone) return met()
    return missing([diagnostic('dpo-contact-details', file, locate(policyYaml, ['dataProtectionOfficer'], 'key'), 'Missing contact details of the designated data protection officer', { hint: 'Add `email:` (or `postalAddress:`) to `dataProtectionOfficer`.' })])
  },
}
