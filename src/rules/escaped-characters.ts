import { isScalar, visit as visitYaml } from 'yaml'
import { visit } from 'unist-util-visit'
import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import { findCharacterReferences } from '../markdown/character-references.ts'
import { type CharacterProblem, characterHint, characterKind, findCharacterProblems } from '../source/find-invisible-characters.ts'
import { createLocator, type Locator } from '../source/source-file.ts'
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
    const escaped = (value: string, source: string): CharacterProblem[] => findCharacterProblems(value).filter((problem) => !source.includes(problem.character))
    const report = (file: string, span: Span | undefined, problem: CharacterProblem): void => {
      const named = `${problem.code}${problem.name ? ` ${problem.name}` : ''}`
      found.push(diagnostic(problem.ruleId, file, span, `Unexpected ${characterKind(problem)} ${named}, written as an escape, expected text`, { hint: characterHint(problem) }))
    }
    for (const text of markdown) {
      let locator: Locator | undefined
      visit(text.tree, (node) => {
        const problems = [(node as { value?: unknown }).value, (node as { title?: unknown }).title, (node as { alt?: unknown }).alt, (node as { url?: unknown }).url].flatMap((value) => (typeof value === 'string' ? escaped(value, text.source) : []))
        if (problems.length === 0) return
        // Each at the reference that wrote it, found again in the Markdown of the node.
        const placed = new Set<string>()
        const { start, end } = node.position ?? {}
        for (const reference of start?.offset === undefined || end?.offset === undefined ? [] : findCharacterReferences(text.source, start.offset, end.offset)) {
          for (const problem of escaped(reference.value, text.source)) {
            locator ??= createLocator(text.source)
            report(text.file, text.spanOf({ position: { start: locator.toPoint(reference.start), end: locator.toPoint(reference.end) } }), problem)
            placed.add(problem.character)
          }
        }
        // A character that no reference wrote (micromark decodes nothing else today) stays at the node.
        for (const problem of problems) if (!placed.has(problem.character)) report(text.file, text.spanOf(node), problem)
      })
    }
    const yamlFiles: Array<ParsedYaml | undefined> = [policyYaml, dataYaml, ...clauses.map((clause) => clause.frontMatterYaml)]
    for (const yaml of yamlFiles) {
      if (!yaml?.document) continue
      visitYaml(yaml.document, {
        Scalar(_, node) {
          if (!isScalar(node) || typeof node.value !== 'string') return
          for (const problem of escaped(node.value, yaml.file.text)) report(yaml.file.path, yaml.spanOf(node.range), problem)
        },
      })
    }
    return found
  },
}
