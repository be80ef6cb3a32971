/** Version ids are effective dates, `YYYY-MM-DD`, with `.N` for the N-th release on one date. */
export const versionIdPattern = /^(\d{4}-\d{2}-\d{2})(?:\.([2-9]|[1-9]\d+))?$/

export function isVersionId(value: string): boolean {
  return versionIdPattern.test(value)
}

/** Orders version ids by date, then by their `.N` suffix (none counts as 1). */
export function compareVersionIds(a: string, b: string): number {
  const [, dateA = '', nA = '1'] = versionIdPattern.exec(a) ?? []
  const [, dateB = '', nB = '1'] = versionIdPattern.exec(b) ?? []
  if (dateA !== dateB) return dateA < dateB ? -1 : 1
  return Number(nA) - Number(nB)
}

/** The date part of a version id. */
export function versionDate(id: string): string {
  return versionIdPattern.exec(id)?.[1] ?? id
}

/** The next free id for a release effective on `date`, given the existing ids. */
export function nextVersionId(date: string, existing: readonly string[]): string {
  if (!existing.includes(date)) return date
  let n = 2
  while (existing.includes(`${date}.${n}`)) n++
  return `${date}.${n}`
}
