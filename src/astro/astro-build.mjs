// The Astro child of `clausewright build` (src/astro/build-site.ts): Astro's build, through its
// JavaScript API, without the content sync that `astro build` runs first. That sync starts a Vite
// server of its own to fill the content store and write types (a third of a small site's build);
// in this build the store stays empty (the pages take the entries the CLI compiled, from
// CLAUSEWRIGHT_SITE_ENTRIES) and no type check follows. `sync` is an option of Astro's builder
// that its public `build()` passes through; should a version of Astro drop it, the build still
// works, syncing as before, and test/build.test.ts, which looks for the sync in the log, fails.
//
// The CLI hears from this child where the policy is published (the integration's reading of
// Astro's `site` and `base`, src/astro/policy-root.ts) over the IPC channel, before it writes the
// machine files; the channel does not keep the child alive. `clausewright build --site` sets
// `site` here, over the configuration's.
import { build } from 'astro'

process.channel?.unref()
const [root, outDir, logLevel] = process.argv.slice(2)
const site = process.env.CLAUSEWRIGHT_SITE
// After the configuration's integrations: a configuration without Clausewright's would leave the
// CLI waiting for a root that never comes, and the pages for the entries it would then write.
const withoutClausewright = {
  name: 'clausewright-build',
  hooks: {
    'astro:config:done': () => {
      if (globalThis[Symbol.for('clausewright.policy-root')] === undefined) process.send?.({ type: 'clausewright:policy-root', problem: 'the Astro configuration does not use the Clausewright integration (src/astro/integration.ts)' })
    },
  },
}
try {
  await build({ root, outDir, ...(site && { site }), integrations: [withoutClausewright], ...(logLevel === 'silent' && { logLevel: 'silent' }) }, { sync: false })
} catch (error) {
  // The CLI reads this log for a fault of the machine (ENOSPC…) and reports it with the failure.
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
}
