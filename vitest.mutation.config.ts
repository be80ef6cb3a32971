import { defineConfig } from 'vitest/config'

// A slice of src/ can be mutated against the test files that aim at it (MUTATION_TESTS, comma-separated
// globs): most mutants of a module are "static" (run at load or in a beforeAll, so Stryker runs every
// test against each), and on 2 cores the whole suite per mutant takes hours. A mutant such a subset
// kills, the whole suite kills too, so a slice's score is a lower bound.
const only = process.env['MUTATION_TESTS']?.split(',').filter((glob) => glob !== '')

/**
 * The suite Stryker runs against each mutant (`npm run test:mutation`, stryker.config.mjs): the
 * in-process tests only. Left out: the browser suite; the three files that run real Astro builds
 * (build, site, build-site), each minutes per mutant on 2 cores; and bin.test.ts, whose child
 * processes run the CLI bundle, where no mutant is ever active, so it cannot kill one.
 */
export default defineConfig({
  test: {
    include: only && only.length > 0 ? only : ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/build.test.ts', 'test/site.test.ts', 'test/build-site.test.ts', 'test/bin.test.ts', 'test/package/**', 'node_modules/**'],
    testTimeout: 30_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
