import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { createLocator, type SourceFile } from './source-file.ts'

// Bidirectional controls (the "Trojan Source" characters) and zero-width characters: each can make
// the text a reviewer sees differ from the text that is published.
const invisible = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

const names: Record<string, string> = {
  '\u061c': 'ARABIC LETTER MARK',
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u200e': 'LEFT-TO-RIGHT MARK',
  '\u200f': 'RIGHT-TO-LEFT MARK',
  '\u202a': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202b': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202c': 'POP DIRECTIONAL FORMATTING',
  '\u202d': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202e': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE',
}

// Control characters: the C0 controls that XML 1.0 forbids (all but tab, line feed and carriage
// return), DEL and the C1 controls (which XML 1.0 discourages and a terminal obeys: U+009B starts
// an escape sequence), and the noncharacters U+FFFE and U+FFFF. A vertical tab comes pasted from
// word processors.
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g

/** One character that policy text may not hold, at a UTF-16 offset. */
export interface CharacterProblem {
  readonly ruleId: 'forbidden-character' | 'invisible-character'
  readonly index: number
  readonly character: string
  /** `U+000B`. */
  readonly code: string
  /** The Unicode name of an invisible character; empty for a control character. */
  readonly name: string
}

/**
 * The forbidden and invisible characters of a text, in order: the one rule for policy files and
 * for text given on the command line (`release --summary`).
 */
export function findCharacterProblems(text: string): CharacterProblem[] {
  const found = (pattern: RegExp, ruleId: CharacterProblem['ruleId']): CharacterProblem[] =>
    [...text.matchAll(pattern)].map((match) => ({ ruleId, index: match.index, character: match[0], code: toCode(match[0]), name: names[match[0]] ?? '' }))
  return [...found(forbidden, 'forbidden-character'), ...found(invisible, 'invisible-character')].sort((a, b) => a.index - b.index)
}

/** `control character`, `noncharacter` or `invisible character`. */
export function characterKind(problem: CharacterProblem): string {
  if (problem.ruleId === 'invisible-character') return 'invisible character'
  return problem.character >= '\ufffe' ? 'noncharacter' : 'control character'
}

/** What to do about a forbidden or invisible character. */
export function characterHint(problem: CharacterProblem): string {
  if (problem.ruleId === 'invisible-character') return 'Delete it: it changes how the text displays without being seen.'
  return problem.character === '\u000b' ? 'A vertical tab, often pasted from a word processor: replace it with a line break or a space.' : 'Delete it.'
}

export function findInvisibleCharacters(file: SourceFile): Diagnostic[] {
  const locator = createLocator(file.text)
  return findCharacterProblems(file.text).map((problem) => {
    const start = locator.toPoint(problem.index)
    return diagnostic(problem.ruleId, file.path, { start, end: { line: start.line, column: start.column + 1 } }, `Unexpected ${characterKind(problem)} ${problem.code}${problem.name ? ` ${problem.name}` : ''}${problem.ruleId === 'forbidden-character' ? ', expected text' : ''}`, { hint: characterHint(problem) })
  })
}

function toCode(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
