import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite needs Debian's chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: ['test/browser/**', 'node_modules/**'],
    // Child processes running the CLI start Node 24 with type stripping; give them room on 2 cores.
    testTimeout: 30_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
