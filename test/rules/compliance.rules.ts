import { describe, expect, test } from 'vitest'
import { automatedDecisionMaking } from '../../src/compliance/automated-decisions.ts'
import { controllerIdentity, dpoContact, representative } from '../../src/compliance/controller.ts'
import { dataSource, internationalTransfers, provisionRequirement, recipientsStated, retentionPeriod, specialCategoryCondition } from '../../src/compliance/data.ts'
import { lawfulBasis, legitimateInterest } from '../../src/compliance/lawful-basis.ts'
import { complaintRight, dataSubjectRights, objectionSeparate, withdrawConsent } from '../../src/compliance/rights.ts'
import type { ComplianceRule } from '../../src/compliance/compliance-rule.ts'
import type { RuleId } from '../../src/diagnostics/rules.ts'
import { complianceRules, runCompliance } from '../../src/compliance/index.ts'
import { applyChange, baseFiles, complianceOf, loadFiles, versionContextOf, type RuleCase, ruleTester, stages, withoutYaml } from '../helpers/rule-tester.ts'
import { invalidData, invalidPolicy } from './invalid-fields.ts'

// The compliance rules of src/compliance, each run alone over the checked policy; a valid case
// also states the finding (met or not applicable, and the clauses where the policy gives the item).
const replace = (file: string, find: string, replacement: string) => ({ file, find, with: replacement })
const change = (...replacements: Array<ReturnType<typeof replace>>) => ({ change: { replace: replacements } })
const notApplicable = { status: 'not-applicable', where: [] } as const
const met = (...where: string[]) => ({ status: 'met', where }) as const
const missing = (...where: string[]) => ({ status: 'missing', where }) as const
const policyFile = 'policy/policy.yaml'
const dataFile = 'policy/data.yaml'
const noEmail = replace('policy.yaml', '    email: privacy@example.com\n', '')

ruleTester.run('controller-identity', controllerIdentity, {
  valid: [
    { name: 'a contact with an email address', finding: met('intro', 'rights') },
    { name: 'its email address in both clauses, each clause named once', ...change(replace('clauses/intro.md', 'See [your rights]', 'Write to :email{#privacy}. See [your rights]')), finding: met('intro', 'rights') },
    { name: 'a contact with a telephone number', ...change(noEmail, replace('policy.yaml', '    description: Privacy requests\n', '    description: Privacy requests\n    telephone: "+44 20 7946 0000"\n'), replace('clauses/rights.md', 'Write to :email{#privacy}, or', 'Or')), finding: met('intro') },
    { name: 'a contact with a web page', ...change(noEmail, replace('policy.yaml', '    description: Privacy requests\n', '    description: Privacy requests\n    url: https://example.org/contact\n')), finding: met('intro', 'rights') },
    { name: 'a contact with a postal address', ...change(noEmail, replace('policy.yaml', '    description: Privacy requests\n', '    description: Privacy requests\n    postalAddress: 1 High Street\n')), finding: met('intro', 'rights') },
    { name: 'the controller’s postal address', ...change(noEmail, replace('policy.yaml', '  registry: England and Wales\n', '  registry: England and Wales\n  postalAddress: 1 High Street\n')), finding: met('intro', 'rights') },
    { name: 'an invalid policy.yaml', ...invalidPolicy, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no way to reach the controller',
      ...change(noEmail),
      finding: missing('intro', 'rights'),
      errors: [{ file: policyFile, line: 11, column: 1, endLine: 11, endColumn: 9, message: 'Missing contact details of the controller: no contact has an email, postal address, telephone or web page', hint: 'Give at least one contact an `email:` or `postalAddress:` (GDPR Art. 13(1)(a)).' }],
    },
  ],
})

const country = (code: string) => replace('policy.yaml', '  registry: England and Wales\n', `  registry: England and Wales\n  country: ${code}\n`)
ruleTester.run('representative', representative, {
  valid: [
    { name: 'no country', finding: notApplicable },
    { name: 'the UK', ...change(country('GB')), finding: notApplicable },
    { name: 'an EU member state', ...change(country('DE')), finding: notApplicable },
    { name: 'an EEA state outside the EU', ...change(country('NO')), finding: notApplicable },
    { name: 'outside, with a representative', ...change(country('US'), replace('policy.yaml', 'supervisoryAuthority:\n', 'representative:\n  name: Example EU Limited\nsupervisoryAuthority:\n')), finding: met() },
    { name: 'an invalid policy.yaml', ...invalidPolicy, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'outside, without a representative',
      ...change(country('US')),
      finding: missing(),
      errors: [{ file: policyFile, line: 11, column: 12, endLine: 11, endColumn: 14, message: 'Missing representative: a controller established in US must name its representative in the EU or UK', hint: 'Add `representative:` with a name and contact details (GDPR Art. 27), or correct `country`.' }],
    },
  ],
})

const dpo = (lines: string) => replace('policy.yaml', '  designated: false\n', lines)
ruleTester.run('dpo-contact', dpoContact, {
  valid: [
    { name: 'no officer designated', finding: notApplicable },
    { name: 'an officer with an email address', ...change(dpo('  designated: true\n  email: dpo@example.com\n')), finding: met() },
    { name: 'an officer with a postal address', ...change(dpo('  designated: true\n  postalAddress: 1 High Street\n')), finding: met() },
    { name: 'an officer with a telephone number', ...change(dpo('  designated: true\n  telephone: "+44 20 7946 0000"\n')), finding: met() },
    { name: 'an invalid policy.yaml', ...invalidPolicy, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no statement',
      ...change(replace('policy.yaml', 'dataProtectionOfficer:\n  designated: false\n', '')),
      finding: missing(),
      errors: [{ file: policyFile, line: 2, column: 1, endLine: 2, endColumn: 3, message: 'Missing statement on a data protection officer: the policy does not say whether one is designated', hint: 'Add `dataProtectionOfficer: { designated: false }`, or `designated: true` with their contact details.' }],
    },
  ],
})

ruleTester.run('dpo-contact-details', dpoContact, {
  valid: [{ name: 'no officer designated' }, { name: 'an officer with an email address', ...change(dpo('  designated: true\n  email: dpo@example.com\n')) }],
  invalid: [
    {
      name: 'an officer without contact details',
      ...change(dpo('  designated: true\n  name: A. Officer\n')),
      finding: missing(),
      errors: [{ file: policyFile, line: 21, column: 1, endLine: 21, endColumn: 22, message: 'Missing contact details of the designated data protection officer', hint: 'Add `email:` (or `postalAddress:`) to `dataProtectionOfficer`.' }],
    },
  ],
})

ruleTester.run('lawful-basis-missing', lawfulBasis, {
  valid: [{ name: 'every purpose with its basis', finding: met('intro') }, { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable }],
  invalid: [
    {
      name: 'a purpose without a basis',
      ...change(replace('data.yaml', '    lawfulBasis: [consent]\n', '')),
      finding: missing('intro'),
      errors: [{ file: dataFile, line: 12, column: 9, endLine: 12, endColumn: 19, message: 'Missing lawful basis for purpose `newsletter`: the policy does not say which basis of GDPR Art. 6(1) applies', hint: 'Add `lawfulBasis:` once the controller has stated it; do not guess.' }],
    },
  ],
})

const noInterest = replace('data.yaml', '    legitimateInterest: keeping the website secure\n', '')
ruleTester.run('legitimate-interest-missing', legitimateInterest, {
  valid: [
    { name: 'the interest stated', finding: met('intro') },
    { name: 'no purpose on legitimate interests', ...change(noInterest, replace('data.yaml', 'lawfulBasis: [legitimate-interests]', 'lawfulBasis: [legal-obligation]')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'legitimate interests second among the bases, the interest not stated',
      ...change(noInterest, replace('data.yaml', 'lawfulBasis: [legitimate-interests]', 'lawfulBasis: [contract, legitimate-interests]')),
      finding: missing('intro'),
      errors: [{ file: dataFile, line: 20, column: 29, endLine: 20, endColumn: 49, message: 'Missing `legitimateInterest` for purpose `security`, expected the interest pursued (GDPR Art. 13(1)(d))', hint: 'Add `legitimateInterest:` with the interest in the policy’s words.' }],
    },
  ],
})

const special = replace('data.yaml', '    dpv: EmailAddress\n', '    dpv: EmailAddress\n    specialCategory: true\n')
ruleTester.run('special-category-condition', specialCategoryCondition, {
  valid: [
    { name: 'no special category data', finding: notApplicable },
    { name: 'a condition stated', ...change(special, replace('data.yaml', '    dataCategories: [email-address]\n', '    dataCategories: [email-address]\n    article9Condition: a\n')), finding: met() },
    { name: 'special category data that no purpose uses', ...change(special, replace('data.yaml', '    dataCategories: [email-address]\n', '')), finding: met() },
    { name: 'a category marked not special', ...change(replace('data.yaml', '    dpv: EmailAddress\n', '    dpv: EmailAddress\n    specialCategory: false\n')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'a purpose using special category data without a condition',
      ...change(special, replace('data.yaml', '    dataCategories: [email-address]\n', '    dataCategories: [email-address, health]\n'), replace('data.yaml', 'purposes:\n', '  - id: health\n    label: Health\n    sources: [data-subject]\n    specialCategory: true\n    retention: A year.\npurposes:\n')),
      finding: missing(),
      errors: [{ file: dataFile, line: 18, column: 9, endLine: 18, endColumn: 19, message: 'Missing Art. 9(2) condition for purpose `newsletter`, which uses special category data (`email-address`, `health`)', hint: 'Add `article9Condition:` with the letter of GDPR Art. 9(2) that applies (`a` for explicit consent).' }],
    },
  ],
})

ruleTester.run('recipients-stated', recipientsStated, {
  valid: [{ name: 'a recipient', finding: met('intro') }, { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable }],
  invalid: [
    {
      name: 'no recipients',
      ...change(replace('data.yaml', 'recipients:\n  - id: hosting\n    label: Our hosting provider\n    kind: service-provider\n', 'recipients: []\n'), replace('clauses/intro.md', ' and shares it with :recipient[our hosting provider]{#hosting}', '')),
      finding: missing(),
      errors: [{ file: dataFile, line: 22, column: 1, endLine: 22, endColumn: 11, message: 'Missing recipients: the policy names nobody the data is disclosed to', hint: 'List the recipients (or their categories) under `recipients:`; if there are none, say so in a clause.' }],
    },
  ],
})

const transfers = (list: string) => replace('data.yaml', '  made: false\n', `  made: true\n  transfers:\n${list}`)
ruleTester.run('international-transfers', internationalTransfers, {
  valid: [
    { name: 'no transfers', finding: met() },
    { name: 'a transfer on adequacy, and one with its copy', ...change(transfers('    - id: ch\n      destination: Switzerland\n      safeguard: adequacy\n    - id: us\n      destination: United States\n      safeguard: standard-contractual-clauses\n      copyAvailable: Write to us.\n')), finding: met() },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no statement',
      ...change(replace('data.yaml', 'internationalTransfers:\n  made: false\n', '')),
      finding: missing(),
      errors: [{ file: dataFile, line: 22, column: 1, endLine: 22, endColumn: 11, message: 'Missing statement on international transfers: the policy does not say whether personal data leaves the UK/EEA', hint: 'Add `internationalTransfers: { made: false }`, or `made: true` with each transfer, its safeguard and how to obtain a copy.' }],
    },
    {
      name: 'transfers made, none listed',
      ...change(replace('data.yaml', '  made: false\n', '  made: true\n')),
      finding: missing(),
      errors: [{ file: dataFile, line: 54, column: 9, endLine: 54, endColumn: 13, message: 'Missing the transfers: `made` is true but no transfer is listed', hint: 'List each transfer under `transfers:`.' }],
    },
    {
      name: 'transfers made, an empty list',
      ...change(replace('data.yaml', '  made: false\n', '  made: true\n  transfers: []\n')),
      errors: [{ file: dataFile, line: 54, column: 9, endLine: 54, endColumn: 13, message: 'Missing the transfers: `made` is true but no transfer is listed' }],
    },
    {
      name: 'a transfer without how to obtain a copy of its safeguard',
      ...change(transfers('    - id: ch\n      destination: Switzerland\n      safeguard: adequacy\n    - id: us\n      destination: United States\n      safeguard: standard-contractual-clauses\n')),
      finding: missing(),
      errors: [{ file: dataFile, line: 59, column: 11, endLine: 59, endColumn: 13, message: 'Missing how to obtain a copy of the safeguard of transfer `us` (standard-contractual-clauses)', hint: 'Add `copyAvailable:` (GDPR Art. 13(1)(f)).' }],
    },
  ],
})

const ipCategory = (fields = '') => replace('data.yaml', 'purposes:\n', `  - id: ip\n    label: IP\n    sources: [automatic]\n${fields}purposes:\n`)
ruleTester.run('retention-period', retentionPeriod, {
  valid: [
    { name: 'every category with its retention', finding: met() },
    { name: 'a category kept as long as a purpose that uses it', ...change(replace('data.yaml', '    retention: Until you unsubscribe from the newsletter.\n', ''), replace('data.yaml', '    dataCategories: [email-address]\n', '    dataCategories: [email-address]\n    retention: Until you unsubscribe.\n')), finding: met() },
    { name: 'no data categories', ...change(replace('data.yaml', /dataCategories:\n[\s\S]*?purposes:\n/.exec(baseFiles['data.yaml'] ?? '')?.[0] ?? '', 'dataCategories: []\npurposes:\n'), replace('data.yaml', '    dataCategories: [email-address]\n', ''), replace('clauses/intro.md', ':data[your email address]{#email-address}', 'your email address')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no retention at all',
      ...change(replace('data.yaml', '    retention: Until you unsubscribe from the newsletter.\n', '')),
      finding: missing(),
      errors: [{ file: dataFile, line: 2, column: 1, endLine: 2, endColumn: 15, message: 'Missing retention: the policy states no storage period, nor the criteria for one, for any data', hint: 'Add `retention:` to each data category (or to the purposes that use it).' }],
    },
    {
      name: 'a category without retention, its purpose without one either',
      ...change(ipCategory(), replace('data.yaml', '    dataCategories: [email-address]\n', '    dataCategories: [email-address, ip]\n')),
      finding: missing(),
      errors: [{ file: dataFile, line: 11, column: 9, endLine: 11, endColumn: 11, message: 'Missing retention for data category `ip`', hint: 'Add `retention:` with the period or the criteria.' }],
    },
  ],
})

const provision = (lines: string) => replace('data.yaml', '    provision:\n      requirement: voluntary\n', lines)
const nameCategory = (fields: string) => replace('data.yaml', 'purposes:\n', `  - id: name\n    label: Name\n    sources: [data-subject]\n    retention: A year.\n${fields}purposes:\n`)
ruleTester.run('provision-requirement', provisionRequirement, {
  valid: [
    { name: 'voluntary', finding: met() },
    { name: 'contractual, with the consequence', ...change(provision('    provision:\n      requirement: contractual\n      consequence: We cannot send it.\n')), finding: met() },
    { name: 'no data from the person', ...change(replace('data.yaml', 'sources: [data-subject]', 'sources: [automatic]'), provision('')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no category says',
      ...change(provision('')),
      finding: missing(),
      errors: [{ file: dataFile, line: 2, column: 1, endLine: 2, endColumn: 15, message: 'Missing statement on whether people must provide their data (a statutory or contractual requirement?) and what happens if they do not', hint: 'Add `provision: { requirement: …, consequence: … }` to the categories people provide.' }],
    },
    {
      name: 'a requirement without its consequence, and a category that does not say',
      ...change(provision('    provision:\n      requirement: contractual\n'), nameCategory('')),
      finding: missing(),
      errors: [
        { file: dataFile, line: 3, column: 9, endLine: 3, endColumn: 22, message: 'Missing provision requirement or its consequence for data category `email-address`', hint: 'Add `provision: { requirement: …, consequence: … }`.' },
        { file: dataFile, line: 11, column: 9, endLine: 11, endColumn: 13, message: 'Missing provision requirement or its consequence for data category `name`' },
      ],
    },
    {
      name: 'one category of two that does not say',
      ...change(nameCategory('')),
      errors: [{ file: dataFile, line: 11, column: 9, endLine: 11, endColumn: 13, message: 'Missing provision requirement or its consequence for data category `name`' }],
    },
  ],
})

const source = (sources: string, detail = '') => replace('data.yaml', '    sources: [data-subject]\n', `    sources: ${sources}\n${detail}`)
ruleTester.run('data-source', dataSource, {
  valid: [
    { name: 'data from the person', finding: notApplicable },
    { name: 'data from a third party, its source named', ...change(source('[third-party]', '    sourceDetail: Our partner.\n')), finding: met('intro') },
    { name: 'data collected automatically', ...change(source('[automatic]')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'from a third party and public sources, not named',
      ...change(source('[data-subject, automatic, third-party, public]')),
      finding: missing('intro'),
      errors: [{ file: dataFile, line: 6, column: 14, endLine: 6, endColumn: 60, message: 'Missing source of data category `email-address`, obtained from third-party and public', hint: 'Add `sourceDetail:` naming where the data comes from, including whether it is a publicly accessible source.' }],
    },
    {
      name: 'from public sources',
      ...change(source('[public]')),
      errors: [{ file: dataFile, line: 6, column: 14, endLine: 6, endColumn: 22, message: 'Missing source of data category `email-address`, obtained from public' }],
    },
  ],
})

const removeRight = (id: string) => replace('data.yaml', `  - id: ${id}\n    right: ${id}\n    clause: rights\n`, '')
ruleTester.run('data-subject-rights', dataSubjectRights, {
  valid: [
    { name: 'every right', finding: met('rights') },
    { name: 'a right of another kind in another clause, not counted', ...change(replace('data.yaml', '    right: complaint\n    clause: rights', '    right: complaint\n    clause: intro')), finding: met('rights') },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'two rights missing',
      ...change(removeRight('erasure'), removeRight('portability')),
      finding: missing('rights'),
      errors: [
        { file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: 'Missing the right of erasure', hint: 'Add a right with `right: erasure` and the clause that states it.' },
        { file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: 'Missing the right of portability' },
      ],
    },
    {
      name: 'only the rights outside the list',
      change: (files) => applyChange(files, { replace: ['access', 'rectification', 'erasure', 'restriction', 'portability'].map(removeRight).concat(replace('data.yaml', '    statement: Request access to your personal data;\n', ''), replace('data.yaml', '  - id: objection\n    right: objection\n    clause: rights\n    statement: Object to the processing of your personal data for our legitimate interests;\n', '')) }),
      finding: missing(),
      errors: ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'].map((right) => ({ file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: `Missing the right of ${right}` })).sort((a, b) => (a.message < b.message ? -1 : 1)),
    },
  ],
})

ruleTester.run('withdraw-consent', withdrawConsent, {
  valid: [
    { name: 'the right stated', finding: met('rights') },
    { name: 'no purpose on consent', ...change(replace('data.yaml', 'lawfulBasis: [consent]', 'lawfulBasis: [contract]'), removeRight('withdraw-consent')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'one purpose on consent',
      ...change(removeRight('withdraw-consent')),
      finding: missing(),
      errors: [{ file: dataFile, line: 15, column: 18, endLine: 15, endColumn: 27, message: 'Missing the right to withdraw consent, on which a purpose rests', hint: 'Add a right with `right: withdraw-consent` and the clause that states it.' }],
    },
    {
      name: 'two purposes on consent, the second first',
      ...change(removeRight('withdraw-consent'), replace('data.yaml', 'lawfulBasis: [consent]', 'lawfulBasis: [contract]'), replace('data.yaml', 'lawfulBasis: [legitimate-interests]', 'lawfulBasis: [consent, legitimate-interests]'), replace('data.yaml', 'recipients:\n', '  - id: offers\n    group: main\n    text: offers;\n    lawfulBasis: [consent]\nrecipients:\n')),
      errors: [{ file: dataFile, line: 20, column: 18, endLine: 20, endColumn: 49, message: 'Missing the right to withdraw consent, on which 2 purposes rest' }],
    },
  ],
})

ruleTester.run('complaint-right', complaintRight, {
  valid: [
    { name: 'the right stated', finding: met('rights') },
    { name: 'the right in another clause than the authority', ...change(replace('data.yaml', '    right: complaint\n    clause: rights', '    right: complaint\n    clause: intro')), finding: met('intro', 'rights') },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'the right not stated',
      ...change(removeRight('complaint')),
      finding: missing('rights'),
      errors: [{ file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: 'Missing the right to complain to a supervisory authority', hint: 'Add a right with `right: complaint`, in a clause that names the authority (`:authority[…]`).' }],
    },
  ],
})

const noObjectionStatement = replace('data.yaml', '    statement: Object to the processing of your personal data for our legitimate interests;\n', '')
ruleTester.run('objection-separate', objectionSeparate, {
  valid: [
    { name: 'a statement of the right to object', finding: met('rights') },
    { name: 'the right named in a clause', ...change(noObjectionStatement, replace('clauses/intro.md', 'See [your rights]', 'You may :right[object]{#objection}. See [your rights]')), finding: met('rights', 'intro') },
    { name: 'no purpose on legitimate interests or direct marketing', ...change(noObjectionStatement, replace('data.yaml', 'lawfulBasis: [legitimate-interests]', 'lawfulBasis: [legal-obligation]'), replace('data.yaml', '    legitimateInterest: keeping the website secure\n', '')), finding: notApplicable },
    { name: 'an invalid data.yaml', ...invalidData, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'legitimate interests, the right without a statement',
      ...change(noObjectionStatement),
      finding: missing(),
      errors: [{ file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: 'Missing a separate statement of the right to object, required because 1 purpose rests on legitimate interests or direct marketing', hint: 'Add a right with `right: objection` and a `statement`, or name it in a clause with `:right[…]{#id}`.' }],
    },
    {
      name: 'direct marketing as well, the right not there',
      ...change(replace('data.yaml', '  - id: objection\n    right: objection\n    clause: rights\n    statement: Object to the processing of your personal data for our legitimate interests;\n', ''), replace('data.yaml', '    lawfulBasis: [consent]\n', '    lawfulBasis: [consent]\n    directMarketing: true\n')),
      errors: [{ file: dataFile, line: 27, column: 1, endLine: 27, endColumn: 7, message: 'Missing a separate statement of the right to object, required because 2 purposes rest on legitimate interests or direct marketing' }],
    },
  ],
})

const decisions = (lines: string) => replace('policy.yaml', '  used: false\n', lines)
ruleTester.run('automated-decision-making', automatedDecisionMaking, {
  valid: [
    { name: 'not used', finding: met() },
    { name: 'used, with its logic and consequences', ...change(decisions('  used: true\n  logic: Scores.\n  consequences: None.\n')), finding: met() },
    { name: 'an invalid policy.yaml', ...invalidPolicy, finding: notApplicable },
  ],
  invalid: [
    {
      name: 'no statement',
      ...change(replace('policy.yaml', 'automatedDecisionMaking:\n  used: false\n', '')),
      finding: missing(),
      errors: [{ file: policyFile, line: 2, column: 1, endLine: 2, endColumn: 3, message: 'Missing statement on automated decision-making: the policy does not say whether it is used', hint: 'Add `automatedDecisionMaking: { used: false }`, or `used: true` with `logic:` and `consequences:`.' }],
    },
  ],
})

ruleTester.run('automated-decision-logic', automatedDecisionMaking, {
  valid: [{ name: 'not used' }, { name: 'used, with its logic and consequences', ...change(decisions('  used: true\n  logic: Scores.\n  consequences: None.\n')) }],
  invalid: [
    {
      name: 'used, without consequences',
      ...change(decisions('  used: true\n  logic: Scores.\n')),
      finding: missing(),
      errors: [{ file: policyFile, line: 24, column: 9, endLine: 24, endColumn: 13, message: 'Missing the logic or the consequences of the automated decision-making the policy says is used', hint: 'Add `logic:` and `consequences:` (GDPR Art. 13(2)(f)).' }],
    },
    {
      name: 'used, without logic',
      ...change(decisions('  used: true\n  consequences: None.\n')),
      errors: [{ file: policyFile, line: 24, column: 9, endLine: 24, endColumn: 13, message: 'Missing the logic or the consequences of the automated decision-making the policy says is used' }],
    },
  ],
})

const complianceYaml = (rules: string) => ({ change: { add: { 'compliance.yaml': `rules:\n${rules}` } } })
const waive = (rule: string, severity = 'disabled') => `  ${rule}:\n    severity: ${severity}\n    justification: Stated in a document of its own.\n`
ruleTester.run('compliance-config', stages.compliance, {
  valid: [{ name: 'no compliance.yaml' }, { name: 'compliance rules changed', ...complianceYaml(waive('recipients-stated') + waive('last-updated-changed', 'error')) }],
  invalid: [
    {
      name: 'a misspelt rule and a rule that cannot be changed',
      ...complianceYaml(waive('retention-periods') + waive('unsafe-url')),
      errors: [
        { file: 'policy/compliance.yaml', line: 2, column: 3, endLine: 2, endColumn: 20, message: 'Unexpected rule `retention-periods` in compliance.yaml, expected a compliance rule', expected: ['retention-period'], hint: "Did you mean `retention-period`? Only the compliance rules (docs/rules/) can be changed; the others guard the policy's integrity and safety." },
        { file: 'policy/compliance.yaml', line: 5, column: 3, endLine: 5, endColumn: 13, message: 'Unexpected rule `unsafe-url` in compliance.yaml, expected a compliance rule', hint: "Only the compliance rules (docs/rules/) can be changed; the others guard the policy's integrity and safety." },
      ],
    },
  ],
})

// What runCompliance does with compliance.yaml besides compliance-config: a severity changed, a rule waived.
const noRecipients = change(replace('data.yaml', 'recipients:\n  - id: hosting\n    label: Our hosting provider\n    kind: service-provider\n', 'recipients: []\n'), replace('clauses/intro.md', ' and shares it with :recipient[our hosting provider]{#hosting}', ''))
const withConfig = (rules: string) => applyChange(applyChange(baseFiles, noRecipients.change), { add: { 'compliance.yaml': `rules:\n${rules}` } })
describe('compliance.yaml', () => {
  test('changes the severity of a finding, and keeps its justification', () => {
    const report = complianceOf(withConfig(waive('recipients-stated', 'error')))
    expect(report.diagnostics.map((item) => [item.ruleId, item.severity])).toEqual([['recipients-stated', 'error']])
    expect(report.items.find((item) => item.rule === 'recipients-stated')).toEqual({ rule: 'recipients-stated', article: 'GDPR Art. 13(1)(e)', title: 'The recipients or categories of recipients', where: [], status: 'missing', justification: 'Stated in a document of its own.' })
  })

  test('waives a missing item, its diagnostics dropped, and leaves a met one met', () => {
    const report = complianceOf(withConfig(waive('recipients-stated') + waive('retention-period')))
    expect(report.diagnostics).toEqual([])
    expect(report.items.filter((item) => item.justification !== null).map((item) => [item.rule, item.status])).toEqual([['recipients-stated', 'waived'], ['retention-period', 'met']])
  })

  test('a rule it names that does not exist is reported without a place when the file is not given', () => {
    const loaded = loadFiles(baseFiles)
    const report = runCompliance(complianceRules, versionContextOf(loaded), { rules: { 'retention-periods': { severity: 'disabled', justification: 'A typo in the name.' } } }, undefined)
    expect(report.diagnostics.map((item) => [item.ruleId, item.file, item.span ?? null, item.expected])).toEqual([['compliance-config', '', null, ['retention-period']]])
  })

  test('without it, every item has its finding and no justification', () => {
    const report = complianceOf(applyChange(baseFiles, noRecipients.change))
    expect(report.items.find((item) => item.rule === 'recipients-stated')).toMatchObject({ status: 'missing', justification: null })
    expect(report.items.map((item) => item.rule)).toEqual(['controller-identity', 'representative', 'dpo-contact', 'lawful-basis-missing', 'legitimate-interest-missing', 'special-category-condition', 'recipients-stated', 'international-transfers', 'retention-period', 'data-subject-rights', 'withdraw-consent', 'complaint-right', 'provision-requirement', 'automated-decision-making', 'data-source', 'objection-separate', 'last-updated-changed', 'substantive-change-dated'])
  })
})

// A context without the parsed YAML files (a caller's own): each rule still reports, without a file or a place.
const withoutYamlCases: ReadonlyArray<[RuleId, ComplianceRule, RuleCase, string]> = [
  ['controller-identity', controllerIdentity, change(noEmail), 'Missing contact details of the controller: no contact has an email, postal address, telephone or web page'],
  ['representative', representative, change(country('US')), 'Missing representative: a controller established in US must name its representative in the EU or UK'],
  ['dpo-contact', dpoContact, change(replace('policy.yaml', 'dataProtectionOfficer:\n  designated: false\n', '')), 'Missing statement on a data protection officer: the policy does not say whether one is designated'],
  ['dpo-contact-details', dpoContact, change(dpo('  designated: true\n  name: A. Officer\n')), 'Missing contact details of the designated data protection officer'],
  ['lawful-basis-missing', lawfulBasis, change(replace('data.yaml', '    lawfulBasis: [consent]\n', '')), 'Missing lawful basis for purpose `newsletter`: the policy does not say which basis of GDPR Art. 6(1) applies'],
  ['legitimate-interest-missing', legitimateInterest, change(noInterest), 'Missing `legitimateInterest` for purpose `security`, expected the interest pursued (GDPR Art. 13(1)(d))'],
  ['special-category-condition', specialCategoryCondition, change(special), 'Missing Art. 9(2) condition for purpose `newsletter`, which uses special category data (`email-address`)'],
  ['recipients-stated', recipientsStated, noRecipients, 'Missing recipients: the policy names nobody the data is disclosed to'],
  ['international-transfers', internationalTransfers, change(replace('data.yaml', 'internationalTransfers:\n  made: false\n', '')), 'Missing statement on international transfers: the policy does not say whether personal data leaves the UK/EEA'],
  ['international-transfers', internationalTransfers, change(transfers('    - id: us\n      destination: United States\n      safeguard: other\n')), 'Missing how to obtain a copy of the safeguard of transfer `us` (other)'],
  ['international-transfers', internationalTransfers, change(replace('data.yaml', '  made: false\n', '  made: true\n')), 'Missing the transfers: `made` is true but no transfer is listed'],
  ['retention-period', retentionPeriod, change(replace('data.yaml', '    retention: Until you unsubscribe from the newsletter.\n', '')), 'Missing retention: the policy states no storage period, nor the criteria for one, for any data'],
  ['retention-period', retentionPeriod, change(ipCategory()), 'Missing retention for data category `ip`'],
  ['provision-requirement', provisionRequirement, change(provision('')), 'Missing statement on whether people must provide their data (a statutory or contractual requirement?) and what happens if they do not'],
  ['provision-requirement', provisionRequirement, change(nameCategory('')), 'Missing provision requirement or its consequence for data category `name`'],
  ['data-source', dataSource, change(source('[public]')), 'Missing source of data category `email-address`, obtained from public'],
  ['data-subject-rights', dataSubjectRights, change(removeRight('erasure')), 'Missing the right of erasure'],
  ['withdraw-consent', withdrawConsent, change(removeRight('withdraw-consent')), 'Missing the right to withdraw consent, on which a purpose rests'],
  ['complaint-right', complaintRight, change(removeRight('complaint')), 'Missing the right to complain to a supervisory authority'],
  ['objection-separate', objectionSeparate, change(noObjectionStatement), 'Missing a separate statement of the right to object, required because 1 purpose rests on legitimate interests or direct marketing'],
  ['automated-decision-making', automatedDecisionMaking, change(replace('policy.yaml', 'automatedDecisionMaking:\n  used: false\n', '')), 'Missing statement on automated decision-making: the policy does not say whether it is used'],
  ['automated-decision-logic', automatedDecisionMaking, change(decisions('  used: true\n  logic: Scores.\n')), 'Missing the logic or the consequences of the automated decision-making the policy says is used'],
]
for (const [ruleId, rule, testCase, message] of withoutYamlCases) {
  ruleTester.run(ruleId, rule, {
    valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
    invalid: [{ name: `${testCase.name ?? message}, without the parsed YAML`, ...testCase, context: withoutYaml, errors: [{ file: '', line: null, column: null, endLine: null, endColumn: null, message }] }],
  })
}

// The article and the title of each item, as the compliance summary of policy.json and the site publish them.
test('every compliance item cites its provision and says what it is', () => {
  expect(complianceOf(baseFiles).items.map((item) => [item.rule, item.article, item.title])).toEqual([
    ['controller-identity', 'GDPR Art. 13(1)(a)', 'The identity and contact details of the controller'],
    ['representative', 'GDPR Art. 13(1)(a), 27', 'The representative of a controller outside the EU/EEA or UK'],
    ['dpo-contact', 'GDPR Art. 13(1)(b)', 'The contact details of the data protection officer, where designated'],
    ['lawful-basis-missing', 'GDPR Art. 13(1)(c)', 'The purposes and the lawful basis of each'],
    ['legitimate-interest-missing', 'GDPR Art. 13(1)(d)', 'The legitimate interests pursued'],
    ['special-category-condition', 'GDPR Art. 9(2)', 'The Art. 9(2) condition for special category data'],
    ['recipients-stated', 'GDPR Art. 13(1)(e)', 'The recipients or categories of recipients'],
    ['international-transfers', 'GDPR Art. 13(1)(f)', 'Transfers to third countries, their safeguards and how to obtain a copy'],
    ['retention-period', 'GDPR Art. 13(2)(a)', 'How long the data is kept, or the criteria'],
    ['data-subject-rights', 'GDPR Art. 13(2)(b)', 'The rights of access, rectification, erasure, restriction, objection and portability'],
    ['withdraw-consent', 'GDPR Art. 13(2)(c), 7(3)', 'The right to withdraw consent at any time'],
    ['complaint-right', 'GDPR Art. 13(2)(d), 77', 'The right to lodge a complaint with a supervisory authority'],
    ['provision-requirement', 'GDPR Art. 13(2)(e)', 'Whether providing the data is required, and the consequence of not providing it'],
    ['automated-decision-making', 'GDPR Art. 13(2)(f), 22', 'Automated decision-making and profiling, its logic and consequences'],
    ['data-source', 'GDPR Art. 14(1)(d), 14(2)(f)', 'For data not obtained from the person: the categories and the source'],
    ['objection-separate', 'GDPR Art. 21(4)', 'The right to object, presented clearly and separately'],
    ['last-updated-changed', 'GDPR Art. 12(1), ICO: keep the notice under review', 'The last-updated date changes with the content'],
    ['substantive-change-dated', 'GDPR Art. 13(3), 12(1)', 'A substantive change is not dated before the last release'],
  ])
})

// Written against the survivors of a mutation run (Stryker, src/compliance).
const nameCategoryNamedInRights = change(nameCategory(''), replace('clauses/rights.md', 'Write to', 'We ask your :data[name]{#name}. Write to'))
const withoutBasis = replace('data.yaml', '    lawfulBasis: [consent]\n', '')
ruleTester.run('controller-identity', controllerIdentity, {
  valid: [{ name: 'one contact of two reachable', ...change(replace('policy.yaml', 'supervisoryAuthority:\n', '  - id: office\n    description: The office\nsupervisoryAuthority:\n')), finding: met('intro', 'rights') }],
  invalid: [],
})
ruleTester.run('special-category-condition', specialCategoryCondition, {
  valid: [],
  invalid: [
    {
      name: 'a purpose using special and other data, only the special named',
      ...change(special, replace('data.yaml', '    dataCategories: [email-address]\n', '    dataCategories: [name, email-address]\n'), nameCategory('')),
      errors: [{ file: dataFile, line: 17, column: 9, endLine: 17, endColumn: 19, message: 'Missing Art. 9(2) condition for purpose `newsletter`, which uses special category data (`email-address`)' }],
    },
  ],
})
ruleTester.run('lawful-basis-missing', lawfulBasis, {
  valid: [{ name: 'purposes shown twice in a clause, the clause named once', ...change(replace('clauses/intro.md', '::purposes{group="main"}', '::purposes{group="main"}\n\n::purposes{group="main"}')), finding: met('intro') }],
  invalid: [],
})
ruleTester.run('legitimate-interest-missing', legitimateInterest, {
  valid: [{ name: 'another purpose without a basis', ...change(withoutBasis), finding: met('intro') }],
  invalid: [],
})
ruleTester.run('withdraw-consent', withdrawConsent, {
  valid: [{ name: 'a purpose without a basis, none on consent', ...change(withoutBasis, removeRight('withdraw-consent')), finding: notApplicable }],
  invalid: [],
})
ruleTester.run('objection-separate', objectionSeparate, {
  valid: [
    { name: 'another purpose without a basis', ...change(withoutBasis), finding: met('rights') },
  ],
  invalid: [
    {
      name: 'another right named in a clause does not count',
      ...change(noObjectionStatement, replace('clauses/intro.md', 'See [your rights]', 'You may :right[ask]{#access}. See [your rights]')),
      finding: missing(),
      errors: [{ file: dataFile, line: 26, column: 1, endLine: 26, endColumn: 7, message: 'Missing a separate statement of the right to object, required because 1 purpose rests on legitimate interests or direct marketing' }],
    },
  ],
})
ruleTester.run('data-source', dataSource, {
  valid: [
    {
      name: 'a category named twice in one clause, another category in another clause',
      change: { replace: [source('[third-party]', '    sourceDetail: Our partner.\n'), replace('clauses/intro.md', 'See [your rights]', 'Your :data[address]{#email-address} again. See [your rights]'), ...nameCategoryNamedInRights.change.replace] },
      finding: met('intro'),
    },
  ],
  invalid: [],
})
