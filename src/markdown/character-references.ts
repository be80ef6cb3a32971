import { decodeNamedCharacterReference } from 'decode-named-character-reference'
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference'

/** A character reference of Markdown source (`&#x202E;`, `&#8238;`, `&shy;`), by UTF-16 offsets. */
export interface CharacterReference {
  readonly start: number
  readonly end: number
  /** What micromark makes of it. */
  readonly value: string
}

// CommonMark's grammar, as micromark reads it: up to 6 hex or 7 decimal digits, or a name of up to
// 31 letters and digits that HTML defines, and always the semicolon. A backslash escape is matched
// first, so that `\&` starts no reference.
const reference = /\\[\s\S]|&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z0-9]{1,31}));/g

/**
 * The character references written in `source` between two offsets (the Markdown of one mdast
 * node), each with its decoded value: mdast holds the decoded text only, and a diagnostic about
 * a character written as a reference points at the reference.
 */
export function findCharacterReferences(source: string, start: number, end: number): CharacterReference[] {
  const found: CharacterReference[] = []
  for (const match of source.slice(start, end).matchAll(reference)) {
    const [written, hex, decimal, name] = match
    const value = hex !== undefined ? decodeNumericCharacterReference(hex, 16) : decimal !== undefined ? decodeNumericCharacterReference(decimal, 10) : name !== undefined ? decodeNamedCharacterReference(name) : false
    if (value !== false) found.push({ start: start + match.index, end: start + match.index + written.length, value })
  }
  return found
}
