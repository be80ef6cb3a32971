import { type ComplianceContext, type ComplianceRule, met, missing, notApplicable } from '../compliance/compliance-rule.ts'
import { diagnostic } from '../diagnostics/diagnostic.ts'
import type { PolicyDiff } from '../model/diff.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import { locate } from '../yaml/locate.ts'

/** The draft compared with the last release: what the consistency rules judge. */
export interface DraftComparison {
  readonly draft: PolicyDocument
  /** The last release, with its digest by the current rules (the draft's), whatever its format. */
  readonly last: { readonly version: string; readonly effective: string; readonly digest: string; readonly document: PolicyDocument }
  /** From the last release to the draft. */
  readonly diff: PolicyDiff
}

export interface VersionContext extends ComplianceContext {
  /** The draft compared with the last release, when both exist (the draft renders only if asked). */
  compared(): DraftComparison | undefined
}

/** The last-updated date moves whenever the content changes. */
export const lastUpdatedChanged: ComplianceRule<VersionContext> = {
  id: 'last-updated-changed',
  article: 'GDPR Art. 12(1), ICO: keep the notice under review',
  title: 'The last-updated date changes with the content',
  check(context) {
    const compared = context.compared()
    if (!compared) return notApplicable
    const { draft, last } = compared
    if (draft.digest === last.digest || draft.lastUpdated !== last.document.lastUpdated) return met()
    return missing([
      diagnostic('last-updated-changed', context.policyYaml?.file.path ?? '', locate(context.policyYaml, ['lastUpdated']), `Unexpected last-updated date ${draft.lastUpdated}, unchanged since release ${last.version} although the content changed`, { hint: 'Set `lastUpdated` to the date the changed policy takes effect.' }),
    ])
  },
}

/**
 * A substantive change does not take effect before the last release did: the releases' effective
 * dates never go back. Several releases may share a date (`2020-06-01.2`), substantive ones too.
 */
export const substantiveChangeDated: ComplianceRule<VersionContext> = {
  id: 'substantive-change-dated',
  article: 'GDPR Art. 13(3), 12(1)',
  title: 'A substantive change is not dated before the last release',
  check(context) {
    const compared = context.compared()
    if (!compared) return notApplicable
    const { draft, last, diff } = compared
    if (diff.kind !== 'substantive' || draft.lastUpdated >= last.effective) return met()
    const reason = diff.reasons.find((item) => item.kind === 'substantive')
    return missing([
      diagnostic('substantive-change-dated', context.policyYaml?.file.path ?? '', locate(context.policyYaml, ['lastUpdated']), `Unexpected last-updated date ${draft.lastUpdated} for a substantive change (${reason?.message ?? 'see clausewright diff'}), expected the effective date of the last release, ${last.effective}, or later`, {
        hint: 'Readers must be told of the change before it applies: set `lastUpdated` to the date it takes effect, then release it.',
      }),
    ])
  },
}

/** The compliance rules that compare the draft with the releases, run after the others. */
export const consistencyRules: ReadonlyArray<ComplianceRule<VersionContext>> = [lastUpdatedChanged, substantiveChangeDated]
