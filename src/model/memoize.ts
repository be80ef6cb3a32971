/**
 * A pure function of one text, remembered for the texts it was last given. The same HTML is parsed
 * again and again within one process: a release's clauses are sanitised when loaded, digested to
 * verify the release, and read again by the diffs with the release before and after it; the
 * Astro loader does all of it again on each save of `astro dev`. The texts remembered are bounded
 * by their total length (the least recently used go first), so a policy of large releases cannot
 * grow the memory without limit. A result is returned again as it is, to every later caller, so it
 * is frozen to its depth: a caller that changed one (a digest read from a readable content another
 * caller had trimmed) would throw, not corrupt what the next one reads.
 */
export function memoizeByText<Result>(compute: (text: string) => Result, maxTotalLength = 16 * 1024 * 1024): (text: string) => Result {
  const remembered = new Map<string, Result>()
  let totalLength = 0
  return (text) => {
    const known = remembered.get(text)
    if (known !== undefined || remembered.has(text)) {
      // Map keeps the order of insertion: taken out and put back, the text is the newest.
      remembered.delete(text)
      remembered.set(text, known as Result)
      return known as Result
    }
    const result = frozen(compute(text))
    if (text.length > maxTotalLength) return result
    remembered.set(text, result)
    totalLength += text.length
    for (const oldest of remembered.keys()) {
      if (totalLength <= maxTotalLength) break
      remembered.delete(oldest)
      totalLength -= oldest.length
    }
    return result
  }
}

/** The value, its arrays and objects frozen, to their depth. */
function frozen<Value>(value: Value): Value {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const item of Object.values(value)) frozen(item)
  }
  return value
}
