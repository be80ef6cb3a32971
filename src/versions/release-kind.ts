import type { PolicyDocument } from '../model/policy-document.ts'
import type { ChangeKind, Release } from '../model/release.ts'
import { diffDocuments } from './diff.ts'
import { sameContent } from './release.ts'

/** The kind of change the tool proves from one version to the next, with the first reason for it. */
export interface ProvedKind {
  readonly kind: ChangeKind
  readonly reason: string | undefined
}

/**
 * What kind of change a version is, as far as the tool proves it: the diff's classification
 * (src/versions/diff.ts), which `diff`, the change pages and the feed show too. `release` records
 * this kind, and `check` holds every release to it (`claimsLessThanProved`).
 */
export function proveKind(before: PolicyDocument | null, after: PolicyDocument, ids: { readonly from: string | null; readonly to: string }): ProvedKind {
  if (before === null) return { kind: 'initial', reason: undefined }
  // The word runs of a changed clause tell readers what changed, not what kind of change it is.
  const diff = diffDocuments(before, after, ids, { words: false })
  return { kind: diff.kind, reason: (diff.reasons.find((reason) => reason.kind === diff.kind) ?? diff.reasons[0])?.message }
}

// How much a kind tells readers: a release after another is not the first, so `initial` tells nothing.
const weight: Readonly<Record<ChangeKind, number>> = { initial: 0, technical: 1, editorial: 2, substantive: 3 }

/**
 * The kind proved for a release when it claims less than that (a new purpose called `editorial`,
 * changed content called `technical`); undefined when its claim holds. The diff is worked out only
 * for a claim it could prove false: a release that claims `substantive`, or one whose content is
 * that of the release before it, costs nothing.
 */
export function claimsLessThanProved(before: Release, release: Release): ProvedKind | undefined {
  if (release.kind === 'substantive') return undefined
  if (release.kind !== 'initial' && sameContent(release, before)) return undefined
  const proved = proveKind(before.document, release.document, { from: before.version, to: release.version })
  return weight[release.kind] < weight[proved.kind] ? proved : undefined
}
