import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import { latestAnnouncedDate } from '../model/calendar-date.ts'
import type { Release } from '../model/release.ts'
import type { SourceFile } from '../source/source-file.ts'
import { locate } from '../yaml/locate.ts'
import { parseYaml } from '../yaml/parse-yaml.ts'

const firstLine: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }
const hint = 'A release records the day it was made (`clausewright release`, in UTC). Remove this release file and release the change again.'

/**
 * The day each release was recorded (`released`), held to what `clausewright release` writes:
 * never after today, never before the day of the release before it, never more than a year before
 * the release takes effect (release refuses an effective date further ahead). Its hashes prove a
 * release unchanged, not its dates true. Releases that did not record the day (format /1) are not judged.
 */
export function checkReleaseDates(files: readonly SourceFile[], releases: readonly Release[], today: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  releases.forEach((release, index) => {
    if (release.released === undefined) return
    const before = index > 0 ? releases[index - 1] : undefined
    const expected =
      release.released > today
        ? `today (${today}) or earlier`
        : before?.released !== undefined && release.released < before.released
          ? `${before.released} or later, the day release ${before.version}, before it, was recorded`
          : release.effective > latestAnnouncedDate(release.released)
            ? `a day at most a year before it takes effect (${release.effective}): a release recorded on ${release.released} takes effect by ${latestAnnouncedDate(release.released)}`
            : undefined
    if (expected === undefined) return
    const file = files.find((item) => item.name === `releases/${release.version}.json`)
    if (!file) return
    diagnostics.push(diagnostic('release-date-false', file.path, locate(parseYaml(file), ['released']) ?? firstLine, `Unexpected release day ${release.released} of release ${release.version}, expected ${expected}`, { hint }))
  })
  return diagnostics
}
