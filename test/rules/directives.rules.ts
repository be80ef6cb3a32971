import { directivesRule } from '../../src/rules/directives.ts'
import { ruleTester, withoutYaml } from '../helpers/rule-tester.ts'

// The directives of clauses and texts (src/rules/directives.ts), run alone over the checked policy.
const replace = (file: string, find: string, replacement: string) => ({ file, find, with: replacement })
const change = (...replacements: Array<ReturnType<typeof replace>>) => ({ change: { replace: replacements } })
const inRights = (text: string) => change(replace('clauses/rights.md', 'Write to', `${text} Write to`))
const rights = 'policy/clauses/rights.md'
const everyDirective = 'one of `purposes`, `rights`, `data`, `purpose`, `recipient`, `right`, `email`, `authority`, `controller`, `last-updated`'
const colon = 'A colon and a word followed by `[…]` or `{…}`, or `::` at the start of a line, start a directive: write `\\:` for a literal colon.'
const summary = {
  purposes: '`::purposes{group="services"}` — the list of purposes of a group, nested by `parent`, from data.yaml.',
  rights: '`::rights` — the list of rights that have a `statement`, from data.yaml.',
  data: '`:data[your name]{#name}` — words of the text that name a data category.',
  purpose: '`:purpose[…]{#id}` — words of the text that name a purpose.',
  email: '`:email{#general}` — the email address of a contact in policy.yaml, as a link.',
  controller: '`:controller{field="companyNumber"}` — a field of the controller (legalName, name, companyNumber, registry).',
  lastUpdated: '`:last-updated` — the last-updated date of policy.yaml, written out (25th January 2019).',
}

ruleTester.run('unknown-directive', directivesRule, {
  valid: [
    { name: 'every directive of the base policy' },
    { name: 'every text directive with its attributes', ...inRights(':purpose[p]{#newsletter} :right[r]{#access} :controller{field="registry"} :last-updated :authority[ICO]') },
    { name: 'an escaped colon', ...inRights('Note\\:this.') },
    { name: 'prose with a colon before a word that names no directive', ...inRights('At 10:30am, a ratio 2:1 (3:1 at most). Note:this, see:below, :qqqq and :la-st_1.') },
    { name: 'prose in a text of data.yaml', ...change(replace('data.yaml', 'to send you our newsletter;', 'to send you our newsletter at 10:30am, ratio 2:1, Note:this;')) },
  ],
  invalid: [
    {
      name: 'a leaf directive misspelt, unknown, and a container',
      ...change(replace('clauses/rights.md', '::rights\n', '::rights\n\n::purpose{group="main"}\n\n::zzzz\n\n:::purposes\n:::\n')),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 24, message: 'Unexpected `::purpose`, expected `:purpose` or `::purposes`', expected: [':purpose', '::purposes'], hint: summary.purpose },
        { file: rights, line: 10, column: 1, endLine: 10, endColumn: 7, message: `Unexpected directive \`::zzzz\`, expected ${everyDirective}`, hint: colon },
        { file: rights, line: 12, column: 1, endLine: 13, endColumn: 4, message: 'Unexpected `:::purposes`, expected `::purposes`', expected: ['::purposes'], hint: summary.purposes },
      ],
    },
    {
      name: 'text directives misspelt and unknown',
      ...inRights(':datta[x]{#email-address} :qqqq[x]'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 26, message: `Unexpected directive \`:datta\`, expected ${everyDirective}`, expected: [':data'], hint: `Did you mean \`data\`? ${colon}` },
        { file: rights, line: 8, column: 27, endLine: 8, endColumn: 35, message: `Unexpected directive \`:qqqq\`, expected ${everyDirective}`, hint: colon },
      ],
    },
    {
      name: 'an unknown name in prose with a label or attributes, even empty ones, is a directive',
      ...inRights('Note:this[x] see:below{#a} :qqqq[] :qqqq{}'),
      errors: [
        { file: rights, line: 8, column: 5, endLine: 8, endColumn: 13, message: `Unexpected directive \`:this\`, expected ${everyDirective}`, hint: colon },
        { file: rights, line: 8, column: 17, endLine: 8, endColumn: 27, message: `Unexpected directive \`:below\`, expected ${everyDirective}`, hint: colon },
        { file: rights, line: 8, column: 28, endLine: 8, endColumn: 35, message: `Unexpected directive \`:qqqq\`, expected ${everyDirective}`, hint: colon },
        { file: rights, line: 8, column: 36, endLine: 8, endColumn: 43, message: `Unexpected directive \`:qqqq\`, expected ${everyDirective}`, hint: colon },
      ],
    },
    {
      name: 'a name of the catalogue in prose is a directive, even bare',
      ...inRights('See:data and:rights.'),
      errors: [
        { file: rights, line: 8, column: 4, endLine: 8, endColumn: 9, message: 'Missing attribute `id` on `:data`', hint: summary.data },
        { file: rights, line: 8, column: 4, endLine: 8, endColumn: 9, message: 'Missing label of `:data`, expected `:data[words of the text]`', hint: summary.data },
        { file: rights, line: 8, column: 13, endLine: 8, endColumn: 20, message: 'Unexpected `:rights`, expected `::rights` or `:right`', expected: ['::rights', ':right'], hint: summary.rights },
      ],
    },
    {
      name: 'an unknown name in a text of data.yaml with a label',
      ...change(replace('data.yaml', 'to send you our newsletter;', 'to send you our newsletter at 10:30am, Note:this[x];')),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 54, endLine: 14, endColumn: 62, message: `Unexpected directive \`:this\`, expected ${everyDirective}`, hint: colon }],
    },
    {
      name: 'leaf directives written as text directives',
      ...inRights(':purposes{group="main"} :rights'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 24, message: 'Unexpected `:purposes`, expected `::purposes` or `:purpose`', expected: ['::purposes', ':purpose'], hint: summary.purposes },
        { file: rights, line: 8, column: 25, endLine: 8, endColumn: 32, message: 'Unexpected `:rights`, expected `::rights` or `:right`', expected: ['::rights', ':right'], hint: summary.rights },
      ],
    },
    {
      name: 'text directives written as leaf directives',
      ...change(replace('clauses/rights.md', '::rights\n', '::rights\n\n::data[x]{#email-address}\n\n::email{#privacy}\n')),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 26, message: 'Unexpected `::data`, expected `:data`', expected: [':data'], hint: summary.data },
        { file: rights, line: 10, column: 1, endLine: 10, endColumn: 18, message: 'Unexpected `::email`, expected `:email`', expected: [':email'], hint: summary.email },
      ],
    },
    {
      name: 'a label missing, and one where none is allowed',
      ...inRights(':data{#email-address} :email[x]{#privacy}'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 22, message: 'Missing label of `:data`, expected `:data[words of the text]`', hint: summary.data },
        { file: rights, line: 8, column: 23, endLine: 8, endColumn: 42, message: 'Unexpected label of `:email`, expected none', hint: summary.email },
      ],
    },
    {
      name: 'attributes unknown, missing, empty and out of their values',
      ...inRights(':data[x]{#email-address lang="en"} :last-updated{x="1"} :data[x] :controller{field="owner"} :controller{field=""}'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 35, message: 'Unexpected attribute `lang` on `:data`, expected `id`', hint: summary.data },
        { file: rights, line: 8, column: 36, endLine: 8, endColumn: 56, message: 'Unexpected attribute `x` on `:last-updated`, expected none', hint: summary.lastUpdated },
        { file: rights, line: 8, column: 57, endLine: 8, endColumn: 65, message: 'Missing attribute `id` on `:data`', hint: summary.data },
        { file: rights, line: 8, column: 66, endLine: 8, endColumn: 92, message: 'Unexpected field `owner` on `:controller`, expected one of `legalName`, `name`, `companyNumber`, `registry`', hint: null },
        { file: rights, line: 8, column: 93, endLine: 8, endColumn: 114, message: 'Missing attribute `field` on `:controller`', hint: summary.controller },
      ],
    },
  ],
})

ruleTester.run('unknown-reference', directivesRule, {
  valid: [
    { name: 'the references of the base policy' },
    { name: 'a contact of a policy.yaml whose contact has no id as text (its references are not known)', ...change(replace('policy.yaml', '  - id: privacy', '  - id: 12'), replace('clauses/rights.md', 'Write to', ':email{#zzz} Write to')) },
    { name: 'a contact that failed its schema, named by its id', ...change(replace('policy.yaml', 'email: privacy@example.com', 'email: 12')) },
    { name: 'a recipient that failed its schema, named by its id, while its purposes are invalid too', ...change(replace('data.yaml', 'kind: service-provider', 'kind: friends'), replace('data.yaml', '    group: main\n    text: to send', '    group: 7\n    text: to send')) },
  ],
  invalid: [
    {
      name: 'a misspelt or unknown name of each kind',
      ...inRights(':data[x]{#email-adress} :purpose[p]{#zzz} :recipient[r]{#hostin} :right[r]{#acess} :email{#privcy}'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 24, message: 'Unexpected data category `email-adress` in `:data`, expected one of `email-address`', expected: ['email-address'], hint: 'Did you mean `email-address`?' },
        { file: rights, line: 8, column: 25, endLine: 8, endColumn: 42, message: 'Unexpected purpose `zzz` in `:purpose`, expected one of `newsletter`, `security`', hint: null },
        { file: rights, line: 8, column: 43, endLine: 8, endColumn: 65, message: 'Unexpected recipient `hostin` in `:recipient`, expected one of `hosting`', expected: ['hosting'] },
        { file: rights, line: 8, column: 66, endLine: 8, endColumn: 83, message: 'Unexpected right `acess` in `:right`, expected one of `access`, `complaint`, `rectification`, `erasure`, `restriction`, `objection`, `portability`, `withdraw-consent`', expected: ['access'] },
        { file: rights, line: 8, column: 84, endLine: 8, endColumn: 99, message: 'Unexpected contact `privcy` in `:email`, expected one of `privacy`', expected: ['privacy'] },
      ],
    },
    {
      name: 'misspelt names of lists that failed their schema in another entry, whose ids are read entry by entry',
      ...change(replace('policy.yaml', 'email: privacy@example.com', 'email: 12'), replace('data.yaml', 'kind: service-provider', 'kind: friends'), replace('clauses/rights.md', 'Write to', ':email{#privcy} :recipient[r]{#hostin} Write to')),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 16, message: 'Unexpected contact `privcy` in `:email`, expected one of `privacy`', expected: ['privacy'] },
        { file: rights, line: 8, column: 17, endLine: 8, endColumn: 39, message: 'Unexpected recipient `hostin` in `:recipient`, expected one of `hosting`', expected: ['hosting'] },
      ],
    },
    {
      name: 'a misspelt purpose group',
      ...change(replace('clauses/intro.md', '::purposes{group="main"}', '::purposes{group="mian"}')),
      errors: [{ file: 'policy/clauses/intro.md', line: 10, column: 1, endLine: 10, endColumn: 25, message: 'Unexpected purpose group `mian` in `::purposes`, expected one of `main`', expected: ['main'], hint: 'Did you mean `main`?' }],
    },
    {
      name: 'a purpose group where no purpose has one',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    text: to send'), replace('data.yaml', '    group: main\n    text: to keep', '    text: to keep')),
      errors: [{ file: 'policy/clauses/intro.md', line: 10, column: 1, endLine: 10, endColumn: 25, message: 'Unexpected purpose group `main` in `::purposes`, expected one of (none defined)' }],
    },
  ],
})

const postalContact = replace('policy.yaml', '    email: privacy@example.com\n', '    email: privacy@example.com\n  - id: post\n    description: By post\n    postalAddress: 1 High Street\n')
ruleTester.run('contact-email-missing', directivesRule, {
  valid: [{ name: 'a contact with an email address' }, { name: 'a contact without one, not named by :email', ...change(postalContact) }],
  invalid: [
    {
      name: 'a contact without an email address named by :email',
      ...change(postalContact, replace('clauses/rights.md', 'Write to', ':email{#post} Write to')),
      errors: [{ file: rights, line: 8, column: 1, endLine: 8, endColumn: 14, message: 'Missing email address of contact `post`: the text refers to it, but policy.yaml does not give it', hint: 'Add `email:` to the contact in policy.yaml once it is known. Until then the published text shows that it is missing.' }],
    },
  ],
})

const unshown = change(replace('clauses/intro.md', '::purposes{group="main"}', 'Nothing.'), replace('clauses/intro.md', ':data[your email address]{#email-address}', 'data'), replace('clauses/intro.md', ':recipient[our hosting provider]{#hosting}', 'them'))
ruleTester.run('unused-entry', directivesRule, {
  valid: [
    { name: 'every entry shown or named' },
    { name: 'no clause at all', change: { remove: ['clauses/intro.md', 'clauses/rights.md'] } },
    { name: 'a data.yaml whose purposes are invalid (their texts are not checked)', ...change(replace('clauses/intro.md', '::purposes{group="main"}', 'Nothing.'), replace('data.yaml', '    group: main\n    text: to send', '    group: 7\n    text: to send')) },
    { name: 'a clause nested too deep to parse (what it names is not known)', ...change(replace('clauses/intro.md', 'Last updated on', `${'> '.repeat(40)}x\n\nLast updated on`)) },
    { name: 'a data.yaml whose rights are invalid (their texts are not checked)', ...change(replace('clauses/intro.md', '::purposes{group="main"}', 'Nothing.'), replace('data.yaml', '    right: access\n', '    right: acces\n')) },
    { name: 'named by a text of data.yaml', ...change(replace('clauses/intro.md', ':recipient[our hosting provider]{#hosting}', 'them'), replace('data.yaml', 'to send you our newsletter;', 'to send you our newsletter through :recipient[our host]{#hosting};')) },
  ],
  invalid: [
    {
      name: 'purposes, a data category and a recipient that no clause shows',
      ...unshown,
      errors: [
        { file: 'policy/data.yaml', line: 3, column: 9, endLine: 3, endColumn: 22, message: 'Unexpected data category `email-address` that no clause shows or names', hint: 'Name it in the clause that describes what is collected: `:data[words of the text]{#email-address}`.' },
        { file: 'policy/data.yaml', line: 12, column: 9, endLine: 12, endColumn: 19, message: 'Unexpected purpose `newsletter` that no clause shows or names', hint: 'Add `::purposes{group="main"}` to a clause.' },
        { file: 'policy/data.yaml', line: 17, column: 9, endLine: 17, endColumn: 17, message: 'Unexpected purpose `security` that no clause shows or names', hint: 'Add `::purposes{group="main"}` to a clause.' },
        { file: 'policy/data.yaml', line: 23, column: 9, endLine: 23, endColumn: 16, message: 'Unexpected recipient `hosting` that no clause shows or names', hint: 'Name it in the clause on sharing: `:recipient[words of the text]{#hosting}`.' },
      ],
    },
    {
      name: 'a purpose without a group',
      ...change(replace('data.yaml', '    group: main\n    text: to keep', '    text: to keep')),
      errors: [{ file: 'policy/data.yaml', line: 17, column: 9, endLine: 17, endColumn: 17, message: 'Unexpected purpose `security` that no clause shows or names', hint: 'Give it a `group:` that a clause shows with `::purposes{group="…"}`.' }],
    },
  ],
})

ruleTester.run('unused-entry', directivesRule, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'a purpose without a group, without the parsed YAML', ...change(replace('data.yaml', '    group: main\n    text: to keep', '    text: to keep')), context: withoutYaml, errors: [{ file: '', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected purpose `security` that no clause shows or names' }] }],
})

ruleTester.run('unknown-directive', directivesRule, {
  valid: [{ name: 'the name of a property every object has, bare, is prose', ...inRights('See:toString and:constructor and:__proto__.') }],
  invalid: [
    {
      name: 'the name of a property every object has',
      ...inRights(':toString{x} :constructor[x]'),
      errors: [
        { file: rights, line: 8, column: 1, endLine: 8, endColumn: 13, message: `Unexpected directive \`:toString\`, expected ${everyDirective}`, hint: colon },
        { file: rights, line: 8, column: 14, endLine: 8, endColumn: 29, message: `Unexpected directive \`:constructor\`, expected ${everyDirective}`, hint: colon },
      ],
    },
  ],
})

// Written against the survivors of a mutation run (Stryker, src/rules).
ruleTester.run('unused-entry', directivesRule, {
  valid: [],
  invalid: [
    {
      name: 'a purpose group that a clause names only as a recipient',
      ...change(replace('data.yaml', '    group: main\n    text: to keep', '    group: hosting\n    text: to keep')),
      errors: [{ file: 'policy/data.yaml', line: 17, column: 9, endLine: 17, endColumn: 17, message: 'Unexpected purpose `security` that no clause shows or names', hint: 'Add `::purposes{group="hosting"}` to a clause.' }],
    },
  ],
})
