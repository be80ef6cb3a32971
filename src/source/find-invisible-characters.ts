import type { Diagnostic } from '../diagnostics/diagnostic.ts'
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

// Characters XML 1.0 forbids (the Atom feed is XML): C0 controls but tab, line feed and carriage
// return, and the noncharacters U+FFFE and U+FFFF. A vertical tab comes pasted from word processors.
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

export function findInvisibleCharacters(file: SourceFile): Diagnostic[] {
  const locator = createLocator(file.text)
  const report = (pattern: RegExp, describe: (character: string, code: string) => Pick<Diagnostic, 'ruleId' | 'message' | 'hint'>): Diagnostic[] =>
    [...file.text.matchAll(pattern)].map((match) => {
      const code = `U+${match[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`
      const start = locator.toPoint(match.index)
      return { ...describe(match[0], code), severity: 'error', file: file.path, span: { start, end: { line: start.line, column: start.column + 1 } } }
    })
  return [
    ...report(forbidden, (character, code) => ({
      ruleId: 'forbidden-character',
      message: `Unexpected control character ${code}, expected text`,
      hint: character === '\u000b' ? 'A vertical tab, often pasted from a word processor: replace it with a line break or a space.' : 'Delete it.',
    })),
    ...report(invisible, (character, code) => ({
      ruleId: 'invisible-character',
      message: `Unexpected invisible character ${code} ${names[character] ?? ''}`.trim(),
      hint: 'Delete it: it changes how the text displays without being seen.',
    })),
  ]
}
