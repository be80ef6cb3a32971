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
const hint = 'Replace it with your own words (`clausewright init` writes TODO where the policy needs them): a policy with a placeholder left cannot be released or built.'

/** The offsets of each placeholder in `text` between `start` and `end`. */
function placeholdersIn(text: string, start: number, end: number): number[] {
  return [...text.slice(start, end).matchAll(placeholderPattern)].map((match) => start + match.index)
}

/**
 * A placeholder left in what the policy publishes: the text of a clause (words, code, link
 * targets, directive attributes), its front matter, and every string of policy.yaml and data.yaml.
 * YAML comments are not published and are left alone.
 */
export const placeholderLeft: SemanticRule = {
  ids: ['placeholder-left'],
  check({ clauses, policyYaml, dataYaml }) {
    const found: Diagnostic[] = []
    for (const clause of clauses) {
      // Everything after the front matter is published in one way or another: words, code, link
      // targets, directive attributes (the front matter is read as YAML below).
      const source = clause.file.text
      const bodyStart = clause.frontMatterYaml?.region ? clause.frontMatterYaml.region.offset + clause.frontMatterYaml.region.text.length : 0
      const locator = createLocator(source)
      for (const offset of placeholdersIn(source, bodyStart, source.length)) {
        found.push(diagnostic('placeholder-left', clause.file.path, { start: locator.toPoint(offset), end: locator.toPoint(offset + placeholder.length) }, message, { hint }))
      }
    }
    const yamlFiles: Array<ParsedYaml | undefined> = [policyYaml, dataYaml, ...clauses.map((clause) => clause.frontMatterYaml)]
    for (const yaml of yamlFiles) {
      if (!yaml?.document) continue
      const { text } = yaml.region
      visitYaml(yaml.document, {
        Scalar(_, node) {
          if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return
          for (const offset of placeholdersIn(text, node.range[0], node.range[1])) {
            found.push(diagnostic('placeholder-left', yaml.file.path, yaml.spanOf([offset, offset + placeholder.length]), message, { hint }))
          }
        },
      })
    }
    return found
  },
}
