import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { decodePointer, validateYaml } from '../../src/validate/validate-yaml.ts'
import { parseYaml } from '../../src/yaml/parse-yaml.ts'
import { basePolicy } from '../helpers/fixture-policy.ts'

// The one adapter from ajv's errors to diagnostics, on the base fixture changed one field at a
// time: each schema keyword with its rule, its span in the file, its message, hint and suggestion.
const policyYaml = readFileSync(path.join(basePolicy, 'policy.yaml'), 'utf8')
const dataYaml = readFileSync(path.join(basePolicy, 'data.yaml'), 'utf8')

function replaced(text: string, find: string, replacement: string): string {
  if (!text.includes(find)) throw new Error(`the fixture does not contain ${JSON.stringify(find)}`)
  return text.replace(find, replacement)
}

function problems(schema: 'policy' | 'data', text: string) {
  const parsed = parseYaml({ path: `policy/${schema}.yaml`, name: `${schema}.yaml`, text })
  return validateYaml(parsed, schema).map(({ ruleId, span, message, hint, expected }) => ({
    ruleId,
    at: span && `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`,
    message,
    ...(hint !== undefined && { hint }),
    ...(expected !== undefined && { expected }),
  }))
}

const policy = (find: string, replacement: string) => problems('policy', replaced(policyYaml, find, replacement))
const topLevelFields = '`id`, `title`, `language`, `lastUpdated`, `controller`, `contacts`, `supervisoryAuthority`, `clauses`, `representative`, `dataProtectionOfficer`, `automatedDecisionMaking`, `dateFormat`'
const controllerFields = '`legalName`, `name`, `companyNumber`, `registry`, `postalAddress`, `website`, `country`'

test('the base fixture is valid, and YAML that did not parse is not validated', () => {
  expect(problems('policy', policyYaml)).toEqual([])
  expect(problems('data', dataYaml)).toEqual([])
  expect(problems('policy', `${policyYaml}id: again\nunknown: 1\n`)).toEqual([])
})

describe('fields', () => {
  test('an unknown field, at its key, with the fields allowed and the closest one', () => {
    expect(policy('  name: Example\n', '  nmae: Example\n')).toEqual([
      { ruleId: 'schema-unknown-field', at: '8:3-8:7', message: `Unexpected field \`nmae\` in \`controller\`, expected one of ${controllerFields}`, hint: 'Did you mean `name`?', expected: ['name'] },
    ])
  })

  test('an unknown field like none allowed, at the top level', () => {
    expect(policy('automatedDecisionMaking:\n', 'zzzzzzzz: 1\nautomatedDecisionMaking:\n')).toEqual([
      { ruleId: 'schema-unknown-field', at: '23:1-23:9', message: `Unexpected field \`zzzzzzzz\` in the top level, expected one of ${topLevelFields}` },
    ])
  })

  test('a missing field, at the first key of its mapping, with the field\'s description', () => {
    expect(policy('  legalName: Example Limited\n', '')).toEqual([
      { ruleId: 'schema-required', at: '7:3-7:7', message: 'Missing field `legalName` in `controller`', hint: 'Add `legalName:`. The registered legal name (e.g. `OPTSM Limited`).' },
    ])
    expect(policy('title: Example privacy policy\n', '')).toEqual([
      { ruleId: 'schema-required', at: '2:1-2:3', message: 'Missing field `title` in the top level', hint: "Add `title:`. The policy's title, shown as its main heading." },
    ])
  })
})

describe('types', () => {
  test('a number or a boolean where text is expected is YAML reading it so: quote it, as written', () => {
    expect(policy('companyNumber: "01234567"', 'companyNumber: 0x1F')).toEqual([
      { ruleId: 'yaml-implicit-type', at: '9:18-9:22', message: 'Unexpected number 31 in `controller.companyNumber`, expected text', hint: 'YAML reads unquoted `0x1F` as a number 31: quote it ("0x1F").' },
    ])
    expect(policy('  name: Example\n', '  name: true\n')).toEqual([
      { ruleId: 'yaml-implicit-type', at: '8:9-8:13', message: 'Unexpected boolean true in `controller.name`, expected text', hint: 'YAML reads unquoted `true` as a boolean true: quote it ("true").' },
    ])
  })

  test('a list where text is expected, a text where a list or a mapping is', () => {
    expect(policy('  name: Example\n', '  name:\n    - a\n')).toEqual([{ ruleId: 'schema-type', at: '9:5-10:1', message: 'Unexpected list in `controller.name`, expected text' }])
    expect(policy('clauses:\n  - intro\n  - rights\n', 'clauses: intro\n')).toEqual([{ ruleId: 'schema-type', at: '18:10-18:15', message: 'Unexpected text "intro" in `clauses`, expected a list' }])
    expect(policy('supervisoryAuthority:\n  name: Information Commissioner’s Office\n  url: https://ico.org.uk/make-a-complaint/\n', 'supervisoryAuthority: 12\n')).toEqual([
      { ruleId: 'schema-type', at: '15:23-15:25', message: 'Unexpected number 12 in `supervisoryAuthority`, expected a mapping' },
    ])
  })

  test('text where true or false is expected, quoted or not: YAML 1.2 reads no as text', () => {
    const hint = 'Write `true` or `false`: YAML 1.2 reads yes/no/on/off as text.'
    expect(policy('  designated: false', '  designated: "no"')).toEqual([{ ruleId: 'schema-type', at: '22:15-22:19', message: 'Unexpected text "no" in `dataProtectionOfficer.designated`, expected true or false', hint }])
    expect(policy('  designated: false', '  designated: nope')).toEqual([{ ruleId: 'schema-type', at: '22:15-22:19', message: 'Unexpected text "nope" in `dataProtectionOfficer.designated`, expected true or false', hint }])
    expect(policy('  designated: false', '  designated: 1')).toEqual([{ ruleId: 'schema-type', at: '22:15-22:16', message: 'Unexpected number 1 in `dataProtectionOfficer.designated`, expected true or false' }])
  })
})

describe('values', () => {
  test('a value not among those allowed, with the closest one, or none when nothing is close', () => {
    const allowed = '`consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests`'
    expect(problems('data', replaced(dataYaml, 'lawfulBasis: [consent]', 'lawfulBasis: [consnt]'))).toEqual([
      { ruleId: 'schema-enum', at: '15:19-15:25', message: `Unexpected \`consnt\` in \`purposes[0].lawfulBasis[0]\`, expected one of ${allowed}`, hint: 'Did you mean `consent`?', expected: ['consent'] },
    ])
    expect(problems('data', replaced(dataYaml, 'lawfulBasis: [consent]', 'lawfulBasis: [zzzzzz]'))).toEqual([
      { ruleId: 'schema-enum', at: '15:19-15:25', message: `Unexpected \`zzzzzz\` in \`purposes[0].lawfulBasis[0]\`, expected one of ${allowed}` },
    ])
    expect(problems('data', replaced(dataYaml, 'lawfulBasis: [consent]', 'lawfulBasis: [{a: 1}]'))[0]?.message).toBe(`Unexpected \`mapping\` in \`purposes[0].lawfulBasis[0]\`, expected one of ${allowed}`)
  })

  test('a date, an email address and a URL that are not', () => {
    expect(policy('lastUpdated: 2020-02-29', 'lastUpdated: 2020-02-30')).toEqual([{ ruleId: 'date-invalid', at: '5:14-5:24', message: 'Unexpected `2020-02-30` in `lastUpdated`, expected a real date written YYYY-MM-DD' }])
    expect(policy('privacy@example.com', 'not-an-email')).toEqual([{ ruleId: 'schema-format', at: '14:12-14:24', message: 'Unexpected `not-an-email` in `contacts[0].email`, expected an email address' }])
    expect(policy('https://ico.org.uk/make-a-complaint/', 'ico.org.uk')).toEqual([{ ruleId: 'schema-format', at: '17:8-17:18', message: 'Unexpected `ico.org.uk` in `supervisoryAuthority.url`, expected an absolute URL (https://…)' }])
  })

  test('an id that is not one, and text that does not match another pattern', () => {
    const id = 'expected an id of lower-case letters and digits joined by single hyphens (e.g. `email-address`)'
    expect(policy('id: example-policy', 'id: Example_Policy')).toEqual([{ ruleId: 'schema-pattern', at: '2:5-2:19', message: `Unexpected \`Example_Policy\` in \`id\`, ${id}` }])
    expect(policy('  - id: privacy\n', '  - id: Privacy\n')).toEqual([{ ruleId: 'schema-pattern', at: '12:9-12:16', message: `Unexpected \`Privacy\` in \`contacts[0].id\`, ${id}` }])
    expect(policy('language: en-GB', 'language: english')).toEqual([{ ruleId: 'schema-pattern', at: '4:11-4:18', message: 'Unexpected `english` in `language`, expected text matching `^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`' }])
  })

  test('a list or a text too short, and any other constraint in ajv\'s words', () => {
    expect(policy('clauses:\n  - intro\n  - rights\n', 'clauses: []\n')).toEqual([{ ruleId: 'schema-constraint', at: '18:10-18:12', message: 'Unexpected short list in `clauses`, expected at least 1 item' }])
    expect(policy('title: Example privacy policy', 'title: ""')).toEqual([{ ruleId: 'schema-constraint', at: '3:8-3:10', message: 'Unexpected short text in `title`, expected at least 1 character' }])
    expect(policy('id: example-policy', `id: ${'a'.repeat(65)}`)).toEqual([{ ruleId: 'schema-constraint', at: '2:5-2:70', message: 'Unexpected value in `id`: it must NOT have more than 64 characters' }])
  })
})

test.each([
  ['', []],
  ['/controller', ['controller']],
  ['/contacts/0/email', ['contacts', '0', 'email']],
  ['/a~1b/c~0d/~01', ['a/b', 'c~d', '~1']],
])('decodePointer(%j)', (pointer, segments) => {
  expect(decodePointer(pointer)).toEqual(segments)
})
