import type { DecidedBy, ProvedKind } from '../model/release.ts'

const labels: Readonly<Record<ProvedKind, string>> = {
  initial: 'First release',
  substantive: 'Substantive change',
  editorial: 'Editorial change',
  technical: 'Technical change',
  // Only an imported history records it: the tool cannot judge a rewording, and nobody was asked.
  reworded: 'Reworded, not reviewed',
}

/**
 * The published name of a release's kind, saying who decided it: "Substantive change" where the
 * tool proved it, "Editorial change, as judged by the editor" where the editor judged it. A `/1`
 * release did not record who decided (`decidedBy` absent): its label says nothing of it.
 * `short` gives the kind's own word ("editorial, as judged by the editor"), for the command line and
 * the feed.
 */
export function kindLabel(kind: ProvedKind, decidedBy: DecidedBy | null | undefined, options: { readonly short?: boolean } = {}): string {
  const name = options.short ? (kind === 'reworded' ? 'reworded, not reviewed' : kind) : labels[kind]
  return decidedBy === 'editor' ? `${name}, as judged by the editor` : name
}
