// The Astro child of `clausewright build` (src/astro/build-site.ts): Astro's build, through its
// JavaScript API, without the content sync that `astro build` runs first. That sync starts a Vite
// server of its own to fill the content store and write types (a third of a small site's build);
// in this build the store stays empty (the pages take the entries the CLI compiled, from
// CLAUSEWRIGHT_SITE_ENTRIES) and no type check follows. `sync` is an option of Astro's builder
// that its public `build()` passes through; should a version of Astro drop it, the build still
// works, syncing as before, and test/build.test.ts, which looks for the sync in the log, fails.
import { build } from 'astro'

const [root, outDir, logLevel] = process.argv.slice(2)
try {
  await build({ root, outDir, ...(logLevel === 'silent' && { logLevel: 'silent' }) }, { sync: false })
} catch (error) {
  // The CLI reads this log for a fault of the machine (ENOSPC…) and reports it with the failure.
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
}
