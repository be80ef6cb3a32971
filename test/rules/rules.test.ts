import { expect, test } from 'vitest'
import { ruleIds } from '../../src/diagnostics/rules.ts'
import { ledger } from '../helpers/rule-tester.ts'
// Each module registers the cases of one family of rules with the rule tester (test/helpers/rule-tester.ts).
import './source.rules.ts'
import './characters.rules.ts'
import './yaml.rules.ts'
import './schema.rules.ts'
import './markdown.rules.ts'
import './semantic.rules.ts'
import './directives.rules.ts'
import './compliance.rules.ts'
import './versions.rules.ts'
import './aliases.rules.ts'

// Runs after every case above (the tests of a file run in order): read from what the rule tester
// ran and passed, not from the text of the test files.
test('every rule of the catalogue has a valid and an invalid case that passed in the rule tester', () => {
  const lacking = ruleIds.filter((id) => !(ledger.get(id)?.valid && ledger.get(id)?.invalid))
  expect(lacking).toEqual([])
})
