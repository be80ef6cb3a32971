import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { createLocator, type SourceFile } from './source-file.ts'

// Bidirectional controls (the "Trojan Source" characters), zero-width and other characters that
// display as nothing (fillers, tags, the soft hyphen, format controls of musical and interlinear
// text): each can make the text a reviewer sees differ from the text that is published, or a diff
// show a change that no reader can see. (The line and paragraph separators break a line where
// they stand; the JSON-LD of a page escapes them.)
// eslint-disable-next-line no-misleading-character-class -- each combining mark is listed alone, to be found alone
const invisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}]/gu

const names: Record<string, string> = {
  '\u00ad': 'SOFT HYPHEN',
  '\u034f': 'COMBINING GRAPHEME JOINER',
  '\u061c': 'ARABIC LETTER MARK',
  '\u115f': 'HANGUL CHOSEONG FILLER',
  '\u1160': 'HANGUL JUNGSEONG FILLER',
  '\u17b4': 'KHMER VOWEL INHERENT AQ',
  '\u17b5': 'KHMER VOWEL INHERENT AA',
  '\u180e': 'MONGOLIAN VOWEL SEPARATOR',
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
  '\u2061': 'FUNCTION APPLICATION',
  '\u2062': 'INVISIBLE TIMES',
  '\u2063': 'INVISIBLE SEPARATOR',
  '\u2064': 'INVISIBLE PLUS',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\u3164': 'HANGUL FILLER',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE',
  '\uffa0': 'HALFWIDTH HANGUL FILLER',
  '\ufff9': 'INTERLINEAR ANNOTATION ANCHOR',
  '\ufffa': 'INTERLINEAR ANNOTATION SEPARATOR',
  '\ufffb': 'INTERLINEAR ANNOTATION TERMINATOR',
}

// Control characters: the C0 controls that XML 1.0 forbids (all but tab, line feed and carriage
// return), DEL and the C1 controls (which XML 1.0 discourages and a terminal obeys: U+009B starts
// an escape sequence); the noncharacters (U+FDD0–U+FDEF and the last two code points of every
// plane), which XML discourages and the feed refuses; and a lone surrogate, which is no character
// at all. A vertical tab comes pasted from word processors.
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}\ud800-\udfff]/gu

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
  if (/^[\ud800-\udfff]$/.test(problem.character)) return 'lone surrogate'
  return (problem.character.codePointAt(0) ?? 0) < 0xa0 ? 'control character' : 'noncharacter'
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

/** `U+000B`: a character as Unicode names it, never the character itself. */
export function toCode(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
