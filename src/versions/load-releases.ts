import { type Diagnostic, diagnostic, type Span } from '../diagnostics/diagnostic.ts'
import type { SourceFile } from '../source/source-file.ts'
import { getValidator } from '../validate/schemas.ts'
import { validateYaml } from '../validate/validate-yaml.ts'
import { locate } from '../yaml/locate.ts'
import { parseYaml } from '../yaml/parse-yaml.ts'
import { type Release, releaseFormats } from '../model/release.ts'
import { verifyRelease } from './release.ts'
import { falseClaim } from './release-kind.ts'
import { countTags, findHiddenCharacters, findUnsafeReleaseStrings, firstDifference, formatReleasePath, type ReleasePath } from './release-safety.ts'
import { compareVersionIds, versionDate } from './version-id.ts'
import { budgets } from '../source/budgets.ts'

export interface LoadedReleases {
  /** The valid releases, oldest first. */
  readonly releases: readonly Release[]
  readonly diagnostics: readonly Diagnostic[]
}

const firstLine: Span = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }

/**
 * Reads the release files and proves them unchanged and safe: each must parse, match its schema,
 * match its own digests, be named after its version, name the release before it as `previous`,
 * and hold only what the renderer writes (sanitised HTML, allowed URLs).
 */
export function loadReleases(files: readonly SourceFile[]): LoadedReleases {
  const diagnostics: Diagnostic[] = []
  // Every release that parses takes its place in the chain, even a modified one: an edit is
  // reported once, as an edit, not again as a gap before the next release.
  const releases: Array<{ release: Release; file: SourceFile; verified: boolean }> = []
  const validate = getValidator('release')
  for (const file of files) {
    let value: unknown
    try {
      value = JSON.parse(file.text)
    } catch {
      value = undefined
    }
    if (value === undefined || !validate(value)) {
      // The slow path, with positions: the YAML parser reads JSON and maps schema errors to lines.
      const parsed = parseYaml(file)
      const found = [...parsed.diagnostics, ...validateYaml(parsed, 'release')]
      for (const item of found.length > 0 ? found : [diagnostic('release-modified', file.path, firstLine, 'Unexpected release file that is not valid JSON of a release')]) diagnostics.push(item)
      continue
    }
    const release = value as Release
    // Before anything reads its HTML: the digest of format /2 parses it, as the sanitiser does.
    const tags = countTags(release.document)
    if (tags > budgets.maxReleaseTags) {
      diagnostics.push(diagnostic('file-too-large', file.path, firstLine, `Unexpected release with ${tags} HTML tags, expected at most ${budgets.maxReleaseTags}`, { hint: notWrittenByRelease }))
      releases.push({ release, file, verified: false })
      continue
    }
    const problem = verifyRelease(release)
    if (problem) {
      diagnostics.push(diagnostic('release-modified', file.path, firstLine, `Unexpected change to the released version ${release.version}: ${problem}`, { hint: restoreHint }))
      releases.push({ release, file, verified: false })
      continue
    }
    if (file.name !== `releases/${release.version}.json` || versionDate(release.version) !== release.effective) {
      diagnostics.push(diagnostic('release-order', file.path, firstLine, `Unexpected file name or date for release ${release.version}, expected \`releases/${release.version}.json\` effective ${versionDate(release.version)}`, { hint: 'Restore the file under its own name from version control.' }))
      continue
    }
    const unsafe = unsafeStrings(file, release)
    diagnostics.push(...unsafe)
    releases.push({ release, file, verified: unsafe.length === 0 })
  }
  releases.sort((a, b) => compareVersionIds(a.release.version, b.release.version))
  releases.forEach((entry, index) => {
    const { release, file } = entry
    const before = index === 0 ? undefined : releases[index - 1]?.release
    const expected = before?.version ?? null
    // A format never goes back: `/1` records neither the day of a release nor who decided its
    // kind, so a release relabelled `/1` after a `/2` one would leave both out of the record.
    if (before && releaseFormats.indexOf(release.format) < releaseFormats.indexOf(before.format)) {
      entry.verified = false
      diagnostics.push(diagnostic('release-modified', file.path, locate(parseYaml(file), ['format']) ?? firstLine, `Unexpected format \`${release.format}\` of release ${release.version}, after release ${before.version} of format \`${before.format}\`, expected \`${before.format}\`: a format never goes back, and \`/1\` records neither the day of a release nor who decided its kind`, { hint: restoreHint }))
    }
    if (release.previous === expected) {
      if (before === undefined || release.previousIntegrity === before.integrity) return
      // The link is checked against the recorded integrity of the release before: an edit that
      // kept that release's hashes is `release-modified` there; one that recomputed them shows here.
      entry.verified = false
      diagnostics.push(diagnostic('release-link-broken', file.path, locate(parseYaml(file), ['previousIntegrity']) ?? firstLine, `Unexpected integrity of release ${before.version}: release ${release.version} records \`${release.previousIntegrity ?? '(none)'}\` for it, but ${before.version} now has \`${before.integrity}\`, so ${before.version} was rewritten after ${release.version} was released`, { hint: `Releases are chained by hash. Restore ${before.version} from version control; a change to the policy is a new release.` }))
      return
    }
    const message =
      release.previous === null
        ? `Unexpected release ${release.version} that claims to be the first, after ${expected}`
        : `Missing release ${release.previous}, which release ${release.version} follows${expected ? ` (the release before it here is ${expected})` : ''}`
    diagnostics.push(diagnostic('release-order', file.path, firstLine, message, { hint: 'A release was removed, renamed or reordered: restore it from version control.' }))
  })
  // Hashes prove a release unchanged, not its kind true: each is held to the change from the one
  // before it. Only consecutive pairs that passed every check above are compared.
  releases.forEach(({ release, file, verified }, index) => {
    const before = index === 0 ? undefined : releases[index - 1]
    if (!verified) return
    // The first release is everything in it, new: `initial`, what `release` writes there.
    if (before === undefined && release.previous === null && release.kind !== 'initial') {
      diagnostics.push(diagnostic('release-kind-false', file.path, locate(parseYaml(file), ['kind']) ?? firstLine, `Unexpected kind \`${release.kind}\` of release ${release.version}, expected \`initial\`: it is the first release`, { hint: kindHint }))
      return
    }
    if (!before?.verified || release.previous !== before.release.version) return
    const claim = falseClaim(before.release, release)
    if (!claim) return
    const { proved } = claim
    const because = `the change from release ${before.release.version} is ${proved.kind}${proved.reason ? ` (${proved.reason})` : ''}`
    const message =
      claim.problem === 'less-than-proved'
        ? `Unexpected kind \`${release.kind}\` of release ${release.version}, expected \`${proved.kind === 'reworded' ? 'editorial` or `substantive' : proved.kind}\`: ${because}`
        : `Unexpected kind \`${release.kind}\` of release ${release.version} recorded as \`computed\`, expected \`decidedBy: editor\`: ${because}, which the tool cannot judge`
    diagnostics.push(diagnostic('release-kind-false', file.path, locate(parseYaml(file), claim.problem === 'less-than-proved' ? ['kind'] : ['decidedBy']) ?? firstLine, message, { hint: kindHint }))
  })
  return { releases: releases.filter((item) => item.verified).map((item) => item.release), diagnostics }
}

const restoreHint = 'A release is a legal record and never changes. Restore the file from version control, and release the change as a new version with `clausewright release`.'

const kindHint = 'The kind tells readers whether they must be told of the change; `clausewright release` proves it from the diff, or asks the editor (`--kind`) where it cannot judge. Remove this release file and release the change again.'

const notWrittenByRelease = 'A release file holds only what `clausewright release` wrote, and its hashes do not make it safe. Restore the file from version control.'

/** What a release holds that the renderer could not have written, each at its string. */
function unsafeStrings(file: SourceFile, release: Release): Diagnostic[] {
  const unsafe = findUnsafeReleaseStrings(release.document)
  const hidden = findHiddenCharacters(release)
  if (unsafe.length === 0 && hidden.length === 0) return []
  // The slow path, only for a release with a problem: the YAML parser reads JSON and gives positions.
  const parsed = parseYaml(file)
  const at = (path: ReleasePath): Span => locate(parsed, path) ?? firstLine
  return [
    ...hidden.map((item) => diagnostic(item.ruleId, file.path, at(item.path), `${item.message} in \`${formatReleasePath(item.path)}\``, { hint: notWrittenByRelease })),
    ...unsafe.map(
      (item): Diagnostic =>
        item.kind === 'html'
          ? diagnostic('release-unsafe-html', file.path, at(item.path), `Unexpected HTML in \`${formatReleasePath(item.path)}\` that the sanitizer changes at ${JSON.stringify(firstDifference(item.value, item.sanitized))}, expected the HTML that \`clausewright release\` writes`, { hint: notWrittenByRelease })
          : diagnostic('unsafe-url', file.path, at(item.path), `Unexpected URL in \`${formatReleasePath(item.path)}\` with ${item.reason}, expected https:, http: or mailto:`, { hint: notWrittenByRelease }),
    ),
  ]
}

