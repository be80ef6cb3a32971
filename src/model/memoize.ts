/**
 * A pure function, remembered for the inputs it was last given, each known by a text that holds
 * all of it (`keyOf`). The same texts are parsed again and again within one process: a release's
 * clauses are sanitised when loaded, digested to verify the release, and read again by the diffs
 * with the release before and after it; a release file is read as YAML by each check that looks at
 * it; the Astro loader does all of it again on each save of `astro dev`, where one file changed.
 * The keys remembered are bounded by their total length (the least recently used go first), so a
 * policy of large releases cannot grow the memory without limit.
 *
 * A result is returned again as it is, to every later caller, so its plain objects and arrays are
 * frozen to their depth: a caller that changed one (a digest read from a readable content another
 * caller had trimmed, a tree a plugin rewrote) would throw, not corrupt what the next one reads.
 * Instances of classes (a YAML library's document) are left as they are: freezing one would
 * freeze what the library shares between documents.
 */
export function memoizeBy<Input, Result>(keyOf: (input: Input) => string, compute: (input: Input) => Result, maxTotalLength = 16 * 1024 * 1024): (input: Input) => Result {
  const remembered = new Map<string, Result>()
  let totalLength = 0
  return (input) => {
    const key = keyOf(input)
    const known = remembered.get(key)
    if (known !== undefined || remembered.has(key)) {
      // Map keeps the order of insertion: taken out and put back, the key is the newest.
      remembered.delete(key)
      remembered.set(key, known as Result)
      return known as Result
    }
    const result = frozen(compute(input))
    if (key.length > maxTotalLength) return result
    remembered.set(key, result)
    totalLength += key.length
    for (const oldest of remembered.keys()) {
      if (totalLength <= maxTotalLength) break
      remembered.delete(oldest)
      totalLength -= oldest.length
    }
    return result
  }
}

/** A pure function of one text, remembered for the texts it was last given (see memoizeBy). */
export function memoizeByText<Result>(compute: (text: string) => Result, maxTotalLength?: number): (text: string) => Result {
  return memoizeBy((text: string) => text, compute, maxTotalLength)
}

/** The value, its plain objects and arrays frozen, to their depth. */
function frozen<Value>(value: Value): Value {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  const prototype: unknown = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return value
  Object.freeze(value)
  for (const item of Object.values(value)) frozen(item)
  return value
}
