/**
 * The directives a clause may use. The check validates them against this table and the renderer
 * expands them from the same table, so the two cannot disagree about what exists.
 */
export type ReferenceKind = 'dataCategory' | 'purpose' | 'recipient' | 'right' | 'contact' | 'purposeGroup'

export interface DirectiveSpec {
  readonly type: 'leafDirective' | 'textDirective'
  readonly summary: string
  /** `required`: the directive needs `[label]`; `forbidden`: it takes none. */
  readonly label: 'required' | 'forbidden'
  readonly attributes: Readonly<Record<string, { readonly required: boolean; readonly values?: readonly string[]; readonly references?: ReferenceKind }>>
}

export const controllerFields = ['legalName', 'name', 'companyNumber', 'registry'] as const

export const directives: Readonly<Record<string, DirectiveSpec>> = {
  purposes: {
    type: 'leafDirective',
    summary: '`::purposes{group="services"}` — the list of purposes of a group, nested by `parent`, from data.yaml.',
    label: 'forbidden',
    attributes: { group: { required: true, references: 'purposeGroup' } },
  },
  rights: {
    type: 'leafDirective',
    summary: '`::rights` — the list of rights that have a `statement`, from data.yaml.',
    label: 'forbidden',
    attributes: {},
  },
  data: {
    type: 'textDirective',
    summary: '`:data[your name]{#name}` — words of the text that name a data category.',
    label: 'required',
    attributes: { id: { required: true, references: 'dataCategory' } },
  },
  purpose: {
    type: 'textDirective',
    summary: '`:purpose[…]{#id}` — words of the text that name a purpose.',
    label: 'required',
    attributes: { id: { required: true, references: 'purpose' } },
  },
  recipient: {
    type: 'textDirective',
    summary: '`:recipient[third party service providers]{#service-providers}` — words that name a recipient.',
    label: 'required',
    attributes: { id: { required: true, references: 'recipient' } },
  },
  right: {
    type: 'textDirective',
    summary: '`:right[the right to object]{#objection}` — words that name a right.',
    label: 'required',
    attributes: { id: { required: true, references: 'right' } },
  },
  email: {
    type: 'textDirective',
    summary: '`:email{#general}` — the email address of a contact in policy.yaml, as a link.',
    label: 'forbidden',
    attributes: { id: { required: true, references: 'contact' } },
  },
  authority: {
    type: 'textDirective',
    summary: '`:authority[www.ico.org.uk/concerns]` — a link to the supervisory authority’s page.',
    label: 'required',
    attributes: {},
  },
  controller: {
    type: 'textDirective',
    summary: '`:controller{field="companyNumber"}` — a field of the controller (legalName, name, companyNumber, registry).',
    label: 'forbidden',
    attributes: { field: { required: true, values: controllerFields } },
  },
  'last-updated': {
    type: 'textDirective',
    summary: '`:last-updated` — the last-updated date of policy.yaml, written out (25th January 2019).',
    label: 'forbidden',
    attributes: {},
  },
}
