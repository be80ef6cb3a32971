import type { Link } from 'mdast'
import { visit } from 'unist-util-visit'
import { describe, expect, test } from 'vitest'
import { createMarkdownMeter } from '../../src/markdown/markdown-complexity.ts'
import { mapSpan, parseDataText } from '../../src/markdown/parse-data-text.ts'
import { parseYaml } from '../../src/yaml/parse-yaml.ts'

// A Markdown text held in data.yaml, parsed with its positions mapped back into the YAML file: a
// link in a purpose's text is reported at its place in data.yaml, whichever way the value is written.
function linkIn(yaml: string) {
  const parsed = parseYaml({ path: 'policy/data.yaml', name: 'data.yaml', text: yaml })
  const text = parseDataText(parsed, ['purposes', 0, 'text'], createMarkdownMeter())
  let link: Link | undefined
  if (text) visit(text.tree, 'link', (node) => void (link = node))
  const span = text && link ? mapSpan(text, link) : undefined
  return { text, at: span && `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}` }
}

describe('where a link in a text is in data.yaml', () => {
  test('a plain value on one line: exactly', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: see [our rights](#rights) here\n')).toMatchObject({ at: '3:15-3:36', text: { value: 'see [our rights](#rights) here' } })
  })

  test('a double-quoted and a single-quoted value on one line: exactly, after the quote', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: "see [our rights](#rights) here"\n').at).toBe('3:16-3:37')
    expect(linkIn("purposes:\n  - id: a\n    text: 'see [our rights](#rights) here'\n").at).toBe('3:16-3:37')
  })

  test('a literal block: line by line, after its indentation', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: |\n      First line.\n      See [our rights](#rights).\n').at).toBe('5:11-5:32')
  })

  test('a quoted value over two lines, a folded block: at the start of the value', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: "see\n      [our rights](#rights)"\n').at).toBe('3:11-3:11')
    expect(linkIn('purposes:\n  - id: a\n    text: >\n      see\n      [our rights](#rights)\n').at).toBe('3:11-3:11')
  })

  test('a plain value over two lines: at the start of the value for what is on its second line', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: see\n      [our rights](#rights)\n').at).toBe('3:11-3:11')
  })
})

describe('what is no text', () => {
  test('a number, a list, a missing value, a file that did not parse', () => {
    expect(linkIn('purposes:\n  - id: a\n    text: 12\n').text).toBeUndefined()
    expect(linkIn('purposes:\n  - id: a\n    text: [a]\n').text).toBeUndefined()
    expect(linkIn('purposes:\n  - id: a\n').text).toBeUndefined()
    expect(linkIn('purposes: [').text).toBeUndefined()
  })

  test('a node without a position has no span', () => {
    const text = linkIn('purposes:\n  - id: a\n    text: plain\n').text
    expect(text && mapSpan(text, {})).toBeUndefined()
  })
})

test('a text over the Markdown budget is not parsed: an empty tree that says where it ran out', () => {
  const { text } = linkIn(`purposes:\n  - id: a\n    text: "${'['.repeat(20)}x"\n`)
  expect(text?.tree.children).toEqual([])
  const tooComplex = text?.tree.data?.markdownTooComplex
  expect(tooComplex?.point).toEqual(text?.tree.position?.start)
  expect(text?.tree.position?.end).toEqual(tooComplex?.point)
  expect(tooComplex).toMatchObject({ point: { line: 1, column: expect.any(Number) as number } })
})
