// npm run bench: each figure measured side by side with its baseline in one run, alternating,
// after a warm-up; reported as median and min–max, and as the ratio to the baseline.
// Writes bench/results.md. Synthetic policies are generated (seeded) into .tmp/bench, not committed.
import { spawnSync } from 'node:child_process'
import { build } from 'esbuild'
import { nodeBundle } from '../scripts/bundle-options.ts'
import { installConsumer, packCopy, writeConsumerProject } from '../scripts/consumer-project.ts'
import { cpus, loadavg, totalmem } from 'node:os'
import { cp, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSiteEntries } from '../src/astro/site-data.ts'
import { checkPolicy } from '../src/check.ts'
import { formatDiagnostics, sourceTexts } from '../src/diagnostics/format.ts'
import { compile } from '../src/compile/compile.ts'
import { budgets } from '../src/source/budgets.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { createAjv } from '../src/validate/compile-schemas.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { loadReleases } from '../src/versions/load-releases.ts'
import { falseClaim } from '../src/versions/release-kind.ts'
import type { Release } from '../src/model/release.ts'
import { openDiffCache } from '../src/versions/diff-cache.ts'
import { writeSyntheticPolicy } from '../scripts/synthetic-policy.ts'
import { markdownWorstCases } from './markdown-worst-cases.ts'
import { corpusDirectory, corpusHistory, corpusPaths, corpusVersions } from '../test/helpers/corpus-history.ts'
import { fillPlaceholders } from '../test/helpers/placeholders.ts'
import { makeGitRepository } from '../test/helpers/git-repository.ts'
import { bareUnified, loadReleaseDocuments, render, renderSteps } from './stages.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const work = path.join(root, '.tmp', 'bench')
const node = process.execPath
const rssFile = path.join(work, 'rss.txt')
const quick = process.argv.includes('--quick')
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',')
const section = (name: string) => only === undefined || only.includes(name)

interface Stats {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly runs: number
}
interface Row {
  readonly figure: string
  readonly ours: Stats
  readonly baselineName: string
  readonly baseline: Stats
  readonly target?: number
  readonly rss?: readonly [number | undefined, number | undefined]
}
const rows: Row[] = []
const notes: string[] = []
/** Sections of their own, after the table and its notes. */
const sections: string[][] = []

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: samples.length }
}

type Task = () => Promise<number> | number

/**
 * Runs the tasks in turn, the order rotated at each run (A B, then B A…), after warm-ups of each
 * (in process: until the JIT settles); one Stats per task.
 */
async function sideBySide<const T extends readonly Task[]>(runs: number, tasks: T, warmups = 1): Promise<{ -readonly [K in keyof T]: Stats }> {
  for (let warmup = 0; warmup < warmups; warmup++) for (const task of tasks) await task()
  const samples: number[][] = tasks.map(() => [])
  for (let run = 0; run < runs; run++) {
    for (let step = 0; step < tasks.length; step++) {
      const index = (run + step) % tasks.length
      samples[index]?.push(await (tasks[index] as Task)())
    }
  }
  return samples.map(stats) as { -readonly [K in keyof T]: Stats }
}

async function timed(work: () => unknown): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/** Wall time of a process, with its peak RSS recorded through the preload. */
function processTime(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; succeeds?: boolean } = {}): number {
  const start = performance.now()
  // Through NODE_OPTIONS, so that child processes (Astro's build) report their peak too.
  const result = spawnSync(node, args, { cwd: options.cwd ?? root, env: { ...process.env, ...options.env, NODE_OPTIONS: `--import=${path.join(root, 'bench', 'report-rss.mjs')}`, CLAUSEWRIGHT_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] })
  const elapsed = performance.now() - start
  // `check` exits 1 when it reports errors, which some figures measure; others must succeed.
  if (result.status !== 0 && (result.status !== 1 || options.succeeds === true)) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`)
  return elapsed
}

async function peakRss(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<number | undefined> {
  await rm(rssFile, { force: true })
  processTime(args, options)
  const values = (await readFile(rssFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number)
  return values.length > 0 ? Math.max(...values) : undefined
}

const format = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`)
const mb = (kb: number | undefined) => (kb === undefined ? '–' : `${Math.round(kb / 1024)} MB`)

async function main(): Promise<void> {
  await mkdir(work, { recursive: true })
  const log = (text: string) => process.stderr.write(`${text}\n`)

  // 1. check as a whole process, against a process that only imports the same libraries.
  if (section('check')) {
  log('check: OPTSM policy as a process')
  // Two floors: the packages imported as installed, file by file (the issue's, which the target is
  // set against), and bundled as the CLI loads them (what check costs beyond loading code).
  const bundledFloor = path.join(work, 'import-only.bundle.mjs')
  await build({ ...nodeBundle, entryPoints: [path.join(root, 'bench', 'import-only.mjs')], outfile: bundledFloor })
  const [check, importOnly, bundledImportOnly] = await sideBySide(quick ? 5 : 11, [() => processTime(['bin/clausewright.js', 'check', '--format', 'json']), () => processTime(['bench/import-only.mjs']), () => processTime([bundledFloor])])
  const checkRss = await peakRss(['bin/clausewright.js', 'check', '--format', 'json'])
  rows.push({ figure: '`clausewright check` (OPTSM), whole process', ours: check, baselineName: 'process importing the same libraries', baseline: importOnly, target: 1.5, rss: [checkRss, await peakRss(['bench/import-only.mjs'])] })
  rows.push({ figure: '`clausewright check` (OPTSM), whole process', ours: check, baselineName: 'the same libraries imported from one bundle, as the CLI loads them', baseline: bundledImportOnly, rss: [checkRss, await peakRss([bundledFloor])] })
  notes.push('`clausewright check` runs the bundle `npm install` makes of the CLI and the packages it uses (scripts/bundle-cli.ts); the first baseline imports those packages as installed, file by file (the target is set against it), the second from one bundle: the difference to the second is the work of check itself, with cold code (the CLI also keeps the V8 compile cache, which the baselines do not).')

  // 2. Schema compilation at start-up against a precompiled standalone validator.
  log('schemas: ajv compile vs standalone')
  const schemas = await Promise.all(['policy', 'data', 'clause', 'policy-document', 'release'].map(async (name) => JSON.parse(await readFile(path.join(root, 'schema', `${name}.schema.json`), 'utf8')) as { $id: string }))
  // What `check` used to do at every start, against what it does now (src/validate/generated).
  const standaloneFile = path.join(root, 'src', 'validate', 'generated', 'validators.js')
  let generation = 0
  const [compileSchemas, loadStandalone] = await sideBySide(quick ? 5 : 15, [
    () =>
      timed(() => {
        const ajv = createAjv()
        for (const schema of schemas) ajv.getSchema(schema.$id)
      }),
    () => timed(() => import(`${standaloneFile}?${generation++}`)),
  ])
  rows.push({ figure: 'schema compilation at start-up (ajv `compile`, 5 schemas)', ours: compileSchemas, baselineName: 'loading the precompiled standalone validators (what check does)', baseline: loadStandalone, rss: [await peakRss(['bench/stage.ts', 'ajvCompile', root]), await peakRss(['bench/stage.ts', 'standaloneValidators', root])] })

  }

  // 3. The render stage against a bare unified pipeline on the same Markdown.
  if (section('render')) {
  const optsm = root
  const large = path.join(work, 'large')
  log('synthetic 1 MB policy')
  await writeSyntheticPolicy(large, { clauses: 200, bytes: 1_000_000, releases: 0 })
  for (const [label, directory] of [['OPTSM clauses', optsm], ['synthetic 1 MB policy (200 clauses)', large]] as const) {
    log(`render: ${label}`)
    const ours = await render.prepare(directory)
    const texts = await bareUnified.prepare(directory)
    const small = directory === optsm
    const [a, b] = await sideBySide(quick ? 5 : small ? 41 : 11, [() => timed(() => render.run(ours)), () => timed(() => bareUnified.run(texts))], small ? 20 : 3)
    rows.push({ figure: `render stage, ${label}`, ours: a, baselineName: 'remark-parse → remark-rehype → rehype-stringify', baseline: b, target: 1.3, rss: [await peakRss(['bench/stage.ts', 'render', directory]), await peakRss(['bench/stage.ts', 'bareUnified', directory])] })
    const steps = await renderSteps(directory, quick ? 5 : 21)
    notes.push(`Render stage, ${label}, step by step (medians over every clause): ${Object.entries(steps).map(([name, ms]) => `${name} ${format(ms)}`).join(', ')}.`)
  }

  }

  // 4. Diffs: two large versions differing by one clause, against two identical ones.
  if (section('diff')) {
  log('diff: 1 MB versions')
  const largeHistory = path.join(work, 'large-history')
  await writeSyntheticPolicy(largeHistory, { clauses: 200, bytes: 1_000_000, releases: 2 })
  const [v1, v2] = await loadReleaseDocuments(largeHistory)
  if (!v1 || !v2) throw new Error('large history has no two releases')
  const [oneClause, identical] = await sideBySide(quick ? 5 : 11, [() => timed(() => diffDocuments(v1, v2, { from: 'a', to: 'b' })), () => timed(() => diffDocuments(v1, structuredClone(v1), { from: 'a', to: 'b' }))])
  rows.push({ figure: 'diff of two 1 MB versions differing by one clause', ours: oneClause, baselineName: 'diff of two identical 1 MB versions', baseline: identical, target: 10, rss: [await peakRss(['bench/stage.ts', 'diffOne', largeHistory]), await peakRss(['bench/stage.ts', 'diffIdentical', largeHistory])] })

  // 5. All consecutive pairs of 500 releases: linear in the number of pairs.
  log('diff: 500 releases')
  const history = path.join(work, 'history-500')
  await writeSyntheticPolicy(history, { clauses: 20, bytes: 0, releases: 500 })
  const documents = await loadReleaseDocuments(history)
  const pairs = (count: number) => () => timed(() => documents.slice(1, count + 1).forEach((document, index) => diffDocuments(documents[index] ?? null, document, { from: 'a', to: 'b' })))
  const [pairs500, pairs50] = await sideBySide(quick ? 3 : 7, [pairs(499), pairs(50)])
  rows.push({ figure: 'diffs of all 499 consecutive pairs of 500 releases', ours: pairs500, baselineName: 'the first 50 pairs (linear: 499/50 ≈ 10×)', baseline: pairs50, target: 499 / 50 * 1.5, rss: [await peakRss(['bench/stage.ts', 'diffPairs', history]), await peakRss(['bench/stage.ts', 'diffPairs50', history])] })

  }

  // 6. The site build for 1, 50 and 500 releases, against a plain Astro project of the same pages.
  if (section('site')) {
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs')
  // The diff cache of these builds: filled by the warm-up, as by any earlier build of the history.
  const cacheEnv = { CLAUSEWRIGHT_CACHE_DIR: path.join(work, 'cache') }
  await rm(cacheEnv.CLAUSEWRIGHT_CACHE_DIR, { recursive: true, force: true })
  const perVersion: Array<[number, number]> = []
  const largestCount = quick ? 50 : 500
  for (const releases of quick ? [1, 50] : [1, 50, 500]) {
    log(`site: ${releases} releases`)
    const directory = path.join(work, `site-${releases}`)
    await writeSyntheticPolicy(directory, { clauses: 20, bytes: 0, releases })
    const plain = path.join(work, `plain-${releases}`)
    await writePlainAstro(plain, directory, 3 + releases * 2)
    const runs = releases >= 500 ? 3 : quick ? 2 : 3
    const ourBuild = (extra: readonly string[] = []) => ['bin/clausewright.js', 'build', '--quiet', '--dir', path.join(directory, 'policy'), '--out', path.join(directory, 'dist'), ...extra]
    const plainBuild = () => processTime([astro, 'build', '--root', plain, '--silent'], { cwd: plain })
    const [ours, baseline] = await sideBySide(runs, [() => processTime(ourBuild(), { env: cacheEnv }), plainBuild])
    perVersion.push([releases, ours.median])
    const pages = `${3 + releases * 2} pages`
    rows.push({
      figure: `site build, ${releases} release${releases === 1 ? '' : 's'} of a 20-clause policy (${pages})`,
      ours,
      baselineName: 'plain Astro 7 build of the same pages from Markdown',
      baseline,
      target: 1.5,
      rss: [await peakRss(ourBuild(), { env: cacheEnv }), await peakRss([astro, 'build', '--root', plain, '--silent'], { cwd: plain })],
    })
    if (releases === largestCount) {
      // The first build of a history, or one with --no-cache: every diff computed, every page rendered.
      log(`site: ${releases} releases, --no-cache`)
      const [cold, coldBaseline] = await sideBySide(runs === 3 ? 3 : 1, [() => processTime(ourBuild(['--no-cache']), { env: cacheEnv }), plainBuild])
      rows.push({
        rss: [await peakRss(ourBuild(['--no-cache']), { env: cacheEnv }), await peakRss([astro, 'build', '--root', plain, '--silent'], { cwd: plain })], figure: `site build, ${releases} releases, \`--no-cache\` (the first build: every diff computed, every page rendered)`, ours: cold, baselineName: 'plain Astro 7 build of the same pages from Markdown', baseline: coldBaseline, target: 1.5 })
    }
  }
  if (perVersion.length >= 2) {
    const steps = perVersion.slice(1).map(([count, time], index) => {
      const [previousCount, previousTime] = perVersion[index] ?? [0, 0]
      return `${previousCount}→${count} releases: ${format((time - previousTime) / (count - previousCount))} per release`
    })
    notes.push(`Site build cost per added release: ${steps.join('; ')}.`)
  }
  // Where the time of the largest site build goes: our compiler, in process, against the whole build.
  const largest = perVersion.at(-1)
  if (largest) {
    const directory = path.join(work, `site-${largest[0]}`)
    const sources = await readPolicy('policy', { cwd: directory })
    const compiledIn = async (useCache: boolean) => {
      const diffCache = useCache ? await openDiffCache(cacheEnv.CLAUSEWRIGHT_CACHE_DIR, path.join(directory, 'policy')) : undefined
      const start = performance.now()
      const output = compile(sources, { today: '2100-01-01', ...(diffCache && { diffCache }) }).output
      return { output, elapsed: performance.now() - start }
    }
    const cold = await compiledIn(false)
    const warm = await compiledIn(true)
    const entries = cold.output ? buildSiteEntries(cold.output).filter((entry) => !entry.id.startsWith('file/')) : []
    const bytes = JSON.stringify(entries).length
    notes.push(
      `Of the ${largest[0]}-release site build (${format(largest[1])}), the compiler (check with ${largest[0]} release integrity checks, render, documents, ${largest[0]} diffs) takes ${format(cold.elapsed)} in process, ${format(warm.elapsed)} with the diffs from the cache, while Astro starts up in its own process. Without the cache it hands the pages ${entries.length} entries (${Math.round(bytes / 2 ** 20)} MB of JSON, one file read once) and Astro renders ${2 * largest[0] + 4} pages; with it, the ${2 * largest[0]} pages of the archived releases are put back as hard links (each checked against its hash) and Astro renders the 4 others. The ${cold.output?.files.size ?? 0} machine files are written by clausewright.`,
    )
  }
  }

  // 7. The worst Markdown the budgets let through, each timed through check (target: ≤ 2 s).
  if (section('markdown')) {
    const check = (policyDirectory: string) => processTime(['bin/clausewright.js', 'check', '--format', 'json', '--dir', policyDirectory])
    // The machine may be shared: its load, before and after, says how far to trust the figures.
    const loadBefore = loadavg()[0] ?? 0
    const cases = await markdownWorstCases({ root, work, runs: quick ? 3 : 5, time: check, log })
    const [unchanged] = await sideBySide(quick ? 3 : 5, [() => check(path.join(root, 'policy'))])
    const timed = cases.map((item) => ({ ...item, stats: stats(item.samples) }))
    const worst = timed.reduce((a, b) => (b.stats.median > a.stats.median ? b : a))
    const limit = 2000
    sections.push([
      '## Markdown: the worst input the budgets let through',
      '',
      `For each construct that makes micromark slow, in each shape (the text one paragraph, or paragraphs of 1, 16 or 256 repetitions), the largest clause within the file budget (${budgets.maxFileBytes / 2 ** 20} MiB) that passes the Markdown budgets (src/markdown/markdown-complexity.ts), appended to a clause of the OPTSM policy; each timed once through \`clausewright check\` as a process, then the worst shape of each construct ${quick ? 3 : 5} times. The unchanged OPTSM policy checks in ${format(unchanged.median)}. Load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after, on ${cpus().length} cores.`,
      '',
      '| construct | worst shape | repetitions | clause size | `check`: median (min–max, runs) | ≤ 2 s |',
      '| --- | --- | --- | --- | --- | --- |',
      ...timed.map((item) => `| ${item.construct} | ${item.shape} | ${item.count} | ${Math.round(item.bytes / 1024)} KiB | ${format(item.stats.median)} (${format(item.stats.min)}–${format(item.stats.max)}, ${item.stats.runs}) | ${item.stats.median <= limit ? '✓' : '✗'} |`),
      '',
      `Worst: ${worst.construct}, ${worst.shape} (${Math.round(worst.bytes / 1024)} KiB), ${format(worst.stats.median)}. Every case ≤ 2 s: ${timed.every((item) => item.stats.median <= limit) ? 'yes' : 'no'}.`,
      '',
    ])
  }

  // The package installed from its tarball, and how check is started (installFigures).
  if (section('install')) await installFigures(log)

  // 8. A flood of diagnostics: 105,000 broken links in 150 clauses, reported with the budget on
  // diagnostics (src/diagnostics/limit-diagnostics.ts) and without it, as before it (every
  // diagnostic printed, and its "did you mean" searched among the 150 clause anchors); and the
  // floor: the same 105,000 links unbroken, which only parsing and the rules cost.
  if (section('flood')) {
    log('flood: 105,000 broken links')
    const flood = path.join(work, 'flood')
    const unbroken = path.join(work, 'flood-unbroken')
    await writeFlood(flood, 150, 700, (index) => `x${index}`)
    await writeFlood(unbroken, 150, 700, () => 'intro')
    const [floodSources, unbrokenSources] = [await readPolicy('policy', { cwd: flood }), await readPolicy('policy', { cwd: unbroken })]
    const report = (sources: typeof floodSources, limits?: { perRuleAndFile: number; perRule: number }) => {
      const checked = checkPolicy(sources, { today: '2026-01-01' })
      return formatDiagnostics(checked.diagnostics, 'pretty', { texts: sourceTexts(checked.files), ...(limits && { limits }) })
    }
    const unlimited = { perRuleAndFile: Infinity, perRule: Infinity }
    const [capped, uncapped, floor] = await sideBySide(quick ? 3 : 5, [() => timed(() => report(floodSources)), () => timed(() => report(floodSources, unlimited)), () => timed(() => report(unbrokenSources))])
    const figure = '`check` of 105,000 broken links in 150 clauses (in process, pretty report), at most 100 of a rule in a file and 1,000 in all shown'
    rows.push({ figure, ours: capped, baselineName: 'the same, every diagnostic shown (as before the budget)', baseline: uncapped })
    rows.push({ figure, ours: capped, baselineName: 'the same 105,000 links unbroken (parsing and rules only)', baseline: floor })
    const bytes = (text: string) => `${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MB`
    notes.push(`The flood of 105,000 broken links: the pretty report is ${bytes(report(floodSources))} with the budget on diagnostics, ${bytes(report(floodSources, unlimited))} without (each hint lists the 152 clause anchors, since no anchor is close to \`#xN\`).`)
  }

  // 9. What check adds to prove each release's kind (release-kind-false): a diff of each
  // consecutive pair whose claim the diff could prove false. Every synthetic release after the
  // first rewords a clause and claims `editorial`, so each of the 499 pairs is diffed; the OPTSM
  // policy has one release and no pair.
  if (section('kinds')) {
    log('kinds: 500 releases')
    const history = path.join(work, 'history-500')
    await writeSyntheticPolicy(history, { clauses: 20, bytes: 0, releases: 500 })
    const sources = await readPolicy('policy', { cwd: history })
    const { releases } = loadReleases(sources.releases)
    if (releases.length !== 500) throw new Error(`the synthetic history has ${releases.length} valid releases, not 500`)
    const proveEach = () => timed(() => releases.forEach((release, index) => index > 0 && falseClaim(releases[index - 1] as Release, release)))
    const [kinds, whole] = await sideBySide(quick ? 3 : 7, [proveEach, () => timed(() => checkPolicy(sources, { today: '2100-01-01' }))])
    rows.push({ figure: 'the kinds of 500 releases proved, 499 consecutive pairs diffed (what `check` adds for `release-kind-false`)', ours: kinds, baselineName: '`check` of the same 500-release policy in process, the proof included', baseline: whole })
  }

  // 10. A whole history imported (`import --git` of GitHub's 88 versions in ../shared/corpus) and
  // built, against a plain Astro build of the same number of pages.
  if (section('history')) {
    if (corpusVersions.length === 0) {
      notes.push(`The history import was not measured: the corpus is not at ${corpusDirectory}.`)
    } else {
      log(`history: import --git of ${corpusVersions.length} versions`)
      const history = path.join(work, 'history-import')
      await rm(history, { recursive: true, force: true })
      const repository = path.join(history, 'repository')
      makeGitRepository(repository, corpusHistory())
      const importArgs = (dir: string) => ['bin/clausewright.js', 'import', '--git', repository, '--path', corpusPaths[2], '--dir', dir, '--name', 'GitHub, Inc.', '--language', 'en-US', '--base-url', 'https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement', '--today', '2026-11-30']
      // The first run writes the newest version, whose placeholders a person fills in once.
      const prepared = path.join(history, 'prepared')
      processTime(importArgs(path.join(prepared, 'policy')), { succeeds: true })
      await fillPlaceholders(prepared)
      let copy = 0
      const freshCopy = async () => {
        const directory = path.join(history, `run-${copy++}`)
        await cp(prepared, directory, { recursive: true })
        return directory
      }
      // Each run imports into a copy of the prepared policy (the copy is not timed).
      const importInto = async () => processTime(importArgs(path.join(await freshCopy(), 'policy')), { succeeds: true })
      const runs = quick ? 1 : 3
      const built = await freshCopy()
      processTime(importArgs(path.join(built, 'policy')), { succeeds: true })
      const pages = 4 + corpusVersions.length * 2
      const plain = path.join(history, 'plain')
      await writePlainAstro(plain, built, pages)
      const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs')
      const plainBuild = () => processTime([astro, 'build', '--root', plain, '--silent'], { cwd: plain, succeeds: true })
      const ourBuild = ['bin/clausewright.js', 'build', '--quiet', '--no-cache', '--dir', path.join(built, 'policy'), '--out', path.join(built, 'dist'), '--today', '2026-11-30']
      const [imported, importBaseline] = await sideBySide(runs, [importInto, plainBuild], 0)
      rows.push({ figure: `\`import --git\` of ${corpusVersions.length} versions of a real policy (GitHub's privacy statement, ${corpusVersions.length} releases written)`, ours: imported, baselineName: `plain Astro 7 build of ${pages} pages from Markdown`, baseline: importBaseline })
      const [site, siteBaseline] = await sideBySide(runs, [() => processTime(ourBuild, { succeeds: true }), plainBuild], 0)
      rows.push({ figure: `site build of that imported history, \`--no-cache\` (${pages} pages)`, ours: site, baselineName: `plain Astro 7 build of ${pages} pages from Markdown`, baseline: siteBaseline, target: 1.5, rss: [await peakRss(ourBuild), await peakRss([astro, 'build', '--root', plain, '--silent'], { cwd: plain })] })
      await rm(history, { recursive: true, force: true })
    }
  }

  await writeReport()
}

/** The base fixture policy and `clauses` clauses of `links` links each, to the anchors `anchor` names. */
async function writeFlood(directory: string, clauses: number, links: number, anchor: (index: number) => string): Promise<void> {
  await rm(directory, { recursive: true, force: true })
  await cp(path.join(root, 'test', 'fixtures', 'base', 'policy'), path.join(directory, 'policy'), { recursive: true })
  const body = Array.from({ length: links }, (_, index) => `[l](#${anchor(index)})`).join(' ')
  await Promise.all(Array.from({ length: clauses }, (_, index) => writeFile(path.join(directory, 'policy', 'clauses', `flood-${index}.md`), `---\nid: flood-${index}\ntitle: Flood ${index}\n---\n\n${body}\n`)))
}

/** A plain Astro project with `pages` Markdown pages of the synthetic policy's text. */
async function writePlainAstro(directory: string, policyDirectory: string, pages: number): Promise<void> {
  await rm(directory, { recursive: true, force: true })
  await mkdir(path.join(directory, 'src', 'pages'), { recursive: true })
  await mkdir(path.join(directory, 'src', 'content', 'pages'), { recursive: true })
  const clauses = (await bareUnified.prepare(policyDirectory)).join('\n\n').replace(/^::.*$/gm, '').replace(/:[a-z]+\[([^\]]*)\]\{[^}]*\}/g, '$1')
  await writeFile(path.join(directory, 'astro.config.mjs'), "export default { build: { format: 'directory' } }\n")
  await writeFile(path.join(directory, 'src', 'content.config.ts'), "import { defineCollection } from 'astro:content'\nimport { glob } from 'astro/loaders'\nexport const collections = { pages: defineCollection({ loader: glob({ pattern: '*.md', base: './src/content/pages' }) }) }\n")
  await writeFile(path.join(directory, 'src', 'pages', '[slug].astro'), "---\nimport { getCollection, render } from 'astro:content'\nexport async function getStaticPaths() { return (await getCollection('pages')).map((entry) => ({ params: { slug: entry.id }, props: { entry } })) }\nconst { Content } = await render(Astro.props.entry)\n---\n<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{Astro.props.entry.id}</title></head><body><main><Content /></main></body></html>\n")
  await Promise.all(Array.from({ length: pages }, (_, index) => writeFile(path.join(directory, 'src', 'content', 'pages', `page-${index}.md`), `---\ntitle: Page ${index}\n---\n\n${clauses}\n`)))
}

async function writeReport(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`,
    `Command: \`npm run bench${quick ? ' -- --quick' : ''}\`. Each figure alternates with its baseline in one run after a warm-up; medians, min–max, runs.`,
    '',
    '| figure | ours: median (min–max, runs) | baseline | baseline: median (min–max) | ratio | target | peak RSS of the largest process, ours / baseline |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const ratio = row.ours.median / row.baseline.median
      const verdict = row.target === undefined ? '' : ratio <= row.target ? `≤ ${row.target} ✓` : `≤ ${row.target} ✗`
      return `| ${row.figure} | ${format(row.ours.median)} (${format(row.ours.min)}–${format(row.ours.max)}, ${row.ours.runs}) | ${row.baselineName} | ${format(row.baseline.median)} (${format(row.baseline.min)}–${format(row.baseline.max)}) | ${ratio.toFixed(2)} | ${verdict} | ${row.rss ? `${mb(row.rss[0])} / ${mb(row.rss[1])}` : '–'} |`
    }),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    ...sections.flat(),
  ]
  const report = lines.join('\n')
  // A partial run (--only=…) does not replace the full report.
  await writeFile(only ? path.join(work, 'results-partial.md') : path.join(root, 'bench', 'results.md'), report)
  process.stdout.write(report)
}

// The package installed from its tarball (scripts/consumer-project.ts: `npm ci --offline`
// from npm's cache, with the versions this repository locks): for check only, against the whole
// install with astro for build; then how `check` is started, in the checkout and installed.
async function installFigures(log: (text: string) => void): Promise<void> {
  log('install: the packed tarball, without and with astro')
  const packing = path.join(work, 'package')
  await rm(packing, { recursive: true, force: true })
  await mkdir(packing, { recursive: true })
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$)/i.test(name)))
  const { tarball } = packCopy(packing, env)
  const project = (withAstro: boolean) => path.join(packing, withAstro ? 'with-astro' : 'check-only')
  const install = async (withAstro: boolean) => {
    await rm(project(withAstro), { recursive: true, force: true })
    await mkdir(project(withAstro))
    writeConsumerProject(project(withAstro), { tarball, withAstro })
    return timed(() => {
      const result = installConsumer(project(withAstro), env)
      if (result.status !== 0) throw new Error(`the install failed: ${result.output}`)
    })
  }
  const [checkOnly, full] = await sideBySide(quick ? 3 : 5, [() => install(false), () => install(true)], 0)
  rows.push({ figure: 'install of the packed tarball for check only (`npm ci --offline`, npm’s cache warm)', ours: checkOnly, baselineName: 'the same with astro (for build)', baseline: full })
  const [small, large] = [await installedSize(project(false)), await installedSize(project(true))]
  notes.push(`The installs from the tarball: for check only ${small.packages} packages, ${(small.bytes / 2 ** 20).toFixed(1)} MB in node_modules; with astro ${large.packages} packages, ${(large.bytes / 2 ** 20).toFixed(1)} MB (the sizes of the files, not of the blocks they take).`)

  log('install: how check is started')
  const installed = project(false)
  await cp(path.join(root, 'policy'), path.join(installed, 'policy'), { recursive: true })
  const started = (command: string, args: readonly string[], cwd: string) => () =>
    timed(() => {
      const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString()}`)
    })
  const runs = quick ? 5 : 11
  const [viaNpx, viaNpmRun, direct] = await sideBySide(runs, [started('npx', ['clausewright', 'check'], root), started('npm', ['run', '--silent', 'check'], root), started(node, ['bin/clausewright.js', 'check'], root)])
  rows.push({ figure: '`npx clausewright check` (OPTSM), in the checkout', ours: viaNpx, baselineName: '`node bin/clausewright.js check`', baseline: direct })
  rows.push({ figure: '`npm run check` (OPTSM), in the checkout', ours: viaNpmRun, baselineName: '`node bin/clausewright.js check`', baseline: direct })
  const [installedNpx, installedDirect, checkoutDirect] = await sideBySide(runs, [started('npx', ['clausewright', 'check'], installed), started(node, ['node_modules/clausewright/bin/clausewright.js', 'check'], installed), started(node, ['bin/clausewright.js', 'check'], root)])
  rows.push({ figure: '`npx clausewright check` (OPTSM), installed from the tarball', ours: installedNpx, baselineName: '`node node_modules/clausewright/bin/clausewright.js check` there', baseline: installedDirect })
  rows.push({ figure: '`node node_modules/clausewright/bin/clausewright.js check` (OPTSM), installed: the compiled modules', ours: installedDirect, baselineName: '`node bin/clausewright.js check` in the checkout: the bundle', baseline: checkoutDirect })
}

/** The packages in a project's node_modules and the bytes of their files. */
async function installedSize(project: string): Promise<{ packages: number; bytes: number }> {
  let bytes = 0
  const packages = new Set<string>()
  for (const entry of await readdir(path.join(project, 'node_modules'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    bytes += (await lstat(file)).size
    // A package: node_modules/<name>/package.json or node_modules/@scope/<name>/package.json.
    const [parent, grandparent] = [path.basename(path.dirname(entry.parentPath)), path.basename(path.dirname(path.dirname(entry.parentPath)))]
    if (entry.name === 'package.json' && (parent === 'node_modules' || (parent.startsWith('@') && grandparent === 'node_modules'))) packages.add(entry.parentPath)
  }
  return { packages: packages.size, bytes }
}

await main()
