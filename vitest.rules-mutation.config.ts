import { defineConfig } from 'vitest/config'

/** The rule tests alone, for the mutation run of src/rules and src/compliance (stryker.rules.config.mjs). */
export default defineConfig({
  test: {
    include: ['test/rules/rules.test.ts', 'test/rules/rule-tester.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
