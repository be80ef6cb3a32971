import { isScalar, visit as visitYaml } from 'yaml'
import type { Node, Parent } from 'unist'
import { visit } from 'unist-util-visit'
import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import { findCharacterReferences } from '../markdown/character-references.ts'
import { type CharacterProblem, characterHint, characterKind, findCharacterProblems } from '../source/find-invisible-characters.ts'
import { createLocator, type Locator } from '../source/source-file.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import type { SemanticRule } from './context.ts'

/**
 * The offsets of a node's own Markdown: all of it for a leaf; for a link, the parts around its
 * children (its destination and title), since a child's references are its own, and a code span's
 * `&#x…;` is no reference at all.
 */
function ownRanges(node: Node): Array<[number, number]> {
  const { start, end } = node.position ?? {}
  if (start?.offset === undefined || end?.offset === undefined) return []
  const ranges: Array<[number, number]> = []
  let from = start.offset
  for (const child of (node as Partial<Parent>).children ?? []) {
    const childStart = child.position?.start.offset
    const childEnd = child.position?.end.offset
    if (childStart === undefined || childEnd === undefined) continue
    if (childStart > from) ranges.push([from, childStart])
    from = Math.max(from, childEnd)
  }
  if (end.offset > from) ranges.push([from, end.offset])
  return ranges
}

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
        for (const reference of ownRanges(node).flatMap(([start, end]) => findCharacterReferences(text.source, start, end))) {
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
