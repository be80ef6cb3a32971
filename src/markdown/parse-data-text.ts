import type { Root } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { isScalar, Scalar } from 'yaml'
import type { Point, Span } from '../diagnostics/diagnostic.ts'
import { createLocator } from '../source/source-file.ts'
import { memoizeByText } from '../model/memoize.ts'
import { parsedTextsLength, type ParsedYaml } from '../yaml/parse-yaml.ts'
import type { MarkdownExcess, MarkdownMeter } from './markdown-complexity.ts'
import { nodeAt } from '../yaml/node-at.ts'
import { proseDirectivesAsText } from './prose-directives.ts'
import { remarkDataTextGfm, withAutolinkPositions } from './gfm.ts'

declare module 'mdast' {
  interface RootData {
    /** Set on the empty tree of a text that was not parsed: where it exceeds the Markdown budgets (a point in the text). */
    markdownTooComplex?: Omit<MarkdownExcess, 'offset'> & { readonly point: Point }
  }
}

/** A Markdown text held in a YAML value (a purpose's `text`, a right's `statement`). */
export interface DataText {
  /** The text, as YAML gives it. */
  readonly value: string
  readonly tree: Root
  /** Maps a position in the text to the YAML file. */
  toFile(point: Point): Point
}

export const dataTextParser = unified().use(remarkParse).use(remarkDataTextGfm).use(remarkDirective).freeze()

/**
 * A Markdown text of data.yaml (GFM without tables and footnotes), its autolinks placed; prose
 * that looks like a directive stays text. Remembered by its text (see memoizeBy): data.yaml is
 * checked again whole when any file of the policy changed (`astro dev`).
 */
export const parseMarkdownText: (text: string) => Root = memoizeByText((text: string) => proseDirectivesAsText(withAutolinkPositions(dataTextParser.parse(text), text), text), parsedTextsLength)

/**
 * Parses the Markdown of a YAML string value (unless the file's texts exceed the Markdown budgets:
 * then the tree is empty and says where, for the rule markdown-too-complex) with the clause parser, keeping positions: exact for
 * plain and quoted one-line values and literal blocks (`|`), the start of the value otherwise.
 * The texts of one data.yaml share one budget, like the Markdown of one clause file: `meter` is
 * the file's, for one check (a parsed file is shared by every check of the same text).
 */
export function parseDataText(parsed: ParsedYaml, path: ReadonlyArray<string | number>, meter: MarkdownMeter): DataText | undefined {
  const node = parsed.document ? nodeAt(parsed.document, path) : undefined
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined
  const text = parsed.file.text
  const start = parsed.spanOf([node.range[0], node.range[0]])?.start ?? { line: 1, column: 1 }
  let toFile: DataText['toFile'] = () => start
  if (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    const shift = node.type === Scalar.PLAIN ? 0 : 1
    const singleLine = !node.value.includes('\n') && !text.slice(node.range[0], node.range[1]).includes('\n')
    toFile = (point) => (singleLine && point.line === 1 ? { line: start.line, column: start.column + shift + point.column - 1 } : start)
  } else if (node.type === Scalar.BLOCK_LITERAL) {
    const contentStart = text.indexOf('\n', node.range[0]) + 1
    const indent = /^ */.exec(text.slice(contentStart))?.[0].length ?? 0
    const first = parsed.spanOf([contentStart, contentStart])?.start.line ?? start.line
    toFile = (point) => ({ line: first + point.line - 1, column: indent + point.column })
  }
  const excess = meter.measure(node.value)
  if (excess) {
    const { offset, ...reason } = excess
    const point = createLocator(node.value).toPoint(offset)
    return { value: node.value, tree: { type: 'root', children: [], position: { start: point, end: point }, data: { markdownTooComplex: { ...reason, point } } }, toFile }
  }
  return { value: node.value, tree: parseMarkdownText(node.value), toFile }
}

export function mapSpan(text: DataText, node: { position?: { start: Point; end: Point } | undefined }): Span | undefined {
  if (!node.position) return undefined
  return { start: text.toFile(node.position.start), end: text.toFile(node.position.end) }
}
