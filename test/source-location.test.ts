import { fromMarkdown } from 'mdast-util-from-markdown'
import { expect, test } from 'vitest'
import { spanOfNode } from '../src/diagnostics/diagnostic.ts'
import { createLocator } from '../src/source/source-file.ts'

test('offsets become 1-based lines and columns counted in UTF-16 code units', () => {
  const text = 'ab\n😀c\n\nd'
  const locator = createLocator(text)
  expect([0, 1, 2, 3, 5, 6, 7, 8, 9].map((offset) => locator.toPoint(offset))).toEqual([
    { line: 1, column: 1 },
    { line: 1, column: 2 },
    { line: 1, column: 3 },
    { line: 2, column: 1 },
    { line: 2, column: 3 },
    { line: 2, column: 4 },
    { line: 3, column: 1 },
    { line: 4, column: 1 },
    { line: 4, column: 2 },
  ])
})

test('lines end at a line feed: a CRLF is one line ending, a lone CR none (as the code frame and YAML count them)', () => {
  const locator = createLocator('a\r\nb\rc\n')
  expect([1, 2, 3, 5, 6, 7, 8].map((offset) => locator.toPoint(offset))).toEqual([
    { line: 1, column: 2 },
    { line: 1, column: 3 },
    { line: 2, column: 1 },
    { line: 2, column: 3 },
    { line: 2, column: 4 },
    { line: 3, column: 1 },
    { line: 3, column: 1 },
  ])
})

test('an offset outside the text is clamped to it', () => {
  const locator = createLocator('ab\ncd')
  expect(locator.toPoint(-4)).toEqual({ line: 1, column: 1 })
  expect(locator.toPoint(99)).toEqual({ line: 2, column: 3 })
  expect(createLocator('').toPoint(0)).toEqual({ line: 1, column: 1 })
})

test('a node’s span is its start and end point, without offsets; a node without a position has none', () => {
  const paragraph = fromMarkdown('x\n\n*a* 😀 b').children[1]
  expect(paragraph && spanOfNode(paragraph)).toEqual({ start: { line: 3, column: 1 }, end: { line: 3, column: 9 } })
  expect(spanOfNode({ type: 'text', value: 'a' } as never)).toBeUndefined()
})
