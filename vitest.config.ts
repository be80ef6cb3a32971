import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child processes running the CLI start Node 24 with type stripping; give them room on 2 cores.
    testTimeout: 30_000,
  },
})
