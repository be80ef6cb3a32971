import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import { fieldFailed } from '../rules/context.ts'
import { type ComplianceRule, met, missing, notApplicable } from './compliance-rule.ts'

/** GDPR Art. 9(2): special category data needs a condition of Art. 9(2) besides a lawful basis. */
export const specialCategoryCondition: ComplianceRule = {
  id: 'special-category-condition',
  article: 'GDPR Art. 9(2)',
  title: 'The Art. 9(2) condition for special category data',
  check({ dataFields, dataYaml }) {
    const { dataCategories, purposes } = dataFields ?? {}
    const special = new Set(dataCategories?.filter((category) => category.specialCategory).map((category) => category.id))
    if (!dataCategories || !purposes || special.size === 0) return notApplicable
    const found: Diagnostic[] = purposes.flatMap((purpose, index) => {
      const used = purpose.dataCategories?.filter((id) => special.has(id)) ?? []
      if (used.length === 0 || purpose.article9Condition !== undefined) return []
      return [
        diagnostic('special-category-condition', dataYaml?.file.path ?? '', locate(dataYaml, ['purposes', index, 'id']), `Missing Art. 9(2) condition for purpose \`${purpose.id}\`, which uses special category data (${used.map((id) => `\`${id}\``).join(', ')})`, {
          hint: 'Add `article9Condition:` with the letter of GDPR Art. 9(2) that applies (`a` for explicit consent).',
        }),
      ]
    })
    return found.length > 0 ? missing(found) : met()
  },
}

/** GDPR Art. 13(1)(e): recipients or categories of recipients. */
export const recipientsStated: ComplianceRule = {
  id: 'recipients-stated',
  article: 'GDPR Art. 13(1)(e)',
  title: 'The recipients or categories of recipients',
  check(context) {
    const { dataFields, dataYaml } = context
    const recipients = dataFields?.recipients
    if (!recipients) return notApplicable
    const where = context.clausesWith('recipient')
    if (recipients.length > 0) return met(where)
    return missing([diagnostic('recipients-stated', dataYaml?.file.path ?? '', locate(dataYaml, ['recipients'], 'key'), 'Missing recipients: the policy names nobody the data is disclosed to', { hint: 'List the recipients (or their categories) under `recipients:`; if there are none, say so in a clause.' })])
  },
}

/** GDPR Art. 13(1)(f): transfers to third countries, their safeguards, and how to get a copy. */
export const internationalTransfers: ComplianceRule = {
  id: 'international-transfers',
  article: 'GDPR Art. 13(1)(f)',
  title: 'Transfers to third countries, their safeguards and how to obtain a copy',
  check({ dataFields, dataYaml }) {
    if (fieldFailed(dataFields, dataYaml, 'internationalTransfers')) return notApplicable
    const file = dataYaml?.file.path ?? ''
    const statement = dataFields?.internationalTransfers
    if (statement === undefined) {
      return missing([
        diagnostic('international-transfers', file, locate(dataYaml, ['recipients'], 'key'), 'Missing statement on international transfers: the policy does not say whether personal data leaves the UK/EEA', {
          hint: 'Add `internationalTransfers: { made: false }`, or `made: true` with each transfer, its safeguard and how to obtain a copy.',
        }),
      ])
    }
    if (!statement.made) return met()
    const found = (statement.transfers ?? []).flatMap((transfer, index) =>
      transfer.safeguard !== 'adequacy' && transfer.copyAvailable === undefined
        ? [diagnostic('international-transfers', file, locate(dataYaml, ['internationalTransfers', 'transfers', index, 'id']), `Missing how to obtain a copy of the safeguard of transfer \`${transfer.id}\` (${transfer.safeguard})`, { hint: 'Add `copyAvailable:` (GDPR Art. 13(1)(f)).' })]
        : [],
    )
    if ((statement.transfers ?? []).length === 0) found.push(diagnostic('international-transfers', file, locate(dataYaml, ['internationalTransfers', 'made']), 'Missing the transfers: `made` is true but no transfer is listed', { hint: 'List each transfer under `transfers:`.' }))
    return found.length > 0 ? missing(found) : met()
  },
}

/** GDPR Art. 13(2)(a): how long data is kept, or the criteria. */
export const retentionPeriod: ComplianceRule = {
  id: 'retention-period',
  article: 'GDPR Art. 13(2)(a)',
  title: 'How long the data is kept, or the criteria',
  check({ dataFields, dataYaml }) {
    const { dataCategories, purposes } = dataFields ?? {}
    if (!dataCategories || !purposes || dataCategories.length === 0) return notApplicable
    const file = dataYaml?.file.path ?? ''
    // Stryker disable next-line ArrayDeclaration: a purpose without categories covers none; a made-up id matches no category
    const coveredByPurpose = new Set(purposes.filter((purpose) => purpose.retention !== undefined).flatMap((purpose) => purpose.dataCategories ?? []))
    const uncovered = dataCategories.map((category, index) => ({ category, index })).filter(({ category }) => category.retention === undefined && !coveredByPurpose.has(category.id))
    if (uncovered.length === 0) return met()
    if (uncovered.length === dataCategories.length) {
      return missing([diagnostic('retention-period', file, locate(dataYaml, ['dataCategories'], 'key'), 'Missing retention: the policy states no storage period, nor the criteria for one, for any data', { hint: 'Add `retention:` to each data category (or to the purposes that use it).' })])
    }
    return missing(uncovered.map(({ category, index }) => diagnostic('retention-period', file, locate(dataYaml, ['dataCategories', index, 'id']), `Missing retention for data category \`${category.id}\``, { hint: 'Add `retention:` with the period or the criteria.' })))
  },
}

/** GDPR Art. 13(2)(e): whether providing data is required, and the consequence of not providing it. */
export const provisionRequirement: ComplianceRule = {
  id: 'provision-requirement',
  article: 'GDPR Art. 13(2)(e)',
  title: 'Whether providing the data is required, and the consequence of not providing it',
  check({ dataFields, dataYaml }) {
    // Stryker disable next-line ArrayDeclaration: without data the rule returns before it reads the list
    const provided = dataFields?.dataCategories?.map((category, index) => ({ category, index })).filter(({ category }) => category.sources.includes('data-subject')) ?? []
    if (provided.length === 0) return notApplicable
    const file = dataYaml?.file.path ?? ''
    const lacking = provided.filter(({ category }) => category.provision === undefined || (category.provision.requirement !== 'voluntary' && category.provision.consequence === undefined))
    if (lacking.length === 0) return met()
    if (lacking.length === provided.length && provided.every(({ category }) => category.provision === undefined)) {
      return missing([diagnostic('provision-requirement', file, locate(dataYaml, ['dataCategories'], 'key'), 'Missing statement on whether people must provide their data (a statutory or contractual requirement?) and what happens if they do not', { hint: 'Add `provision: { requirement: …, consequence: … }` to the categories people provide.' })])
    }
    return missing(lacking.map(({ category, index }) => diagnostic('provision-requirement', file, locate(dataYaml, ['dataCategories', index, 'id']), `Missing provision requirement or its consequence for data category \`${category.id}\``, { hint: 'Add `provision: { requirement: …, consequence: … }`.' })))
  },
}

/** GDPR Art. 14(1)(d), 14(2)(f): for data not obtained from the person, its source. */
export const dataSource: ComplianceRule = {
  id: 'data-source',
  article: 'GDPR Art. 14(1)(d), 14(2)(f)',
  title: 'For data not obtained from the person: the categories and the source',
  check(context) {
    const { dataFields, dataYaml } = context
    // Stryker disable next-line ArrayDeclaration: without data the rule returns before it reads the list
    const indirect = dataFields?.dataCategories?.map((category, index) => ({ category, index })).filter(({ category }) => category.sources.some((source) => source === 'third-party' || source === 'public')) ?? []
    if (indirect.length === 0) return notApplicable
    const where = indirect.flatMap(({ category }) => context.clausesWith('data', category.id))
    const found = indirect
      .filter(({ category }) => category.sourceDetail === undefined)
      .map(({ category, index }) =>
        diagnostic('data-source', dataYaml?.file.path ?? '', locate(dataYaml, ['dataCategories', index, 'sources']), `Missing source of data category \`${category.id}\`, obtained from ${category.sources.filter((source) => source !== 'data-subject' && source !== 'automatic').join(' and ')}`, {
          hint: 'Add `sourceDetail:` naming where the data comes from, including whether it is a publicly accessible source.',
        }),
      )
    return found.length > 0 ? missing(found, where) : met(where)
  },
}
