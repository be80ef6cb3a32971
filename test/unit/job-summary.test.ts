import { expect, test } from 'vitest'
import { diagnostic } from '../../src/diagnostics/diagnostic.ts'
import { formatJobSummary, jobSummaryLimit } from '../../src/diagnostics/job-summary.ts'

// The Markdown job summary of `--format github` ($GITHUB_STEP_SUMMARY): every diagnostic, grouped
// by file, every string of the policy as text (GitHub renders the summary's Markdown and HTML).
const span = (line: number, column: number) => ({ start: { line, column, offset: 0 }, end: { line, column: column + 1, offset: 1 } })

test('the count, then each file with its diagnostics in a table: place, severity, rule, problem and hint, and the rule’s page', () => {
  const summary = formatJobSummary(
    [
      diagnostic('unknown-reference', 'policy/data.yaml', span(3, 5), 'Unexpected data category `nothing`', { hint: 'Did you mean `email`?' }),
      diagnostic('retention-period', 'policy/data.yaml', span(9, 1), 'Missing how long the data is kept'),
      diagnostic('clause-file-missing', 'policy/clauses/extra.md', undefined, 'Missing clause file'),
    ],
    'clausewright check',
  )
  expect(summary).toBe(
    [
      '### clausewright check: 2 errors, 1 warning.',
      '',
      '#### policy/data.yaml',
      '',
      '| Line | Severity | Rule | Problem | How to fix it |',
      '| --- | --- | --- | --- | --- |',
      '| 3:5 | error | `unknown-reference` | Unexpected data category `nothing`<br>Did you mean `email`? | `docs/rules/unknown-reference.md` |',
      '| 9:1 | warning | `retention-period` | Missing how long the data is kept | `docs/rules/retention-period.md` |',
      '',
      '#### policy/clauses/extra.md',
      '',
      '| Line | Severity | Rule | Problem | How to fix it |',
      '| --- | --- | --- | --- | --- |',
      '|  | error | `clause-file-missing` | Missing clause file | `docs/rules/clause-file-missing.md` |',
      '',
    ].join('\n'),
  )
})

test('a message of the policy cannot add markup, a link, an image, a cell or a line: it is text', () => {
  const hostile = 'We **sell** it <img src=x onerror=alert(1)> [here](https://evil.example) a|b `x|<b>y</b>` \u001b[2J'
  const summary = formatJobSummary([diagnostic('unknown-reference', 'policy/<b>x|y</b>.md', span(1, 1), hostile, { hint: '# heading\n- item' })], 'clausewright check')
  const row = summary.split('\n').find((line) => line.startsWith('| 1:1 '))
  expect(row).toBe(
    '| 1:1 | error | `unknown-reference` | We \\*\\*sell\\*\\* it &lt;img src=x onerror=alert(1)&gt; \\[here\\](https://evil.example) a\\|b `x\\|<b>y</b>` \u241b\\[2J<br>\\# heading<br>\\- item | `docs/rules/unknown-reference.md` |',
  )
  expect(summary).toContain('#### policy/&lt;b&gt;x\\|y&lt;/b&gt;.md\n')
})

test('a summary that would pass GitHub’s limit stops before the file that would pass it, and says so', () => {
  const files = Array.from({ length: 40 }, (_, index) => diagnostic('unknown-reference', `policy/file-${index}.md`, span(1, 1), 'x'.repeat(40_000)))
  const summary = formatJobSummary(files, 'clausewright check')
  expect(summary.length).toBeLessThanOrEqual(jobSummaryLimit + 200)
  const shown = summary.match(/^#### /gm)?.length ?? 0
  expect(shown).toBeGreaterThan(20)
  expect(shown).toBeLessThan(40)
  expect(summary.endsWith(`\nThe summary stops here, before ${40 - shown} of 40 files, at GitHub's limit: run \`clausewright check\` to see every problem.\n`)).toBe(true)
})

test('a message’s backticks of the policy cannot close or open a code span: a duplicated key ``<img> was raw HTML', () => {
  // parse-yaml's message for the key "``<img src=https://evil.example/p.png>" given twice: GFM reads
  // "```" as literal backticks (no run of three closes it), so a code span must be one backtick a side.
  const message = 'Unexpected key ```<img src=https://evil.example/p.png>` a second time in one mapping, expected unique keys'
  const summary = formatJobSummary([diagnostic('yaml-duplicate-key', 'policy/data.yaml', span(2, 1), message)], 'clausewright check')
  expect(summary).not.toContain('<img')
  expect(summary).toContain('Unexpected key \\`\\`\\`&lt;img src=https://evil.example/p.png&gt;\\` a second time')
})

// Found by the review of the job summary: GitHub's limit is 1 MiB of the file, in bytes, and the
// summary was measured in UTF-16 code units; a policy in Japanese or Greek quoted in its messages
// made a summary of up to 3 MiB that GitHub refused whole.
test('the limit is of bytes: a summary of text of three bytes a character stops within it too', () => {
  const files = Array.from({ length: 40 }, (_, index) => diagnostic('unknown-reference', `policy/file-${index}.md`, span(1, 1), '個人情報'.repeat(10_000)))
  const summary = formatJobSummary(files, 'clausewright check')
  expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(jobSummaryLimit)
  expect(summary).toContain('The summary stops here')
  // GitHub's own limit, 1 MiB, whatever the margin kept below it, even cut a small file at a time.
  const small = Array.from({ length: 1_000 }, (_, index) => diagnostic('unknown-reference', `policy/file-${index}.md`, span(1, 1), '個'.repeat(400)))
  const cut = formatJobSummary(small, 'clausewright check')
  expect(cut).toContain('The summary stops here')
  expect(Buffer.byteLength(cut)).toBeLessThan(1024 * 1024)
})
