import { diagnostic } from '../diagnostics/diagnostic.ts'
import { latestAnnouncedDate } from '../model/calendar-date.ts'
import { locate } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

/**
 * A policy may be dated ahead of today, by the effective date of a change being announced, but not
 * by more than a year: that is a typo (2091 for 2019). (Whether the date is real is the schema's
 * `date` format.)
 */
export const dateInFuture: SemanticRule = {
  ids: ['date-in-future'],
  check({ policyYaml, policyFields, today }) {
    const latest = latestAnnouncedDate(today)
    const lastUpdated = policyFields?.lastUpdated
    if (lastUpdated === undefined || lastUpdated <= latest) return []
    return [
      diagnostic('date-in-future', policyYaml?.file.path ?? '', locate(policyYaml, ['lastUpdated']), `Unexpected last-updated date ${lastUpdated}, expected at most a year after today (${today}), by ${latest}`, {
        hint: 'Set `lastUpdated` to the day the change takes effect: a change may be announced up to a year ahead.',
      }),
    ]
  },
}
