import type { AstroIntegration } from 'astro'
import { clausewrightLoader, type LoaderOptions } from './loader.ts'

export { clausewrightLoader }

export interface IntegrationOptions extends LoaderOptions {
  /** Where the policy's pages are mounted in the site (default: `/`), e.g. `/privacy/`. */
  readonly base?: string
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
        for (const [pattern, entrypoint] of routes) {
          injectRoute({ pattern: `${base}${pattern}`, entrypoint: new URL(`../../site/routes/${entrypoint}`, import.meta.url), prerender: true })
        }
        updateConfig({ vite: { define: { __CLAUSEWRIGHT_BASE__: JSON.stringify(base) } } })
      },
    },
  }
}
