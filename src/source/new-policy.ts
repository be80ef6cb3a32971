import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'
import { idFromText } from '../model/anchors.ts'

/** The JSON Schemas of the source files (this module and the CLI's bundle are both two levels below the package). */
export const schemaDirectory = fileURLToPath(new URL('../../schema/', import.meta.url))

/** What `clausewright init` is told about the organisation; everything else is left to its editors. */
export interface NewPolicyOptions {
  /** The controller's legal name, as the policy will state it. */
  readonly name: string
  /** BCP 47 tag of the policy's language (`en-GB`). */
  readonly language: string
  /** ISO 3166-1 alpha-2 code of the supervisory authority's country, when given. */
  readonly country?: string
  /** The address people write to about their data, when given. */
  readonly email?: string
  /** The policy's last-updated date, YYYY-MM-DD: the day it was written. */
  readonly today: string
  /** The schemas, relative to the policy directory, for editors that read `yaml-language-server` comments. */
  readonly schemaDirectory?: string
}

interface NewClause {
  readonly id: string
  readonly title: string
  readonly body: string
}

/**
 * A stable id from a name: lower-case ASCII words joined by hyphens, as the schema's ids are
 * ("Société Générale S.A." → `societe-generale-s-a`); empty when the name has no letter or digit of
 * ASCII.
 */
export function idFromName(name: string): string {
  return idFromText(name, 40)
}

/**
 * The clauses of a new policy. Their headings say what each part is for; their legal content is the
 * placeholder `TODO` (which `check` reports as `placeholder-left`), never words of ours: the
 * controller writes what it does with personal data. The directives show what the YAML files hold.
 */
function clausesOf(options: NewPolicyOptions): NewClause[] {
  return [
    { id: 'who-we-are', title: 'Who we are', body: 'TODO: who :controller{field="legalName"} is, and what this policy covers.' },
    { id: 'information-we-collect', title: 'The information we collect', body: 'TODO: the personal information you collect and where it comes from (each kind is a data category in `data.yaml`).' },
    { id: 'how-we-use-it', title: 'How we use it', body: 'TODO: what you use it for, and the lawful basis of each use (each use is a purpose in `data.yaml`, listed here by `::purposes{group="…"}`).' },
    { id: 'sharing', title: 'Who we share it with', body: 'TODO: who receives it, and why (each is a recipient in `data.yaml`).' },
    { id: 'your-rights', title: 'Your rights', body: 'TODO: the rights people have and how to use them (each is a right in `data.yaml`, listed here by `::rights`).' },
    { id: 'changes', title: 'Changes to this policy', body: 'TODO: how you tell people about changes.\n\nLast updated: :last-updated.' },
    { id: 'contact', title: 'Contact us', body: options.email === undefined ? 'TODO: how people reach you about this policy.' : 'TODO: how people reach you about this policy: :email{#privacy}.' },
  ]
}

/** The line that leads editors reading `yaml-language-server` comments to a file's schema; none without a directory. */
export function schemaComment(schemaDirectory: string | undefined, file: string): string {
  return schemaDirectory === undefined ? '' : `# yaml-language-server: $schema=${schemaDirectory}/${file}\n`
}

/**
 * The files of a new policy directory, by their path in it: policy.yaml, data.yaml and a clause
 * file for each clause. Every value given is written by the YAML library, never pasted into YAML
 * or Markdown: a name such as `Acme: "Ltd" # co` stays one string.
 */
export function newPolicyFiles(options: NewPolicyOptions): ReadonlyMap<string, string> {
  const clauses = clausesOf(options)
  const policy = {
    id: `${idFromName(options.name) || 'our'}-privacy-policy`,
    title: `${options.name} privacy policy`,
    language: options.language,
    lastUpdated: options.today,
    controller: { legalName: options.name },
    contacts: options.email === undefined ? [] : [{ id: 'privacy', description: 'Questions about this policy and requests about personal data', email: options.email }],
    supervisoryAuthority: {
      name: 'TODO: the data protection authority people can complain to',
      url: 'https://TODO.invalid/',
      ...(options.country !== undefined && { country: options.country }),
    },
    clauses: clauses.map((clause) => clause.id),
  }
  const data = { dataCategories: [], purposes: [], recipients: [], rights: [] }
  const files = new Map<string, string>()
  files.set(
    'policy.yaml',
    `${schemaComment(options.schemaDirectory, 'policy.schema.json')}# Written by \`clausewright init\`. Each TODO marks a place for your own words: \`clausewright check\`\n# reports every one as an error (placeholder-left) until it is replaced, so none is published.\n${stringify(policy, { lineWidth: 0 })}`,
  )
  files.set(
    'data.yaml',
    `${schemaComment(options.schemaDirectory, 'data.schema.json')}# The personal data the policy describes: the kinds collected (dataCategories), what each is used\n# for and on which lawful basis (purposes), who receives it (recipients) and the rights the policy\n# states (rights). Each list starts empty; \`clausewright check\` says what the law expects of them.\n${stringify(data, { lineWidth: 0 })}`,
  )
  for (const clause of clauses) {
    files.set(`clauses/${clause.id}.md`, `---\n${stringify({ id: clause.id, title: clause.title }, { lineWidth: 0 })}---\n\n${clause.body}\n`)
  }
  return files
}
