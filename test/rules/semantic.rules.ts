import { brokenAnchor } from '../../src/rules/broken-anchor.ts'
import { clauseFiles } from '../../src/rules/clause-files.ts'
import { dateInFuture } from '../../src/rules/date-in-future.ts'
import { dpvTerm } from '../../src/rules/dpv-term.ts'
import { duplicateId } from '../../src/rules/duplicate-id.ts'
import { escapedCharacters } from '../../src/rules/escaped-characters.ts'
import { footnoteUnreferenced } from '../../src/rules/footnote-unreferenced.ts'
import { markdownTooComplex } from '../../src/rules/markdown-too-complex.ts'
import { placeholderLeft } from '../../src/rules/placeholder-left.ts'
import { rawHtml } from '../../src/rules/raw-html.ts'
import { unknownReference } from '../../src/rules/unknown-reference.ts'
import { unsafeUrl } from '../../src/rules/unsafe-url.ts'
import { ruleTester, withoutYaml } from '../helpers/rule-tester.ts'
import { invalidData, invalidPolicy } from './invalid-fields.ts'

// The semantic rules of src/rules, each run alone over the checked policy (the directives: directives.rules.ts).
const replace = (file: string, find: string, replacement: string) => ({ file, find, with: replacement })
const change = (...replacements: Array<ReturnType<typeof replace>>) => ({ change: { replace: replacements } })
const clause = (id: string, text = 'Text.') => `---\nid: ${id}\ntitle: A clause\n---\n\n${text}\n`
const inRights = (text: string) => change(replace('clauses/rights.md', 'Write to', `${text} Write to`))

ruleTester.run('duplicate-id', duplicateId, {
  valid: [{ name: 'the base policy' }, { name: 'a clause without front matter named as another clause’s id (its id is provisional)', change: { add: { 'clauses/zz.md': '---\nid: intro\ntitle: [1]\n---\n\nText.\n' } } }, { name: 'the same id in two kinds of entry', ...change(replace('data.yaml', '  - id: hosting\n', '  - id: newsletter\n'), replace('clauses/intro.md', '{#hosting}', '{#newsletter}')) }],
  invalid: [
    {
      name: 'two contacts',
      ...change(replace('policy.yaml', '    email: privacy@example.com\n', '    email: privacy@example.com\n  - id: privacy\n    description: Again\n    email: other@example.com\n')),
      errors: [
        {
          file: 'policy/policy.yaml', line: 15, column: 9, endLine: 15, endColumn: 16, message: 'Unexpected second contact `privacy`, expected each id once', hint: 'Give one of them another id, or merge the two.',
          related: { file: 'policy/policy.yaml', span: { start: { line: 12, column: 9 }, end: { line: 12, column: 16 } }, message: 'first contact `privacy`' },
        },
      ],
    },
    {
      name: 'a clause twice in the order',
      ...change(replace('policy.yaml', '  - rights\n', '  - rights\n  - intro\n')),
      errors: [
        {
          file: 'policy/policy.yaml', line: 21, column: 5, endLine: 21, endColumn: 10, message: 'Unexpected second clause in the order `intro`, expected each id once',
          related: { file: 'policy/policy.yaml', span: { start: { line: 19, column: 5 }, end: { line: 19, column: 10 } }, message: 'first clause in the order `intro`' },
        },
      ],
    },
    {
      name: 'two data categories, purposes, recipients and rights',
      ...change(
        replace('data.yaml', 'purposes:\n', '  - id: email-address\n    label: Again\n    sources: [data-subject]\n    contexts: [website]\n    retention: A year.\npurposes:\n'),
        replace('data.yaml', 'recipients:\n', '  - id: newsletter\n    group: main\n    text: again;\n    lawfulBasis: [consent]\nrecipients:\n'),
        replace('data.yaml', 'rights:\n', '  - id: hosting\n    label: Again\n    kind: service-provider\nrights:\n'),
        replace('data.yaml', 'internationalTransfers:\n', '  - id: access\n    right: access\n    clause: rights\ninternationalTransfers:\n'),
      ),
      errors: [
        { file: 'policy/data.yaml', line: 11, column: 9, endLine: 11, endColumn: 22, message: 'Unexpected second data category `email-address`, expected each id once', related: { file: 'policy/data.yaml', span: { start: { line: 3, column: 9 }, end: { line: 3, column: 22 } }, message: 'first data category `email-address`' } },
        { file: 'policy/data.yaml', line: 27, column: 9, endLine: 27, endColumn: 19, message: 'Unexpected second purpose `newsletter`, expected each id once', related: { file: 'policy/data.yaml', span: { start: { line: 17, column: 9 }, end: { line: 17, column: 19 } }, message: 'first purpose `newsletter`' } },
        { file: 'policy/data.yaml', line: 35, column: 9, endLine: 35, endColumn: 16, message: 'Unexpected second recipient `hosting`, expected each id once', related: { file: 'policy/data.yaml', span: { start: { line: 32, column: 9 }, end: { line: 32, column: 16 } }, message: 'first recipient `hosting`' } },
        { file: 'policy/data.yaml', line: 65, column: 9, endLine: 65, endColumn: 15, message: 'Unexpected second right `access`, expected each id once', related: { file: 'policy/data.yaml', span: { start: { line: 39, column: 9 }, end: { line: 39, column: 15 } }, message: 'first right `access`' } },
      ],
    },
    {
      name: 'two clause files with one id',
      change: { add: { 'clauses/zz.md': clause('intro') } },
      errors: [
        {
          file: 'policy/clauses/zz.md', line: 2, column: 5, endLine: 2, endColumn: 10, message: 'Unexpected second clause with id `intro`, expected each id once',
          related: { file: 'policy/clauses/intro.md', span: { start: { line: 2, column: 5 }, end: { line: 2, column: 10 } }, message: 'first clause `intro`' },
        },
      ],
    },
  ],
})

ruleTester.run('unknown-reference', unknownReference, {
  valid: [
    { name: 'the base policy' },
    { name: 'a right in a clause that policy.yaml lists but has no file', ...change(replace('policy.yaml', '  - rights\n', '  - rights\n  - more\n'), replace('data.yaml', '    right: access\n    clause: rights', '    right: access\n    clause: more')) },
    { name: 'a right in a clause file, while the order of policy.yaml is invalid', change: { replace: [replace('policy.yaml', '  - rights\n', '  - rights\n  - 12\n'), replace('data.yaml', '    right: access\n    clause: rights', '    right: access\n    clause: more')], add: { 'clauses/more.md': clause('more') } } },
    { name: 'a data category without an id as text (the references to data categories are not judged)', ...change(replace('data.yaml', '  - id: email-address', '  - id: 12'), replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-address, zzz]')) },
    { name: 'a nested purpose', ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send')) },
  ],
  invalid: [
    {
      name: 'a misspelt data category',
      ...change(replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-adress]')),
      errors: [{ file: 'policy/data.yaml', line: 16, column: 22, endLine: 16, endColumn: 34, message: 'Unexpected data category `email-adress`, expected one of the data categories defined: `email-address`', expected: ['email-address'], hint: 'Did you mean `email-address`?' }],
    },
    {
      // The data category fails its schema: the valid purposes are checked all the same, against its id.
      name: 'a misspelt data category, while the data category has a schema error',
      ...change(replace('data.yaml', 'label: Email address', 'label: 12'), replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-address, email-adress]')),
      errors: [{ file: 'policy/data.yaml', line: 16, column: 37, endLine: 16, endColumn: 49, message: 'Unexpected data category `email-adress`, expected one of the data categories defined: `email-address`', expected: ['email-address'], hint: 'Did you mean `email-address`?' }],
    },
    {
      name: 'recipients, one misspelt',
      ...change(replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-address]\n    recipients: [hostng, zzz]')),
      errors: [
        { file: 'policy/data.yaml', line: 17, column: 18, endLine: 17, endColumn: 24, message: 'Unexpected recipient `hostng`, expected one of the recipients defined: `hosting`', expected: ['hosting'] },
        { file: 'policy/data.yaml', line: 17, column: 26, endLine: 17, endColumn: 29, message: 'Unexpected recipient `zzz`, expected one of the recipients defined: `hosting`', hint: 'Define `zzz` first, or fix the reference.' },
      ],
    },
    {
      name: 'a recipient where none is defined',
      ...change(replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-address]\n    recipients: [hosting]'), replace('data.yaml', 'recipients:\n  - id: hosting\n    label: Our hosting provider\n    kind: service-provider\n', 'recipients: []\n')),
      errors: [{ file: 'policy/data.yaml', line: 17, column: 18, endLine: 17, endColumn: 25, message: 'Unexpected recipient `hosting`, expected one of the recipients defined (there are none)', hint: 'Define `hosting` first, or fix the reference.' }],
    },
    {
      name: 'a misspelt parent',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: securty\n    text: to send')),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 20, message: 'Unexpected purpose `securty`, expected one of the purposes defined: `newsletter`, `security`', expected: ['security'] }],
    },
    {
      name: 'a right in a misspelt clause',
      ...change(replace('data.yaml', '    right: access\n    clause: rights', '    right: access\n    clause: rigths')),
      errors: [{ file: 'policy/data.yaml', line: 29, column: 13, endLine: 29, endColumn: 19, message: 'Unexpected clause `rigths`, expected one of the clauses defined: `intro`, `rights`', expected: ['rights'] }],
    },
    {
      name: 'a right in a clause file that policy.yaml does not list',
      change: { replace: [replace('data.yaml', '    right: access\n    clause: rights', '    right: access\n    clause: more')], add: { 'clauses/more.md': clause('more') } },
      errors: [{ file: 'policy/data.yaml', line: 29, column: 13, endLine: 29, endColumn: 17, message: 'Unexpected clause `more`, expected one of the clauses defined: `intro`, `rights`' }],
    },
  ],
})

ruleTester.run('purpose-parent-invalid', unknownReference, {
  valid: [
    { name: 'a purpose nested in its group', ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send')) },
    {
      name: 'a chain of three',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send'), replace('data.yaml', 'recipients:\n', '  - id: logs\n    group: main\n    parent: newsletter\n    text: logs;\n    lawfulBasis: [consent]\nrecipients:\n')),
    },
  ],
  invalid: [
    {
      name: 'a parent of another group',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: other\n    parent: security\n    text: to send')),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 21, message: 'Unexpected parent `security` of group `main`, expected a purpose of the same group `other`', hint: 'Give the nested purpose the group of its parent.' }],
    },
    {
      name: 'a purpose without a group under one with a group',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    parent: security\n    text: to send')),
      errors: [{ file: 'policy/data.yaml', line: 13, column: 13, endLine: 13, endColumn: 21, message: 'Unexpected parent `security` of group `main`, expected a purpose of the same group `(none)`' }],
    },
    {
      name: 'a purpose without a group as the parent',
      ...change(replace('data.yaml', '    group: main\n    text: to keep', '    text: to keep'), replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send')),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 21, message: 'Unexpected parent `security` of group `(none)`, expected a purpose of the same group `main`' }],
    },
    {
      name: 'a purpose under itself',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: newsletter\n    text: to send')),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 23, message: 'Unexpected cycle of parents through `newsletter`, expected a purpose to be nested under others, never under itself' }],
    },
    {
      name: 'two purposes under each other',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send'), replace('data.yaml', '    group: main\n    text: to keep', '    group: main\n    parent: newsletter\n    text: to keep')),
      errors: [
        { file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 21, message: 'Unexpected cycle of parents through `newsletter`, expected a purpose to be nested under others, never under itself' },
        { file: 'policy/data.yaml', line: 20, column: 13, endLine: 20, endColumn: 23, message: 'Unexpected cycle of parents through `security`, expected a purpose to be nested under others, never under itself' },
      ],
    },
  ],
})

ruleTester.run('clause-id-mismatch', clauseFiles, {
  valid: [{ name: 'the base policy' }, { name: 'a clause whose front matter failed, with another id', change: { add: { 'clauses/zz.md': '---\nid: other\ntitle: [1]\n---\n\nText.\n' } } }],
  invalid: [
    {
      name: 'a file named other than its id',
      change: { remove: ['clauses/intro.md'], add: { 'clauses/introduction.md': clause('intro') } },
      errors: [{ file: 'policy/clauses/introduction.md', line: 2, column: 5, endLine: 2, endColumn: 10, message: 'Unexpected id `intro` in `clauses/introduction.md`, expected the file to be named `clauses/intro.md`', hint: 'Rename the file after its id, or change the id (links to the clause use it).' }],
    },
  ],
})

ruleTester.run('clause-not-in-order', clauseFiles, {
  valid: [{ name: 'the base policy' }, { name: 'a clause file without front matter, not in the order (its id is provisional)', change: { add: { 'clauses/extra.md': 'No front matter.\n' } } }, { name: 'a clause file while the order of policy.yaml is invalid', change: { replace: [replace('policy.yaml', '  - rights\n', '  - rights\n  - 12\n')], add: { 'clauses/extra.md': clause('extra') } } }],
  invalid: [
    {
      name: 'a clause file that policy.yaml does not list',
      change: { add: { 'clauses/extra.md': clause('extra') } },
      errors: [{ file: 'policy/clauses/extra.md', line: 2, column: 5, endLine: 2, endColumn: 10, message: 'Unexpected clause `extra` that policy.yaml does not list, expected every clause in `clauses`', hint: 'Add `- extra` to `clauses` in policy.yaml where it belongs, or delete the file.' }],
    },
  ],
})

ruleTester.run('clause-file-missing', clauseFiles, {
  valid: [{ name: 'the base policy' }, { name: 'a clause whose front matter failed, found under the id of its file', ...change(replace('clauses/rights.md', 'id: rights', 'id: Rights')) }, { name: 'no clause files while the order of policy.yaml is invalid', change: { replace: [replace('policy.yaml', '  - rights\n', '  - rights\n  - 12\n')], remove: ['clauses/rights.md'] } }],
  invalid: [
    {
      name: 'a clause of the order without its file',
      change: { remove: ['clauses/rights.md'] },
      errors: [{ file: 'policy/policy.yaml', line: 20, column: 5, endLine: 20, endColumn: 11, message: 'Unexpected clause `rights` without a file, expected `clauses/rights.md`', hint: 'Create `clauses/rights.md` with `id: rights` in its front matter, or remove the entry.' }],
    },
  ],
})

ruleTester.run('date-in-future', dateInFuture, {
  valid: [
    { name: 'updated before today' },
    { name: 'updated today', today: '2020-02-29' },
    // An announced change: the draft carries the date it will take effect.
    { name: 'to take effect tomorrow', today: '2020-02-28' },
    { name: 'to take effect within a year', today: '2019-03-01' },
    { name: 'to take effect a year ahead to the day', change: { replace: [{ file: 'policy.yaml', find: 'lastUpdated: 2020-02-29', with: 'lastUpdated: 2021-03-01' }] }, today: '2020-03-01' },
  ],
  invalid: [
    {
      name: 'a year and a day ahead',
      today: '2019-02-27',
      errors: [{ file: 'policy/policy.yaml', line: 5, column: 14, endLine: 5, endColumn: 24, message: 'Unexpected last-updated date 2020-02-29, expected at most a year after today (2019-02-27), by 2020-02-27', hint: 'Set `lastUpdated` to the day the change takes effect: a change may be announced up to a year ahead.' }],
    },
    {
      name: 'a typo of the century',
      change: { replace: [{ file: 'policy.yaml', find: 'lastUpdated: 2020-02-29', with: 'lastUpdated: 2091-02-28' }] },
      today: '2020-03-01',
      errors: [{ file: 'policy/policy.yaml', line: 5, column: 14, endLine: 5, endColumn: 24, message: 'Unexpected last-updated date 2091-02-28, expected at most a year after today (2020-03-01), by 2021-03-01' }],
    },
  ],
})

ruleTester.run('broken-anchor', brokenAnchor, {
  valid: [
    { name: 'links to clauses and headings (the base policy)' },
    { name: 'a link to a clause whose front matter failed', ...change(replace('clauses/rights.md', 'title: Your rights', 'title: [1]')) },
    { name: 'a link to a clause too deep to parse, and to a heading in it (its headings are not known)', ...change(replace('clauses/rights.md', 'Write to', `${'> '.repeat(40)}x\n\nWrite to`), replace('clauses/intro.md', '[uses](#intro--what-we-use-it-for)', '[uses](#intro--what-we-use-it-for) [it](#rights--complaints)')) },
    { name: 'a percent-encoded anchor and links elsewhere', ...inRights('[a](#%69ntro) [b](https://example.org/#x) [c](mailto:a@example.org)') },
    { name: 'a heading of a clause', change: { replace: [replace('clauses/rights.md', 'Write to', '## Contact us\n\nSee [it](#rights--contact-us). Write to')] } },
  ],
  invalid: [
    {
      name: 'links to a misspelt clause, to nothing and to a misspelt heading',
      ...inRights('See [intro](#intr) and [x](#zzz) and [h](#intro--what-we-use-it-fr).'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 5, endLine: 8, endColumn: 19, message: 'Unexpected link to `#intr`, expected the id of a clause or heading', expected: ['#intro'], hint: 'Did you mean `#intro`?' },
        { file: 'policy/clauses/rights.md', line: 8, column: 24, endLine: 8, endColumn: 33, message: 'Unexpected link to `#zzz`, expected the id of a clause or heading', hint: 'Clause anchors are clause ids: #intro, #rights.' },
        { file: 'policy/clauses/rights.md', line: 8, column: 38, endLine: 8, endColumn: 68, message: 'Unexpected link to `#intro--what-we-use-it-fr`, expected the id of a clause or heading', expected: ['#intro--what-we-use-it-for'], hint: 'Did you mean `#intro--what-we-use-it-for`?' },
      ],
    },
    {
      name: 'a malformed escape, and a definition',
      change: { replace: [replace('clauses/rights.md', 'Write to', 'See [intro][x] and [y](#%E0%A4%A). Write to'), replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[x]: #nowhere\n')] },
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 20, endLine: 8, endColumn: 34, message: 'Unexpected link to `#%E0%A4%A`, expected the id of a clause or heading', hint: 'Clause anchors are clause ids: #intro, #rights.' },
        { file: 'policy/clauses/rights.md', line: 10, column: 1, endLine: 10, endColumn: 14, message: 'Unexpected link to `#nowhere`, expected the id of a clause or heading' },
      ],
    },
    {
      name: 'in a text of data.yaml',
      ...change(replace('data.yaml', '[rights](#rights)', '[rights](#right)')),
      errors: [{ file: 'policy/data.yaml', line: 19, column: 23, endLine: 19, endColumn: 39, message: 'Unexpected link to `#right`, expected the id of a clause or heading', expected: ['#rights'], hint: 'Did you mean `#rights`?' }],
    },
  ],
})

const urlHint = 'Use an https:, http: or mailto: URL, #clause-id for a link inside the policy, or /path for a page of the site that publishes it.'
// policy.yaml and images take no path from the site's root: their hint offers none.
const fieldHint = 'Use an https:, http: or mailto: URL, or #clause-id for a link inside the policy.'
ruleTester.run('unsafe-url', unsafeUrl, {
  valid: [
    { name: 'the base policy' },
    { name: 'links of every allowed kind, and a local image', ...inRights('[a](https://example.org/) [b](http://example.org/) [c](mailto:a@example.org) [d](#intro) [e](/support)') },
    { name: 'every URL of policy.yaml', ...change(replace('policy.yaml', '  name: Example\n', '  name: Example\n  website: https://example.org/\n'), replace('policy.yaml', '    email: privacy@example.com\n', '    email: privacy@example.com\n    url: mailto:privacy@example.org\n')) },
  ],
  invalid: [
    {
      name: 'URLs of policy.yaml',
      ...change(replace('policy.yaml', 'https://ico.org.uk/make-a-complaint/', 'javascript:alert(1)'), replace('policy.yaml', '  name: Example\n', '  name: Example\n  website: ftp://example.org/\n'), replace('policy.yaml', '    email: privacy@example.com\n', '    email: privacy@example.com\n    url: data:text/html,x\n')),
      errors: [
        { file: 'policy/policy.yaml', line: 9, column: 12, endLine: 9, endColumn: 30, message: 'Unexpected URL with the scheme `ftp:`, expected https:, http: or mailto:', hint: fieldHint },
        { file: 'policy/policy.yaml', line: 16, column: 10, endLine: 16, endColumn: 26, message: 'Unexpected URL with the scheme `data:`, expected https:, http: or mailto:', hint: fieldHint },
        { file: 'policy/policy.yaml', line: 19, column: 8, endLine: 19, endColumn: 27, message: 'Unexpected URL with the scheme `javascript:`, expected https:, http: or mailto:', hint: fieldHint },
      ],
    },
    {
      name: 'a link, a remote image, an image by anchor and a definition',
      change: { replace: [replace('clauses/rights.md', 'Write to', '[a](javascript:alert(1)) ![i](https://example.org/i.png) ![j](#x) [d][d] Write to'), replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[d]: data:text/html,x\n')] },
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 25, message: 'Unexpected link URL with the scheme `javascript:`, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
        { file: 'policy/clauses/rights.md', line: 8, column: 26, endLine: 8, endColumn: 57, message: 'Unexpected image from another site, expected no remote images: a remote image in a privacy policy tells that site who reads it', hint: 'Remove the image.' },
        { file: 'policy/clauses/rights.md', line: 8, column: 58, endLine: 8, endColumn: 66, message: 'Unexpected image URL with an in-page anchor where a full URL is expected, expected https:, http:, mailto: or #anchor', hint: fieldHint },
        { file: 'policy/clauses/rights.md', line: 10, column: 1, endLine: 10, endColumn: 22, message: 'Unexpected link URL with the scheme `data:`, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
      ],
    },
    {
      // A path from the site's root leads to a page of the site; one relative to the page leads
      // elsewhere from each page of the policy's site, and an image from the site tells it who reads.
      name: 'a link relative to the page, one to another host, and an image from the site',
      ...inRights('[t](../terms/) [u](//evil.example/x) ![l](/logo.png)'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 15, message: 'Unexpected link URL with a relative URL, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
        { file: 'policy/clauses/rights.md', line: 8, column: 16, endLine: 8, endColumn: 37, message: 'Unexpected link URL with a protocol-relative URL, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
        { file: 'policy/clauses/rights.md', line: 8, column: 38, endLine: 8, endColumn: 53, message: 'Unexpected image URL with a path without a host, expected https:, http:, mailto: or #anchor', hint: fieldHint },
      ],
    },
  ],
})

ruleTester.run('unknown-dpv-term', dpvTerm, {
  valid: [{ name: 'a DPV term' }, { name: 'no term', ...change(replace('data.yaml', '    dpv: EmailAddress\n', '')) }],
  invalid: [
    {
      name: 'a misspelt term',
      ...change(replace('data.yaml', 'dpv: EmailAddress', 'dpv: EmailAdress')),
      errors: [{ file: 'policy/data.yaml', line: 5, column: 10, endLine: 5, endColumn: 21, message: 'Unexpected DPV term `EmailAdress`, expected a class of https://w3id.org/dpv/pd#', expected: ['EmailAddress'], hint: 'Did you mean `EmailAddress`?' }],
    },
    {
      name: 'a term like none',
      ...change(replace('data.yaml', 'dpv: EmailAddress', 'dpv: Zzzzzzzz')),
      errors: [{ file: 'policy/data.yaml', line: 5, column: 10, endLine: 5, endColumn: 18, message: 'Unexpected DPV term `Zzzzzzzz`, expected a class of https://w3id.org/dpv/pd#', hint: 'Leave `dpv` out when no term fits: the category is then published without one.' }],
    },
  ],
})

const htmlHint = 'Write it in Markdown; raw HTML never reaches the published policy. Write `\\<` for a literal angle bracket.'
ruleTester.run('raw-html', rawHtml, {
  valid: [{ name: 'the base policy' }, { name: 'an escaped angle bracket and code', ...inRights('\\<b> and `<b>`.') }],
  invalid: [
    {
      name: 'a block of HTML longer than the preview',
      ...change(replace('clauses/rights.md', '::rights\n', '::rights\n\n<div   class="a-very-long-class-name-that-goes-on">\n\ntext\n\n</div>\n')),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 52, message: 'Unexpected HTML `<div class="a-very-long-class-name-tha…`, expected Markdown', hint: htmlHint },
        { file: 'policy/clauses/rights.md', line: 12, column: 1, endLine: 12, endColumn: 7, message: 'Unexpected HTML `</div>`, expected Markdown', hint: htmlHint },
      ],
    },
    {
      name: 'a tag of exactly 40 characters, shown whole',
      ...inRights(`<a title="${'x'.repeat(28)}">`),
      errors: [{ file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 41, message: `Unexpected HTML \`<a title="${'x'.repeat(28)}">\`, expected Markdown` }],
    },
    {
      name: 'in a text of data.yaml',
      ...change(replace('data.yaml', 'to send you our newsletter;', 'to send you our <em>newsletter</em>;')),
      errors: [
        { file: 'policy/data.yaml', line: 14, column: 27, endLine: 14, endColumn: 31, message: 'Unexpected HTML `<em>`, expected Markdown' },
        { file: 'policy/data.yaml', line: 14, column: 41, endLine: 14, endColumn: 46, message: 'Unexpected HTML `</em>`, expected Markdown' },
      ],
    },
  ],
})

const placeholderMessage = "Unexpected placeholder `TODO`, expected the policy's own text"
const placeholderHint = 'Replace it with your own words (`clausewright init` writes TODO where the policy needs them): a policy with a placeholder left cannot be released or built.'
const hiddenPlaceholderMessage = "Unexpected placeholder `TODO`, written so that its source does not spell it (a character reference, an escape or markup inside the word), expected the policy's own text"
const placeholderAt = (file: string, line: number, column: number) => ({ file, line, column, endLine: line, endColumn: column + 4, message: placeholderMessage })
ruleTester.run('placeholder-left', placeholderLeft, {
  valid: [
    { name: 'the base policy' },
    { name: 'the word in prose, not as a marker: lower case, plural, inside another word', ...inRights('A todo list, TODOS, MASTODON, TODO_LIST and TODO1.') },
    { name: 'a YAML comment, which is not published', ...change(replace('policy.yaml', 'title: Example privacy policy', 'title: Example privacy policy # TODO a better title')) },
    { name: 'in front matter, a comment', ...change(replace('clauses/rights.md', 'title: Your rights\n', 'title: Your rights\n# TODO\n')) },
    {
      // "todo" is a word of Spanish, Portuguese and Galician ("all"), and their legal text is often in
      // capitals: beside another word in capitals it is prose, which the rule (an error that cannot be
      // turned off) would otherwise keep from being published at all.
      name: 'in capitals, beside words in capitals, in a policy in Spanish or Portuguese: a word',
      ...change(replace('policy.yaml', 'language: en-GB', 'language: es-ES'), replace('clauses/rights.md', 'Write to', 'EN TODO MOMENTO.\n\nTODO EL CONTENIDO Y\nTODO\nLO DEMÁS. Write to')),
    },
    { name: 'in capitals in a policy in Portuguese', ...change(replace('policy.yaml', 'language: en-GB', 'language: pt-BR'), replace('clauses/rights.md', 'Write to', 'COM TODO O CONTEÚDO. Write to')) },
  ],
  invalid: [
    {
      name: 'in the words of a clause, twice on a line, and at the end of the file',
      ...change(replace('clauses/rights.md', 'Write to', 'TODO: who. (TODO) Write to'), replace('clauses/rights.md', '[ICO].\n', '[ICO].\n\nTODO')),
      errors: [{ ...placeholderAt('policy/clauses/rights.md', 8, 1), hint: placeholderHint }, placeholderAt('policy/clauses/rights.md', 8, 13), placeholderAt('policy/clauses/rights.md', 10, 1)],
    },
    {
      name: 'in a code span, a link target and a directive attribute',
      ...inRights('`TODO` [us](https://example.com/TODO) :controller{field="TODO"}'),
      errors: [placeholderAt('policy/clauses/rights.md', 8, 2), placeholderAt('policy/clauses/rights.md', 8, 33), placeholderAt('policy/clauses/rights.md', 8, 58)],
    },
    {
      name: 'in a heading, a list item and emphasis',
      ...change(replace('clauses/rights.md', '::rights\n', '::rights\n\n## TODO\n\n- one *TODO*\n')),
      errors: [placeholderAt('policy/clauses/rights.md', 8, 4), placeholderAt('policy/clauses/rights.md', 10, 8)],
    },
    {
      name: 'right after the front matter’s closing fence',
      ...change(replace('clauses/rights.md', 'title: Your rights\n---\n', 'title: Your rights\n---\nTODO\n')),
      errors: [placeholderAt('policy/clauses/rights.md', 5, 1)],
    },
    {
      name: 'in the front matter of a clause, once (not again as the text of the clause)',
      ...change(replace('clauses/rights.md', 'title: Your rights', 'title: TODO rights')),
      errors: [placeholderAt('policy/clauses/rights.md', 3, 8)],
    },
    {
      name: 'in values of policy.yaml and data.yaml, quoted or not, and in a text of data.yaml',
      ...change(
        replace('policy.yaml', 'legalName: Example Limited', 'legalName: "TODO"'),
        replace('policy.yaml', 'url: https://ico.org.uk/make-a-complaint/', 'url: https://TODO.invalid/'),
        replace('data.yaml', 'to send you our newsletter;', 'to send you our newsletter; TODO'),
      ),
      errors: [placeholderAt('policy/data.yaml', 14, 39), placeholderAt('policy/policy.yaml', 7, 15), placeholderAt('policy/policy.yaml', 17, 16)],
    },
    {
      // A reader sees TODO where the source does not spell it: a character reference, an escape of
      // YAML, emphasis inside the word. Reported at the paragraph, heading or value that shows it.
      name: 'written with character references, in words, a link’s title, an image’s text and a directive’s label',
      ...change(replace('clauses/rights.md', '::rights\n', '::rights\n\nT&#79;DO\n\n## A [link](https://example.com/ "T&#x4F;DO")\n\n![T&#79;DO](/x.png) :authority[T&#79;DO]\n')),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 9, message: hiddenPlaceholderMessage },
        { file: 'policy/clauses/rights.md', line: 10, column: 1, endLine: 10, endColumn: 46, message: hiddenPlaceholderMessage },
        { file: 'policy/clauses/rights.md', line: 12, column: 1, endLine: 12, endColumn: 41, message: hiddenPlaceholderMessage },
      ],
    },
    {
      name: 'in a policy in Spanish, a TODO that is not beside a word in capitals; and in English, beside one',
      ...change(replace('policy.yaml', 'language: en-GB', 'language: es'), replace('clauses/rights.md', 'Write to', 'TODO: FIX. LO TODO. TODO\n\nEN. Write to')),
      errors: [placeholderAt('policy/clauses/rights.md', 8, 1), placeholderAt('policy/clauses/rights.md', 8, 21)],
    },
    { name: 'in capitals beside words in capitals, in a policy in English', ...inRights('AT ALL TIMES TODO IS LEFT.'), errors: [placeholderAt('policy/clauses/rights.md', 8, 14)] },
    {
      name: 'written with a character reference in the target of a link reference’s definition',
      ...inRights('[us][site]\n\n[site]: https://example.com/T&#79;DO\n\n'),
      errors: [{ file: 'policy/clauses/rights.md', line: 10, column: 1, endLine: 10, endColumn: 37, message: hiddenPlaceholderMessage }],
    },
    {
      name: 'split by emphasis, and beside a TODO the source spells (in a link target)',
      ...inRights('TO*DO* [us](https://example.com/TODO)'),
      errors: [{ file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 101, message: hiddenPlaceholderMessage }, placeholderAt('policy/clauses/rights.md', 8, 33)],
    },
    {
      name: 'written with escapes of YAML, in policy.yaml, data.yaml and front matter',
      ...change(
        replace('policy.yaml', 'legalName: Example Limited', 'legalName: "\\x54ODO Limited"'),
        replace('data.yaml', 'to send you our newsletter;', '"to send you our newsletter \\u0054ODO;"'),
        replace('clauses/rights.md', 'title: Your rights', 'title: "Your \\x54ODO rights"'),
      ),
      errors: [
        { file: 'policy/clauses/rights.md', line: 3, column: 8, endLine: 3, endColumn: 29, message: hiddenPlaceholderMessage },
        { file: 'policy/data.yaml', line: 14, column: 11, endLine: 14, endColumn: 50, message: hiddenPlaceholderMessage },
        { file: 'policy/policy.yaml', line: 7, column: 14, endLine: 7, endColumn: 31, message: hiddenPlaceholderMessage },
      ],
    },
  ],
})

ruleTester.run('markdown-too-complex', markdownTooComplex, {
  valid: [{ name: 'the base policy' }, { name: 'brackets nested 16 deep in a text of data.yaml', ...change(replace('data.yaml', 'to send you our newsletter;', `to send you our newsletter ${'['.repeat(16)}a`)) }],
  invalid: [
    {
      name: 'brackets nested 17 deep in a text of data.yaml',
      ...change(replace('data.yaml', 'to send you our newsletter;', `to send you our newsletter ${'['.repeat(17)}a`)),
      errors: [{ file: 'policy/data.yaml', line: 14, column: 54, endLine: 14, endColumn: 54, message: 'Unexpected `[` nested 17 levels deep in one paragraph, expected at most 16: the time to parse nested brackets grows faster than their square', hint: 'Close the brackets, or escape a literal one (`\\[`).' }],
    },
  ],
})

const invisibleHint = 'Delete it: it changes how the text displays without being seen.'
ruleTester.run('invisible-character', escapedCharacters, {
  valid: [
    { name: 'the base policy' },
    { name: 'an escape of a character the file holds literally (reported by the scan)', ...change(replace('data.yaml', 'label: Email address', 'label: "Email\\u200Baddress\u200B"')) },
    { name: 'escapes of visible characters', ...change(replace('data.yaml', 'label: Email address', 'label: "Email\\u00E9address"')) },
  ],
  invalid: [
    {
      name: 'a YAML escape in data.yaml',
      ...change(replace('data.yaml', 'label: Email address', 'label: "Email\\u200Baddress"')),
      errors: [{ file: 'policy/data.yaml', line: 4, column: 12, endLine: 4, endColumn: 32, message: 'Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text', hint: invisibleHint }],
    },
    {
      name: 'a YAML escape in policy.yaml',
      ...change(replace('policy.yaml', 'title: Example privacy policy', 'title: "Example\\u2060policy"')),
      errors: [{ file: 'policy/policy.yaml', line: 3, column: 8, endLine: 3, endColumn: 29, message: 'Unexpected invisible character U+2060 WORD JOINER, written as an escape, expected text', hint: invisibleHint }],
    },
    {
      name: 'a reference in the title of a link whose text holds a code span that looks like one',
      ...change(replace('clauses/rights.md', 'Write to', 'And `&#x202D;` in [code `&#x202D;`](#rights "&#x202D;"). Write to')),
      errors: [{ file: 'policy/clauses/rights.md', line: 8, column: 46, endLine: 8, endColumn: 54, message: 'Unexpected invisible character U+202D LEFT-TO-RIGHT OVERRIDE, written as an escape, expected text', hint: invisibleHint }],
    },
    {
      name: 'character references in text, a link URL and title, and an image description',
      ...change(replace('clauses/rights.md', 'Write to', 'Write&#x202E; to [x](https://example.org/&#x200B; "t&#xAD;") ![a&#x200B;b](https://e.org/i.png)')),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 6, endLine: 8, endColumn: 14, message: 'Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE, written as an escape, expected text', hint: invisibleHint },
        { file: 'policy/clauses/rights.md', line: 8, column: 42, endLine: 8, endColumn: 50, message: 'Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text' },
        { file: 'policy/clauses/rights.md', line: 8, column: 53, endLine: 8, endColumn: 59, message: 'Unexpected invisible character U+00AD SOFT HYPHEN, written as an escape, expected text' },
        { file: 'policy/clauses/rights.md', line: 8, column: 65, endLine: 8, endColumn: 73, message: 'Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text' },
      ],
    },
  ],
})

ruleTester.run('forbidden-character', escapedCharacters, {
  valid: [{ name: 'the base policy' }, { name: 'a tab and a line break written as escapes', ...change(replace('data.yaml', 'label: Email address', 'label: "Email\\taddress\\n"')) }],
  invalid: [
    {
      name: 'a YAML escape in data.yaml',
      ...change(replace('data.yaml', 'label: Email address', 'label: "Email\\eaddress"')),
      errors: [{ file: 'policy/data.yaml', line: 4, column: 12, endLine: 4, endColumn: 28, message: 'Unexpected control character U+001B, written as an escape, expected text', hint: 'Delete it.' }],
    },
    {
      name: 'a YAML escape in the front matter of a clause',
      ...change(replace('clauses/rights.md', 'title: Your rights', 'title: "Your\\vrights"')),
      errors: [{ file: 'policy/clauses/rights.md', line: 3, column: 8, endLine: 3, endColumn: 22, message: 'Unexpected control character U+000B, written as an escape, expected text', hint: 'A vertical tab, often pasted from a word processor: replace it with a line break or a space.' }],
    },
  ],
})

// A context without the parsed YAML files (a caller's own, or a future stage's): the rules still
// report, without a file or a place.
const nowhere = { file: '', line: null, column: null, endLine: null, endColumn: null } as const
ruleTester.run('duplicate-id', duplicateId, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [
    {
      name: 'two contacts, without the parsed YAML',
      ...change(replace('policy.yaml', '    email: privacy@example.com\n', '    email: privacy@example.com\n  - id: privacy\n    description: Again\n    email: other@example.com\n')),
      context: withoutYaml,
      errors: [{ ...nowhere, message: 'Unexpected second contact `privacy`, expected each id once', related: { file: '', message: 'first contact `privacy`' } }],
    },
  ],
})
ruleTester.run('unknown-reference', unknownReference, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'a misspelt data category, without the parsed YAML', ...change(replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-adress]')), context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected data category `email-adress`, expected one of the data categories defined: `email-address`', expected: ['email-address'] }] }],
})
ruleTester.run('clause-file-missing', clauseFiles, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'a clause without its file, without the parsed YAML', change: { remove: ['clauses/rights.md'] }, context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected clause `rights` without a file, expected `clauses/rights.md`' }] }],
})
ruleTester.run('date-in-future', dateInFuture, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'more than a year ahead, without the parsed YAML', today: '2019-02-01', context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected last-updated date 2020-02-29, expected at most a year after today (2019-02-01), by 2020-02-01' }] }],
})
ruleTester.run('unsafe-url', unsafeUrl, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'a URL of policy.yaml, without the parsed YAML', ...change(replace('policy.yaml', 'https://ico.org.uk/make-a-complaint/', 'javascript:alert(1)')), context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected URL with the scheme `javascript:`, expected https:, http: or mailto:' }] }],
})
ruleTester.run('unknown-dpv-term', dpvTerm, {
  valid: [{ name: 'without the parsed YAML', context: withoutYaml }],
  invalid: [{ name: 'a misspelt term, without the parsed YAML', ...change(replace('data.yaml', 'dpv: EmailAddress', 'dpv: EmailAdress')), context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected DPV term `EmailAdress`, expected a class of https://w3id.org/dpv/pd#', expected: ['EmailAddress'] }] }],
})
ruleTester.run('invisible-character', escapedCharacters, {
  valid: [{ name: 'no policy.yaml', change: { remove: ['policy.yaml'] } }],
  invalid: [{ name: 'an escape in data.yaml, without policy.yaml', change: { remove: ['policy.yaml'], replace: [replace('data.yaml', 'label: Email address', 'label: "Email\\u200Baddress"')] }, errors: [{ file: 'policy/data.yaml', line: 4, column: 12, endLine: 4, endColumn: 32, message: 'Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text' }] }],
})

ruleTester.run('date-in-future', dateInFuture, { valid: [{ name: 'an invalid policy.yaml', ...invalidPolicy, today: '2020-01-01' }], invalid: [] })
ruleTester.run('unknown-dpv-term', dpvTerm, { valid: [{ name: 'an invalid data.yaml', ...invalidData }], invalid: [] })
ruleTester.run('unknown-reference', unknownReference, { valid: [{ name: 'an invalid data.yaml', ...invalidData }], invalid: [] })
ruleTester.run('duplicate-id', duplicateId, { valid: [{ name: 'an invalid policy.yaml and data.yaml', change: { replace: [...invalidPolicy.change.replace, ...invalidData.change.replace] } }], invalid: [] })
ruleTester.run('unsafe-url', unsafeUrl, {
  valid: [{ name: 'an invalid policy.yaml', ...invalidPolicy }],
  invalid: [
    {
      // The schema's `uri` format keeps an anchor out of policy.yaml; a caller's context may not.
      name: 'an in-page anchor as the controller’s website, in a context of a caller',
      context: (context) => (context.policyFields?.controller ? { ...context, policyFields: { ...context.policyFields, controller: { ...context.policyFields.controller, website: '#home' } } } : context),
      errors: [{ file: 'policy/policy.yaml', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected URL with an in-page anchor where a full URL is expected, expected https:, http: or mailto:' }],
    },
  ],
})

// Written against the survivors of a mutation run (Stryker, src/rules).
ruleTester.run('broken-anchor', brokenAnchor, {
  valid: [],
  invalid: [{ name: 'a link to the words of a paragraph, which is no heading', ...inRights('[see it](#rights--see-it)'), errors: [{ file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 26, message: 'Unexpected link to `#rights--see-it`, expected the id of a clause or heading' }] }],
})
ruleTester.run('unknown-reference', unknownReference, {
  valid: [{ name: 'a purpose naming a recipient that exists', ...change(replace('data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-address]\n    recipients: [hosting]')) }],
  invalid: [],
})
const cycle = 'expected a purpose to be nested under others, never under itself'
ruleTester.run('purpose-parent-invalid', unknownReference, {
  valid: [],
  invalid: [
    {
      name: 'a purpose under a cycle it is not part of',
      ...change(replace('data.yaml', '    group: main\n    text: to send', '    group: main\n    parent: security\n    text: to send'), replace('data.yaml', '    group: main\n    text: to keep', '    group: main\n    parent: newsletter\n    text: to keep'), replace('data.yaml', 'recipients:\n', '  - id: logs\n    group: main\n    parent: newsletter\n    text: logs;\n    lawfulBasis: [consent]\nrecipients:\n')),
      errors: [
        { file: 'policy/data.yaml', line: 14, column: 13, endLine: 14, endColumn: 21, message: `Unexpected cycle of parents through \`newsletter\`, ${cycle}` },
        { file: 'policy/data.yaml', line: 20, column: 13, endLine: 20, endColumn: 23, message: `Unexpected cycle of parents through \`security\`, ${cycle}` },
        { file: 'policy/data.yaml', line: 26, column: 13, endLine: 26, endColumn: 23, message: `Unexpected cycle of parents through \`newsletter\`, ${cycle}` },
      ],
    },
  ],
})

// GitHub Flavored Markdown: a footnote's anchors are `<clause id>---fn-<label>` and
// `---fnref-<label>` (then `-2`…), published once referenced; an autolink literal is a link, judged
// and placed as one.
ruleTester.run('broken-anchor', brokenAnchor, {
  valid: [
    {
      name: 'links to a footnote, its references and a footnote of another clause',
      change: {
        replace: [
          replace('clauses/rights.md', 'Write to', 'A note[^1], again[^1], and [^Big]. See [it](#rights---fn-1), [back](#rights---fnref-1-2), [big](#rights---fn-big) and [intro’s](#intro---fn-a). Write to'),
          replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[^1]: The note.\n[^Big]: Another.\n'),
          replace('clauses/intro.md', ' and [uses]', '[^a] and [uses]'),
          replace('clauses/intro.md', '(#intro--what-we-use-it-for).', '(#intro--what-we-use-it-for).\n\n[^a]: A note.'),
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'a third reference that is not there, a note never referenced, a footnote of a clause that has none',
      change: { replace: [replace('clauses/rights.md', 'Write to', 'A note[^1]. See [3](#rights---fnref-1-2), [u](#rights---fn-unused) and [i](#intro---fn-1). Write to'), replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[^1]: The note.\n[^unused]: Never shown.\n')] },
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 17, endLine: 8, endColumn: 41, message: 'Unexpected link to `#rights---fnref-1-2`, expected the id of a clause or heading', expected: ['#rights---fnref-1'] },
        { file: 'policy/clauses/rights.md', line: 8, column: 43, endLine: 8, endColumn: 67, message: 'Unexpected link to `#rights---fn-unused`, expected the id of a clause or heading' },
        { file: 'policy/clauses/rights.md', line: 8, column: 72, endLine: 8, endColumn: 90, message: 'Unexpected link to `#intro---fn-1`, expected the id of a clause or heading' },
      ],
    },
  ],
})
ruleTester.run('unsafe-url', unsafeUrl, {
  valid: [
    { name: 'autolink literals of the allowed schemes', ...inRights('See https://example.org/a, http://example.org, www.example.org, a@example.org and mailto:b@example.org.') },
    { name: 'bare unsafe schemes, which are no autolinks', ...inRights('Never javascript://%0Aalert(1), data:,x or ftp://example.org.') },
  ],
  invalid: [
    {
      name: 'a bare xmpp: address, an autolink literal with a scheme outside the allow-list, placed where it is written',
      ...inRights('Or xmpp:privacy@example.org/phone, or (xmpp:a@example.org).'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 4, endLine: 8, endColumn: 34, message: 'Unexpected link URL with the scheme `xmpp:`, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
        { file: 'policy/clauses/rights.md', line: 8, column: 40, endLine: 8, endColumn: 58, message: 'Unexpected link URL with the scheme `xmpp:`, expected https:, http:, mailto:, #anchor or /path', hint: urlHint },
      ],
    },
  ],
})
ruleTester.run('footnote-unreferenced', footnoteUnreferenced, {
  valid: [
    { name: 'the base policy' },
    { name: 'notes referenced, one twice, one before its note and one inside another note', change: { replace: [replace('clauses/rights.md', 'Write to', 'A[^1], b[^Two] and c[^1]. Write to'), replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[^1]: One, see[^3].\n[^two]: Two.\n[^3]: Three.\n')] } },
  ],
  invalid: [
    {
      name: 'a note never referenced, one referenced only in another clause, and a second note of a label',
      change: {
        replace: [
          replace('clauses/rights.md', 'Write to', 'A[^1]. Write to'),
          replace('clauses/rights.md', 'ICO].', 'ICO].\n\n[^1]: One.\n[^1]: One again.\n[^Lost]: Never referenced.\n[^a]: Referenced by intro only.\n'),
          replace('clauses/intro.md', ' and [uses]', '[^a] and [uses]'),
        ],
      },
      errors: [
        { file: 'policy/clauses/rights.md', line: 11, column: 1, endLine: 11, endColumn: 17, message: 'Unexpected second footnote `[^1]`, expected one note for each label: only the first is published', hint: 'Give the note a label of its own, and reference it where it belongs.' },
        { file: 'policy/clauses/rights.md', line: 12, column: 1, endLine: 12, endColumn: 27, message: 'Unexpected footnote `[^Lost]` that the clause never references, expected `[^Lost]` in its text: only referenced notes are published', hint: 'Write `[^Lost]` where the note belongs, or remove the note.' },
        { file: 'policy/clauses/rights.md', line: 13, column: 1, endLine: 13, endColumn: 32, message: 'Unexpected footnote `[^a]` that the clause never references, expected `[^a]` in its text: only referenced notes are published', hint: 'Write `[^a]` where the note belongs, or remove the note.' },
      ],
    },
  ],
})
