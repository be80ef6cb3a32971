import { defineConfig } from 'vitest/config'

// The package suite: `npm pack`, then the tarball installed into new projects (without network, from
// npm's cache) and used as README says (test/package/). Not part of `npm test`: a pack and two
// installs take a minute or more (README, Development); CI runs it (.ci/run).
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
