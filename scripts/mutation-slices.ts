// Stryker over all of src/, slice by slice (README, Mutation testing): `node scripts/mutation-slices.ts
// run [slice…]` runs the named slices (all without names) one after another, each against the test
// files that aim at it; `node scripts/mutation-slices.ts summary` prints the score of each module, from
// its best slice, and of src/ as a whole. Against the whole in-process suite a mutant takes about a
// minute and a half on 2 cores (most are static: run at load or in a beforeAll, so every test runs),
// against a slice's files seconds. A slice's score is a lower bound of the whole suite's.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const reports = path.join(root, '.tmp', 'stryker', 'slices')

interface Slice {
  /** The test files run against each mutant (MUTATION_TESTS); none for a configuration of its own. */
  readonly tests: readonly string[]
  readonly mutate: readonly string[]
  /** A Stryker configuration other than stryker.config.mjs. */
  readonly config?: string
  /**
   * Leave out the static mutants (run at load or in a beforeAll: each would run every test of the
   * slice). They count as ignored, not in the score; the summary says how many.
   */
  readonly ignoreStatic?: boolean
}

export const slices: Readonly<Record<string, Slice>> = {
  diff: {
    tests: ['test/unit/diff.test.ts', 'test/unit/diff-links.test.ts', 'test/unit/release-kind.test.ts', 'test/classify.test.ts', 'test/rules/classify-reasons.test.ts', 'test/diff-cache.test.ts'],
    mutate: ['src/versions/diff.ts'],
  },
  // What a reader can follow of a policy, digested: equal digests prove a change technical.
  digest: {
    tests: ['test/unit/readable-content.test.ts', 'test/hostile/release-content.test.ts', 'test/rules/classify-reasons.test.ts', 'test/unit/diff-links.test.ts', 'test/unit/release.test.ts', 'test/unit/release-kind.test.ts'],
    mutate: ['src/compile/readable-content.ts', 'src/compile/digest.ts'],
  },
  // The kind proved, recorded and held against a stored release (the diff's classification put to use).
  classification: { tests: ['test/unit/release-kind.test.ts', 'test/hostile/release-kind.test.ts'], mutate: ['src/versions/release-kind.ts'] },
  sanitizer: {
    tests: ['test/unit/unsafe-url.test.ts', 'test/unit/sanitize-tree.test.ts', 'test/unit/sanitize-html.test.ts', 'test/rules/sanitize.test.ts', 'test/rules/url.test.ts'],
    mutate: ['src/model/url.ts', 'src/render/sanitize.ts', 'src/render/sanitize-html.ts', 'src/rules/unsafe-url.ts'],
  },
  rules: { tests: [], mutate: ['src/rules/**/*.ts', 'src/compliance/**/*.ts'], config: 'stryker.rules.config.mjs' },
  // The rules of a policy's text left unfinished: a placeholder, a footnote never referenced.
  'unfinished-text': { tests: ['test/rules/rules.test.ts', 'test/rules/rule-tester.test.ts', 'test/placeholder-in-prose.test.ts'], mutate: ['src/rules/placeholder-left.ts', 'src/rules/footnote-unreferenced.ts'] },
  'format-date': { tests: ['test/format-date.test.ts', 'test/unit/format-date.test.ts'], mutate: ['src/render/format-date.ts'] },
  yaml: { tests: ['test/unit/parse-yaml.test.ts', 'test/unit/yaml-nesting.test.ts', 'test/node-at.test.ts'], mutate: ['src/yaml/parse-yaml.ts'] },
  format: { tests: ['test/unit/format.test.ts', 'test/format-colour.test.ts', 'test/hostile/diagnostics.test.ts'], mutate: ['src/diagnostics/format.ts'] },
  // GitHub's job summary and the Markdown escapes it shares with diff --format markdown.
  summary: { tests: ['test/unit/job-summary.test.ts', 'test/unit/format-diff.test.ts'], mutate: ['src/diagnostics/job-summary.ts', 'src/diagnostics/escape-markdown.ts'] },
  diagnostics: {
    tests: [
      'test/node-at.test.ts',
      'test/source-location.test.ts',
      'test/diagnostic.test.ts',
      'test/words.test.ts',
      'test/meta.test.ts',
      'test/hostile/diagnostics.test.ts',
      'test/unit/find-invisible-characters.test.ts',
      'test/unit/machine-fault.test.ts',
      'test/unit/format.test.ts',
      'test/unit/parse-yaml.test.ts',
    ],
    mutate: [
      'src/yaml/locate.ts',
      'src/yaml/node-at.ts',
      'src/diagnostics/diagnostic.ts',
      'src/diagnostics/words.ts',
      'src/diagnostics/rule-table.ts',
      'src/diagnostics/limit-diagnostics.ts',
      'src/diagnostics/rule-docs.ts',
      'src/diagnostics/rules.ts',
      'src/diagnostics/machine-fault.ts',
      'src/source/source-file.ts',
      'src/source/budgets.ts',
      'src/source/find-invisible-characters.ts',
    ],
  },
  policy: { tests: ['test/unit/read-policy.test.ts', 'test/check-inputs.test.ts', 'test/hostile/symlinks.test.ts', 'test/hostile/budgets.test.ts', 'test/check-fixtures.test.ts'], mutate: ['src/source/read-policy.ts'] },
  source: {
    tests: ['test/unit/read-inside.test.ts', 'test/unit/read-inside-without-proc.test.ts', 'test/unit/read-base-releases.test.ts', 'test/hostile/symlinks.test.ts'],
    mutate: ['src/source/read-inside.ts', 'src/source/read-base-releases.ts'],
  },
  markdown: { tests: ['test/hostile/markdown.test.ts', 'test/hostile/policy-text.test.ts', 'test/rules/rules.test.ts'], mutate: ['src/markdown/**/*.ts', 'src/validate/**/*.ts', 'src/directives/**/*.ts'] },
  'markdown-text': {
    tests: ['test/unit/parse-clause.test.ts', 'test/unit/parse-data-text.test.ts', 'test/unit/markdown-complexity.test.ts', 'test/hostile/markdown.test.ts', 'test/hostile/policy-text.test.ts'],
    mutate: ['src/markdown/parse-clause.ts', 'src/markdown/parse-data-text.ts', 'src/markdown/markdown-complexity.ts'],
  },
  // GFM (tables, footnotes, autolinks) and directives written in prose, as the policy's Markdown reads them.
  gfm: {
    tests: ['test/gfm.test.ts', 'test/prose-directives.test.ts', 'test/unit/parse-clause.test.ts', 'test/unit/parse-data-text.test.ts', 'test/hostile/markdown.test.ts', 'test/unit/markdown-places.test.ts'],
    mutate: ['src/markdown/gfm.ts', 'src/markdown/prose-directives.ts'],
  },
  validate: { tests: ['test/unit/validate-yaml.test.ts', 'test/meta.test.ts'], mutate: ['src/validate/validate-yaml.ts', 'src/validate/compile-schemas.ts'] },
  check: { tests: ['test/unit/check.test.ts', 'test/check-inputs.test.ts', 'test/hostile/diagnostics.test.ts', 'test/unit/unsafe-url.test.ts'], mutate: ['src/check.ts', 'src/index.ts'] },
  'vocab-terms': { tests: ['test/vocab.test.ts'], mutate: ['src/vocab/dpv-pd-terms.ts'] },
  vocab: { tests: ['test/vocab.test.ts', 'test/unit/read-dpv-csv.test.ts', 'test/compile.test.ts'], mutate: ['src/vocab/gdpr.ts', 'src/vocab/read-dpv-csv.ts'] },
  render: {
    tests: ['test/compile.test.ts', 'test/heading-anchors.test.ts', 'test/hostile/policy-text.test.ts', 'test/vocab.test.ts', 'test/hostile/release-content.test.ts'],
    mutate: ['src/render/render-policy.ts', 'src/render/expand-directives.ts', 'src/render/map-children.ts', 'src/compile/**/*.ts', 'src/model/**/*.ts', '!src/model/url.ts'],
    ignoreStatic: true,
  },
  // The release files' own modules (load-releases, release-safety, version-id, release-dates,
  // consistency) are in versions-rules, release-kind.ts in classification: against these tests, which
  // compile histories, each of their mutants would cost seconds more.
  versions: {
    tests: ['test/versions.test.ts', 'test/unit/format-diff.test.ts', 'test/unit/standing.test.ts', 'test/unit/compare-base.test.ts', 'test/unit/diff-cache.test.ts', 'test/unit/release.test.ts', 'test/diff-cache.test.ts', 'test/hostile/release-history.test.ts'],
    mutate: ['src/versions/compare-base.ts', 'src/versions/diff-cache.ts', 'src/versions/format-diff.ts', 'src/versions/kind-label.ts', 'src/versions/release.ts', 'src/versions/standing.ts'],
    ignoreStatic: true,
  },
  // The release files' rules and golden diagnostics, which the versions slice does not run.
  'versions-rules': {
    tests: ['test/rules/rules.test.ts', 'test/check-fixtures.test.ts', 'test/unit/release-safety.test.ts', 'test/unit/version-id.test.ts', 'test/unit/release-dates.test.ts', 'test/unit/load-releases.test.ts'],
    mutate: ['src/versions/load-releases.ts', 'src/versions/release-safety.ts', 'src/versions/version-id.ts', 'src/versions/consistency.ts', 'src/versions/release-kind.ts', 'src/versions/release-dates.ts'],
  },
  // The change page's block diff of a clause (what a reader sees marked inserted and removed). Not
  // test/hostile/change-page.test.ts: its forged releases cost 2.6 s a mutant, nearly all static.
  'block-diff': { tests: ['test/unit/block-diff.test.ts', 'test/change-blocks.test.ts', 'test/unit/change-page-blocks.test.ts'], mutate: ['src/versions/block-diff.ts'] },
  // The words that say to a reader what a change is. Not test/reader-words.test.ts: its beforeAll runs
  // `clausewright diff` on the OPTSM policy, which makes 564 of the 752 mutants static (an hour a run).
  'reader-words': { tests: ['test/unit/diff.test.ts', 'test/rules/classify-reasons.test.ts', 'test/reader-words-fields.test.ts'], mutate: ['src/versions/reader-words.ts'] },
  feed: { tests: ['test/feed-ids.test.ts', 'test/hostile/feed.test.ts', 'test/unit/feed.test.ts'], mutate: ['src/versions/feed.ts'] },
  emit: { tests: ['test/hostile/output.test.ts', 'test/hostile/disk-faults.test.ts'], mutate: ['src/emit/**/*.ts'], ignoreStatic: true },
  cli: { tests: ['test/unit/cli-main.test.ts', 'test/cli.test.ts', 'test/hostile/command-line.test.ts', 'test/versions.test.ts', 'test/show.test.ts'], mutate: ['src/cli/**/*.ts'], ignoreStatic: true },
  // `clausewright init`: the new policy's files and the directory written for them.
  init: { tests: ['test/init.test.ts', 'test/unit/new-policy-directory.test.ts'], mutate: ['src/cli/commands/init.ts', 'src/cli/new-directory.ts', 'src/source/new-policy.ts'] },
  // Not integration.ts: it runs only in Astro's child process (stryker.config.mjs).
  astro: { tests: ['test/astro-loader.test.ts', 'test/page-cache.test.ts', 'test/hostile/releases.test.ts'], mutate: ['src/astro/**/*.ts', '!src/astro/integration.ts'], ignoreStatic: true },
}

function runSlice(name: string, slice: Slice): number {
  mkdirSync(reports, { recursive: true })
  // A timeout counts as killed: 10 s over a test run's own time is far beyond any slower run.
  const args = ['stryker', 'run', ...(slice.config ? [slice.config] : []), ...(slice.ignoreStatic ? ['--ignoreStatic'] : []), '--concurrency', '1', '--timeoutMS', '10000', '--incrementalFile', path.join(reports, `${name}-incremental.json`), '--mutate', [...slice.mutate, '!src/**/*.d.ts'].join(',')]
  const env = { ...process.env, ...(slice.tests.length > 0 && { MUTATION_TESTS: slice.tests.join(',') }) }
  const result = spawnSync('npx', args, { cwd: root, env, stdio: 'inherit' })
  const report = path.join(root, '.tmp', 'stryker', slice.config ? 'rules-report.json' : 'report.json')
  if (result.status === 0 && existsSync(report)) copyFileSync(report, path.join(reports, `${name}.json`))
  return result.status ?? 1
}

interface Counts {
  killed: number
  timeout: number
  survived: number
  noCoverage: number
  /** Marked equivalent in the code (`Stryker disable`). */
  ignored: number
  /** Static mutants left out by `ignoreStatic`. */
  static: number
}

const scored = (counts: Counts) => counts.killed + counts.timeout + counts.survived + counts.noCoverage
const mutants = (counts: Counts) => scored(counts) + counts.ignored + counts.static
const score = (counts: Counts) => (counts.killed + counts.timeout) / Math.max(1, scored(counts))

type Mutant = { readonly status: string; readonly statusReason?: string }
const isStatic = (mutant: Mutant) => mutant.status === 'Ignored' && (mutant.statusReason ?? '').startsWith('Static mutant')

function countsOf(mutants: readonly Mutant[]): Counts {
  const count = (status: string) => mutants.filter((mutant) => mutant.status === status && !isStatic(mutant)).length
  return { killed: count('Killed'), timeout: count('Timeout'), survived: count('Survived'), noCoverage: count('NoCoverage'), ignored: count('Ignored'), static: mutants.filter(isStatic).length }
}

/** Each module once, from the slice that scored it best; then all of them together. */
function summary(): void {
  const best = new Map<string, { slice: string; counts: Counts }>()
  for (const file of existsSync(reports) ? readdirSync(reports).filter((name) => name.endsWith('.json') && !name.endsWith('-incremental.json')) : []) {
    const report = JSON.parse(readFileSync(path.join(reports, file), 'utf8')) as { files: Record<string, { mutants: Mutant[] }> }
    for (const [module, { mutants }] of Object.entries(report.files)) {
      const counts = countsOf(mutants)
      const known = best.get(module)
      if (!known || score(counts) > score(known.counts)) best.set(module, { slice: file.slice(0, -'.json'.length), counts })
    }
  }
  const total: Counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, static: 0 }
  const rows = [...best].sort(([a], [b]) => (a < b ? -1 : 1))
  for (const [module, { slice, counts }] of rows) {
    for (const key of Object.keys(total) as Array<keyof Counts>) total[key] += counts[key]
    console.log(`| \`${module}\` | ${slice} | ${mutants(counts)} | ${counts.killed} | ${counts.timeout} | ${counts.survived} | ${counts.noCoverage} | ${counts.ignored} | ${counts.static} | ${(100 * score(counts)).toFixed(2)} % |`)
  }
  console.log(`| all of \`src/\` (${rows.length} modules) | | ${mutants(total)} | ${total.killed} | ${total.timeout} | ${total.survived} | ${total.noCoverage} | ${total.ignored} | ${total.static} | ${(100 * score(total)).toFixed(2)} % |`)
}

const [command, ...names] = process.argv.slice(2)
if (command === 'summary') summary()
else if (command === 'run') {
  const unknown = names.filter((name) => !Object.hasOwn(slices, name))
  if (unknown.length > 0) {
    console.error(`unknown slice ${unknown.join(', ')}, expected one of ${Object.keys(slices).join(', ')}`)
    process.exitCode = 2
  } else {
    for (const name of names.length > 0 ? names : Object.keys(slices)) {
      const slice = slices[name]
      if (slice && runSlice(name, slice) !== 0) process.exitCode = 1
    }
  }
} else {
  console.error('usage: node scripts/mutation-slices.ts run [slice…] | summary')
  process.exitCode = 2
}
