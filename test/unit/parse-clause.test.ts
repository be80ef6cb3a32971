import { describe, expect, test } from 'vitest'
import { findExcessiveMarkdownNesting, parseClause } from '../../src/markdown/parse-clause.ts'
import { budgets } from '../../src/source/budgets.ts'

// The clause reader: which front matter it hands on, and the scan of list and quote nesting that
// runs before micromark sees the text.
const clause = (text: string) => parseClause({ path: 'policy/clauses/a.md', name: 'clauses/a.md', text })

describe('parseClause', () => {
  test('front matter with a warning only is handed on with the text', () => {
    const parsed = clause('---\nid: a\ntitle: A\nnote: yes\n---\n\nText.\n')
    expect(parsed.diagnostics.map((item) => [item.ruleId, item.severity])).toEqual([
      ['yaml-1-1-boolean', 'warning'],
      ['schema-unknown-field', 'error'],
    ])
    expect(parsed.frontMatter).toBeUndefined()
    const warned = clause('---\nid: a\ntitle: "no"\n---\n\nText: yes.\n')
    expect(warned.diagnostics).toEqual([])
    expect(warned.frontMatter).toEqual({ id: 'a', title: 'no' })
  })

  test('a clause without text keeps its front matter, reported where the front matter ends', () => {
    const parsed = clause('---\nid: a\ntitle: A\n---\n')
    expect(parsed.frontMatter).toEqual({ id: 'a', title: 'A' })
    expect(parsed.diagnostics.map((item) => [item.ruleId, item.span?.start.line, item.span?.start.column])).toEqual([['clause-empty', 4, 4]])
  })

  test('an error in the front matter keeps it from being handed on', () => {
    const parsed = clause('---\nid: a\nid: b\ntitle: A\n---\n\nText.\n')
    expect(parsed.diagnostics.map((item) => item.ruleId)).toEqual(['yaml-duplicate-key'])
    expect(parsed.frontMatter).toBeUndefined()
    expect(parsed.tree?.children.map((node) => node.type)).toEqual(['paragraph'])
  })

  test('no front matter', () => {
    const parsed = clause('Text.\n')
    expect(parsed.diagnostics.map((item) => [item.ruleId, item.span?.start.line, item.span?.start.column])).toEqual([['front-matter-missing', 1, 1]])
    expect(parsed.frontMatter).toBeUndefined()
  })
})

describe('findExcessiveMarkdownNesting', () => {
  // Each marker is a level, each two spaces of indentation one more; twice the budget is allowed.
  const allowed = budgets.maxMarkdownDepth * 2

  test('block quotes up to the limit, and the one after it at the offset after it', () => {
    expect(findExcessiveMarkdownNesting('>'.repeat(allowed))).toBeUndefined()
    expect(findExcessiveMarkdownNesting('>'.repeat(allowed + 1))).toBe(allowed + 1)
  })

  test.each(['-', '*', '+'])('list items marked %s, with the space after each marker counted too', (marker) => {
    // k markers and k spaces: k + k/2 levels.
    expect(findExcessiveMarkdownNesting(`${`${marker} `.repeat(21)}x`)).toBeUndefined()
    expect(findExcessiveMarkdownNesting(`${marker} `.repeat(22))).toBe(44)
    // A marker at the end of a line is an empty item; followed by text it is not a marker.
    expect(findExcessiveMarkdownNesting(`${'>'.repeat(allowed)}${marker}`)).toBe(allowed + 1)
    expect(findExcessiveMarkdownNesting(`${'>'.repeat(allowed)}${marker}x`)).toBeUndefined()
  })

  test('a tab is four spaces', () => {
    expect(findExcessiveMarkdownNesting('\t'.repeat(16))).toBeUndefined()
    expect(findExcessiveMarkdownNesting('\t'.repeat(17))).toBe(17)
  })

  test('ordered items of up to nine digits, with a dot or a parenthesis, at the end of the line too', () => {
    // The space after the number is part of the marker: one level an item.
    expect(findExcessiveMarkdownNesting(`${'1. '.repeat(allowed)}x`)).toBeUndefined()
    expect(findExcessiveMarkdownNesting('1. '.repeat(allowed + 1))).toBe(3 * (allowed + 1))
    expect(findExcessiveMarkdownNesting('123456789) '.repeat(allowed + 1))).toBe(11 * (allowed + 1))
    expect(findExcessiveMarkdownNesting(`${'>'.repeat(allowed)}1.`)).toBe(allowed + 2)
    for (const notAMarker of ['1234567890.', '1-', 'a.', '1.x']) expect(findExcessiveMarkdownNesting(`${'>'.repeat(allowed)}${notAMarker}`), notAMarker).toBeUndefined()
  })

  test('counted line by line, the offset in the whole text', () => {
    expect(findExcessiveMarkdownNesting(`${'>'.repeat(allowed)}\n${'>'.repeat(allowed)}`)).toBeUndefined()
    expect(findExcessiveMarkdownNesting(`text\n${'>'.repeat(allowed + 1)}`)).toBe(5 + allowed + 1)
  })
})
