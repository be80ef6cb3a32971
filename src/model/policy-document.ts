import type { ComplianceItem } from './compliance.ts'
import type { Contact, Controller, DataContext, DataSource, DateFormat, LawfulBasis, RecipientKind, RightKind, SupervisoryAuthority } from './types.ts'

/** The format id of policy.json; bumped only by an incompatible change to its schema. */
export const documentFormat = 'clausewright-policy/1'

export interface LegalBasisEntry {
  readonly id: LawfulBasis
  readonly article: string
  readonly iri: string
}

/**
 * The canonical policy document (policy.json): one version of the policy as other systems consume
 * it. Its schema is schema/policy-document.schema.json. Keys are written in the order below.
 */
export interface PolicyDocument {
  readonly format: typeof documentFormat
  readonly id: string
  readonly title: string
  readonly language: string
  /**
   * How the document writes its dates (its `:last-updated`, and the pages of the site), only when
   * it differs from what a document without it means: the way of every document made before the
   * field existed, English with an ordinal ("25th January 2019"), any other language in its style.
   * See `dateFormatOf`.
   */
  readonly dateFormat?: DateFormat
  /** The version id: the last-updated date, YYYY-MM-DD. */
  readonly version: string
  readonly lastUpdated: string
  readonly controller: Controller
  readonly contacts: readonly Contact[]
  readonly supervisoryAuthority: SupervisoryAuthority
  readonly dataCategories: ReadonlyArray<{
    readonly id: string
    readonly label: string
    readonly description: string | null
    readonly dpv: string | null
    readonly sources: readonly DataSource[]
    readonly contexts: readonly DataContext[]
  }>
  readonly purposes: ReadonlyArray<{
    readonly id: string
    readonly group: string | null
    readonly parent: string | null
    readonly html: string
    readonly text: string
    readonly lawfulBasis: readonly LegalBasisEntry[]
    readonly legitimateInterest: string | null
    readonly dataCategories: readonly string[]
    readonly recipients: readonly string[]
  }>
  readonly recipients: ReadonlyArray<{ readonly id: string; readonly label: string; readonly kind: RecipientKind; readonly description: string | null }>
  readonly rights: ReadonlyArray<{
    readonly id: string
    readonly right: RightKind
    readonly article: string
    readonly iri: string
    readonly html: string | null
    readonly text: string | null
    readonly clause: string
  }>
  readonly clauses: ReadonlyArray<{ readonly id: string; readonly title: string | null; readonly html: string; readonly text: string }>
  /**
   * Which items the law requires the policy gives (GDPR Art. 13/14), with where, and the rules
   * turned off with their justification. Not part of the digest: it is the tool's reading.
   */
  readonly compliance?: readonly ComplianceItem[]
  /** `sha256:<hex>` of the normalised content (not of the HTML): see `digestOf`. */
  readonly digest: string
}

/** How a document written without `dateFormat` writes its dates: as every document did before the field existed. */
export function impliedDateFormat(language: string): DateFormat {
  return /^en\b/i.test(language) ? 'ordinal' : 'language'
}

/** How a document writes its dates. */
export function dateFormatOf(document: { readonly language: string; readonly dateFormat?: DateFormat | undefined }): DateFormat {
  return document.dateFormat ?? impliedDateFormat(document.language)
}
