// @ts-check
import base from './stryker.config.mjs'

/**
 * Mutation testing of the semantic and compliance rules against their rule tests alone
 * (`npx stryker run stryker.rules.config.mjs`, about 35 minutes on a busy 2-core machine, then
 * minutes incrementally): a lower bound of the whole suite's score for src/rules and
 * src/compliance. The whole suite makes most of their mutants static (tests that compile a policy
 * in `beforeAll` run every rule outside any test), each one run against every test.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...base,
  vitest: { configFile: 'vitest.rules-mutation.config.ts' },
  mutate: ['src/rules/**/*.ts', 'src/compliance/**/*.ts'],
  concurrency: 1,
  incrementalFile: '.tmp/stryker/rules-incremental.json',
  htmlReporter: { fileName: '.tmp/stryker/rules-report.html' },
  jsonReporter: { fileName: '.tmp/stryker/rules-report.json' },
}
