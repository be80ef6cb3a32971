import { diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

/** A policy cannot have been updated after today. (Whether the date is real is the schema's `date` format.) */
export const dateInFuture: SemanticRule = {
  ids: ['date-in-future'],
  check({ policyYaml, policy, today }) {
    if (!policy || policy.lastUpdated <= today) return []
    return [
      diagnostic('date-in-future', policyYaml?.file.path ?? '', locate(policyYaml, ['lastUpdated']), `Unexpected last-updated date ${policy.lastUpdated}, expected today (${today}) or earlier`, {
        hint: 'Set `lastUpdated` to the day the change takes effect, once it does.',
      }),
    ]
  },
}
