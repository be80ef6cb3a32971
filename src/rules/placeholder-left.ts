import type { Nodes } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { isScalar, visit as visitYaml } from 'yaml'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { createLocator } from '../source/source-file.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import type { SemanticRule } from './context.ts'

/** The marker `clausewright init` writes where the policy needs the controller's own words. */
export const placeholder = 'TODO'
// The word alone, in capitals: "todo" or "TODOS" in prose is no marker.
const placeholderPattern = /(?<![\p{L}\p{N}_])TODO(?![\p{L}\p{N}_])/gu

const message = `Unexpected placeholder \`${placeholder}\`, expected the policy's own text`
const hiddenMessage = `Unexpected placeholder \`${placeholder}\`, written so that its source does not spell it (a character reference, an escape or markup inside the word), expected the policy's own text`
const hint = 'Replace it with your own words (`clausewright init` writes TODO where the policy needs them): a policy with a placeholder left cannot be released or built.'

// "todo" is a word of Spanish, Portuguese and Galician ("all"), and legal text is often set in
// capitals there: in a policy in one of them, a TODO beside another word in capitals ("EN TODO
// MOMENTO", only spaces or one line break between them) is prose. "TODO: …", or one alone, is still a marker.
const languagesWithTheWord = new Set(['es', 'pt', 'gl'])
const wordBefore = /(\p{L}+)(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)$/u
const wordAfter = /^(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(\p{L}+)/u
const inCapitals = (word: string | undefined) => word !== undefined && word !== placeholder && word === word.toUpperCase() && word !== word.toLowerCase()

/** Finds the placeholders of a text; in a language where TODO is a word, leaves out those that are prose in capitals. */
function placeholderFinder(language: string | undefined): (text: string, start?: number, end?: number) => number[] {
  const wordInCapitals = languagesWithTheWord.has(language?.split('-')[0]?.toLowerCase() ?? '')
  return (text, start = 0, end = text.length) =>
    [...text.slice(start, end).matchAll(placeholderPattern)]
      .map((match) => start + match.index)
      .filter((offset) => !wordInCapitals || !(inCapitals(wordBefore.exec(text.slice(Math.max(0, offset - 100), offset))?.[1]) || inCapitals(wordAfter.exec(text.slice(offset + placeholder.length, offset + placeholder.length + 100))?.[1])))
}

// Where a reader reads a run of words: a placeholder spelt otherwise in the source (`T&#79;DO`,
// `TO*DO*`) is found in what these show (and in a link reference's definition), and reported at the whole block.
const phrasingBlocks = new Set(['paragraph', 'heading', 'tableCell', 'definition'])

/** What a block shows a reader: its words (an image's text among them), and its link targets, titles and directive attributes. */
function shownBy(block: Nodes): string {
  const shown = [toString(block)]
  visit(block, (node) => {
    if ('url' in node) shown.push(node.url)
    if ('title' in node && typeof node.title === 'string') shown.push(node.title)
    if ('attributes' in node && node.attributes) shown.push(...Object.values(node.attributes).filter((value): value is string => typeof value === 'string'))
  })
  return shown.join('\n')
}

/**
 * A placeholder left in what the policy publishes: the text of a clause (words, code, link
 * targets, directive attributes), its front matter, and every string of policy.yaml and data.yaml.
 * YAML comments are not published and are left alone.
 */
export const placeholderLeft: SemanticRule = {
  ids: ['placeholder-left'],
  check({ clauses, markdown, policy, policyYaml, dataYaml }) {
    const found: Diagnostic[] = []
    const placeholdersIn = placeholderFinder(policy?.language)
    const countOf = (text: string) => placeholdersIn(text).length
    for (const clause of clauses) {
      // Everything after the front matter is published in one way or another: words, code, link
      // targets, directive attributes (the front matter is read as YAML below).
      const source = clause.file.text
      const bodyStart = clause.frontMatterYaml?.region ? clause.frontMatterYaml.region.offset + clause.frontMatterYaml.region.text.length : 0
      // Lines are counted only in a clause that has a placeholder (check runs on every save).
      let locator: ReturnType<typeof createLocator> | undefined
      for (const offset of placeholdersIn(source, bodyStart, source.length)) {
        locator ??= createLocator(source)
        found.push(diagnostic('placeholder-left', clause.file.path, { start: locator.toPoint(offset), end: locator.toPoint(offset + placeholder.length) }, message, { hint }))
      }
    }
    // The same words as a reader reads them: a block that shows more placeholders than its source
    // spells holds one written otherwise (those spelt are reported above, or below for data.yaml).
    for (const text of markdown) {
      visit(text.tree, (node) => {
        if (!phrasingBlocks.has(node.type) || node.position?.start.offset === undefined || node.position.end.offset === undefined) return
        if (countOf(shownBy(node)) > countOf(text.source.slice(node.position.start.offset, node.position.end.offset))) {
          found.push(diagnostic('placeholder-left', text.file, text.spanOf(node), hiddenMessage, { hint }))
        }
      })
    }
    const yamlFiles: Array<ParsedYaml | undefined> = [policyYaml, dataYaml, ...clauses.map((clause) => clause.frontMatterYaml)]
    for (const yaml of yamlFiles) {
      if (!yaml?.document) continue
      const { text } = yaml.region
      visitYaml(yaml.document, {
        Scalar(_, node) {
          if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return
          const spelt = placeholdersIn(text, node.range[0], node.range[1])
          for (const offset of spelt) {
            found.push(diagnostic('placeholder-left', yaml.file.path, yaml.spanOf([offset, offset + placeholder.length]), message, { hint }))
          }
          // A quoted scalar's escapes (`"\x54ODO"`): the value holds one its source does not spell.
          if (countOf(node.value) > spelt.length) found.push(diagnostic('placeholder-left', yaml.file.path, yaml.spanOf([node.range[0], node.range[1]]), hiddenMessage, { hint }))
        },
      })
    }
    return found
  },
}
