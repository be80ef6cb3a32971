import path from 'node:path'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

// The files that assert on the OPTSM site built once per run (test/helpers/shared-builds.ts) and
// build the most sites of their own: they start first (below).
const buildingFiles = ['test/build.test.ts', 'test/site.test.ts', 'test/web-files.test.ts']
// The files that mock a module (node:fs/promises, node:fs) get modules of their own; the
// others share one module graph per worker, which saved a third of the CPU of the files that do
// not build (a fresh graph per file is most of a small file's cost).
const mockingFiles = ['test/hostile/disk-faults.test.ts', 'test/unit/read-inside-without-proc.test.ts']
const notHere = ['test/browser/**', 'test/corpus/**', 'test/package/**', 'node_modules/**']

// Vitest takes the projects one after another, by name (a worker is kept for the next file only if
// it is of the same project), and within a project the longest files first, by the times of the
// last run. The files that build sites are the longest, and each waits for its builds one after
// another: started last, they would run on after the others, on one core. So the mocking files
// go first, then the files of `tests` that build the most, whatever
// the last run's times (a fresh clone has none), then the others, whose shortest files, of
// milliseconds, end the run on both cores.
class BuildingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const building = new Set(buildingFiles.map((file) => path.resolve(import.meta.dirname, file)))
    const rank = (file: TestSpecification) => (file.project.name === 'mocking' ? 0 : building.has(file.moduleId) ? 1 : 2)
    // Array sort is stable: vitest's order stays within a rank.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}

// The tests run the libraries' code that the CLI runs. Vite adds the `development` condition
// (`development|production`) to the conditions of Node's resolution in the workers, which loads
// the development builds of micromark and mdast-util-from-markdown: their assertions parsed
// Markdown 1.7 times slower. Vite's configuration merges arrays, so it is taken out once resolved.
const productionConditions = {
  name: 'production-conditions',
  configResolved(config: { ssr: { resolve?: { conditions?: string[] } } }) {
    const conditions = config.ssr.resolve?.conditions
    if (conditions) conditions.splice(0, conditions.length, ...new Set(conditions.filter((condition) => condition !== 'development|production')))
  },
}

export default defineConfig({
  plugins: [productionConditions],
  test: {
    // The browser suite needs Debian's chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: notHere,
    // Child processes running the CLI start Node 24 with type stripping; give them room on 2 cores.
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one, here. The files that build sites
    // spend most of their time waiting for Astro's child processes, so two keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: BuildingFilesFirst },
    projects: [
      {
        extends: true,
        test: { name: 'tests', include: ['test/**/*.test.ts'], exclude: [...notHere, ...mockingFiles], isolate: false, globalSetup: ['test/helpers/global-setup.ts', 'test/helpers/shared-fixtures.ts'] },
      },
      {
        extends: true,
        test: { name: 'mocking', include: mockingFiles, globalSetup: ['test/helpers/global-setup.ts'] },
      },
    ],
  },
})
