import type { Point } from '../diagnostics/diagnostic.ts'

/** A policy file read from disk, with its display path and its text. */
export interface SourceFile {
  /** Path relative to the working directory, `/`-separated: what diagnostics show. */
  readonly path: string
  /** Path relative to the policy directory, `/`-separated (`clauses/scope.md`). */
  readonly name: string
  readonly text: string
}

/** Converts string offsets to 1-based points; built once per file (binary search over lines). */
export interface Locator {
  toPoint(offset: number): Point
}

export function createLocator(text: string): Locator {
  const lineStarts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1)
  }
  return {
    toPoint(offset) {
      const clamped = Math.max(0, Math.min(offset, text.length))
      let low = 0
      let high = lineStarts.length - 1
      while (low < high) {
        const middle = (low + high + 1) >> 1
        if ((lineStarts[middle] ?? 0) <= clamped) low = middle
        else high = middle - 1
      }
      return { line: low + 1, column: clamped - (lineStarts[low] ?? 0) + 1 }
    },
  }
}
