import { describe, expect, test } from 'vitest'
import { budgets } from '../../src/source/budgets.ts'
import { createLocator } from '../../src/source/source-file.ts'
import { parseYaml, parseYamlRegion } from '../../src/yaml/parse-yaml.ts'

// The one YAML reader of policy files and front matter: its value, and each diagnostic with its
// rule, severity, span, message and hint, on small texts.
function parsed(text: string) {
  const result = parseYaml({ path: 'policy/p.yaml', name: 'p.yaml', text })
  return { value: result.value, hasDocument: result.document !== undefined, problems: result.diagnostics.map(({ ruleId, severity, span, message, hint }) => ({ ruleId, severity, at: span && `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`, message, ...(hint !== undefined && { hint }) })) }
}

describe('plain data', () => {
  test('a mapping is read as its value, YAML 1.2 core: dates and no stay text, numbers are numbers', () => {
    expect(parsed('date: 2019-01-25\nanswer: "no"\ncount: 3\nlist: [a, b]\n')).toEqual({ value: { date: '2019-01-25', answer: 'no', count: 3, list: ['a', 'b'] }, hasDocument: true, problems: [] })
  })

  test('a key of a number and one of text are two keys', () => {
    expect(parsed('1: a\n"1": b\n').problems).toEqual([])
  })

  test('the same key in two mappings is no duplicate', () => {
    expect(parsed('a:\n  x: 1\nb:\n  x: 2\n').value).toEqual({ a: { x: 1 }, b: { x: 2 } })
  })

  test('a warning leaves the value; an error takes it away but keeps the document', () => {
    expect(parsed('a: &x: 1\n')).toEqual({ value: { a: 1 }, hasDocument: true, problems: [{ ruleId: 'yaml-ambiguous', severity: 'warning', at: '1:6-1:7', message: 'Anchor ending in : is ambiguous (BAD_ALIAS)' }] })
    expect(parsed('a: 1\na: 2\n')).toMatchObject({ value: undefined, hasDocument: true })
  })
})

describe('no document', () => {
  test.each(['', '# a comment only\n'])('%j has none', (text) => {
    expect(parsed(text)).toEqual({ value: undefined, hasDocument: false, problems: [{ ruleId: 'file-empty', severity: 'error', at: '1:1-1:1', message: 'Unexpected YAML without a document, expected a mapping' }] })
  })
})

describe('the library\'s errors', () => {
  test('a syntax error, its position left out of the message and its code added', () => {
    expect(parsed('key: "unterminated\n').problems).toEqual([{ ruleId: 'yaml-syntax', severity: 'error', at: '2:1-2:1', message: 'Missing closing "quote (MISSING_CHAR)' }])
  })

  test('every error is reported, in order', () => {
    expect(parsed('a: 1\n  b: 2\n').problems).toEqual([
      { ruleId: 'yaml-syntax', severity: 'error', at: '1:4-1:5', message: 'Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)' },
      { ruleId: 'yaml-syntax', severity: 'error', at: '1:4-2:4', message: 'Implicit keys need to be on a single line (MULTILINE_IMPLICIT_KEY)' },
    ])
  })

  test('an unknown directive is reported as a tag would be', () => {
    expect(parsed('%FOO bar\n---\na: 1\n').problems).toEqual([{ ruleId: 'yaml-tag', severity: 'error', at: '1:1-1:9', message: 'Unknown directive %FOO (BAD_DIRECTIVE)', hint: 'Remove the tag; quote the value if it is text.' }])
  })
})

describe('our rules', () => {
  test('a %YAML directive, wherever its line', () => {
    const problem = { ruleId: 'yaml-version', severity: 'error', message: 'Unexpected %YAML directive, expected none: policy files are read as YAML 1.2', hint: 'Remove the directive line.' }
    expect(parsed('%YAML 1.2\n---\na: 1\n').problems).toEqual([{ ...problem, at: '1:1-1:6' }])
    expect(parsed('# about\n%YAML 1.1\n---\na: 1\n').problems).toEqual([{ ...problem, at: '2:1-2:6' }])
  })

  test('each document after the first, at its `---`', () => {
    const problem = { ruleId: 'yaml-multiple-documents', severity: 'error', message: 'Unexpected second YAML document, expected one document per file', hint: 'Remove the `---` line, or move the second document to a file of its own.' }
    expect(parsed('a: 1\n---\nb: 2\n---\nc: 3\n').problems).toEqual([
      { ...problem, at: '2:1-2:4' },
      { ...problem, at: '4:1-4:4' },
    ])
  })

  test('a key a second time, at the second', () => {
    expect(parsed('alpha: 1\nbeta: 2\nalpha: 3\n').problems).toEqual([
      { ruleId: 'yaml-duplicate-key', severity: 'error', at: '3:1-3:6', message: 'Unexpected key `alpha` a second time in one mapping, expected unique keys', hint: 'Keep one of the two entries.' },
    ])
  })

  test('a tag, standard or custom, once (not again as the library\'s warning)', () => {
    const hint = 'Remove the tag; quote the value if it is text.'
    expect(parsed('a: !!str 5\n').problems).toEqual([{ ruleId: 'yaml-tag', severity: 'error', at: '1:10-1:11', message: 'Unexpected tag `tag:yaml.org,2002:str`, expected plain data', hint }])
    expect(parsed('a: !custom x\n').problems).toEqual([{ ruleId: 'yaml-tag', severity: 'error', at: '1:12-1:13', message: 'Unexpected tag `!custom`, expected plain data', hint }])
  })

  test.each(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF'])('a plain %s, as a value and as a key', (word) => {
    const problem = (at: string) => ({ ruleId: 'yaml-1-1-boolean', severity: 'warning', at, message: `Unexpected plain \`${word}\`: YAML 1.2 reads it as text, YAML 1.1 tools as a boolean`, hint: `Quote it ("${word}") if it is text, or write true/false.` })
    expect(parsed(`answer: ${word}\n`)).toEqual({ value: { answer: word }, hasDocument: true, problems: [problem(`1:9-1:${9 + word.length}`)] })
    expect(parsed(`${word}: 1\n`).problems).toEqual([problem(`1:1-1:${1 + word.length}`)])
  })

  test.each(['"yes"', "'no'", 'yess', 'ayes', 'nO', 'oN', 'oFF', 'true', 'false', 'o', 'yes no', '|\n  yes'])('not a YAML 1.1 boolean: %s', (value) => {
    expect(parsed(`answer: ${value}\n`).problems).toEqual([])
  })

  test('a plain merge key, but not a quoted one', () => {
    expect(parsed('base:\n  <<: {a: 1}\n').problems).toEqual([{ ruleId: 'yaml-merge-key', severity: 'error', at: '2:3-2:5', message: 'Unexpected merge key `<<`, expected a plain key', hint: 'Write the fields out in full.' }])
    expect(parsed('base:\n  "<<": 1\n')).toEqual({ value: { base: { '<<': 1 } }, hasDocument: true, problems: [] })
  })

  test.each(['__proto__', 'constructor', 'prototype'])('the key %s, quoted or not', (key) => {
    const problem = (column: number) => ({ ruleId: 'yaml-forbidden-key', severity: 'error', at: `2:${column}-2:${column + key.length}`, message: `Unexpected key \`${key}\`, expected a field of the schema` })
    expect(parsed(`a:\n  ${key}: 1\n`).problems).toEqual([problem(3)])
    expect(parsed(`a:\n  '${key}': 1\n`).problems).toEqual([{ ...problem(3), at: `2:3-2:${3 + key.length + 2}` }])
  })

  test.each(['Constructor', 'proto', '__proto', 'prototypes'])('the key %s is allowed', (key) => {
    expect(parsed(`${key}: 1\n`).problems).toEqual([])
  })

  test('anchors and aliases up to the budget, and one more', () => {
    const items = (count: number) => ['- &a x', ...Array.from({ length: count - 1 }, () => '- *a')].join('\n')
    expect(parsed(items(budgets.maxYamlAliases)).problems).toEqual([])
    expect(parsed(items(budgets.maxYamlAliases)).value).toHaveLength(budgets.maxYamlAliases)
    expect(parsed(items(budgets.maxYamlAliases + 1)).problems).toEqual([
      { ruleId: 'yaml-alias', severity: 'error', at: '1:1-1:1', message: `Unexpected ${budgets.maxYamlAliases + 1} anchors and aliases, expected at most ${budgets.maxYamlAliases}`, hint: 'Write the values out in full.' },
    ])
  })

  test('anchors count without aliases, and aliases without anchors of their own', () => {
    const anchors = Array.from({ length: budgets.maxYamlAliases + 1 }, (_, index) => `- &a${index} x`).join('\n')
    expect(parsed(anchors).problems.map((problem) => problem.message)).toEqual([`Unexpected ${budgets.maxYamlAliases + 1} anchors and aliases, expected at most ${budgets.maxYamlAliases}`])
  })

  test('collections nested to the budget, and one deeper, in block mappings and in sequences', () => {
    const mappings = (depth: number) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k${level}:${level === depth - 1 ? ' x' : ''}`).join('\n')
    expect(parsed(mappings(budgets.maxYamlDepth)).problems).toEqual([])
    expect(parsed(mappings(budgets.maxYamlDepth + 1)).problems).toEqual([{ ruleId: 'nesting-too-deep', severity: 'error', at: '1:1-1:1', message: `Unexpected nesting of ${budgets.maxYamlDepth + 1} levels, expected at most ${budgets.maxYamlDepth}` }])
    const sequences = (depth: number) => `a: ${'['.repeat(depth - 1)}x${']'.repeat(depth - 1)}\n`
    expect(parsed(sequences(budgets.maxYamlDepth)).problems).toEqual([])
    expect(parsed(sequences(budgets.maxYamlDepth + 1)).problems).toEqual([{ ruleId: 'nesting-too-deep', severity: 'error', at: '1:1-1:1', message: `Unexpected nesting of ${budgets.maxYamlDepth + 1} levels, expected at most ${budgets.maxYamlDepth}` }])
  })

  test('the deepest branch counts, wherever it is among its siblings', () => {
    const deep = `${'['.repeat(budgets.maxYamlDepth - 2)}x${']'.repeat(budgets.maxYamlDepth - 2)}`
    expect(parsed(`a: [[x], ${deep}, z]\nb: {c: [1]}\n`).problems).toEqual([])
    expect(parsed(`a: [[x], [${deep}], z]\nb: {c: [1]}\n`).problems.map((problem) => problem.message)).toEqual([`Unexpected nesting of ${budgets.maxYamlDepth + 1} levels, expected at most ${budgets.maxYamlDepth}`])
    expect(parsed(`a: [z, {k: ${deep}}]\n`).problems.map((problem) => problem.message)).toEqual([`Unexpected nesting of ${budgets.maxYamlDepth + 1} levels, expected at most ${budgets.maxYamlDepth}`])
  })
})

describe('spans', () => {
  test('in a region of a file (front matter), at its place in the file', () => {
    const text = '---\nid: a\nanswer: yes\n---\n\nText.\n'
    const region = { offset: 4, text: 'id: a\nanswer: yes\n' }
    const result = parseYamlRegion({ path: 'policy/clauses/a.md', name: 'clauses/a.md', text }, region, createLocator(text))
    expect(result.value).toEqual({ id: 'a', answer: 'yes' })
    expect(result.diagnostics.map((item) => [item.file, item.span])).toEqual([['policy/clauses/a.md', { start: { line: 3, column: 9 }, end: { line: 3, column: 12 } }]])
    expect(result.spanOf([0, 2])).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 3 } })
  })

  test('a range that ends before it starts is empty at its start; no range, no span', () => {
    const result = parseYaml({ path: 'p.yaml', name: 'p.yaml', text: 'ab: cd\nef: gh\n' })
    expect(result.spanOf([8, 3])).toEqual({ start: { line: 2, column: 2 }, end: { line: 2, column: 2 } })
    expect(result.spanOf(null)).toBeUndefined()
    expect(result.spanOf(undefined)).toBeUndefined()
  })

  test('a locator given is used', () => {
    const text = 'a: yes\n'
    const result = parseYamlRegion({ path: 'p.yaml', name: 'p.yaml', text }, { offset: 0, text }, { toPoint: (offset) => ({ line: 100, column: offset }) })
    expect(result.diagnostics[0]?.span).toEqual({ start: { line: 100, column: 3 }, end: { line: 100, column: 6 } })
    expect(createLocator(text).toPoint(3)).toEqual({ line: 1, column: 4 })
  })
})

describe('the scan before parsing', () => {
  const depth = budgets.maxYamlDepth
  const tooDeep = (at: string) => [{ ruleId: 'nesting-too-deep', severity: 'error', at, message: `Unexpected nesting deeper than ${depth} levels`, hint: 'Flatten the structure; policy data is never this deep.' }]

  test('indentation is counted on the first line too', () => {
    expect(parsed(`${' '.repeat(depth * 8 + 1)}a: 1\n`).problems).toEqual(tooDeep(`1:${depth * 8 + 1}-1:${depth * 8 + 2}`))
  })

  test('curly brackets count as square ones do', () => {
    expect(parsed(`a: ${'{b: '.repeat(depth + 1)}`).problems).toEqual(tooDeep(`1:${4 + 4 * depth}-1:${5 + 4 * depth}`))
  })

  test('curly brackets closed count no more', () => {
    expect(parsed(`a: [${'{}, '.repeat(depth + 4)}x]\n`).problems).toEqual([])
  })

  test('a bracket closed where none is open counts for nothing', () => {
    expect(parsed(`a: x]]]}}\nb: ${'['.repeat(depth + 1)}`).problems).toEqual(tooDeep(`2:${4 + depth}-2:${5 + depth}`))
  })

  test('a quote closed in a flow collection ends the quoted text: the brackets after it count', () => {
    expect(parsed(`a: ["x", '${'['.repeat(3)}', ${'['.repeat(depth)}`).problems).toEqual(tooDeep(`1:${16 + depth}-1:${17 + depth}`))
  })

  test('outside a flow collection a quote mark is text (an apostrophe), and the brackets after it count', () => {
    expect(parsed(`a: it's ${'['.repeat(depth + 1)}\n`).problems).toEqual(tooDeep(`1:${9 + depth}-1:${10 + depth}`))
  })

  test('a comment ends at its line: the next line\'s indentation counts; a comment at the end of the text ends it', () => {
    expect(parsed(`# [[[\n${' '.repeat(depth * 8 + 1)}a: 1\n`).problems).toEqual(tooDeep(`2:${depth * 8 + 1}-2:${depth * 8 + 2}`))
    expect(parsed('a: 1 # the end, without a line feed').value).toEqual({ a: 1 })
  })
})

describe('what the parser reads as no tag and no key', () => {
  test('an alias is no tag, and a %YAML in a comment is not the directive', () => {
    expect(parsed('a: &x 1\nb: *x\n').problems).toEqual([])
    expect(parsed('# %YAML is not allowed\n%YAML 1.2\n---\na: 1\n').problems.map((problem) => problem.at)).toEqual(['2:1-2:6'])
  })

  test('two empty keys in one mapping are the key null twice', () => {
    expect(parsed('? \n: 1\n? \n: 2\n').problems).toEqual([{ ruleId: 'yaml-duplicate-key', severity: 'error', at: '3:3-3:3', message: 'Unexpected key `null` a second time in one mapping, expected unique keys', hint: 'Keep one of the two entries.' }])
  })
})
