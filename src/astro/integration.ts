import type { AstroIntegration } from 'astro'
import { clausewrightLoader, type LoaderOptions } from './loader.ts'

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
  return {
    name: 'clausewright',
    hooks: {
      'astro:config:setup': ({ injectRoute, updateConfig }) => {
        const mounted: Array<readonly [string, string]> = [
          ...routes.map(([pattern, entrypoint]) => [`${base}${pattern}`, entrypoint] as const),
          ...((options.rootFiles ?? base === '/') ? rootRoutes.map(([pattern, entrypoint]) => [`/${pattern}`, entrypoint] as const) : []),
        ]
        for (const [pattern, entrypoint] of mounted) {
          injectRoute({ pattern, entrypoint: new URL(`../../site/routes/${entrypoint}`, import.meta.url), prerender: true })
        }
        updateConfig({ vite: { define: { __CLAUSEWRIGHT_BASE__: JSON.stringify(base) } } })
      },
    },
  }
}
