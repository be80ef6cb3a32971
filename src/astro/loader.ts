import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Loader } from 'astro/loaders'
import { countOf } from '../diagnostics/words.ts'
import type { SiteEntry } from './site-data.ts'

export interface LoaderOptions {
  /** The policy directory, relative to the Astro project root (default: policy). */
  readonly policyDir?: string
}

/**
 * An Astro Content Layer loader: runs the compiler on the policy and stores what the pages show,
 * with each clause's HTML rendered once, by the compiler. In dev it recompiles when a policy file
 * changes; a policy with errors becomes an `error` entry, which the pages throw, so that Astro's
 * error overlay shows the diagnostics.
 */
export function clausewrightLoader(options: LoaderOptions = {}): Loader {
  return {
    name: 'clausewright',
    async load(context) {
      const { logger, watcher, config, generateDigest } = context
      const root = fileURLToPath(config.root)
      const directory = path.resolve(root, options.policyDir ?? 'policy')
      const storeEntries = (entries: readonly SiteEntry[]): void => {
        for (const entry of entries) {
          const data = entry.data as unknown as Record<string, unknown>
          context.store.set({ id: entry.id, data, digest: generateDigest(data), ...('html' in entry && { rendered: { html: entry.html } }) })
        }
      }
      // `clausewright build` has compiled the policy already and hands the pages its entries
      // directly (site/lib/site.ts), and writes the machine files itself: the store stays empty.
      if (process.env['CLAUSEWRIGHT_SITE_ENTRIES']) {
        context.store.clear()
        return
      }
      // Imported here, not above: when clausewright build runs Astro, the compiler is not needed,
      // and Vite would transform its sixty modules for nothing at every start.
      const [{ compile }, { formatDiagnostics, sourceTexts }, { readPolicy }, { buildSiteEntries }] = await Promise.all([
        import('../compile/compile.ts'),
        import('../diagnostics/format.ts'),
        import('../source/read-policy.ts'),
        import('./site-data.ts'),
      ])
      const sync = async (): Promise<void> => {
        const result = compile(await readPolicy(directory, { cwd: root }))
        context.store.clear()
        if (!result.output) {
          const errors = result.diagnostics.filter((item) => item.severity === 'error')
          const message = formatDiagnostics(errors, 'pretty', { texts: sourceTexts(result.sources) })
          logger.error(`the policy has errors:\n${message}`)
          context.store.set({ id: 'error', data: { message } })
          return
        }
        storeEntries(buildSiteEntries(result.output))
        logger.info(`compiled ${countOf(result.output.document.clauses.length, 'clause')} and ${countOf(result.output.releases.length, 'release')}`)
      }
      await sync()
      watcher?.add(directory)
      watcher?.on('all', (_event, changed) => {
        if (path.resolve(changed).startsWith(directory + path.sep)) void sync()
      })
    },
  }
}
