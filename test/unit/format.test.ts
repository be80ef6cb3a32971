import { describe, expect, test } from 'vitest'
import { type Diagnostic, diagnostic } from '../../src/diagnostics/diagnostic.ts'
import { codeFrame, formatDiagnostics, formats, printable, sourceTexts, toJson } from '../../src/diagnostics/format.ts'

// The three reports of check, each field and each escape: what an editor, a CI log and a person read.
const span = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } })

const link = diagnostic('broken-anchor', 'policy/clauses/a.md', span(2, 5, 2, 9), 'Unexpected link `#x`', {
  hint: 'Link to a clause.\nOr remove the link.',
  related: { file: 'policy/clauses/b.md', span: span(3, 1, 3, 4), message: 'a heading is here' },
  expected: ['#y', '#z'],
})
const boolean = diagnostic('yaml-1-1-boolean', 'policy/policy.yaml', undefined, 'Unexpected `yes`')
const dpo = diagnostic('dpo-contact', 'policy/policy.yaml', span(4, 1, 4, 5), 'No data protection officer is named', { related: { file: 'policy/clauses/c.md', message: 'the contact clause' } })

describe('the JSON format', () => {
  test('a diagnostic with every field, in a stable order', () => {
    const json = toJson(link)
    expect(json).toEqual({
      ruleId: 'broken-anchor',
      severity: 'error',
      file: 'policy/clauses/a.md',
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 9,
      message: 'Unexpected link `#x`',
      hint: 'Link to a clause.\nOr remove the link.',
      docs: 'docs/rules/broken-anchor.md',
      expected: ['#y', '#z'],
      related: { file: 'policy/clauses/b.md', line: 3, column: 1, message: 'a heading is here' },
    })
    expect(Object.keys(json)).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'hint', 'docs', 'expected', 'related'])
  })

  test('what a diagnostic does not have is null, or left out when it is a list or a count', () => {
    expect(toJson(boolean)).toEqual({ ruleId: 'yaml-1-1-boolean', severity: 'warning', file: 'policy/policy.yaml', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected `yes`', hint: null, docs: 'docs/rules/yaml-1-1-boolean.md' })
    expect(toJson(dpo)['related']).toEqual({ file: 'policy/clauses/c.md', line: null, column: null, message: 'the contact clause' })
  })

  test('the count of an omission is carried, zero included', () => {
    expect(toJson({ ...boolean, omitted: 7 })['omitted']).toBe(7)
    expect(toJson({ ...boolean, omitted: 0 })).toHaveProperty('omitted', 0)
  })

  test('the report is an indented array ending with a line feed', () => {
    expect(formatDiagnostics([boolean], 'json')).toBe(`${JSON.stringify([toJson(boolean)], null, 2)}\n`)
    expect(formatDiagnostics([], 'json')).toBe('[]\n')
  })
})

describe('the GitHub format', () => {
  test('one workflow command per diagnostic, its severity, place, title and text', () => {
    expect(formatDiagnostics([link, boolean, dpo], 'github')).toBe(
      [
        '::error file=policy/clauses/a.md,line=2,col=5,endLine=2,endColumn=9,title=clausewright broken-anchor::Unexpected link `#x`%0ALink to a clause.%0AOr remove the link.%0AHow to fix it: docs/rules/broken-anchor.md',
        '::warning file=policy/policy.yaml,title=clausewright yaml-1-1-boolean::Unexpected `yes`%0AHow to fix it: docs/rules/yaml-1-1-boolean.md',
        '::notice file=policy/policy.yaml,line=4,col=1,endLine=4,endColumn=5,title=clausewright dpo-contact::No data protection officer is named%0AHow to fix it: docs/rules/dpo-contact.md',
        // GitHub shows ten annotations of each kind: the count says how many there are.
        '1 error, 1 warning, 1 info.',
        '',
      ].join('\n'),
    )
    expect(formatDiagnostics([], 'github')).toBe('No problems found.\n')
  })

  test('a property escapes percent, line feed, colon and comma; the text keeps colons and commas; a carriage return, like every control, is shown, not obeyed', () => {
    const hostile = diagnostic('yaml-1-1-boolean', 'policy/a:b,c%d\re\nf.yaml', undefined, '100% sure: a, b\r\n::error::forged \u001b[2J\u202eX')
    expect(formatDiagnostics([hostile], 'github')).toBe(
      '::warning file=policy/a%3Ab%2Cc%25d\u240de%0Af.yaml,title=clausewright yaml-1-1-boolean::100%25 sure: a, b\u240d%0A::error::forged \u241b[2J\ufffdX%0AHow to fix it: docs/rules/yaml-1-1-boolean.md\n1 warning.\n',
    )
  })
})

describe('the pretty format', () => {
  test('place, severity, message and rule; the code frame, the hint on its lines, the other place; the pages; the counts', () => {
    const texts = sourceTexts([
      { path: 'policy/clauses/a.md', text: 'See\nthe [#x](#x) link\nend\n' },
      { path: 'policy/policy.yaml', text: 'title: x\nversion: 1\nlastUpdated: 2020\ndpo: none\nend: 1\n' },
    ])
    expect(formatDiagnostics([link, boolean, dpo], 'pretty', { texts })).toBe(
      [
        'policy/clauses/a.md:2:5 error Unexpected link `#x` [broken-anchor]',
        '  1 | See',
        '> 2 | the [#x](#x) link',
        '    |     ^^^^',
        '  3 | end',
        '  hint: Link to a clause.',
        '        Or remove the link.',
        '  see: policy/clauses/b.md:3:1 (a heading is here)',
        '',
        'policy/policy.yaml warning Unexpected `yes` [yaml-1-1-boolean]',
        '',
        'policy/policy.yaml:4:1 info No data protection officer is named [dpo-contact]',
        '  3 | lastUpdated: 2020',
        '> 4 | dpo: none',
        '    | ^^^^',
        '  5 | end: 1',
        '  see: policy/clauses/c.md (the contact clause)',
        '',
        'How to fix each kind of problem:',
        '  docs/rules/broken-anchor.md',
        '  docs/rules/dpo-contact.md',
        '  docs/rules/yaml-1-1-boolean.md',
        '',
        '1 error, 1 warning, 1 info.',
        '',
      ].join('\n'),
    )
  })

  test('no code frame without the text of the file, or without a span', () => {
    expect(formatDiagnostics([link], 'pretty').split('\n').slice(0, 2)).toEqual(['policy/clauses/a.md:2:5 error Unexpected link `#x` [broken-anchor]', '  hint: Link to a clause.'])
  })

  test('nothing found', () => {
    expect(formatDiagnostics([], 'pretty')).toBe('No problems found.\n')
  })

  test('counts in the plural, a diagnostic standing for those left out counting them, each rule documented once', () => {
    const counted = formatDiagnostics([link, link, { ...boolean, omitted: 4 }], 'pretty')
    expect(counted.endsWith('\n\nHow to fix each kind of problem:\n  docs/rules/broken-anchor.md\n  docs/rules/yaml-1-1-boolean.md\n\n2 errors, 4 warnings.\n')).toBe(true)
  })

  test('only the severities found are counted', () => {
    expect(formatDiagnostics([dpo, dpo], 'pretty').endsWith('\n\n2 infos.\n')).toBe(true)
    expect(formatDiagnostics([boolean], 'pretty').endsWith('\n\n1 warning.\n')).toBe(true)
  })

  test('colour paints the place, the severity and the rule of each severity', () => {
    const coloured = formatDiagnostics([boolean, dpo], 'pretty', { color: true })
    expect(coloured.split('\n').filter((line) => line.includes('['))).toEqual([
      '\u001b[1mpolicy/policy.yaml\u001b[22m \u001b[33mwarning\u001b[39m Unexpected `yes` \u001b[2m[yaml-1-1-boolean]\u001b[22m',
      '\u001b[1mpolicy/policy.yaml:4:1\u001b[22m \u001b[36minfo\u001b[39m No data protection officer is named \u001b[2m[dpo-contact]\u001b[22m',
    ])
  })

  test('what the policy wrote is printed, not obeyed: the message, the hint, the other place, the code frame', () => {
    const hostile = diagnostic('broken-anchor', 'policy/\u001b]0;x\u0007.md', span(1, 1, 1, 2), 'Unexpected \u009b31m', {
      hint: 'first\u001b[2J\nsecond\u202e',
      related: { file: 'policy/\u0008b.md', message: 'here\u007f' },
    })
    const texts = new Map([['policy/\u001b]0;x\u0007.md', '\u001b[31mred\n']])
    expect(formatDiagnostics([hostile], 'pretty', { texts }).split('\n').slice(0, 6)).toEqual([
      'policy/\u241b]0;x\u2407.md:1:1 error Unexpected \ufffd31m [broken-anchor]',
      '> 1 | \u241b[31mred',
      '    | ^',
      '  2 | ',
      '  hint: first\u241b[2J',
      '        second\ufffd',
    ])
    expect(formatDiagnostics([hostile], 'pretty', { texts })).toContain('\n  see: policy/\u2408b.md (here\u2421)\n')
  })
})

describe('codeFrame', () => {
  const text = 'one\ntwo\nthree\nfour'

  test('the line before and after, the caret under the span', () => {
    expect(codeFrame(text, { line: 2, column: 2 }, { line: 2, column: 4 })).toEqual(['  1 | one', '> 2 | two', '    |  ^^', '  3 | three'])
  })

  test('at the first and the last line, no line beyond the text', () => {
    expect(codeFrame(text, { line: 1, column: 1 }, { line: 1, column: 4 })).toEqual(['> 1 | one', '    | ^^^', '  2 | two'])
    expect(codeFrame(text, { line: 4, column: 3 }, { line: 4, column: 5 })).toEqual(['  3 | three', '> 4 | four', '    |   ^^'])
  })

  test('an empty span gets one caret; a span over several lines, carets to the end of its first', () => {
    expect(codeFrame(text, { line: 3, column: 2 }, { line: 3, column: 2 })).toEqual(['  2 | two', '> 3 | three', '    |  ^', '  4 | four'])
    expect(codeFrame(text, { line: 3, column: 2 }, { line: 4, column: 2 })).toEqual(['  2 | two', '> 3 | three', '    |  ^^^^', '  4 | four'])
    expect(codeFrame(text, { line: 3, column: 6 }, { line: 4, column: 1 })).toEqual(['  2 | two', '> 3 | three', '    |      ^', '  4 | four'])
  })

  test('the gutter is as wide as the last line number shown', () => {
    const lines = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n')
    expect(codeFrame(lines, { line: 10, column: 1 }, { line: 10, column: 5 })).toEqual(['   9 | line 9', '> 10 | line 10', '     | ^^^^', '  11 | line 11'])
    expect(codeFrame(lines, { line: 8, column: 1 }, { line: 8, column: 2 })).toEqual(['  7 | line 7', '> 8 | line 8', '    | ^', '  9 | line 9'])
  })

  test('a tab is one space, a carriage return at the end is dropped, a control is shown', () => {
    expect(codeFrame('a\tb\r\n\u0001c\r', { line: 1, column: 3 }, { line: 1, column: 4 })).toEqual(['> 1 | a b', '    |   ^', '  2 | \u2401c'])
  })

  test('a carriage return inside a line is shown, as a control', () => {
    expect(codeFrame('a\rb\r\n', { line: 1, column: 1 }, { line: 1, column: 2 })).toEqual(['> 1 | a\u240db', '    | ^', '  2 | '])
  })

  test('a span that ends before it starts on its line gets one caret', () => {
    expect(codeFrame(text, { line: 3, column: 4 }, { line: 3, column: 2 })).toEqual(['  2 | two', '> 3 | three', '    |    ^', '  4 | four'])
  })

  test('on a long line, the hundred characters around the column, cut with an ellipsis on each side', () => {
    const long = 'a'.repeat(149) + 'X'.repeat(100) + 'b'.repeat(51)
    const frame = codeFrame(`short\n${long}\n`, { line: 2, column: 200 }, { line: 2, column: 290 })
    expect(frame).toEqual(['  1 | …', `> 2 | …${'X'.repeat(100)}…`, `    | ${' '.repeat(51)}${'^'.repeat(50)}`, '  3 | '])
  })

  test('near the start of a long line, no ellipsis before it; near its end, none after', () => {
    const long = 'x'.repeat(120)
    expect(codeFrame(long, { line: 1, column: 51 }, { line: 1, column: 52 })).toEqual([`> 1 | ${'x'.repeat(100)}…`, `    | ${' '.repeat(50)}^`])
    expect(codeFrame(long, { line: 1, column: 52 }, { line: 1, column: 53 })).toEqual([`> 1 | …${'x'.repeat(100)}…`, `    | ${' '.repeat(51)}^`])
    expect(codeFrame(long, { line: 1, column: 71 }, { line: 1, column: 72 })).toEqual([`> 1 | …${'x'.repeat(100)}`, `    | ${' '.repeat(51)}^`])
    expect(codeFrame('x'.repeat(100), { line: 1, column: 50 }, { line: 1, column: 51 })).toEqual([`> 1 | ${'x'.repeat(100)}`, `    | ${' '.repeat(49)}^`])
  })

  test('a span on the empty line after the last line feed', () => {
    expect(codeFrame('one\n', { line: 2, column: 1 }, { line: 2, column: 1 })).toEqual(['  1 | one', '> 2 | ', '    | ^'])
  })
})

describe('printable', () => {
  test.each([
    ['\u0000', '\u2400'],
    ['\u0008', '\u2408'],
    ['\u000b', '\u240b'],
    ['\u000c', '\u240c'],
    ['\u001b', '\u241b'],
    ['\u001f', '\u241f'],
    ['\u007f', '\u2421'],
    ['\u0080', '\ufffd'],
    ['\u009b', '\ufffd'],
    ['\u009f', '\ufffd'],
    ['\u061c', '\ufffd'],
    ['\u200e', '\ufffd'],
    ['\u200f', '\ufffd'],
    ['\u202a', '\ufffd'],
    ['\u202e', '\ufffd'],
    ['\u2066', '\ufffd'],
    ['\u2069', '\ufffd'],
  ])('%j is shown as %j', (character, shown) => {
    expect(printable(`a${character}b${character}`)).toBe(`a${shown}b${shown}`)
  })

  test('tab, line feed, printable text and the characters beside the ranges are kept', () => {
    const kept = '\t\n x~\u00a0\u00ff\u061b\u061d\u200d\u2010\u2029\u202f\u2065\u206a é😀'
    expect(printable(kept)).toBe(kept)
  })
})

test('the formats check offers', () => {
  expect(formats).toEqual(['pretty', 'json', 'github'])
})

test('the texts of the files, by path', () => {
  expect(sourceTexts([{ path: 'a', text: 'A' }, { path: 'b', text: 'B' }])).toEqual(new Map([['a', 'A'], ['b', 'B']]))
})

// A type check of the fixture: a diagnostic's fields are what the formats read.
const _fields: Diagnostic = link
void _fields
