import { location } from 'vfile-location'
import type { Point } from '../diagnostics/diagnostic.ts'

/** A policy file read from disk, with its display path and its text. */
export interface SourceFile {
  /** Path relative to the working directory, `/`-separated: what diagnostics show. */
  readonly path: string
  /** Path relative to the policy directory, `/`-separated (`clauses/scope.md`). */
  readonly name: string
  readonly text: string
}

/** What tells one source file from another, as a text: its paths and its text, whole. */
export function sourceKey(file: SourceFile): string {
  return `${file.path}\u0000${file.name}\u0000${file.text}`
}

/** Converts string offsets to 1-based points (UTF-16 columns); built once per file. */
export interface Locator {
  toPoint(offset: number): Point
}

export function createLocator(text: string): Locator {
  // vfile-location also ends a line at a lone CR (as micromark does); our lines end at LF only,
  // as the `yaml` parser and the code frame of src/diagnostics/format.ts count them, so a lone CR
  // is handed over as another character of the same length.
  const place = location(text.replaceAll(/\r(?!\n)/g, ' '))
  return {
    toPoint(offset) {
      const point = place.toPoint(Math.max(0, Math.min(offset, text.length)))
      // Never undefined: the offset is clamped into the text.
      return { line: point?.line ?? 1, column: point?.column ?? 1 }
    },
  }
}
