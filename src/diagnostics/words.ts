/** Small helpers for writing messages the same way everywhere. */

/** `a`, `b`, `c` — items as inline code, comma-separated. */
export function codeList(items: Iterable<string>): string {
  return [...items].map((item) => `\`${item}\``).join(', ')
}

/** "Did you mean `x`?" for the candidate closest to a typo, if there is one. */
export function didYouMean(actual: string, candidates: Iterable<string>, prefix = ''): string | undefined {
  const suggestion = closest(actual, [...candidates])
  return suggestion === undefined ? undefined : `Did you mean \`${prefix}${suggestion}\`?`
}

/** The `expected` values of a diagnostic about a typo: the closest candidate, if there is one. */
export function expectedFor(actual: string, candidates: Iterable<string>, prefix = ''): string[] {
  const suggestion = closest(actual, [...candidates])
  return suggestion === undefined ? [] : [`${prefix}${suggestion}`]
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

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** A count and its noun, in the plural unless one: `1 release`, `2 releases`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
