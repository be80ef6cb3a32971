import { defineConfig } from 'vitest/config'

// The files that assert on the OPTSM site built once per run (test/helpers/shared-builds.ts). A
// project of their own, so that a run without them does not build it.
const sharedBuildFiles = ['test/build.test.ts', 'test/site.test.ts']

export default defineConfig({
  test: {
    // The browser suite needs Debian's chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: ['test/browser/**', 'node_modules/**'],
    // Child processes running the CLI start Node 24 with type stripping; give them room on 2 cores.
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one, here. The files that build sites
    // spend most of their time waiting for Astro's child processes, so two keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**', ...sharedBuildFiles], globalSetup: ['test/helpers/global-setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'site', include: sharedBuildFiles, globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/shared-builds.ts'] },
      },
    ],
  },
})
