import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { BaseReleases } from '../source/read-base-releases.ts'
import { decodeText, releasesDirectoryName } from '../source/read-policy.ts'
import { createLocator, type SourceFile } from '../source/source-file.ts'
import { compareVersionIds, isVersionId } from './version-id.ts'

const firstLine = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }
const restore = 'A release is a legal record: restore the file from the base branch (`git checkout <base> -- <file>`), and release a change as a new version after the newest.'

/**
 * The release history against the base of a pull request: every release file that exists at the
 * base exists unchanged, byte for byte; the only change allowed is a new release after the
 * newest. Hashes cannot show a release rewritten together with every later one, or a newest
 * release removed or invented: the base can.
 */
export function compareWithBase(base: BaseReleases, current: { readonly releases: readonly SourceFile[]; readonly diagnostics: readonly Diagnostic[] }, displayPath: (name: string) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const at = `${base.ref} (${base.commit.slice(0, 12)})`
  const byName = new Map(current.releases.map((file) => [file.name, file]))
  // A file that could not be read (too large, binary…) already has its error: it is not "removed".
  const unread = new Set(current.diagnostics.map((diagnostic) => diagnostic.file))
  for (const [name, bytes] of base.files) {
    const file = byName.get(name)
    if (!file) {
      if (unread.has(displayPath(name))) continue
      diagnostics.push(diagnostic('release-removed', displayPath(name), undefined, `Missing release file \`${name}\`, which exists at ${at}`, { hint: restore }))
      continue
    }
    // The file as check read it against the bytes at the base: equal UTF-8 texts are equal bytes
    // (but for a leading byte-order mark, which the reader drops and which changes no character).
    const before = decodeText(bytes)
    if (before === file.text) continue
    diagnostics.push(diagnostic('release-rewritten', file.path, firstDifference(before ?? '', file.text), `Unexpected change to the release file \`${name}\`, expected it byte for byte as it is at ${at}`, { hint: restore }))
  }
  const baseVersions = [...base.files.keys()].map(versionOf).filter(isVersionId).sort(compareVersionIds)
  const newest = baseVersions.at(-1)
  if (newest === undefined) return diagnostics
  for (const file of current.releases) {
    if (base.files.has(file.name)) continue
    const version = versionOf(file.name)
    if (!isVersionId(version) || compareVersionIds(version, newest) > 0) continue
    diagnostics.push(diagnostic('release-inserted', file.path, firstLine, `Unexpected new release ${version} before the newest release at ${at}, ${newest}, expected new releases only after it`, { hint: 'The history before the base is closed. Release the change as a new version after the newest (`clausewright release`).' }))
  }
  return diagnostics
}

function versionOf(name: string): string {
  return name.slice(`${releasesDirectoryName}/`.length).replace(/\.json$/, '')
}

/** The place where two texts first differ, in the second. */
function firstDifference(before: string, after: string): NonNullable<Diagnostic['span']> {
  let index = 0
  while (index < before.length && index < after.length && before[index] === after[index]) index++
  const locator = createLocator(after)
  const start = locator.toPoint(index)
  return { start, end: { line: start.line, column: start.column + 1 } }
}
