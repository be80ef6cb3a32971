import {
  type Document,
  isAlias,
  isCollection,
  isPair,
  isScalar,
  parseAllDocuments,
  Scalar,
  visit,
  type YAMLError,
} from 'yaml'
import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { budgets } from '../source/budgets.ts'
import { memoizeBy } from '../model/memoize.ts'
import { createLocator, type Locator, sourceKey, type SourceFile } from '../source/source-file.ts'

/**
 * The one YAML configuration of Clausewright, for policy files and front matter alike:
 * YAML 1.2 core schema (dates stay strings, `no` is the string "no"), no merge keys. Keys are
 * proved unique below, one set per mapping: the library compares each key with every key before
 * it, and 20,000 keys in one mapping took 31 s.
 */
const parseOptions = {
  version: '1.2',
  schema: 'core',
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
  strict: true,
  stringKeys: false,
  intAsBigInt: false,
} as const

export interface ParsedYaml {
  readonly file: SourceFile
  /** Undefined when the YAML could not be parsed at all. */
  readonly document?: Document.Parsed
  /** The plain value, when there were no errors. */
  readonly value?: unknown
  readonly diagnostics: readonly Diagnostic[]
  /** Where the YAML is in the file (front matter starts after its fence): node ranges are offsets into its text. */
  readonly region: YamlRegion
  /** Span of a node or of a `[start, end]` offset range, in the file's coordinates. */
  spanOf(range: readonly [number, number, ...number[]] | null | undefined): Span | undefined
}

export interface YamlRegion {
  /** Offset of the YAML text inside the file (front matter starts after its fence). */
  readonly offset: number
  readonly text: string
}

/**
 * The most text whose parse is remembered, per kind of parse (memoizeBy): a parsed tree takes
 * about 17 times its text's length in memory (measured on the OPTSM clauses), so 1 MiB of texts
 * holds about 18 MB. A usual policy (OPTSM's files: 22 KB) fits many times over, with the earlier
 * versions of the files being edited in `astro dev`; a policy at its budget (budgets.maxPolicyBytes)
 * keeps its most recently read files. The tests' hits were the same with 512 KiB as with 4 MiB.
 */
export const parsedTextsLength = 1024 * 1024

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype'])
const yaml11Booleans = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/

/**
 * Parses a YAML file: policy.yaml, data.yaml, compliance.yaml, a release. Remembered by the file's
 * path, name and text (see memoizeBy): a release file is read again by the checks that place their
 * findings in it, and `astro dev` checks the whole policy again when one file changed.
 */
export const parseYaml: (file: SourceFile) => ParsedYaml = memoizeBy(sourceKey, (file: SourceFile) => parseYamlRegion(file, { offset: 0, text: file.text }, createLocator(file.text)), parsedTextsLength)

/** Parses the YAML of a region of a file (a clause's front matter), placed in the file's coordinates. */
export function parseYamlRegion(file: SourceFile, region: YamlRegion, locator: Locator): ParsedYaml {
  const diagnostics: Diagnostic[] = []
  const spanOf: ParsedYaml['spanOf'] = (range) => {
    if (!range) return undefined
    const [start, end] = range
    return { start: locator.toPoint(region.offset + start), end: locator.toPoint(region.offset + Math.max(start, end)) }
  }
  const report = (ruleId: RuleId, message: string, range: readonly [number, number] | undefined, hint?: string): void => {
    diagnostics.push(diagnostic(ruleId, file.path, spanOf(range), message, { hint }))
  }

  const tooDeep = findExcessiveNesting(region.text)
  if (tooDeep !== undefined) {
    report('nesting-too-deep', `Unexpected nesting deeper than ${budgets.maxYamlDepth} levels`, [tooDeep, tooDeep + 1], 'Flatten the structure; policy data is never this deep.')
    return { file, diagnostics, region, spanOf }
  }

  let documents: Document.Parsed[]
  try {
    documents = parseAllDocuments(region.text, parseOptions) as Document.Parsed[]
  } catch (error) {
    if (error instanceof RangeError) {
      report('nesting-too-deep', 'Unexpected nesting too deep to parse', [0, 0])
      return { file, diagnostics, region, spanOf }
    }
    throw error
  }
  if (documents.length === 0) {
    report('file-empty', 'Unexpected YAML without a document, expected a mapping', [0, 0])
    return { file, diagnostics, region, spanOf }
  }
  for (const extra of documents.slice(1)) {
    report('yaml-multiple-documents', 'Unexpected second YAML document, expected one document per file', extra.range ? [extra.range[0], extra.range[0] + 3] : undefined, 'Remove the `---` line, or move the second document to a file of its own.')
  }
  const document = documents[0] as Document.Parsed

  for (const error of [...document.errors, ...document.warnings]) {
    // Every explicit tag is reported below, with its node; the library's own report would repeat it.
    if (error.code === 'TAG_RESOLVE_FAILED') continue
    const { ruleId, hint } = classifyYamlError(error)
    report(error.name === 'YAMLWarning' && ruleId === 'yaml-syntax' ? 'yaml-ambiguous' : ruleId, `${oneLine(error.message)} (${error.code})`, error.pos, hint)
  }

  // Stryker disable next-line OptionalChaining: a parsed document always has its directives
  if (document.directives?.yaml.explicit) {
    // The directive the parser read is at the start of a line of the text (never -1).
    const index = Math.max(0, region.text.search(/^%YAML/m))
    report('yaml-version', 'Unexpected %YAML directive, expected none: policy files are read as YAML 1.2', [index, index + 5], 'Remove the directive line.')
  }

  let aliases = 0
  visit(document, {
    Map(_key, map) {
      const keys = new Set<unknown>()
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key
        if (!keys.has(key)) {
          keys.add(key)
          continue
        }
        const range = isScalar(pair.key) && pair.key.range ? ([pair.key.range[0], pair.key.range[1]] as const) : undefined
        report('yaml-duplicate-key', `Unexpected key \`${String(key)}\` a second time in one mapping, expected unique keys`, range, 'Keep one of the two entries.')
      }
    },
    Node(_key, node) {
      if (node.anchor || isAlias(node)) aliases++
      // The composer sets `tag` only where the source wrote one (default tags are left unset), and never on an alias.
      if (node.tag) {
        report('yaml-tag', `Unexpected tag \`${node.tag}\`, expected plain data`, node.range ? [node.range[0], node.range[1]] : undefined, 'Remove the tag; quote the value if it is text.')
      }
      if (isScalar(node) && node.type === Scalar.PLAIN && typeof node.value === 'string' && yaml11Booleans.test(node.value)) {
        report('yaml-1-1-boolean', `Unexpected plain \`${node.value}\`: YAML 1.2 reads it as text, YAML 1.1 tools as a boolean`, node.range ? [node.range[0], node.range[1]] : undefined, `Quote it ("${node.value}") if it is text, or write true/false.`)
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') {
        const range = pair.key.range ? ([pair.key.range[0], pair.key.range[1]] as const) : undefined
        if (pair.key.value === '<<' && pair.key.type === Scalar.PLAIN) {
          report('yaml-merge-key', 'Unexpected merge key `<<`, expected a plain key', range, 'Write the fields out in full.')
        } else if (forbiddenKeys.has(pair.key.value)) {
          report('yaml-forbidden-key', `Unexpected key \`${pair.key.value}\`, expected a field of the schema`, range)
        }
      }
    },
  })
  if (aliases > budgets.maxYamlAliases) {
    report('yaml-alias', `Unexpected ${aliases} anchors and aliases, expected at most ${budgets.maxYamlAliases}`, [0, 0], 'Write the values out in full.')
  }
  const depth = collectionDepth(document.contents)
  if (depth > budgets.maxYamlDepth) {
    report('nesting-too-deep', `Unexpected nesting of ${depth} levels, expected at most ${budgets.maxYamlDepth}`, [0, 0])
  }

  const fatal = diagnostics.some((diagnostic) => diagnostic.severity === 'error')
  if (fatal) return { file, document, diagnostics, region, spanOf }
  // Stryker disable next-line ObjectLiteral: more aliases than the budget are an error reported above, so toJS never meets them
  const value: unknown = document.toJS({ maxAliasCount: budgets.maxYamlAliases })
  return { file, document, value, diagnostics, region, spanOf }
}

// Never DUPLICATE_KEY: with uniqueKeys off the library does not look for duplicates, the visitor above does.
function classifyYamlError(error: YAMLError): { ruleId: RuleId; hint?: string } {
  switch (error.code) {
    case 'BAD_DIRECTIVE':
      return { ruleId: 'yaml-tag', hint: 'Remove the tag; quote the value if it is text.' }
    default:
      return { ruleId: 'yaml-syntax' }
  }
}

/** A message of the library on one line. Without `prettyErrors` it carries no position (positions are ours to show) and no code frame. */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim()
}

/** Depth of nested collections, walked with an explicit stack so depth cannot overflow it. */
function collectionDepth(root: unknown): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[root, 0]]
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [unknown, number]
    if (isCollection(node)) {
      const next = level + 1
      max = Math.max(max, next)
      for (const item of node.items) {
        if (isPair(item)) stack.push([item.value, next])
        else stack.push([item, next])
      }
    }
  }
  return max
}

/**
 * A cheap scan before parsing: flow brackets and block indentation far beyond any policy.
 * Returns the offset where the budget is exceeded, if it is.
 */
function findExcessiveNesting(text: string): number | undefined {
  const maxFlow = budgets.maxYamlDepth
  const maxIndent = budgets.maxYamlDepth * 8
  let flow = 0
  let lineStart = true
  let indent = 0
  let quote: string | undefined
  // Stryker disable next-line EqualityOperator: text[text.length] is undefined, which no branch below matches
  for (let index = 0; index < text.length; index++) {
    const character = text[index]
    if (character === '\n') {
      lineStart = true
      indent = 0
      quote = undefined
      continue
    }
    if (lineStart) {
      if (character === ' ' || character === '-' || character === '?') {
        indent++
        if (indent > maxIndent) return index
        continue
      }
      lineStart = false
    }
    if (quote) {
      if (character === quote) quote = undefined
      continue
    }
    if (character === '#') {
      const newline = text.indexOf('\n', index)
      index = newline === -1 ? text.length : newline - 1
      continue
    }
    if (flow > 0 && (character === '"' || character === "'")) quote = character
    else if (character === '[' || character === '{') {
      flow++
      if (flow > maxFlow) return index
    } else if ((character === ']' || character === '}') && flow > 0) flow--
  }
  return undefined
}
