import { defineConfig } from 'vitest/config'

// The corpus suite: every version of the real policy history in ../shared/corpus, imported and
// checked (README, Development). Not part of `npm test`, whose inner loop it would triple; CI runs it.
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 300_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
