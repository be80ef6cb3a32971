import { fixtureChange, ruleTester, stages } from '../helpers/rule-tester.ts'

// Characters written literally (src/source/find-invisible-characters.ts), found by the scan of every file when the policy is loaded (escapes: semantic.rules.ts).
ruleTester.run('invisible-character', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A right-to-left override and a zero-width space',
      change: fixtureChange('invisible-character'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 6, endLine: 8, endColumn: 7, message: 'Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE', hint: 'Delete it: it changes how the text displays without being seen.' },
        { file: 'policy/clauses/rights.md', line: 8, column: 10, endLine: 8, endColumn: 11, message: 'Unexpected invisible character U+200B ZERO WIDTH SPACE', hint: 'Delete it: it changes how the text displays without being seen.' },
      ],
    },
  ],
})

ruleTester.run('forbidden-character', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A vertical tab pasted from a word processor, and U+FFFE',
      change: fixtureChange('forbidden-character'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 6, endLine: 8, endColumn: 7, message: 'Unexpected control character U+000B, expected text', hint: 'A vertical tab, often pasted from a word processor: replace it with a line break or a space.' },
        { file: 'policy/clauses/rights.md', line: 8, column: 9, endLine: 8, endColumn: 10, message: 'Unexpected noncharacter U+FFFE, expected text', hint: 'Delete it.' },
      ],
    },
  ],
})

