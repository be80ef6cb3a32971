import { z } from 'astro/zod'
import { ruleIds } from '../diagnostics/rules.ts'
import { documentFormat } from '../model/policy-document.ts'

// The collection schema of the content loader: what each entry of site-data.ts holds, for Astro's
// `parseData` and the types `astro sync` writes. The model's types are the source of truth: a test
// holds each schema's output equal to them (test/astro-loader.test.ts), so neither can drift.

const text = z.string()
const optionalText = z.string().exactOptional()
const nullableText = z.string().nullable()

const changeKind = z.enum(['initial', 'substantive', 'editorial', 'technical'])
// What a release records: a kind, or `reworded` (not reviewed) in a history imported by `import --git`.
const recordedKind = z.enum([...changeKind.options, 'reworded'])
const decidedBy = z.enum(['computed', 'editor'])
const lawfulBasis = z.enum(['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'])
const dataSource = z.enum(['data-subject', 'automatic', 'third-party', 'public'])
const dataContext = z.enum(['website', 'services', 'email', 'telephone', 'post', 'social-media'])
const recipientKind = z.enum(['service-provider', 'public-authority', 'group-company', 'professional-adviser', 'other'])
const rightKind = z.enum(['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'withdraw-consent', 'complaint'])

const complianceItem = z.object({
  rule: z.enum(ruleIds),
  article: text,
  title: text,
  where: z.array(text),
  status: z.enum(['met', 'missing', 'not-applicable', 'waived']),
  justification: nullableText,
})

export const policyDocumentSchema = z.object({
  format: z.literal(documentFormat),
  id: text,
  title: text,
  language: text,
  dateFormat: z.enum(['language', 'ordinal']).exactOptional(),
  version: text,
  lastUpdated: text,
  controller: z.object({ legalName: text, name: optionalText, companyNumber: optionalText, registry: optionalText, postalAddress: optionalText, website: optionalText, country: optionalText }),
  contacts: z.array(z.object({ id: text, description: text, email: optionalText, postalAddress: optionalText, telephone: optionalText, url: optionalText })),
  supervisoryAuthority: z.object({ name: text, shortName: optionalText, url: text, country: optionalText }),
  dataCategories: z.array(z.object({ id: text, label: text, description: nullableText, dpv: nullableText, sources: z.array(dataSource), contexts: z.array(dataContext) })),
  purposes: z.array(
    z.object({
      id: text,
      group: nullableText,
      parent: nullableText,
      html: text,
      text,
      lawfulBasis: z.array(z.object({ id: lawfulBasis, article: text, iri: text })),
      legitimateInterest: nullableText,
      dataCategories: z.array(text),
      recipients: z.array(text),
    }),
  ),
  recipients: z.array(z.object({ id: text, label: text, kind: recipientKind, description: nullableText })),
  rights: z.array(z.object({ id: text, right: rightKind, article: text, iri: text, html: nullableText, text: nullableText, clause: text })),
  clauses: z.array(z.object({ id: text, title: nullableText, html: text, text })),
  compliance: z.array(complianceItem).exactOptional(),
  digest: text,
})

const collection = z.enum(['dataCategories', 'purposes', 'recipients', 'rights', 'contacts', 'policy', 'controller', 'supervisoryAuthority'])
const clausePlace = z.object({ title: nullableText, position: z.number() }).nullable()

const readerWords = z.object({
  text,
  parts: z.array(z.discriminatedUnion('type', [z.object({ type: z.literal('words'), text }), z.object({ type: z.literal('law'), text, href: text }), z.object({ type: z.literal('target'), text })])),
})

export const policyDiffSchema = z.object({
  format: z.literal('clausewright-diff/2'),
  from: nullableText,
  to: text,
  kind: recordedKind,
  recorded: z.object({ kind: recordedKind, decidedBy: decidedBy.nullable() }).nullable(),
  reasons: z.array(z.object({ kind: z.enum(['substantive', 'reworded', 'editorial']), code: text, collection: z.enum([...collection.options, 'clauses']), id: text, field: nullableText, message: text, reader: readerWords })),
  clauses: z.array(
    z.object({
      id: text,
      status: z.array(z.enum(['added', 'removed', 'changed', 'relinked', 'restructured', 'moved', 'retitled'])),
      from: clausePlace,
      to: clausePlace,
      words: z.array(z.object({ type: z.enum(['equal', 'insert', 'delete']), text })).nullable(),
    }),
  ),
  data: z.array(z.object({ collection, id: text, status: z.enum(['added', 'removed', 'changed']), fields: z.array(z.object({ field: text, from: z.unknown(), to: z.unknown() })) })),
  targets: z.array(z.object({ collection: z.enum(['clauses', 'purposes', 'rights']), id: text, element: z.enum(['link', 'image']), text, from: nullableText, to: nullableText })),
})

const versionSummary = z.object({ version: text, effective: text, summary: text, kind: recordedKind, decidedBy: decidedBy.nullable(), previous: nullableText })
const versionStatus = z.enum(['superseded', 'current', 'upcoming'])
const listedVersion = versionSummary.extend({ status: versionStatus })
const versionStanding = z.object({ version: text, status: versionStatus, validFrom: text, validUntil: nullableText, replacedBy: nullableText, released: nullableText })
const shownClause = z.object({ id: text, title: nullableText, html: text })

/**
 * The data of each kind of entry, by the prefix of its id (`current`, `version/<id>`,
 * `change/<id>`, `file/<path>`, and `error` for a policy with errors before any good one). Strict
 * at the top, so that each entry matches its own kind only.
 */
export const siteEntrySchemas = {
  current: z.strictObject({ document: policyDocumentSchema, jsonLdScript: text, shown: listedVersion.nullable(), upcoming: listedVersion.nullable(), preview: z.enum(['draft', 'draft-unchanged', 'unreleased']).nullable(), versions: z.array(listedVersion) }),
  version: z.strictObject({ release: versionSummary, standing: versionStanding, document: policyDocumentSchema, jsonLdScript: text }),
  change: z.strictObject({ release: versionSummary, title: text, language: text, dateFormat: z.enum(['language', 'ordinal']).exactOptional(), legalName: text, diff: policyDiffSchema, removed: z.array(shownClause), added: z.array(shownClause), changed: z.array(z.object({ id: text, html: text })) }),
  file: z.strictObject({ path: text, text }),
  error: z.strictObject({ message: text }),
}

/** The data of the `error` entry: the diagnostics as `check` prints them. */
export type ErrorEntryData = z.output<typeof siteEntrySchemas.error>

/** The collection schema: any kind of entry. */
export const siteEntrySchema = z.union([siteEntrySchemas.current, siteEntrySchemas.version, siteEntrySchemas.change, siteEntrySchemas.file, siteEntrySchemas.error])
