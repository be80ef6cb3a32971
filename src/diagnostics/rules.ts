import type { Severity } from './severity.ts'

export interface RuleInfo {
  readonly severity: Severity
  /** One line: what the rule guards against. Shown by `check --rules` and in README. */
  readonly description: string
}

/**
 * The catalogue of rule ids. An id is never renamed once released: tools and editors match on it.
 * Every diagnostic names one of these, and every entry is documented (a test checks README).
 */
export const rules = {
  'policy-dir-missing': { severity: 'error', description: 'The policy directory does not exist or is not a directory.' },
  'file-missing': { severity: 'error', description: 'A required policy file (policy.yaml, data.yaml) is missing.' },
  'file-unreadable': { severity: 'error', description: 'A file could not be read (permissions, or it is not a regular file).' },
  'file-too-large': { severity: 'error', description: 'A file is larger than the size budget, so it is not parsed.' },
  'file-binary': { severity: 'error', description: 'A file is not UTF-8 text (it holds NUL bytes or invalid UTF-8).' },
  'file-empty': { severity: 'error', description: 'A file is empty.' },
  'path-outside-policy': { severity: 'error', description: 'A file or directory of the policy (a symbolic link, or a chain of them) leads outside the policy directory; nothing behind it is read.' },
  'invisible-character': { severity: 'error', description: 'Text holds a bidirectional control, a zero-width or another character that displays as nothing (a soft hyphen, a filler, a tag), which can hide what a reader sees.' },
  'yaml-syntax': { severity: 'error', description: 'YAML that does not parse; the message carries the yaml library’s error code.' },
  'yaml-ambiguous': { severity: 'warning', description: 'YAML that parses, but that the yaml library warns about (an anchor or alias ending in `:`, a flow collection indented too little); the message carries its code.' },
  'yaml-duplicate-key': { severity: 'error', description: 'A YAML mapping has the same key twice.' },
  'yaml-version': { severity: 'error', description: 'A %YAML directive: policy files are always read as YAML 1.2.' },
  'yaml-tag': { severity: 'error', description: 'An explicit YAML tag (!!timestamp, !include, …): values are plain data.' },
  'yaml-merge-key': { severity: 'error', description: 'A merge key (<<), which YAML 1.2 does not define.' },
  'yaml-multiple-documents': { severity: 'error', description: 'More than one YAML document in a file.' },
  'yaml-alias': { severity: 'error', description: 'More anchors and aliases than the small limit that keeps a file readable.' },
  'yaml-forbidden-key': { severity: 'error', description: 'A key such as __proto__, constructor or prototype.' },
  'yaml-1-1-boolean': { severity: 'warning', description: 'A plain yes/no/on/off that YAML 1.1 tools would read as a boolean.' },
  'yaml-implicit-type': { severity: 'error', description: 'An unquoted number, boolean or null where text is expected.' },
  'nesting-too-deep': { severity: 'error', description: 'YAML or Markdown nested deeper than the budget.' },
  'markdown-too-complex': { severity: 'error', description: 'Markdown that would take the parser too long (constructs left open or repeated in one paragraph, brackets nested too deep, too many lines and marks), so it is not parsed.' },
  'schema-required': { severity: 'error', description: 'A required field is missing.' },
  'schema-unknown-field': { severity: 'error', description: 'A field that the schema does not define (often a typo).' },
  'schema-type': { severity: 'error', description: 'A value of the wrong type.' },
  'schema-enum': { severity: 'error', description: 'A value outside the allowed list.' },
  'schema-format': { severity: 'error', description: 'A value that is not a valid date, email address or URL.' },
  'schema-pattern': { severity: 'error', description: 'A value that does not match the expected pattern (an id, say).' },
  'schema-constraint': { severity: 'error', description: 'Any other schema constraint (length, number of items, uniqueness).' },
  'front-matter-missing': { severity: 'error', description: 'A clause file without YAML front matter (id and title).' },
  'clause-empty': { severity: 'error', description: 'A clause file with front matter but no text.' },
  'clause-id-mismatch': { severity: 'error', description: 'A clause file whose name differs from its id.' },
  'duplicate-id': { severity: 'error', description: 'Two entries of the same kind share an id.' },
  'unknown-reference': { severity: 'error', description: 'A reference to a data category, purpose, recipient, right, contact or clause that does not exist.' },
  'clause-not-in-order': { severity: 'error', description: 'A clause file that policy.yaml does not list in `clauses`.' },
  'clause-file-missing': { severity: 'error', description: 'An entry of `clauses` in policy.yaml without a clause file.' },
  'purpose-parent-invalid': { severity: 'error', description: 'A purpose nested under a purpose of another group, or under itself.' },
  'legitimate-interest-missing': { severity: 'error', description: 'A purpose based on legitimate interests that does not state the interest pursued.' },
  'lawful-basis-missing': { severity: 'warning', description: 'GDPR Art. 13(1)(c): a purpose whose lawful basis the policy does not state.' },
  'controller-identity': { severity: 'error', description: 'GDPR Art. 13(1)(a): the controller’s identity and at least one way to contact them.' },
  representative: { severity: 'warning', description: 'GDPR Art. 13(1)(a), 27: a controller established outside the EU/EEA and the UK names its representative.' },
  'dpo-contact': { severity: 'info', description: 'GDPR Art. 13(1)(b): whether a data protection officer is designated, and if so their contact details.' },
  'dpo-contact-details': { severity: 'warning', description: 'GDPR Art. 13(1)(b): a designated data protection officer without contact details (reported for `dpo-contact`).' },
  'special-category-condition': { severity: 'error', description: 'GDPR Art. 9(2): a purpose that uses special category data states its Art. 9(2) condition.' },
  'recipients-stated': { severity: 'warning', description: 'GDPR Art. 13(1)(e): the recipients or categories of recipients.' },
  'international-transfers': { severity: 'warning', description: 'GDPR Art. 13(1)(f): whether data is transferred to a third country, with the safeguard and how to obtain a copy.' },
  'retention-period': { severity: 'warning', description: 'GDPR Art. 13(2)(a): how long data is kept, or the criteria, for every category or purpose.' },
  'data-subject-rights': { severity: 'warning', description: 'GDPR Art. 13(2)(b): the rights of access, rectification, erasure, restriction, objection and portability.' },
  'withdraw-consent': { severity: 'warning', description: 'GDPR Art. 13(2)(c): the right to withdraw consent, wherever a purpose rests on consent.' },
  'complaint-right': { severity: 'warning', description: 'GDPR Art. 13(2)(d), 77: the right to complain to a supervisory authority.' },
  'provision-requirement': { severity: 'warning', description: 'GDPR Art. 13(2)(e): whether providing the data is a statutory or contractual requirement, and the consequence of not providing it.' },
  'automated-decision-making': { severity: 'info', description: 'GDPR Art. 13(2)(f), 22: whether automated decision-making or profiling is used, and if so its logic and consequences.' },
  'automated-decision-logic': { severity: 'warning', description: 'GDPR Art. 13(2)(f): automated decision-making the policy says is used, without its logic or its consequences (reported for `automated-decision-making`).' },
  'data-source': { severity: 'warning', description: 'GDPR Art. 14(1)(d), 14(2)(f): for data not obtained from the person, the categories and the source (public sources named).' },
  'objection-separate': { severity: 'warning', description: 'GDPR Art. 21(4): the right to object presented clearly and separately where processing rests on legitimate interests or is direct marketing.' },
  'last-updated-changed': { severity: 'warning', description: 'The last-updated date changes whenever the content changes (against the last release).' },
  'substantive-change-dated': { severity: 'error', description: 'A substantive change (new purpose, new data category…) dated before the last release’s effective date.' },
  'compliance-config': { severity: 'error', description: 'policy/compliance.yaml names a rule that does not exist or cannot be changed.' },
  'contact-email-missing': { severity: 'warning', description: 'The text refers to a contact’s email address that the policy does not know.' },
  'unknown-directive': { severity: 'error', description: 'A directive (::name or :name) that Clausewright does not define, or one with wrong attributes.' },
  'unused-entry': { severity: 'warning', description: 'A purpose, data category or recipient of data.yaml that no clause shows or names, so prose and data have drifted apart.' },
  'broken-anchor': { severity: 'error', description: 'An internal link (#anchor) that points at no clause or heading.' },
  'date-invalid': { severity: 'error', description: 'A date that is not a real calendar date (YYYY-MM-DD).' },
  'date-in-future': { severity: 'error', description: 'A last-updated date more than a year after today (a change may be announced ahead, not by years: a typo).' },
  'unknown-dpv-term': { severity: 'error', description: 'A `dpv` term of a data category that the DPV personal data vocabulary does not define.' },
  'unsafe-url': { severity: 'error', description: 'A URL with a scheme other than https:, http: or mailto:, or a protocol-relative one.' },
  'release-modified': { severity: 'error', description: 'A released version was edited after its release: its content no longer matches its digests, or it names an older format than the release before it.' },
  'release-unsafe-html': { severity: 'error', description: 'A release file holds HTML that differs from its sanitised form (a script, an event handler…): not what `clausewright release` writes.' },
  'release-link-broken': { severity: 'error', description: 'A release whose `previousIntegrity` differs from the integrity of the release before it: that release was rewritten, hashes and all.' },
  'release-rewritten': { severity: 'error', description: 'With `check --base`: a release file that differs, byte for byte, from the same file at the base branch.' },
  'release-removed': { severity: 'error', description: 'With `check --base`: a release file of the base branch that is gone.' },
  'release-inserted': { severity: 'error', description: 'With `check --base`: a new release file that does not come after the newest release of the base branch.' },
  'release-order': { severity: 'error', description: 'Releases that do not chain: a release removed, renamed or reordered (each names the one before it).' },
  'release-date-false': { severity: 'error', description: 'A release whose `released` day is after today, before the day the release before it was recorded, or more than a year before it takes effect: not what `clausewright release` writes.' },
  'release-kind-false': { severity: 'error', description: 'A release whose `kind` claims less than the change from the release before it is (`editorial` for a new purpose, `technical` for changed content), or records as the tool\'s (`decidedBy: computed`) a kind it did not prove: not what `clausewright release` writes.' },
  'forbidden-character': { severity: 'error', description: 'A control character (vertical tab, form feed…) or a noncharacter that XML and most tools reject.' },
  'raw-html': { severity: 'error', description: 'Raw HTML in a clause: it never reaches the output, so write Markdown instead.' },
} as const satisfies Record<string, RuleInfo>

export type RuleId = keyof typeof rules

export const ruleIds = Object.keys(rules).sort() as RuleId[]
