import { fixtureChange, ruleTester, stages } from '../helpers/rule-tester.ts'

// The rules of Markdown loading (src/markdown), run by the loading stage in memory (no rule runs) and filtered to each rule: the invalid cases reuse the policies of the golden cases
// (test/fixtures/check).
ruleTester.run('front-matter-missing', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A clause file without front matter',
      change: fixtureChange('front-matter-missing'),
      errors: [
        { file: 'policy/clauses/extra.md', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'Missing front matter, expected the clause to start with `---`, its `id` and `title`, and `---`', hint: 'Start the file with:\n---\nid: my-clause\ntitle: My clause\n---' },
      ],
    },
  ],
})

ruleTester.run('clause-empty', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'A clause with only front matter',
      change: fixtureChange('clause-empty'),
      errors: [
        { file: 'policy/clauses/empty.md', line: 4, column: 4, endLine: 4, endColumn: 4, message: 'Unexpected clause without text, expected Markdown after the front matter', hint: 'Write the clause, or remove it and its entry in policy.yaml `clauses`.' },
      ],
    },
  ],
})

ruleTester.run('nesting-too-deep', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: 'Block quotes nested beyond the budget',
      change: fixtureChange('nesting-too-deep--markdown'),
      errors: [
        { file: 'policy/clauses/deep.md', line: 6, column: 45, endLine: 6, endColumn: 45, message: 'Unexpected Markdown nested deeper than 16 levels of lists or quotes', hint: 'Flatten the lists; a reader cannot follow this depth either.' },
      ],
    },
  ],
})

ruleTester.run('markdown-too-complex', stages.load, {
  valid: [{ name: 'the base policy' }],
  invalid: [
    {
      name: "Brackets left open, nested beyond the budget: micromark's time grows faster than their square",
      change: fixtureChange('markdown-too-complex'),
      errors: [
        { file: 'policy/clauses/rights.md', line: 8, column: 80, endLine: 8, endColumn: 80, message: 'Unexpected `[` nested 17 levels deep in one paragraph, expected at most 16: the time to parse nested brackets grows faster than their square', hint: 'Close the brackets, or escape a literal one (`\\[`).' },
      ],
    },
  ],
})

