import { describe, expect, test } from 'vitest'
import type { PolicyDiff, ReaderPart, ReaderWords, WordRun } from '../../src/model/diff.ts'
import { escapeMarkdown, escapeMarkdownForComment, escapeMarkdownKeepingCode } from '../../src/diagnostics/escape-markdown.ts'
import { abbreviate, commentLimit, diffFormats, formatDiff } from '../../src/versions/format-diff.ts'

/** A reader's words from parts, a string being plain words. */
function read(...parts: ReadonlyArray<string | ReaderPart>): ReaderWords {
  const all = parts.map((part): ReaderPart => (typeof part === 'string' ? { type: 'words', text: part } : part))
  return { text: all.map((part) => part.text).join(''), parts: all }
}

// What `clausewright diff` prints for a diff given as data: the text a person reads, the Markdown
// of a pull request, the JSON of a tool. test/golden/diff holds one real diff; these build each case.
const diff: PolicyDiff = {
  format: 'clausewright-diff/2',
  from: '2019-01-25',
  to: '2020-03-01',
  kind: 'substantive',
  reasons: [
    { kind: 'substantive', code: 'purpose-added', collection: 'purposes', id: 'ads', field: null, message: 'Purpose `ads` added: people *must* be told', reader: read('We now use your data “people *must* be told”, on the lawful basis of consent (', { type: 'law', text: 'GDPR Art. 6(1)(a)', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6' }, ').') },
    { kind: 'reworded', code: 'clause-reworded', collection: 'clauses', id: 'intro', field: null, message: 'Clause `intro` reworded', reader: read('The wording of the section “Intro” changed.') },
    { kind: 'substantive', code: 'recipient-added', collection: 'recipients', id: 'x', field: null, message: 'Recipient `x_y` added', reader: read('The policy now names “x_y” at ', { type: 'target', text: 'https://x.example/`a`' }, '.') },
  ],
  clauses: [
    { id: 'intro', status: ['changed'], from: { title: 'Intro', position: 0 }, to: { title: 'Intro_duction', position: 0 }, words: [{ type: 'equal', text: 'We ' }, { type: 'delete', text: 'sell' }, { type: 'insert', text: 'keep' }, { type: 'equal', text: ' your data.' }] },
    { id: 'moved', status: ['moved'], from: { title: 'Moved', position: 1 }, to: { title: 'Moved', position: 2 }, words: null },
    { id: 'untitled', status: ['added'], from: null, to: { title: null, position: 3 }, words: [{ type: 'insert', text: ' New ' }, { type: 'insert', text: '  ' }] },
  ],
  data: [
    { collection: 'purposes', id: 'ads', status: 'added', fields: [] },
    { collection: 'recipients', id: 'old', status: 'removed', fields: [] },
    { collection: 'controller', id: 'controller', status: 'changed', fields: [{ field: 'legal_name', from: 'A|B', to: 'C' }, { field: 'email', from: null, to: ['a', 1] }] },
    { collection: 'policy', id: 'policy', status: 'changed', fields: [] },
  ],
  recorded: null,
  targets: [],
}

describe('text', () => {
  test('the kind, the reasons by kind, each changed clause with its words marked', () => {
    expect(formatDiff(diff, 'text')).toBe(
      [
        'Changes 2019-01-25 → 2020-03-01: substantive',
        '',
        'Substantive (readers must be told):',
        '  - We now use your data “people *must* be told”, on the lawful basis of consent (GDPR Art. 6(1)(a)). [purpose-added]',
        '  - The policy now names “x_y” at https://x.example/`a`. [recipient-added]',
        '',
        'Reworded (wording or links: only the editor can judge, `clausewright release --kind`):',
        '  - The wording of the section “Intro” changed. [clause-reworded]',
        '',
        'Clause intro (Intro_duction):',
        '  We [-sell-]{+keep+} your data.',
        '',
        'Clause untitled:',
        '  {+ New +}{+  +}',
        '',
      ].join('\n'),
    )
  })

  test('in colour: the kind bold, insertions green, deletions red', () => {
    const lines = formatDiff(diff, 'text', { color: true }).split('\n')
    expect(lines[0]).toBe('Changes 2019-01-25 → 2020-03-01: \u001b[1msubstantive\u001b[22m')
    expect(lines[10]).toBe('  We \u001b[31m[-sell-]\u001b[39m\u001b[32m{+keep+}\u001b[39m your data.')
  })

  test('the first release', () => {
    expect(formatDiff({ ...diff, from: null, kind: 'initial' }, 'text')).toBe('Changes (nothing) → 2020-03-01: initial\nThe first release: everything in it is new.\n')
  })

  test('no reason, no change to the content; only the kinds that have reasons', () => {
    expect(formatDiff({ ...diff, kind: 'technical', reasons: [], clauses: [] }, 'text')).toBe('Changes 2019-01-25 → 2020-03-01: technical\n\nNo change to the content.\n')
    const rewordedOnly = formatDiff({ ...diff, kind: 'reworded', reasons: diff.reasons.filter((reason) => reason.kind === 'reworded'), clauses: [] }, 'text')
    expect(rewordedOnly).toBe('Changes 2019-01-25 → 2020-03-01: reworded\n\nReworded (wording or links: only the editor can judge, `clausewright release --kind`):\n  - The wording of the section “Intro” changed. [clause-reworded]\n')
  })

  test('a clause is wrapped at 96 visible characters, colour not counted', () => {
    const words = (count: number) => Array.from({ length: count }, () => 'x'.repeat(9)).join(' ')
    const clause = (runs: WordRun[]) => ({ ...diff, reasons: [], clauses: [{ id: 'c', status: ['changed' as const], from: null, to: null, words: runs }] })
    const plain = formatDiff(clause([{ type: 'equal', text: words(20) }]), 'text').split('\n').slice(5)
    expect(plain).toEqual([`  ${words(9)}`, `  ${words(9)}`, `  ${words(2)}`, ''])
    const exact = `${'a'.repeat(47)} ${'b'.repeat(48)}`
    expect(formatDiff(clause([{ type: 'equal', text: exact }]), 'text').split('\n').slice(5)).toEqual([`  ${exact}`, ''])
    expect(formatDiff(clause([{ type: 'equal', text: `${exact}b` }]), 'text').split('\n').slice(5)).toEqual([`  ${'a'.repeat(47)}`, `  ${'b'.repeat(49)}`, ''])
    const coloured = formatDiff(clause([{ type: 'equal', text: `${'a'.repeat(40)} ` }, { type: 'insert', text: 'b'.repeat(50) }]), 'text', { color: true }).split('\n').slice(5)
    expect(coloured).toEqual([`  ${'a'.repeat(40)} \u001b[32m{+${'b'.repeat(50)}+}\u001b[39m`, ''])
  })
})

describe('Markdown', () => {
  test('reasons escaped but for their code spans, clauses as quotes with <ins> and <del> hugging the words, the data in a table', () => {
    expect(formatDiff(diff, 'markdown')).toBe(
      [
        '### Policy changes 2019-01-25 → 2020-03-01: **substantive**',
        '',
        '**Substantive changes** (readers must be told):',
        '',
        '- We now use your data “people \\*must\\* be told”, on the lawful basis of consent ([GDPR Art. 6(1)(a)](https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6)).',
        // An address of the policy is code, never a live link; its backticks inside a longer fence.
        '- The policy now names “x\\_y” at `` https://x.example/`a` ``.',
        '',
        '**Reworded** (wording or links: only the editor can judge):',
        '',
        '- The wording of the section “Intro” changed.',
        '',
        '#### Clause `intro`: Intro\\_duction',
        '',
        '> We <del>sell</del><ins>keep</ins> your data.',
        '',
        '#### Clause `untitled`',
        '',
        '>  <ins>New</ins>   ',
        '',
        '<details><summary>Structured data changed</summary>',
        '',
        '| item | change |',
        '| --- | --- |',
        '| purposes `ads` | added |',
        '| recipients `old` | removed |',
        // A pipe escaped twice, once for the table and once for the text: GFM's table splitter reads the
        // last backslash and the pipe as a pipe inside the cell, and the backslash before them escapes it.
        '| controller `controller` | legal\\_name: "A\\\\|B" → "C"<br>email: null → \\["a",1\\] |',
        '',
        '</details>',
        '',
      ].join('\n'),
    )
  })

  test('the first release, and a diff with nothing to tell', () => {
    expect(formatDiff({ ...diff, from: null, kind: 'initial' }, 'markdown')).toBe('### Policy changes (nothing) → 2020-03-01: **initial**\n\nThe first release: everything in it is new.\n')
    expect(formatDiff({ ...diff, kind: 'technical', reasons: [], clauses: [], data: [] }, 'markdown')).toBe('### Policy changes 2019-01-25 → 2020-03-01: **technical**\n\nNo change to the content.\n')
    expect(formatDiff({ ...diff, kind: 'technical', reasons: [], clauses: [], data: [{ collection: 'policy', id: 'policy', status: 'changed', fields: [] }] }, 'markdown')).toBe('### Policy changes 2019-01-25 → 2020-03-01: **technical**\n\nNo change to the content.\n')
  })

  test('a version id is escaped in the title', () => {
    expect(formatDiff({ ...diff, from: 'a_b', to: '<c>', kind: 'initial' }, 'markdown').split('\n')[0]).toBe('### Policy changes a\\_b → &lt;c&gt;: **initial**')
  })
})

test('JSON is the diff itself, indented', () => {
  expect(formatDiff(diff, 'json')).toBe(`${JSON.stringify(diff, null, 2)}\n`)
  expect(JSON.parse(formatDiff(diff, 'json'))).toEqual(diff)
})

test('the formats diff offers', () => {
  expect(diffFormats).toEqual(['text', 'markdown', 'json'])
})

describe('abbreviate', () => {
  const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => `w${from + index}`).join(' ')
  const change: WordRun = { type: 'insert', text: 'new' }

  test('an unchanged run of 25 words is kept whole; of 26, cut to 12 words on each side of the change', () => {
    expect(abbreviate([change, { type: 'equal', text: numbered(1, 25) }, change])).toEqual([change, { type: 'equal', text: numbered(1, 25) }, change])
    expect(abbreviate([change, { type: 'equal', text: numbered(1, 26) }, change])).toEqual([change, { type: 'equal', text: `${numbered(1, 12)} … ${numbered(15, 26)}` }, change])
  })

  test('the first run keeps only its end, the last only its start, and their spaces next to the change', () => {
    const runs = abbreviate([{ type: 'equal', text: ` ${numbered(1, 30)} ` }, change, { type: 'equal', text: ` ${numbered(1, 30)} ` }])
    expect(runs).toEqual([{ type: 'equal', text: `… ${numbered(20, 30)} ` }, change, { type: 'equal', text: ` ${numbered(1, 11)} …` }])
  })

  test('between two changes, both ends and the spaces around them', () => {
    expect(abbreviate([change, { type: 'equal', text: `\n ${numbered(1, 30)}  ` }, change])).toEqual([change, { type: 'equal', text: `\n ${numbered(1, 11)} … ${numbered(20, 30)}  ` }, change])
  })

  test('a long run alone, with no change on either side, is cut to an ellipsis; a run that is not unchanged text is never cut', () => {
    expect(abbreviate([{ type: 'equal', text: numbered(1, 40) }])).toEqual([{ type: 'equal', text: '…' }])
    expect(abbreviate([{ type: 'delete', text: numbered(1, 40) }])).toEqual([{ type: 'delete', text: numbered(1, 40) }])
  })
})

describe('escapeMarkdown', () => {
  test('every character of Markdown or HTML syntax', () => {
    expect(escapeMarkdown('a\\b`c*d_e[f]g<h>i|j~k&l')).toBe('a\\\\b\\`c\\*d\\_e\\[f\\]g&lt;h&gt;i\\|j\\~k&amp;l')
  })

  test.each([
    ['# heading', '\\# heading'],
    ['  - item', '  \\- item'],
    ['+ item', '\\+ item'],
    ['!image', '\\!image'],
    ['12. item', '12\\. item'],
    [' 3) item', ' 3\\) item'],
    ['a # b - c 1. d', 'a # b - c 1. d'],
    // A line break is a space: it would end the heading or list item the text stands in.
    ['x\n# y', 'x # y'],
    ['x \r\n\n   - y', 'x - y'],
    ['x\r# y', 'x # y'],
    ['12a. no', '12a. no'],
  ])('a block marker only at the start: %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped)
  })
})

describe('the length of a pull-request comment', () => {
  const long = (id: string): PolicyDiff['clauses'][number] => ({ id, status: ['changed'], from: { title: id, position: 0 }, to: { title: id, position: 0 }, words: [{ type: 'delete', text: `${'old words '.repeat(150)}` }, { type: 'insert', text: `${'new words '.repeat(150)}` }] })

  test('a diff longer than GitHub allows a comment is cut between two blocks, with a note of what is left out', () => {
    const huge: PolicyDiff = { ...diff, clauses: Array.from({ length: 40 }, (_, index) => long(`clause-${index}`)) }
    const whole = formatDiff({ ...huge, clauses: huge.clauses.slice(0, 3) }, 'markdown')
    expect(whole).not.toContain('The diff is cut here')
    const markdown = formatDiff(huge, 'markdown')
    expect(markdown.length).toBeLessThanOrEqual(commentLimit)
    expect(markdown.length).toBeGreaterThan(commentLimit - 3_500)
    const shown = markdown.match(/^#### Clause `clause-\d+`/gm) ?? []
    expect(shown.length).toBeGreaterThan(10)
    // Every clause shown is whole: its heading, a blank line, its quote, which ends with its last words.
    expect(markdown.match(/^> .*<ins>(new words ){149}new words<\/ins> $/gm)).toHaveLength(shown.length)
    // Left out: the rest of the clauses and the data (one block).
    expect(markdown.endsWith(`\n\n_The diff is cut here, ${40 - shown.length + 1} more parts left out, at the length GitHub allows a comment: run \`clausewright diff\` to read it whole._\n`)).toBe(true)
    expect(markdown).not.toContain('<details>')
  })
})

test('the whole OPTSM policy against an empty one is within a comment, whole', async () => {
  const { compile } = await import('../../src/compile/compile.ts')
  const { readPolicy } = await import('../../src/source/read-policy.ts')
  const { diffDocuments } = await import('../../src/versions/diff.ts')
  const { repoRoot } = await import('../helpers/fixture-policy.ts')
  const draft = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output?.draft
  if (!draft) throw new Error('the OPTSM policy did not compile')
  const empty = { ...draft, clauses: [], dataCategories: [], purposes: [], recipients: [], rights: [], contacts: [] }
  const markdown = formatDiff(diffDocuments(empty, draft, { from: 'empty', to: 'draft' }), 'markdown')
  expect(markdown.length).toBeLessThanOrEqual(commentLimit)
  expect(markdown).not.toContain('The diff is cut here')
  // Each clause, by its title in the reader's words (the opening clause has none).
  draft.clauses.forEach((clause, position) => expect(markdown).toContain(clause.title ? `- A new section “${escapeMarkdownForComment(clause.title)}”.` : `- A new untitled section at position ${position + 1}.`))
})

describe('escapeMarkdownKeepingCode', () => {
  test.each([
    ['a title with backticks: ```<img src=x>`', 'a title with backticks: \\`\\`\\`&lt;img src=x&gt;\\`'],
    ['``<b>x</b>``', '\\`\\`&lt;b&gt;x&lt;/b&gt;\\`\\`'],
    ['the clause `a` (``<img src=x>`)', 'the clause `a` (\\`\\`&lt;img src=x&gt;\\`)'],
    ['`a`, `b|c`', '`a`, `b|c`'],
  ])('a code span is one backtick a side, else every backtick is text: %j', (text, escaped) => {
    expect(escapeMarkdownKeepingCode(text)).toBe(escaped)
  })
})

// Found by the review of the PR comment: a clause's title may hold line breaks (its front matter is
// YAML: "Who we are\n\n# Injected"), and a line break ends the heading or the list item it stands
// in; the next line started a block of its own, a heading, a rule, a list, a block of code.
test('a title with line breaks stays on the line of its heading and of its reason', () => {
  const title = 'Who we are\n\n# Injected heading\n\n---\r\n    code'
  const hostile: PolicyDiff = {
    ...diff,
    reasons: [{ kind: 'reworded', code: 'clause-changed', collection: 'clauses', id: 'intro', field: null, message: `The wording of the clause \`intro\` (${title}) changed`, reader: read(`The wording of the section “${title}” changed.`) }],
    clauses: [{ id: 'intro', status: ['changed'], from: { title, position: 0 }, to: { title, position: 0 }, words: [{ type: 'delete', text: 'sell' }, { type: 'insert', text: 'keep' }] }],
    data: [],
  }
  const lines = formatDiff(hostile, 'markdown').split('\n')
  expect(lines).toContain('#### Clause `intro`: Who we are # Injected heading --- code')
  expect(lines).toContain('- The wording of the section “Who we are # Injected heading --- code” changed.')
  expect(lines.filter((line) => /^(#|---|\s{4})/.test(line))).toEqual(['### Policy changes 2019-01-25 → 2020-03-01: **substantive**', '#### Clause `intro`: Who we are # Injected heading --- code'])
})

describe('escapeMarkdownForComment', () => {
  const joiner = '\u2060'
  test.each([
    ['@octocat', `@${joiner}octocat`],
    ['a @org/team', `a @${joiner}org/team`],
    ['mail@example.com', `mail@${joiner}example.com`],
    ['see #123 and owner/repo#4', `see #${joiner}123 and owner/repo#${joiner}4`],
    ['GH-7 and gh-8', `GH${joiner}-7 and gh${joiner}-8`],
    ['https://evil.example/x', `https:${joiner}//evil.example/x`],
    ['www.evil.example', `www${joiner}.evil.example`],
    // What GitHub does not make live is left as it is (but for escapeMarkdown's escapes).
    ['a #hash, GH-x, wwwx.example, a_b', 'a #hash, GH-x, wwwx.example, a\\_b'],
    // GitHub renders $…$ and $$…$$ as mathematics (LaTeX: \color, \huge, \text): a backslash keeps the dollar a dollar.
    ['$\\huge\\text{Approved}$ and $$x$$, from $5-$10', '\\$\\\\huge\\\\text{Approved}\\$ and \\$\\$x\\$\\$, from \\$5-\\$10'],
  ])('%j', (text, escaped) => {
    expect(escapeMarkdownForComment(text)).toBe(escaped)
  })
})
