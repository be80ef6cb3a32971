// @ts-check
import { fileURLToPath } from 'node:url'

// The tests read ../shared beside the clone; the mutants run in a sandbox under .tmp/, where
// ../shared is not beside them: its places are handed down (the test runners inherit them).
const shared = fileURLToPath(new URL('../shared/', import.meta.url))
process.env['CLAUSEWRIGHT_SEED'] ??= `${shared}seed/optsm-privacy-policy.txt`
process.env['CLAUSEWRIGHT_VOCAB'] ??= `${shared}vocab`
process.env['CLAUSEWRIGHT_CORPUS'] ??= `${shared}corpus`

/**
 * Mutation testing (`npm run test:mutation`, README: Mutation testing). Runs the in-process suite of
 * vitest.mutation.config.ts against each mutant, only the tests that cover it; incremental, so a
 * later run tests only mutants in changed code or covered by changed tests. Everything it writes
 * stays in .tmp/ (gitignored): the sandbox, the incremental file and the reports.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // Not src/astro/integration.ts (nor watch-parent.mjs, not TypeScript): they run only inside the
  // child process that build-site.ts starts for Astro, where no mutant is ever active, so every one
  // of their mutants would count as no coverage whatever the tests.
  mutate: ['src/**/*.ts', '!src/**/*.d.ts', '!src/.bundle/**', '!src/astro/integration.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: '.tmp/stryker/incremental.json',
  tempDirName: '.tmp/stryker/sandbox',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: '.tmp/stryker/report.html' },
  jsonReporter: { fileName: '.tmp/stryker/report.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 30_000,
  // Not the generated validators (src/validate/generated/*.js): a test holds them byte-identical to their generator's output.
  disableTypeChecks: '{src,test}/**/*.ts',
  ignorePatterns: ['dist', '.dist-*', '.astro', 'coverage', 'site/dist'],
}
