import { fixtureChange, ruleTester, stages } from '../helpers/rule-tester.ts'

// The schema rules (src/validate), run by the loading stage in memory (no rule runs) and filtered to each rule: the invalid cases reuse the policies of the golden cases
// (test/fixtures/check).
ruleTester.run('schema-required', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A required field is missing',
      change: fixtureChange('schema-required'),
      errors: [
        { file: 'policy/policy.yaml', line: 2, column: 1, endLine: 2, endColumn: 3, message: 'Missing field `language` in the top level', hint: 'Add `language:`. The BCP 47 language tag of the text (e.g. `en-GB`).' },
      ],
    },
  ],
})

ruleTester.run('schema-unknown-field', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A misspelt field',
      change: fixtureChange('schema-unknown-field'),
      errors: [
        { file: 'policy/policy.yaml', line: 4, column: 1, endLine: 4, endColumn: 9, message: 'Unexpected field `langauge` in the top level, expected one of `id`, `title`, `language`, `lastUpdated`, `controller`, `contacts`, `supervisoryAuthority`, `clauses`, `representative`, `dataProtectionOfficer`, `automatedDecisionMaking`, `dateFormat`', expected: ['language'], hint: 'Did you mean `language`?' },
      ],
    },
  ],
})

ruleTester.run('schema-type', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A string where a list is expected',
      change: fixtureChange('schema-type'),
      errors: [
        { file: 'policy/policy.yaml', line: 18, column: 10, endLine: 18, endColumn: 15, message: 'Unexpected text "intro" in `clauses`, expected a list' },
      ],
    },
  ],
})

ruleTester.run('schema-enum', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A misspelt lawful basis',
      change: fixtureChange('schema-enum'),
      errors: [
        { file: 'policy/data.yaml', line: 15, column: 19, endLine: 15, endColumn: 25, message: 'Unexpected `consnt` in `purposes[0].lawfulBasis[0]`, expected one of `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests`', expected: ['consent'], hint: 'Did you mean `consent`?' },
      ],
    },
    {
      name: 'A schema error under a key holding `/` and `~`, which a JSON Pointer escapes (~1, ~0): positioned at the value, not the file',
      change: fixtureChange('schema-enum--escaped-pointer'),
      errors: [
        { file: 'policy/compliance.yaml', line: 3, column: 15, endLine: 3, endColumn: 20, message: 'Unexpected `never` in `rules.retention/period~2.severity`, expected one of `error`, `warning`, `info`, `disabled`' },
      ],
    },
  ],
})

ruleTester.run('schema-format', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'An invalid email address',
      change: fixtureChange('schema-format'),
      errors: [
        { file: 'policy/policy.yaml', line: 14, column: 12, endLine: 14, endColumn: 34, message: 'Unexpected `privacy-at-example.com` in `contacts[0].email`, expected an email address' },
      ],
    },
  ],
})

ruleTester.run('schema-pattern', stages.load, {
  valid: [{ name: 'the base policy' }, { name: 'an id of letters, digits and single hyphens', change: { replace: [{ file: 'policy.yaml', find: 'id: example-policy', with: 'id: example-2-policy' }] } }],
  invalid: [
    {
      name: 'An id with capitals and spaces',
      change: fixtureChange('schema-pattern'),
      errors: [
        { file: 'policy/policy.yaml', line: 2, column: 5, endLine: 2, endColumn: 19, message: 'Unexpected `Example Policy` in `id`, expected an id of lower-case letters and digits joined by single hyphens (e.g. `email-address`)' },
      ],
    },
  ],
})

ruleTester.run('schema-constraint', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'An empty clause order',
      change: fixtureChange('schema-constraint'),
      errors: [
        { file: 'policy/policy.yaml', line: 18, column: 10, endLine: 18, endColumn: 12, message: 'Unexpected short list in `clauses`, expected at least 1 item' },
      ],
    },
  ],
})

ruleTester.run('date-invalid', stages.load, {
  valid: [{ name: 'the base policy' }, { name: '29 February of a leap year', change: { replace: [{ file: 'policy.yaml', find: 'lastUpdated: 2020-02-29', with: 'lastUpdated: 2024-02-29' }] } }],
  invalid: [
    {
      name: '29 February of a year that is not a leap year',
      change: fixtureChange('date-invalid'),
      errors: [
        { file: 'policy/policy.yaml', line: 5, column: 14, endLine: 5, endColumn: 24, message: 'Unexpected `2019-02-29` in `lastUpdated`, expected a real date written YYYY-MM-DD' },
      ],
    },
  ],
})

