import { diagnostic, locate } from '../rules/context.ts'
import { diffDocuments } from '../versions/diff.ts'
import { type ComplianceRule, met, missing, notApplicable } from './compliance-rule.ts'

/** The last-updated date moves whenever the content changes. */
export const lastUpdatedChanged: ComplianceRule = {
  id: 'last-updated-changed',
  article: 'GDPR Art. 12(1), ICO: keep the notice under review',
  title: 'The last-updated date changes with the content',
  check(context) {
    const compared = context.draftAndLastRelease()
    if (!compared) return notApplicable
    const { draft, last } = compared
    if (draft.digest === last.document.digest || draft.lastUpdated !== last.document.lastUpdated) return met()
    return missing([
      diagnostic('last-updated-changed', context.policyYaml?.file.path ?? '', locate(context.policyYaml, ['lastUpdated']), `Unexpected last-updated date ${draft.lastUpdated}, unchanged since release ${last.version} although the content changed`, { hint: 'Set `lastUpdated` to the date the changed policy takes effect.' }),
    ])
  },
}

/** A substantive change takes effect on a new date, after the last release. */
export const substantiveChangeDated: ComplianceRule = {
  id: 'substantive-change-dated',
  article: 'GDPR Art. 13(3), 12(1)',
  title: 'A substantive change comes with a new effective date',
  check(context) {
    const compared = context.draftAndLastRelease()
    if (!compared) return notApplicable
    const { draft, last } = compared
    const diff = diffDocuments(last.document, draft, { from: last.version, to: 'draft' })
    if (diff.kind !== 'substantive' || draft.lastUpdated > last.effective) return met()
    const reason = diff.reasons.find((item) => item.kind === 'substantive')
    return missing([
      diagnostic('substantive-change-dated', context.policyYaml?.file.path ?? '', locate(context.policyYaml, ['lastUpdated']), `Unexpected last-updated date ${draft.lastUpdated} for a substantive change (${reason?.message ?? 'see clausewright diff'}), expected a date after the last release, ${last.effective}`, {
        hint: 'Readers must be told of the change before it applies: set `lastUpdated` to the date it takes effect, then release it.',
      }),
    ])
  },
}
