import { freeId } from '../model/anchors.ts'

/** A clause as a history knows it: its id, its heading and its text. */
export interface ClauseIdentity {
  readonly id: string
  readonly title: string
  readonly text: string
}

/** How alike two texts must be for a clause to keep its id under a new heading: half their words. */
export const sameClauseSimilarity = 0.5

/**
 * The ids a version's clauses take in a history: a clause keeps the id it had in the version before
 * when its heading is the same heading, or gives the same id, or, when its heading changed, when
 * its text is the same clause's (half its words or more shared, the nearest in place first), so
 * that a retitle is a retitle and not a clause removed and another added. The other clauses take
 * the id their heading gives (`proposed`, unique already), or the next free one (`-2`) when a clause
 * kept that id through a retitle.
 */
export function matchClauseIds(previous: readonly ClauseIdentity[], current: ReadonlyArray<{ readonly proposed: string; readonly title: string; readonly text: string }>): string[] {
  const ids: Array<string | undefined> = current.map(() => undefined)
  const taken = new Set<string>()
  // A heading as it was, whatever id the clause had (one kept through an earlier retitle): first,
  // so that a new clause whose heading gives that id does not take it from the clause.
  const titleKey = (title: string) => title.trim().toLowerCase()
  current.forEach((clause, index) => {
    const same = previous.find((before) => !taken.has(before.id) && titleKey(before.title) === titleKey(clause.title))
    if (!same) return
    ids[index] = same.id
    taken.add(same.id)
  })
  const previousIds = new Set(previous.map((clause) => clause.id))
  current.forEach((clause, index) => {
    if (ids[index] !== undefined || taken.has(clause.proposed) || !previousIds.has(clause.proposed)) return
    ids[index] = clause.proposed
    taken.add(clause.proposed)
  })
  const candidates: Array<{ readonly index: number; readonly id: string; readonly score: number }> = []
  const words = current.map((clause) => wordCounts(clause.text))
  previous.forEach((before, position) => {
    if (taken.has(before.id)) return
    const beforeWords = wordCounts(before.text)
    current.forEach((clause, index) => {
      if (ids[index] !== undefined) return
      // A clause of a few words is too short to be recognised by them: its heading tells.
      const short = beforeWords.total < 5 || (words[index]?.total ?? 0) < 5
      const similarity = short ? similarityOf(wordCounts(before.title), wordCounts(clause.title)) : similarityOf(beforeWords, words[index] ?? wordCounts(''))
      if (similarity < sameClauseSimilarity) return
      // Among equally alike texts, the one nearest in place.
      candidates.push({ index, id: before.id, score: similarity - Math.abs(index - position) / 1000 })
    })
  })
  candidates.sort((a, b) => b.score - a.score || a.index - b.index || (a.id < b.id ? -1 : 1))
  for (const candidate of candidates) {
    if (ids[candidate.index] !== undefined || taken.has(candidate.id)) continue
    ids[candidate.index] = candidate.id
    taken.add(candidate.id)
  }
  // A proposed id is unique among the version's, and one of the version before is kept above unless
  // another clause kept it by its heading: that clause's heading gives the next free one.
  const used = new Set([...taken, ...current.map((clause) => clause.proposed)])
  return current.map((clause, index) => {
    const kept = ids[index]
    if (kept !== undefined) return kept
    return taken.has(clause.proposed) ? freeId(clause.proposed, used) : clause.proposed
  })
}

interface WordCounts {
  readonly counts: ReadonlyMap<string, number>
  readonly total: number
}

function wordCounts(text: string): WordCounts {
  const counts = new Map<string, number>()
  let total = 0
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    counts.set(word, (counts.get(word) ?? 0) + 1)
    total += 1
  }
  return { counts, total }
}

/** The share of words two texts have in common (Dice's coefficient over the words, counted): 1 for equal texts, 0 for none in common. */
function similarityOf(a: WordCounts, b: WordCounts): number {
  if (a.total + b.total === 0) return 1
  let common = 0
  for (const [word, count] of a.counts) common += Math.min(count, b.counts.get(word) ?? 0)
  return (2 * common) / (a.total + b.total)
}
