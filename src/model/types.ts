/** The typed source model: what policy.yaml and data.yaml hold once they passed their schemas. */

export type LawfulBasis = 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests'
export type DataSource = 'data-subject' | 'automatic' | 'third-party' | 'public'
export type DataContext = 'website' | 'services' | 'email' | 'telephone' | 'post' | 'social-media'
export type RecipientKind = 'service-provider' | 'public-authority' | 'group-company' | 'professional-adviser' | 'other'
export type RightKind = 'access' | 'rectification' | 'erasure' | 'restriction' | 'portability' | 'objection' | 'withdraw-consent' | 'complaint'

export interface Controller {
  readonly legalName: string
  readonly name?: string
  readonly companyNumber?: string
  readonly registry?: string
  readonly postalAddress?: string
  readonly website?: string
  readonly country?: string
}

export interface Contact {
  readonly id: string
  readonly description: string
  readonly email?: string
  readonly postalAddress?: string
  readonly telephone?: string
  readonly url?: string
}

export interface SupervisoryAuthority {
  readonly name: string
  readonly shortName?: string
  readonly url: string
  readonly country?: string
}

export interface PolicySource {
  readonly id: string
  readonly title: string
  readonly language: string
  readonly lastUpdated: string
  readonly controller: Controller
  readonly contacts: readonly Contact[]
  readonly supervisoryAuthority: SupervisoryAuthority
  readonly clauses: readonly string[]
  readonly representative?: { readonly name: string; readonly email?: string; readonly postalAddress?: string }
  readonly dataProtectionOfficer?: { readonly designated: boolean; readonly name?: string; readonly email?: string; readonly postalAddress?: string; readonly telephone?: string }
  readonly automatedDecisionMaking?: { readonly used: boolean; readonly logic?: string; readonly consequences?: string }
  /** How dates are written (see src/render/format-date.ts); `language` when left out. */
  readonly dateFormat?: DateFormat
}

/** How a policy writes dates: in the style of its language, or with an English ordinal ("27th July 2023"). */
export type DateFormat = 'language' | 'ordinal'

export interface DataCategory {
  readonly id: string
  readonly label: string
  readonly description?: string
  readonly dpv?: string
  readonly sources: readonly DataSource[]
  readonly contexts?: readonly DataContext[]
  readonly retention?: string
  readonly provision?: { readonly requirement: 'statutory' | 'contractual' | 'contract-entry' | 'voluntary'; readonly consequence?: string }
  readonly sourceDetail?: string
  readonly specialCategory?: boolean
}

export interface Purpose {
  readonly id: string
  readonly text: string
  readonly group?: string
  readonly parent?: string
  readonly lawfulBasis?: readonly LawfulBasis[]
  readonly legitimateInterest?: string
  readonly dataCategories?: readonly string[]
  readonly recipients?: readonly string[]
  readonly retention?: string
  readonly article9Condition?: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j'
  readonly directMarketing?: boolean
}

export interface Recipient {
  readonly id: string
  readonly label: string
  readonly kind: RecipientKind
  readonly description?: string
}

export interface Right {
  readonly id: string
  readonly right: RightKind
  readonly statement?: string
  readonly clause: string
}

export type Safeguard = 'adequacy' | 'standard-contractual-clauses' | 'binding-corporate-rules' | 'derogation' | 'other'

export interface InternationalTransfers {
  readonly made: boolean
  readonly transfers?: ReadonlyArray<{ readonly id: string; readonly destination: string; readonly recipients?: readonly string[]; readonly safeguard: Safeguard; readonly copyAvailable?: string }>
}

export interface PolicyData {
  readonly dataCategories: readonly DataCategory[]
  readonly purposes: readonly Purpose[]
  readonly recipients: readonly Recipient[]
  readonly rights: readonly Right[]
  readonly internationalTransfers?: InternationalTransfers
}
