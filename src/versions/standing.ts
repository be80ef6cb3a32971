import type { Release } from '../model/release.ts'

/** Where a release stands on a date: replaced, in force, or announced and not yet in force. */
export type VersionStatus = 'superseded' | 'current' | 'upcoming'

/** One release's place in the history, as versions.json and the version pages say it. */
export interface VersionStanding {
  readonly version: string
  readonly status: VersionStatus
  /** The date it applies from: its effective date. */
  readonly validFrom: string
  /** The date the release after it applies from; null while it is current (or the last). */
  readonly validUntil: string | null
  /** The release after it, which replaces it (or will); null for the last. */
  readonly replacedBy: string | null
  /** The day it was recorded; null for a release that did not record it (format /1): never guessed. */
  readonly released: string | null
}

/**
 * The release in force on `date`: the one with the greatest effective date on or before it, and
 * of several on that date the last released. `releases` are in release order (oldest first), so
 * their effective dates never go back (check holds them to it).
 */
export function versionInForce(releases: readonly Release[], date: string): Release | undefined {
  let found: Release | undefined
  for (const release of releases) if (release.effective <= date) found = release
  return found
}

/** The standing of each release on `today` (same order as `releases`). */
export function standingsOn(releases: readonly Release[], today: string): VersionStanding[] {
  const current = versionInForce(releases, today)
  return releases.map((release, index) => {
    const next = releases[index + 1]
    const status: VersionStatus = release === current ? 'current' : release.effective > today ? 'upcoming' : 'superseded'
    return {
      version: release.version,
      status,
      validFrom: release.effective,
      validUntil: status === 'current' ? null : (next?.effective ?? null),
      replacedBy: next?.version ?? null,
      released: release.released ?? null,
    }
  })
}

/**
 * Whether a release was ever in force (or is): not one announced and not yet in force, nor one
 * replaced on its own date by a later release of that date, which applied from that day instead.
 */
export function wasInForce(standing: VersionStanding): boolean {
  return standing.status !== 'upcoming' && (standing.validUntil === null || standing.validUntil > standing.validFrom)
}
