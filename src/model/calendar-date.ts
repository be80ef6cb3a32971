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
