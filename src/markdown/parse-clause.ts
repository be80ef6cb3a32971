import type { Root, Yaml } from 'mdast'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { budgets } from '../source/budgets.ts'
import { createMarkdownMeter } from './markdown-complexity.ts'
import { proseDirectivesAsText } from './prose-directives.ts'
import { remarkClauseGfm, withAutolinkPositions } from './gfm.ts'
import { memoizeBy } from '../model/memoize.ts'
import { createLocator, type Locator, sourceKey, type SourceFile } from '../source/source-file.ts'
import { validateYaml } from '../validate/validate-yaml.ts'
import { parsedTextsLength, parseYamlRegion, type ParsedYaml } from '../yaml/parse-yaml.ts'

export interface ClauseFrontMatter {
  readonly id: string
  readonly title?: string
  /** Former anchors of the page, each to the clause's id or one of its headings' (`<clause>--<slug>`). */
  readonly aliases?: Readonly<Record<string, string>>
}

export interface ParsedClause {
  readonly file: SourceFile
  readonly locator: Locator
  /** The Markdown tree, front matter removed; undefined when the file could not be parsed. */
  readonly tree?: Root
  readonly frontMatter?: ClauseFrontMatter
  readonly frontMatterYaml?: ParsedYaml
  readonly diagnostics: readonly Diagnostic[]
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkClauseGfm).use(remarkDirective).freeze()

/** A clause file's Markdown, parsed with its front matter as a first `yaml` node; prose that looks like a directive stays text. */
export function parseClauseMarkdown(text: string): Root {
  return proseDirectivesAsText(withAutolinkPositions(parser.parse(text), text), text)
}

/**
 * Parses a clause file: Markdown with directives, and YAML front matter read by the one YAML
 * parser. Remembered by the file's path, name and text (see memoizeBy): `astro dev` checks the
 * whole policy again when one clause changed.
 */
export const parseClause: (file: SourceFile) => ParsedClause = memoizeBy(sourceKey, parseClauseFile, parsedTextsLength)

function parseClauseFile(file: SourceFile): ParsedClause {
  const locator = createLocator(file.text)
  const diagnostics: Diagnostic[] = []

  const deep = findExcessiveMarkdownNesting(file.text)
  if (deep !== undefined) {
    const point = locator.toPoint(deep)
    diagnostics.push(diagnostic('nesting-too-deep', file.path, { start: point, end: point }, `Unexpected Markdown nested deeper than ${budgets.maxMarkdownDepth} levels of lists or quotes`, { hint: 'Flatten the lists; a reader cannot follow this depth either.' }))
    return { file, locator, diagnostics }
  }

  const excess = createMarkdownMeter().measure(file.text)
  if (excess !== undefined) {
    const point = locator.toPoint(excess.offset)
    diagnostics.push(diagnostic('markdown-too-complex', file.path, { start: point, end: point }, excess.message, { hint: excess.hint }))
    return { file, locator, diagnostics }
  }

  let tree: Root
  try {
    tree = parseClauseMarkdown(file.text)
  } catch (error) {
    if (error instanceof RangeError) {
      diagnostics.push(diagnostic('nesting-too-deep', file.path, undefined, 'Unexpected Markdown nested too deep to parse'))
      return { file, locator, diagnostics }
    }
    throw error
  }

  const first = tree.children[0]
  if (first?.type !== 'yaml') {
    diagnostics.push(diagnostic('front-matter-missing', file.path, { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, 'Missing front matter, expected the clause to start with `---`, its `id` and `title`, and `---`', { hint: 'Start the file with:\n---\nid: my-clause\ntitle: My clause\n---' }))
    return { file, locator, tree, diagnostics }
  }

  const frontMatterYaml = parseFrontMatter(file, first, locator)
  diagnostics.push(...frontMatterYaml.diagnostics, ...validateYaml(frontMatterYaml, 'clause'))
  const body: Root = { ...tree, children: tree.children.slice(1) }

  if (body.children.length === 0) {
    const end = locator.toPoint(first.position?.end.offset ?? 0)
    diagnostics.push(diagnostic('clause-empty', file.path, { start: end, end }, 'Unexpected clause without text, expected Markdown after the front matter', { hint: 'Write the clause, or remove it and its entry in policy.yaml `clauses`.' }))
  }

  const valid = diagnostics.every((diagnostic) => diagnostic.severity !== 'error' || diagnostic.ruleId === 'clause-empty')
  const frontMatter = valid ? (frontMatterYaml.value as ClauseFrontMatter) : undefined
  return { file, locator, tree: body, ...(frontMatter && { frontMatter }), frontMatterYaml, diagnostics }
}

function parseFrontMatter(file: SourceFile, node: Yaml, locator: Locator): ParsedYaml {
  const start = node.position?.start.offset ?? 0
  const contentStart = file.text.indexOf('\n', start) + 1
  return parseYamlRegion(file, { offset: contentStart, text: node.value }, locator)
}

/** Nesting of block quotes and lists, estimated line by line before micromark sees the text. */
export function findExcessiveMarkdownNesting(text: string): number | undefined {
  let offset = 0
  for (const line of text.split('\n')) {
    let depth = 0
    let spaces = 0
    let index = 0
    while (index < line.length) {
      const character = line[index]
      if (character === ' ') {
        spaces++
        index++
      } else if (character === '\t') {
        spaces += 4
        index++
      } else if (character === '>') {
        depth++
        index++
      } else if ((character === '-' || character === '*' || character === '+') && (line[index + 1] === ' ' || line[index + 1] === undefined)) {
        depth++
        index++
      } else {
        const ordered = /^\d{1,9}[.)](?: |$)/.exec(line.slice(index, index + 11))
        if (!ordered) break
        depth++
        index += ordered[0].length
      }
      if (depth + Math.floor(spaces / 2) > budgets.maxMarkdownDepth * 2) return offset + index
    }
    offset += line.length + 1
  }
  return undefined
}
