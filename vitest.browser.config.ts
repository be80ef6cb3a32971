import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One browser, one server: the files run one after another.
    fileParallelism: false,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
