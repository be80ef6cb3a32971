import type { PolicyDiff } from '../model/diff.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import type { ChangeKind, DecidedBy, ProvedKind, Release } from '../model/release.ts'
import { describeItem, diffDocuments } from './diff.ts'
import { sameContent } from './release.ts'

/** The kind of change the tool proves from one version to the next, with the first reason for it. */
export interface Proof {
  readonly kind: ProvedKind
  readonly reason: string | undefined
}

/**
 * What kind of change a version is, as far as the tool proves it: the diff's classification
 * (src/versions/diff.ts), which `diff`, the change pages and the feed show too. `check` holds
 * every release to it (`falseClaim`).
 */
export function proveKind(before: PolicyDocument | null, after: PolicyDocument, ids: { readonly from: string | null; readonly to: string }): Proof {
  if (before === null) return { kind: 'initial', reason: undefined }
  // The word runs of a changed clause tell readers what changed, not what kind of change it is.
  return proofOf(diffDocuments(before, after, ids, { words: false }))
}

function proofOf(diff: PolicyDiff): Proof {
  // A kind proved by reasons has one of its own kind (src/versions/diff.ts, provedKindOf); `initial`
  // and `technical` have none at all.
  return { kind: diff.kind, reason: diff.reasons.find((reason) => reason.kind === diff.kind)?.message }
}

/** The kinds an editor may give a change (`clausewright release --kind`). */
export const editorKinds = ['editorial', 'substantive'] as const
export type EditorKind = (typeof editorKinds)[number]

/** The kind a release records and who decided it, or why it is refused. */
export type Decision = { readonly kind: ChangeKind; readonly decidedBy: DecidedBy } | { readonly refusal: string }

/**
 * The kind of a new release: the proved kind (`computed`), or the editor's where the tool cannot
 * judge (`reworded`) or where the editor calls it more than was proved. An editor may call a change
 * substantive whatever was proved, never editorial where the tool proved it substantive.
 * `diff` is the change from the last release (null for the first) to the new one.
 */
export function decideKind(diff: PolicyDiff, editor: EditorKind | undefined): Decision {
  const from = `the change from release ${diff.from ?? ''}`
  switch (diff.kind) {
    case 'initial':
      return editor === undefined ? { kind: 'initial', decidedBy: 'computed' } : { refusal: `\`--kind ${editor}\`, but this is the first release, which is \`initial\`: release it without \`--kind\`` }
    case 'substantive':
      if (editor === 'editorial') return { refusal: `\`--kind editorial\`, but ${from} is substantive (${proofOf(diff).reason ?? 'see `clausewright diff`'}): readers must be told of it. Release it without \`--kind\`, or with \`--kind substantive\`` }
      return { kind: 'substantive', decidedBy: 'computed' }
    case 'reworded':
      if (editor === undefined) {
        return {
          refusal: `${from} rewords ${rewordedItems(diff)}, which the tool cannot judge. Read it with \`clausewright diff\`, then release it with \`--kind editorial\` (it changes nothing the policy says) or \`--kind substantive\` (readers must be told)`,
        }
      }
      return { kind: editor, decidedBy: 'editor' }
    case 'editorial':
    case 'technical':
      return editor === undefined || editor === diff.kind ? { kind: diff.kind, decidedBy: 'computed' } : { kind: editor, decidedBy: 'editor' }
  }
}

/** The items whose wording or links changed, each named once: "the clause `a` (Title) and the purpose `b`". */
function rewordedItems(diff: PolicyDiff): string {
  const titles = new Map(diff.clauses.map((change) => [change.id, change.to?.title ?? change.from?.title ?? null]))
  const names = [...new Set(diff.reasons.filter((reason) => reason.kind === 'reworded').map((reason) => describeItem(reason.collection, reason.id, titles.get(reason.id) ?? null)))]
  return names.length <= 1 ? (names[0] ?? 'the policy') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
}

// How much a kind tells readers: a release after another is not the first, so `initial` tells
// nothing. A reworded change is at least editorial (the editor's judgement).
const weight: Readonly<Record<ProvedKind, number>> = { initial: 0, technical: 1, editorial: 2, reworded: 2, substantive: 3 }

/** Why a release's kind is false: it claims less than proved, or it claims the tool decided what it cannot prove. */
export interface FalseClaim {
  readonly proved: Proof
  readonly problem: 'less-than-proved' | 'not-computed'
}

/**
 * What is false in a release's kind, if anything: a claim of less than the tool proves (a new
 * purpose called `editorial`, changed content called `technical`), or, from format `/2` on, a kind
 * recorded as `computed` that the tool did not prove (a reworded change it cannot judge). The
 * diff is worked out only for a claim it could prove false: a release that claims `substantive` as
 * the editor's judgement, or one whose content is that of the release before it, costs nothing. A pair of `/1` releases is
 * compared by its recorded digests, the rules of `/1`.
 */
export function falseClaim(before: Release, release: Release): FalseClaim | undefined {
  // A substantive kind claims nothing less than proved; as `computed`, it claims the tool proved it.
  if (release.kind === 'substantive' && release.decidedBy !== 'computed') return undefined
  if (release.kind !== 'initial' && sameContent(release, before)) return undefined
  const proved = proveKind(before.document, release.document, { from: before.version, to: release.version })
  if (weight[release.kind] < weight[proved.kind]) return { proved, problem: 'less-than-proved' }
  if (release.decidedBy === 'computed' && release.kind !== proved.kind) return { proved, problem: 'not-computed' }
  return undefined
}
