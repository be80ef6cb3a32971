import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { checkPolicy } from '../../src/check.ts'
import { parseClause } from '../../src/markdown/parse-clause.ts'
import { createMarkdownMeter } from '../../src/markdown/markdown-complexity.ts'
import { budgets } from '../../src/source/budgets.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { makePolicy, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { compile } from '../../src/compile/compile.ts'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'

// micromark's time grows faster than the text on these constructs (bench/results.md, section
// markdown): each is refused before it is parsed, at the character where the budget runs out.
const frontMatter = '---\nid: rights\ntitle: Your rights\n---\n\n'
// The front matter is a paragraph too: 38 characters with two tries (the colons).
const frontMatterCost = 2 * 38
const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ',')
const tries = new Set([...'!&*<[\\]_`:~'])

/** The column of a one-line paragraph at which (tries so far) × (characters so far) exceeds what is left of the budget. */
function columnOverBudget(line: string, allowance = budgets.maxMarkdownBacktracking - frontMatterCost): number | undefined {
  let count = 0
  for (let column = 1; column <= line.length; column++) {
    if (tries.has(line.charAt(column - 1))) count++
    if (count * column > allowance) return column
  }
  return undefined
}

/** The shortest repetition of `unit` whose line (with its line ending) exceeds the backtracking budget. */
function justOver(unit: string): string {
  const allowance = budgets.maxMarkdownBacktracking - frontMatterCost
  let count = Math.floor(Math.sqrt(allowance / unit.length))
  while (columnOverBudget(`${unit.repeat(count)}\n`, allowance) !== undefined) count--
  while (columnOverBudget(`${unit.repeat(count)}\n`, allowance) === undefined) count++
  return unit.repeat(count)
}

function clause(body: string) {
  return parseClause({ path: 'policy/clauses/rights.md', name: 'clauses/rights.md', text: frontMatter + body })
}

// (`:a[` left open nests its brackets: see the test of nesting below.)
const backtracking = ['[a](', '![a](', '[a](b "', '[a](<', '*a', '**a', '*a_', '*a* ', '_a', '<!--', '<a ', ':a{', ':a[b]{', '[a]', '\\', '`a', '&a', '~~a', '~~a~~ ']

test.each(backtracking)('unclosed or repeated %j in one paragraph is refused where the budget runs out', (unit) => {
  const line = justOver(unit)
  const parsed = clause(`${line}\n`)
  expect(parsed.tree).toBeUndefined()
  expect(parsed.diagnostics).toHaveLength(1)
  const [found] = parsed.diagnostics
  expect(found).toMatchObject({ ruleId: 'markdown-too-complex', severity: 'error', file: 'policy/clauses/rights.md', span: { start: { line: 6, column: columnOverBudget(`${line}\n`) } } })
  expect(found?.message).toMatch(new RegExp(`^Unexpected Markdown too complex to parse in time: \\d+ marks that open a link, emphasis, code, HTML or a directive .* in a paragraph of \\d+ characters so far, expected at most ${grouped(budgets.maxMarkdownBacktracking)}`))
  expect(found?.hint).toContain('split the paragraph with blank lines')
  // One repetition fewer is within the budget: the meter lets it through to the parser.
  expect(createMarkdownMeter().measure(frontMatter + line.slice(unit.length) + '\n')).toBeUndefined()
})

test('a paragraph of several lines is measured as a whole, and a blank line starts a new one', () => {
  const lines = `${justOver('[a](\n')}[a](\n`
  const parsed = clause(lines)
  const over = columnOverBudget(lines) ?? 0
  expect(parsed.diagnostics.map((item) => [item.ruleId, item.span?.start.line])).toEqual([['markdown-too-complex', 6 + lines.slice(0, over - 1).split('\n').length - 1]])
  // The same lines, each its own paragraph (a blank line between), cost next to nothing.
  expect(createMarkdownMeter().measure(frontMatter + lines.replaceAll('\n', '\n\n'))).toBeUndefined()
  // A line of block quote markers is blank too; four spaces before `>` make it text.
  expect(createMarkdownMeter().measure(frontMatter + lines.replaceAll('\n', '\n> >\n'))).toBeUndefined()
  expect(createMarkdownMeter().measure(frontMatter + lines.replaceAll('\n', '\n    >\n'))?.message).toMatch(/too complex/)
})

test('brackets nested deeper than the budget are refused at the first one too deep', () => {
  const depth = budgets.maxMarkdownDepth
  for (const opener of ['[', '![', ':a[']) {
    const over = clause(`Text ${opener.repeat(depth + 1)}a${'](b)'.repeat(depth + 1)}\n`)
    expect(over.diagnostics.map((item) => [item.ruleId, item.span?.start.line, item.span?.start.column, item.message])).toEqual([
      ['markdown-too-complex', 6, 6 + opener.length * depth + opener.length - 1, `Unexpected \`[\` nested ${depth + 1} levels deep in one paragraph, expected at most ${depth}: the time to parse nested brackets grows faster than their square`],
    ])
    expect(clause(`Text ${opener.repeat(depth)}a${'](b)'.repeat(depth)}\n`).diagnostics.filter((item) => item.ruleId === 'markdown-too-complex')).toEqual([])
  }
})

test('container directives beyond the budget are refused at the first one too many', () => {
  const count = budgets.maxMarkdownContainerDirectives
  const over = clause(':::a\n'.repeat(count + 1))
  expect(over.diagnostics.map((item) => [item.ruleId, item.span?.start.line, item.span?.start.column])).toEqual([['markdown-too-complex', 6 + count, 1]])
  expect(over.diagnostics[0]?.message).toBe(`Unexpected container directive (\`:::\`) number ${count + 1}, expected at most ${count} in a file: each costs the parser work on every line after it`)
  // Behind block quote and list markers too.
  expect(clause('> - :::a\n'.repeat(count + 1)).diagnostics[0]).toMatchObject({ ruleId: 'markdown-too-complex', span: { start: { line: 6 + count, column: 5 } } })
  expect(createMarkdownMeter().measure(frontMatter + ':::a\n'.repeat(count))).toBeUndefined()
})

test.each([
  ['paragraphs', 'a\n\n'],
  ['headings', '# a\n'],
  ['hard breaks', 'a  \n'],
])('more lines and marks than the budget (%s) are refused at the line where it runs out', (_, unit) => {
  // Front matter: 4 lines and 2 colons, then the blank line 5: 17 marks; each line after counts 3.
  const line = 5 + Math.floor((budgets.maxMarkdownMarks - 17) / 3) + 1
  const linesPerUnit = unit.split('\n').length - 1
  const units = Math.ceil((line - 5) / linesPerUnit)
  const parsed = clause(unit.repeat(units))
  expect(parsed.diagnostics.map((item) => [item.ruleId, item.span?.start.line])).toEqual([['markdown-too-complex', line]])
  expect(parsed.diagnostics[0]?.message).toBe(`Unexpected Markdown too long to parse in time: more than ${grouped(budgets.maxMarkdownMarks)} marks (each line counts 3, each \`[\`, \`]\`, \`(\`, \`*\`, \`_\`, \`<\`, \`:\`, \`\` \` \`\`… 1) in a file`)
  expect(createMarkdownMeter().measure(frontMatter + `${unit.repeat(units)}`.split('\n').slice(0, line - 6).join('\n'))).toBeUndefined()
})

test('separate lists and block quotes beyond the budget are refused at the line of the marker where it runs out', () => {
  // Each unit closes a list (or a quote) with a paragraph: micromark's work on each grows with the text.
  for (const unit of ['- a\n\nb\n\n', '> a\n\nb\n\n', '1. a\n\nb\n\n']) {
    // Lines 1–5 (front matter, blank) hold 17 marks and two markers (the `---`, which could underline
    // a heading); each line adds 3 marks and a `>` 1. The budget is checked at each line that is
    // not blank, against the marks up to its end.
    const quote = unit.startsWith('>') ? 1 : 0
    let marks = 17
    let markers = 2
    let line = 5
    let units = 0
    for (;;) {
      units++
      markers++
      line++
      if (markers * (marks + 3 + quote) > budgets.maxMarkdownContainerWork) break
      marks += 6 + quote
      line += 2
      if (markers * (marks + 3) > budgets.maxMarkdownContainerWork) break
      marks += 6
      line++
    }
    const parsed = clause(unit.repeat(units))
    expect(parsed.diagnostics.map((item) => [item.ruleId, item.span?.start.line, item.span?.start.column])).toEqual([['markdown-too-complex', line, 1]])
    expect(parsed.diagnostics[0]?.message).toMatch(new RegExp(`^Unexpected Markdown too complex to parse in time: ${markers} block quote, list, footnote and heading underline markers in a text of \\d+ marks so far, expected at most ${grouped(budgets.maxMarkdownContainerWork)} \\(markers × marks\\)$`))
    expect(createMarkdownMeter().measure(frontMatter + unit.repeat(units - 1))).toBeUndefined()
  }
  // Underlined headings too: each `===` line counts as a marker.
  let headings = 0
  let line = 5
  for (let marks = 17, markers = 2; ; ) {
    headings++
    line++
    if (markers * (marks + 3) > budgets.maxMarkdownContainerWork) break
    marks += 3
    markers++
    line++
    if (markers * (marks + 3) > budgets.maxMarkdownContainerWork) break
    marks += 3
  }
  expect(clause('a\n===\n'.repeat(headings)).diagnostics.map((item) => [item.ruleId, item.span?.start.line])).toEqual([['markdown-too-complex', line]])
  expect(createMarkdownMeter().measure(frontMatter + 'a\n===\n'.repeat(headings - 1))).toBeUndefined()
  // A long list of links passes (each item's marker counts, against a short text).
  expect(createMarkdownMeter().measure(frontMatter + '- [a](#b) c\n'.repeat(300))).toBeUndefined()
})

test('check refuses the issue’s reproduction (`[a](` appended 120,000 times) with exit 1, file, line and column', async () => {
  const cwd = await makePolicy({ description: 'unclosed links', replace: [{ file: 'clauses/rights.md', find: 'complain to the :authority[ICO].', with: `complain to the :authority[ICO].${'[a]('.repeat(120_000)}` }] })
  const result = await runCli(['check', '--format', 'json'], cwd)
  expect(result.code).toBe(1)
  const diagnostics = JSON.parse(result.stdout) as Array<{ ruleId: string; file: string; line: number; column: number }>
  // The clause is not parsed, but it is there: what links to it, and policy.yaml's entry, find it
  // (they reported it missing besides, before `check` reported every problem in one run).
  expect(diagnostics.map((item) => [item.ruleId, item.file])).toEqual([['markdown-too-complex', 'policy/clauses/rights.md']])
  const found = diagnostics.find((item) => item.ruleId === 'markdown-too-complex')
  // Line 8 holds the paragraph; the budget runs out some 2,500 repetitions into it, not at its end.
  expect(found?.line).toBe(8)
  expect(found?.column).toBeLessThan(20_000)
})

test('the texts of data.yaml share one budget, positioned in data.yaml', async () => {
  // Two purposes' texts, each within the budget alone, over it together.
  const half = '*a'.repeat(Math.ceil(Math.sqrt(budgets.maxMarkdownBacktracking / 2) * 0.8))
  const cwd = await makePolicy({
    description: 'complex data texts',
    replace: [
      { file: 'data.yaml', find: 'text: to send you our newsletter;', with: `text: "${half}"` },
      { file: 'data.yaml', find: 'text: to keep our [rights](#rights) and website secure.', with: `text: "${half}"` },
    ],
  })
  const sources = await readPolicy('policy', { cwd })
  const data = sources.data?.text ?? ''
  const second = data.split('\n').findIndex((line, index) => line.includes(half) && index > data.split('\n').findIndex((other) => other.includes(half)))
  const { diagnostics } = checkPolicy(sources, { today: '2026-01-01' })
  const found = diagnostics.filter((item) => item.ruleId === 'markdown-too-complex')
  expect(found).toHaveLength(1)
  expect(found[0]?.file).toBe('policy/data.yaml')
  expect(found[0]?.span?.start.line).toBe(second + 1)
  expect(found[0]?.message).toMatch(/^Unexpected Markdown too complex to parse in time/)
})

// CI lays ../shared beside the clone (a worktree has it one level further up).
const corpus = [process.env['CLAUSEWRIGHT_CORPUS'], path.join(repoRoot, '..', 'shared', 'corpus'), path.join(repoRoot, '..', '..', 'shared', 'corpus')]
  .filter((directory): directory is string => directory !== undefined)
  .map((directory) => path.join(directory, 'github-privacy-statement'))
  .find((directory) => existsSync(directory))

test('every real policy passes the budget: the OPTSM clauses and the 88 versions of GitHub’s privacy statement', () => {
  // A clone without ../shared fails here, saying what is missing, rather than skipping.
  if (corpus === undefined) throw new Error('The corpus is missing: put the shared directory beside the clone, or set CLAUSEWRIGHT_CORPUS')
  const files = [
    ...readdirSync(path.join(repoRoot, 'policy', 'clauses')).map((name) => path.join(repoRoot, 'policy', 'clauses', name)),
    ...readdirSync(corpus).map((name) => path.join(corpus, name)),
  ]
  expect(files.length).toBeGreaterThanOrEqual(88 + 14)
  for (const file of files) expect([file, createMarkdownMeter().measure(readFileSync(file, 'utf8'))]).toEqual([file, undefined])
})

// GitHub Flavored Markdown: a table renders every row with as many cells as its delimiter row has
// columns, footnote definitions are containers, and `~~` and `www.` are tried as `*` is.
test('check refuses a table of a million cells written in 300 kB (a header of 2,000 columns, then one-cell rows) with exit 1, file, line and message', async () => {
  const table = `${'|a'.repeat(2000)}\n${'|-'.repeat(2000)}\n${'|a\n'.repeat(100_000)}`
  const cwd = await makePolicy({ description: 'a huge table', replace: [{ file: 'clauses/rights.md', find: 'complain to the :authority[ICO].', with: `complain to the :authority[ICO].\n\n${table}` }] })
  const result = await runCli(['check', '--format', 'json'], cwd)
  expect(result.code).toBe(1)
  const found = (JSON.parse(result.stdout) as Array<{ ruleId: string; file: string; line: number; column: number; message: string }>).filter((item) => item.ruleId === 'markdown-too-complex')
  // Its delimiter row (line 11) counts 4,000 cells, 32,000 marks: refused there, before any row.
  expect(found).toEqual([expect.objectContaining({ file: 'policy/clauses/rights.md', line: 11, column: 1, message: 'Unexpected table too large to parse in time: more than 12,000 marks in a file, each table cell counting 8 (a row has as many cells as the table has columns)' })])
})

test.each([
  ['thousands of footnotes, each defined and referenced', Array.from({ length: 3000 }, (_, index) => `a[^${index}]\n\n[^${index}]: b`).join('\n\n')],
  ['a long run of `~~`', '~~a'.repeat(100_000)],
  ['addresses in one word (`a@`)', 'a@'.repeat(300_000)],
  ['`www.` that are not links', '-www.'.repeat(100_000)],
  ['a table of 64 columns and 4,000 rows', `${'| a '.repeat(64)}|\n${'|---'.repeat(64)}|\n${`${'| a '.repeat(64)}|\n`.repeat(4000)}`],
])('%s: refused before it is parsed', (_, body) => {
  const parsed = clause(body)
  expect(parsed.tree).toBeUndefined()
  expect(parsed.diagnostics.map((item) => item.ruleId)).toEqual(['markdown-too-complex'])
  expect(parsed.diagnostics[0]?.message).toMatch(/^Unexpected (Markdown|table) too (complex|long|large) to parse in time/)
})

test('GFM carries no executable vector: a footnote label, table cells, bare schemes and addresses with quotes compile to inert output', async () => {
  const body = [
    'A note[^x"onclick="alert(1)] and javascript://%0Aalert(1) and ~~"onclick="alert(1)~~.',
    '',
    '| www.example.com/"onmouseover="alert(1) | x@example.com"onclick="alert(1) |',
    '| :-: | --: |',
    '| https://example.com/\'onfocus=\'alert(1) | data:,alert(1) |',
    '',
    '[^x"onclick="alert(1)]: Note with https://example.com/"onload="alert(1).',
    '',
  ].join('\n')
  const cwd = await makePolicy({ description: 'GFM vectors', replace: [{ file: 'clauses/rights.md', find: 'complain to the :authority[ICO].', with: `complain to the :authority[ICO].\n\n${body}` }] })
  const clean = compile(await readPolicy('policy', { cwd }), { today: '2026-01-01' })
  expect(clean.diagnostics.filter((item) => item.severity === 'error')).toEqual([])
  const out = await mkdtemp(path.join(tmpdir(), 'clausewright-gfm-'))
  for (const [name, text] of clean.output?.files ?? []) if (!name.includes('/')) await writeFile(path.join(out, name), text)
  expect([...(clean.output?.files.keys() ?? [])]).toContain('policy.json')
  expect(await findExecutableVectors(out)).toEqual([])
  const html = clean.output?.document.clauses.find((item) => item.id === 'rights')?.html ?? ''
  expect(html).toContain('<th style="text-align: center"><a href="http://www.example.com/%22onmouseover=%22alert(1)">www.example.com/"onmouseover="alert(1)</a></th>')
  expect(html).toContain('<section data-footnotes="" class="footnotes">')
  expect(html).toContain('<li id="rights---fn-x%22onclick=%22alert(1)">')
  expect(html).not.toMatch(/<(script|img|svg)\b|\son[a-z]+=|href="(javascript|data):/i)
})
