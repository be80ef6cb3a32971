import type { AstroIntegration } from 'astro'
import { clausewrightLoader, type LoaderOptions } from './loader.ts'
import { announcePolicyRoot, readPolicyRoot } from './policy-root.ts'

export { clausewrightLoader }

export interface IntegrationOptions extends LoaderOptions {
  /** Where the policy's pages are mounted in the site (default: `/`), e.g. `/privacy/`. */
  readonly base?: string
  /**
   * Whether the policy's site also has the files of a site's root: 404.html, robots.txt and, with
   * Astro's `site`, sitemap.xml (default: when mounted at `/`; a site that mounts the policy under
   * a path has its own).
   */
  readonly rootFiles?: boolean
}

/** Said once by a build without a site URL (the CLI says the same). */
export const noSiteWarning = 'no site URL (`site` in the Astro configuration): the canonical links, the feed, versions.json and the JSON-LD identifiers of the policy are relative, no other site can link to its versions, and there is no sitemap.xml'

const routes = [
  ['', 'index.astro'],
  ['versions/', 'versions/index.astro'],
  ['versions/[version]/', 'versions/[version].astro'],
  ['changes/', 'changes/index.astro'],
  ['changes/[version]/', 'changes/[version].astro'],
  ['compliance/', 'compliance.astro'],
  ['[...file]', 'files.ts'],
] as const

/** The routes of a site's root (see `rootFiles`); sitemap.xml has a parameter only to be able to be absent. */
const rootRoutes = [
  ['404', '404.astro'],
  ['robots.txt', 'robots.txt.ts'],
  ['[sitemap].xml', 'sitemap.xml.ts'],
] as const

/**
 * The Clausewright pages as an Astro integration, to mount the policy in any Astro site. The
 * site must also define the content collection:
 *   export const collections = { clausewright: defineCollection({ loader: clausewrightLoader() }) }
 */
export default function clausewright(options: IntegrationOptions = {}): AstroIntegration {
  const base = `/${(options.base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/')
  let building = false
  return {
    name: 'clausewright',
    hooks: {
      'astro:config:setup': ({ command, injectRoute, updateConfig }) => {
        building = command === 'build'
        const mounted: Array<readonly [string, string]> = [
          ...routes.map(([pattern, entrypoint]) => [`${base}${pattern}`, entrypoint] as const),
          ...((options.rootFiles ?? base === '/') ? rootRoutes.map(([pattern, entrypoint]) => [`/${pattern}`, entrypoint] as const) : []),
        ]
        for (const [pattern, entrypoint] of mounted) {
          injectRoute({ pattern, entrypoint: new URL(`../../site/routes/${entrypoint}`, import.meta.url), prerender: true })
        }
        updateConfig({ vite: { define: { __CLAUSEWRIGHT_BASE__: JSON.stringify(base) } } })
      },
      // The site URL is Astro's `site`, for the policy's identifiers as for Astro's canonical links
      // (`clausewright build --site` sets it): read once the configuration is final.
      'astro:config:done': ({ config, logger }) => {
        const reading = readPolicyRoot(config, base)
        announcePolicyRoot(reading)
        if ('problem' in reading) throw new Error(reading.problem)
        // clausewright build says it itself, once.
        if (building && config.site === undefined && !process.env['CLAUSEWRIGHT_SITE_ENTRIES']) logger.warn(noSiteWarning)
      },
    },
  }
}
