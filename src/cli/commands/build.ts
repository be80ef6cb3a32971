import path from 'node:path'
import { parseArgs } from 'node:util'
import { compileContent, publishAt } from '../../compile/compile.ts'
import { formatDiagnostics, sourceTexts } from '../../diagnostics/format.ts'
import { countOf } from '../../diagnostics/words.ts'
import { assertAstroInstalled, projectRoot, startSiteBuild } from '../../astro/build-site.ts'
import { openPageCache, siteFingerprint } from '../../astro/page-cache.ts'
import { assertOutsidePolicyAndOutput, assertSafeOutput, replaceDirectory } from '../../emit/write-output.ts'
import { readPolicy } from '../../source/read-policy.ts'
import { openDiffCache } from '../../versions/diff-cache.ts'
import { type Io, policyOptions, reportingOptions, UsageError, writeJobSummary } from '../shared.ts'
import { printable } from '../../diagnostics/format.ts'
import { expectedSiteUrl, isAbsoluteRoot, parseSiteUrl } from '../../model/policy-address.ts'

export const buildHelp = `Usage: clausewright build [--dir policy] [--out dist] [--site URL] [--format pretty|json|github] [--today YYYY-MM-DD] [--draft] [--no-cache] [--quiet]

Checks the policy as \`check\` does and, when it has no errors, builds the static site (Astro):
  index.html, versions/, changes/   the policy, every released version, the changelog and diffs
  policy.json, policy.jsonld        the current policy as JSON and JSON-LD
  versions.json, versions/<id>.json, changes/<id>.json, changes.atom, schema/
  404.html, robots.txt, _headers    for hosts and crawlers; sitemap.xml too, with a site URL
The current policy is the newest release in force on --today (its effective date that day or
earlier), exactly as released; a release with a later date is upcoming, and announced on it.
Changes of the draft that are not released are not published (a warning says so), unless
--draft publishes the draft as a preview. A policy without any release publishes its draft.
The site is built in a directory beside the output (.dist-<pid>-<hex> for dist), and the output,
a symbolic link to it, is switched to the new one in one step: a failed build (a policy error, a
page that throws) leaves the previous output as it was. --out must be new, empty, or an earlier
output (it holds .clausewright-output); the policy, the working directory and Git's are refused.

Options:
  --dir <path>        The policy directory (default: policy)
  --out <path>        The output (default: dist); it is replaced as a whole
  --site <url>        The address the site is served from (https://example.com/), for this build
                      over \`site\` in astro.config.mjs: the canonical links, the feed, versions.json
                      and the JSON-LD identifiers are absolute under it. Without either, they are
                      relative (a warning says so)
  --format <name>     How to print diagnostics: pretty, json or github (as for check)
  --today <date>      The date the site is built for: which release is current, which upcoming,
                      and what "in the future" is judged against (default: today, UTC)
  --draft             Publish the draft as the policy, as a preview (version \`draft\`, a banner,
                      not indexed by search engines, not in versions.json nor the feed): for
                      pull-request previews
  --color, --no-color Colour the pretty output
  --no-cache          Diff every release and render its pages again, ignoring what earlier
                      builds kept (by the releases' integrity hashes, in
                      node_modules/.cache/clausewright or $CLAUSEWRIGHT_CACHE_DIR)
  --quiet             Print errors only: no warnings, no progress (but the warning that the draft
                      has changes not released)
  -h, --help          Show this help

Diagnostics and progress go to standard error. Exit status: 0 when the output was written, 1 when
the policy has errors or the output could not be written (a full disk, a read-only file system),
2 on a usage error, a refused --out or an internal fault.
`

/** The site URL of --site, normalised; a usage error when parseSiteUrl refuses it. */
function siteOption(value: string): string {
  const site = parseSiteUrl(value)
  if (!site.ok) throw new UsageError(`unexpected --site \`${value}\`: ${site.reason}; ${expectedSiteUrl}`)
  return site.url
}

const defaultCacheDirectory = path.join(projectRoot, 'node_modules', '.cache', 'clausewright')

export async function runBuild(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: { ...policyOptions, out: { type: 'string', default: 'dist' }, site: { type: 'string' }, quiet: { type: 'boolean', default: false }, cache: { type: 'boolean', default: true }, draft: { type: 'boolean', default: false } },
  })
  if (values.help) {
    io.stdout(buildHelp)
    return 0
  }
  const { format, today, color } = reportingOptions(values, io, io.isStderrTty)
  const started = performance.now()
  const elapsed = (): string => `${Math.round(performance.now() - started)} ms`
  const progress = (text: string): void => {
    if (!values.quiet) io.stderr(`${printable(text)}\n`)
  }

  const site = values.site === undefined ? undefined : siteOption(values.site)
  assertAstroInstalled()
  const policyDirectory = path.resolve(io.cwd, values.dir)
  // Refused before Astro starts: a refused output is left exactly as it was.
  await assertSafeOutput(values.out, { cwd: io.cwd, policyDirectory: values.dir })
  const cacheVariable = io.env['CLAUSEWRIGHT_CACHE_DIR']
  const cacheDirectory = cacheVariable === undefined ? defaultCacheDirectory : path.resolve(io.cwd, cacheVariable)
  if (values.cache) await assertOutsidePolicyAndOutput(cacheDirectory, cacheVariable === undefined ? cacheDirectory : `CLAUSEWRIGHT_CACHE_DIR=${cacheVariable}`, { policy: policyDirectory, out: path.resolve(io.cwd, values.out) })
  // Astro starts up while the policy is read and compiled; it is stopped if the policy has errors.
  const siteBuild = await startSiteBuild({ policyDirectory, quiet: values.quiet, site }, io.runAstro)
  // Started now, read while the policy compiles; without it, nothing is taken from the page cache.
  const fingerprint = values.cache ? siteFingerprint(projectRoot).catch(() => undefined) : undefined
  let written: string[] = []
  try {
    const sources = await readPolicy(values.dir, { cwd: io.cwd })
    progress(`clausewright: read ${sources.clauses.length + 2} files from ${values.dir} (${elapsed()})`)
    const diffCache = values.cache ? await openDiffCache(cacheDirectory, policyDirectory) : undefined
    const result = compileContent(sources, { ...(today !== undefined && { today }), ...(diffCache && { diffCache }), draft: values.draft })
    const shown = values.quiet ? result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : result.diagnostics
    if (shown.length > 0 || format === 'json') io.stderr(formatDiagnostics(shown, format, { texts: sourceTexts(result.sources), color }))
    await writeJobSummary(io, format, shown, 'clausewright build')
    if (!result.content) {
      await siteBuild.cancel()
      io.stderr(`clausewright: the policy has errors; nothing was written to ${printable(values.out)}\n`)
      return 1
    }
    // What is kept for the next build never fails this one.
    const notKept = (what: string) => (error: Error) => {
      if (!values.quiet) io.stderr(`clausewright: warning: ${what} could not be kept for the next build (${printable(error.message)}); this build is complete without it\n`)
    }
    await diffCache?.save().catch(notKept('the diffs'))
    // Astro has read its configuration meanwhile (it started first): the links and identifiers
    // follow its `site`, which --site set.
    const root = await siteBuild.policyRoot
    if (!isAbsoluteRoot(root) && !values.quiet) io.stderr(`clausewright: warning: no site URL (\`site\` in astro.config.mjs, or --site): the canonical links, the feed, versions.json and the JSON-LD identifiers are relative, no other site can link to a version, and there is no sitemap.xml\n`)
    const output = publishAt(result.content, root)
    // Not hidden by --quiet: what the site publishes is not what the editor sees in the draft.
    if (output.unreleasedSince && !output.preview) io.stderr(`clausewright: warning: the draft has changes not released since ${printable(output.unreleasedSince.version)}; the site publishes the released versions only (release the changes with \`clausewright release\`, or preview them with \`clausewright build --draft\`)\n`)
    if (output.shown && !output.current) io.stderr(`clausewright: warning: no release is in force yet; the policy page shows ${printable(output.shown.version)}, upcoming, which takes effect on ${printable(output.shown.effective)}\n`)
    const releaseCount = output.releases.length
    const siteHash = await fingerprint
    // A kept page holds its canonical link and JSON-LD, which the root gives.
    const pageCache = siteHash ? await openPageCache({ directory: cacheDirectory, policyDirectory, fingerprint: `${siteHash} ${root}`, releases: output.releases, standings: output.standings, previewOfDraft: values.draft }) : undefined
    const reused = [
      ...(diffCache && diffCache.hits > 0 ? [`${diffCache.hits} of ${releaseCount} diffs`] : []),
      ...(pageCache && pageCache.cached.size > 0 ? [`the pages of ${countOf(pageCache.cached.size, 'release')}`] : []),
    ]
    progress(`clausewright: compiled ${countOf(output.document.clauses.length, 'clause')} and ${countOf(releaseCount, 'release')} (${elapsed()}${reused.length > 0 ? `; ${reused.join(' and ')} from the cache` : ''})`)
    await replaceDirectory(values.out, { cwd: io.cwd, policyDirectory: values.dir }, async (staging) => {
      written = await siteBuild.finish(output, staging, pageCache)
      await pageCache?.store(staging).catch(notKept('the pages'))
    })
  } catch (error) {
    await siteBuild.cancel()
    throw error
  }
  progress(`clausewright: wrote ${written.length} files to ${values.out} (${elapsed()})`)
  return 0
}

