import { fixtureChange, ruleTester, stages } from '../helpers/rule-tester.ts'

// The rules of YAML loading (src/yaml), run by the loading stage in memory (no rule runs) and filtered to each rule: the invalid cases reuse the policies of the golden cases
// (test/fixtures/check).
ruleTester.run('yaml-syntax', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'An unclosed flow sequence',
      change: fixtureChange('yaml-syntax'),
      errors: [
        { file: 'policy/policy.yaml', line: 4, column: 1, endLine: 4, endColumn: 2, message: 'Flow sequence in block collection must be sufficiently indented and end with a ] (BAD_INDENT)' },
      ],
    },
  ],
})

ruleTester.run('yaml-ambiguous', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'An anchor whose name ends in a colon: the yaml library reads it, with a warning',
      change: fixtureChange('yaml-ambiguous'),
      errors: [
        { file: 'policy/policy.yaml', line: 4, column: 20, endLine: 4, endColumn: 21, message: 'Anchor ending in : is ambiguous (BAD_ALIAS)' },
      ],
    },
  ],
})

ruleTester.run('yaml-duplicate-key', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'The same key twice',
      change: fixtureChange('yaml-duplicate-key'),
      errors: [
        { file: 'policy/policy.yaml', line: 5, column: 1, endLine: 5, endColumn: 9, message: 'Unexpected key `language` a second time in one mapping, expected unique keys', hint: 'Keep one of the two entries.' },
      ],
    },
  ],
})

ruleTester.run('yaml-version', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A %YAML 1.1 directive',
      change: fixtureChange('yaml-version'),
      errors: [
        { file: 'policy/policy.yaml', line: 1, column: 1, endLine: 1, endColumn: 6, message: 'Unexpected %YAML directive, expected none: policy files are read as YAML 1.2', hint: 'Remove the directive line.' },
      ],
    },
  ],
})

ruleTester.run('yaml-tag', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A standard tag',
      change: fixtureChange('yaml-tag'),
      errors: [
        { file: 'policy/policy.yaml', line: 5, column: 26, endLine: 5, endColumn: 36, message: 'Unexpected tag `tag:yaml.org,2002:timestamp`, expected plain data', hint: 'Remove the tag; quote the value if it is text.' },
      ],
    },
    {
      name: 'A custom tag such as !include',
      change: fixtureChange('yaml-tag--custom'),
      errors: [
        { file: 'policy/policy.yaml', line: 3, column: 17, endLine: 3, endColumn: 27, message: 'Unexpected tag `!include`, expected plain data', hint: 'Remove the tag; quote the value if it is text.' },
      ],
    },
  ],
})

ruleTester.run('yaml-merge-key', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A merge key',
      change: fixtureChange('yaml-merge-key'),
      errors: [
        { file: 'policy/policy.yaml', line: 9, column: 3, endLine: 9, endColumn: 5, message: 'Unexpected merge key `<<`, expected a plain key', hint: 'Write the fields out in full.' },
      ],
    },
  ],
})

ruleTester.run('yaml-multiple-documents', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'Two documents in one file',
      change: fixtureChange('yaml-multiple-documents'),
      errors: [
        { file: 'policy/data.yaml', line: 34, column: 1, endLine: 34, endColumn: 4, message: 'Unexpected second YAML document, expected one document per file', hint: 'Remove the `---` line, or move the second document to a file of its own.' },
      ],
    },
  ],
})

ruleTester.run('yaml-alias', stages.load, {
  valid: [{ name: 'the base policy' }, { name: '16 anchors and aliases', change: { replace: [{ file: 'data.yaml', find: '    dataCategories: [email-address]', with: '    dataCategories: [&e email-address, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e, *e]' }] } }],
  invalid: [
    {
      name: 'More aliases than the limit',
      change: fixtureChange('yaml-alias'),
      errors: [
        { file: 'policy/data.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'Unexpected 17 anchors and aliases, expected at most 16', hint: 'Write the values out in full.' },
      ],
    },
  ],
})

ruleTester.run('yaml-forbidden-key', stages.load, {
  valid: [{ name: 'the base policy' }, { name: 'a key that merely contains proto', change: { replace: [{ file: 'policy.yaml', find: '  name: Example\n', with: '  name: Example\n  registry_proto: x\n' }] } }],
  invalid: [
    {
      name: 'A __proto__ key',
      change: fixtureChange('yaml-forbidden-key'),
      errors: [
        { file: 'policy/policy.yaml', line: 9, column: 3, endLine: 9, endColumn: 12, message: 'Unexpected key `__proto__`, expected a field of the schema' },
      ],
    },
  ],
})

ruleTester.run('yaml-1-1-boolean', stages.load, {
  valid: [{ name: 'the base policy' }, { name: 'a quoted no', change: { replace: [{ file: 'policy.yaml', find: 'description: Privacy requests', with: 'description: "no"' }] } }],
  invalid: [
    {
      name: 'A plain no, which YAML 1.1 reads as false',
      change: fixtureChange('yaml-1-1-boolean'),
      errors: [
        { file: 'policy/policy.yaml', line: 13, column: 18, endLine: 13, endColumn: 20, message: 'Unexpected plain `no`: YAML 1.2 reads it as text, YAML 1.1 tools as a boolean', hint: 'Quote it ("no") if it is text, or write true/false.' },
      ],
    },
  ],
})

ruleTester.run('yaml-implicit-type', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'An unquoted company number is a number',
      change: fixtureChange('yaml-implicit-type'),
      errors: [
        { file: 'policy/policy.yaml', line: 9, column: 18, endLine: 9, endColumn: 25, message: 'Unexpected number 1234567 in `controller.companyNumber`, expected text', hint: 'YAML reads unquoted `1234567` as a number 1234567: quote it ("1234567").' },
      ],
    },
  ],
})

ruleTester.run('nesting-too-deep', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'YAML flow collections nested beyond the budget',
      change: fixtureChange('nesting-too-deep'),
      errors: [
        { file: 'policy/data.yaml', line: 4, column: 36, endLine: 4, endColumn: 37, message: 'Unexpected nesting deeper than 24 levels', hint: 'Flatten the structure; policy data is never this deep.' },
      ],
    },
  ],
})

