import { isScalar, visit as visitYaml } from 'yaml'
import { visit } from 'unist-util-visit'
import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import { characterHint, characterKind, findCharacterProblems } from '../source/find-invisible-characters.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import type { SemanticRule } from './context.ts'

/**
 * The characters that the scan of each file cannot see because the file writes them as escapes:
 * a YAML escape (`"\u202E"`, `"\e"`) or a Markdown character reference (`&#x202E;`). The
 * published text holds them all the same. A character that the file holds literally somewhere is
 * reported there by the scan, and the file fails check until it is gone.
 */
export const escapedCharacters: SemanticRule = {
  ids: ['forbidden-character', 'invisible-character'],
  check({ markdown, policyYaml, dataYaml, clauses }) {
    const found: Diagnostic[] = []
    const report = (file: string, span: Span | undefined, value: string, source: string): void => {
      for (const problem of findCharacterProblems(value)) {
        if (source.includes(problem.character)) continue
        const named = `${problem.code}${problem.name ? ` ${problem.name}` : ''}`
        found.push(diagnostic(problem.ruleId, file, span, `Unexpected ${characterKind(problem)} ${named}, written as an escape, expected text`, { hint: characterHint(problem) }))
      }
    }
    for (const text of markdown) {
      visit(text.tree, (node) => {
        for (const value of [(node as { value?: unknown }).value, (node as { title?: unknown }).title, (node as { alt?: unknown }).alt, (node as { url?: unknown }).url]) {
          if (typeof value === 'string') report(text.file, text.spanOf(node), value, text.source)
        }
      })
    }
    const yamlFiles: Array<ParsedYaml | undefined> = [policyYaml, dataYaml, ...clauses.map((clause) => clause.frontMatterYaml)]
    for (const yaml of yamlFiles) {
      if (!yaml?.document) continue
      visitYaml(yaml.document, {
        Scalar(_, node) {
          if (isScalar(node) && typeof node.value === 'string') report(yaml.file.path, yaml.spanOf(node.range), node.value, yaml.file.text)
        },
      })
    }
    return found
  },
}
