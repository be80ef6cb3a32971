import { expect, test } from 'vitest'
import { parseClauseMarkdown } from '../../src/markdown/parse-clause.ts'
import { parseMarkdownText } from '../../src/markdown/parse-data-text.ts'

// Where the Markdown of a policy puts what GFM and remark-directive find (src/markdown/gfm.ts,
// prose-directives.ts): an autolink literal that GFM finds after parsing, and the text around it,
// get the place they are written (a rule reports there), an address scheme stays part of its
// address, and prose with a colon stays text. Each node is written `type "value" start-end`
// (offsets into the source), its children inside.

type Node = { type: string; value?: string; url?: string; name?: string; children?: Node[]; position?: { start: { offset?: number }; end: { offset?: number } } }

function outline(node: Node): unknown {
  const place = node.position ? ` ${node.position.start.offset}-${node.position.end.offset}` : ' (no place)'
  const head = `${node.type}${node.value !== undefined ? ` ${JSON.stringify(node.value)}` : ''}${node.url !== undefined ? ` <${node.url}>` : ''}${node.name !== undefined ? ` :${node.name}` : ''}${place}`
  return node.children ? { [head]: node.children.map(outline) } : head
}

const firstBlock = (source: string) => outline(parseClauseMarkdown(source).children[0] as Node)

test('an autolink GFM finds after a dash, and the texts around it, are placed where written, in a paragraph', () => {
  expect(firstBlock('a -https://example.com b and mailto:c@example.com d')).toEqual({
    'paragraph 0-51': ['text "a -" 0-3', { 'link <https://example.com> 3-22': ['text "https://example.com" 3-22'] }, 'text " b and " 22-29', { 'link <mailto:c@example.com> 29-49': ['text "mailto:c@example.com" 29-49'] }, 'text " d" 49-51'],
  })
})

test('inside emphasis and strikethrough (whose marks are their own): the text before the link, after it, and a link last', () => {
  expect(firstBlock('*see -https://example.com now*')).toEqual({
    'paragraph 0-30': [{ 'emphasis 0-30': ['text "see -" 1-6', { 'link <https://example.com> 6-25': ['text "https://example.com" 6-25'] }, 'text " now" 25-29'] }],
  })
  expect(firstBlock('x *-https://example.com* y')).toEqual({
    'paragraph 0-26': ['text "x " 0-2', { 'emphasis 2-24': ['text "-" 3-4', { 'link <https://example.com> 4-23': ['text "https://example.com" 4-23'] }] }, 'text " y" 24-26'],
  })
  expect(firstBlock('~~old -www.example.com~~ z')).toEqual({
    'paragraph 0-26': [{ 'delete 0-24': ['text "old -" 2-7', { 'link <http://www.example.com> 7-22': ['text "www.example.com" 7-22'] }] }, 'text " z" 24-26'],
  })
})

test('`mailto:` before an address of digits, capitals, `+`, `-`, `.` and `_` is part of its link; after a letter or a digit it is no scheme', () => {
  expect(firstBlock('Write to mailto:First.Last+tag_x-9@example.com now.')).toEqual({
    'paragraph 0-51': ['text "Write to " 0-9', { 'link <mailto:First.Last+tag_x-9@example.com> 9-46': ['text "mailto:First.Last+tag_x-9@example.com" 9-46'] }, 'text " now." 46-51'],
  })
  expect(firstBlock('See xmailto:a@example.com and 9mailto:b@example.com')).toEqual({ 'paragraph 0-51': ['text "See xmailto:a@example.com and 9mailto:b@example.com" 0-51'] })
})

test('an address after `mailto:` that starts with A, Z, a or z is linked whole, never read as a directive', () => {
  expect(firstBlock('Ask mailto:Ada@example.com, mailto:Zed@example.com, mailto:abe@example.com or mailto:zoe@example.com.')).toEqual({
    'paragraph 0-101': [
      'text "Ask " 0-4',
      { 'link <mailto:Ada@example.com> 4-26': ['text "mailto:Ada@example.com" 4-26'] },
      'text ", " 26-28',
      { 'link <mailto:Zed@example.com> 28-50': ['text "mailto:Zed@example.com" 28-50'] },
      'text ", " 50-52',
      { 'link <mailto:abe@example.com> 52-74': ['text "mailto:abe@example.com" 52-74'] },
      'text " or " 74-78',
      { 'link <mailto:zoe@example.com> 78-100': ['text "mailto:zoe@example.com" 78-100'] },
      'text "." 100-101',
    ],
  })
})

test('a text of data.yaml has neither tables nor footnotes: their marks are words', () => {
  expect(parseMarkdownText('| a |\n| - |\n| b |\n\nnote[^1]\n\n[^1]: x').children.map((node) => outline(node as Node))).toEqual([
    { 'paragraph 0-17': ['text "| a |\\n| - |\\n| b |" 0-17'] },
    { 'paragraph 19-27': ['text "note" 19-23', { 'linkReference 23-27': ['text "^1" 24-26'] }] },
    'definition <x> 29-36',
  ])
})

test('prose with a colon is text beside the markup after it; a name of the catalogue, a label or attributes, and a directive alone on its line stay directives', () => {
  expect(firstBlock('At 10:30am *now* ok')).toEqual({ 'paragraph 0-19': ['text "At 10:30am " 0-11', { 'emphasis 11-16': ['text "now" 12-15'] }, 'text " ok" 16-19'] })
  expect(firstBlock('Write to :unknown[label] now')).toEqual({ 'paragraph 0-28': ['text "Write to " 0-9', { 'textDirective :unknown 9-24': ['text "label" 18-23'] }, 'text " now" 24-28'] })
  expect(firstBlock('Ratio 2:1 :email{#x} and Note:this{.x}')).toEqual({
    'paragraph 0-38': ['text "Ratio 2:1 " 0-10', { 'textDirective :email 10-20': [] }, 'text " and Note" 20-29', { 'textDirective :this 29-38': [] }],
  })
  expect(firstBlock('::nothing\n\nText.')).toEqual({ 'leafDirective :nothing 0-9': [] })
})
