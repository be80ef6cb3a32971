/** Calendar dates of the policy, YYYY-MM-DD: compared as strings, computed in UTC. */

/** Today's date in UTC: the default of every `--today`. */
export function todayInUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/**
 * The latest date a change may be announced to take effect, a year after `today` (29 February
 * gives 1 March): further ahead, a date is taken for a typo (2091 for 2019).
 */
export function latestAnnouncedDate(today: string): string {
  const [year = 0, month = 1, day = 1] = today.split('-').map(Number)
  return new Date(Date.UTC(year + 1, month - 1, day)).toISOString().slice(0, 10)
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (not 2021-02-29). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}
