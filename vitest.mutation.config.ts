import { defineConfig } from 'vitest/config'

/**
 * The suite Stryker runs against each mutant (`npm run test:mutation`, stryker.config.mjs): the
 * in-process tests only. Left out: the browser suite; the three files that run real Astro builds
 * (build, site, build-site), each minutes per mutant on 2 cores; and bin.test.ts, whose child
 * processes run the CLI bundle, where no mutant is ever active, so it cannot kill one.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/build.test.ts', 'test/site.test.ts', 'test/build-site.test.ts', 'test/bin.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
