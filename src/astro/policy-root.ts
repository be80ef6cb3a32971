import { printable } from '../diagnostics/format.ts'
import { expectedSiteUrl, parseSiteUrl, policyRoot } from '../model/policy-address.ts'

/** Where the policy's pages are published, as read from Astro's configuration, or why it cannot be. */
export type PolicyRootReading = { readonly root: string } | { readonly problem: string }

/**
 * The policy's root from Astro's `site` and `base` and the path the integration mounts the pages
 * under (`/privacy/`): a URL with a site URL, else the path. Astro's `site` is untrusted like any
 * input (a configuration may read it from the environment): a site URL that `parseSiteUrl` refuses
 * is a problem, said with why.
 */
export function readPolicyRoot(config: { readonly site?: string | undefined; readonly base: string }, mount: string): PolicyRootReading {
  const path = `${config.base.replace(/\/+$/, '')}${mount}`
  if (config.site === undefined) return { root: policyRoot({ path }) }
  const site = parseSiteUrl(config.site)
  if (!site.ok) return { problem: `unexpected site URL \`${printable(config.site)}\` (\`site\` in the Astro configuration, or --site): ${site.reason}; ${expectedSiteUrl}` }
  return { root: policyRoot({ site: site.url, path }) }
}

// Shared through the process, not a module: Astro loads the configuration (and so the
// integration) and the content configuration (and so the loader) through two module graphs, each
// with its own copy of this module. astro-build.mjs reads it too, by the same symbol.
const announced = Symbol.for('clausewright.policy-root')

/**
 * Makes the integration's reading known to the loader, and, when `clausewright build` runs this
 * Astro as its child (it hands the pages their entries), to the CLI, which writes the machine
 * files and the pages' entries once it knows the root.
 */
export function announcePolicyRoot(reading: PolicyRootReading): void {
  ;(globalThis as Record<symbol, unknown>)[announced] = reading
  if (process.env['CLAUSEWRIGHT_SITE_ENTRIES'] && process.send) process.send({ type: 'clausewright:policy-root', ...reading })
}

/** The root the integration read, if it has (and it is sound). */
export function announcedPolicyRoot(): string | undefined {
  const reading = (globalThis as Record<symbol, PolicyRootReading | undefined>)[announced]
  return reading && 'root' in reading ? reading.root : undefined
}
