/** Small helpers for writing messages the same way everywhere. */

/** `a`, `b`, `c` — items as inline code, comma-separated. */
export function codeList(items: Iterable<string>): string {
  return [...items].map((item) => `\`${item}\``).join(', ')
}

/** What a diagnostic about a typo suggests: its hint ("Did you mean `x`?") and its `expected` values, from one search for the closest candidate. */
export function suggest(actual: string, candidates: Iterable<string>, prefix = ''): { readonly hint: string | undefined; readonly expected: string[] } {
  const suggestion = closest(actual, [...candidates])
  return suggestion === undefined ? { hint: undefined, expected: [] } : { hint: `Did you mean \`${prefix}${suggestion}\`?`, expected: [`${prefix}${suggestion}`] }
}

/** The allowed value closest to a typo (edit distance at most 2), if any. */
export function closest(actual: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of allowed) {
    const distance = editDistance(actual.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best === actual ? undefined : best
}

/**
 * The edit distance of two words, or 3 when it is 3 or more: only what is close enough to suggest
 * matters, so only the band of cells within 2 of the diagonal is computed, and a row whose every
 * cell is over 2 ends it (a policy with 100,000 broken links spent 6 s in the full table).
 */
export function editDistance(a: string, b: string): number {
  const bound = 3
  if (Math.abs(a.length - b.length) >= bound) return bound
  let previous = Array.from({ length: b.length + 1 }, (_, index) => Math.min(index, bound))
  let current = new Array<number>(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    current.fill(bound)
    current[0] = Math.min(i, bound)
    let rowMinimum = current[0]
    for (let j = Math.max(1, i - bound + 1); j <= Math.min(b.length, i + bound - 1); j++) {
      const cell = Math.min((previous[j] ?? bound) + 1, (current[j - 1] ?? bound) + 1, (previous[j - 1] ?? bound) + (a[i - 1] === b[j - 1] ? 0 : 1), bound)
      current[j] = cell
      if (cell < rowMinimum) rowMinimum = cell
    }
    if (rowMinimum >= bound) return bound
    ;[previous, current] = [current, previous]
  }
  return previous[b.length] ?? bound
}

/** A count and its noun, in the plural unless one: `1 release`, `2 releases`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** A number as English writes it, whatever the locale of the machine: `104,900`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US')
}
