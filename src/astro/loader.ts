import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Loader } from 'astro/loaders'
import { compile } from '../compile/compile.ts'
import { formatDiagnostics, sourceTexts } from '../diagnostics/format.ts'
import { readPolicy } from '../source/read-policy.ts'
import { buildSiteEntries } from './site-data.ts'

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
    async load({ store, logger, watcher, config, generateDigest }) {
      const root = fileURLToPath(config.root)
      const directory = path.resolve(root, options.policyDir ?? 'policy')
      const sync = async (): Promise<void> => {
        const result = compile(await readPolicy(directory, { cwd: root }))
        store.clear()
        if (!result.output) {
          const errors = result.diagnostics.filter((item) => item.severity === 'error')
          const message = formatDiagnostics(errors, 'pretty', { texts: sourceTexts(result.sources) })
          logger.error(`the policy has errors:\n${message}`)
          store.set({ id: 'error', data: { message } })
          return
        }
        // `clausewright build` writes the machine files itself (byte for byte, after Astro): kept
        // out of the content store, whose size drives Astro's build time (bench/results.md).
        const external = process.env['CLAUSEWRIGHT_EXTERNAL_FILES'] === '1'
        for (const entry of buildSiteEntries(result.output)) {
          if (external && entry.id.startsWith('file/')) continue
          const data = entry.data as unknown as Record<string, unknown>
          store.set({ id: entry.id, data, digest: generateDigest(data), ...('html' in entry && { rendered: { html: entry.html } }) })
        }
        logger.info(`compiled ${result.output.document.clauses.length} clauses and ${result.output.releases.length} releases`)
      }
      await sync()
      watcher?.add(directory)
      watcher?.on('all', (_event, changed) => {
        if (path.resolve(changed).startsWith(directory + path.sep)) void sync()
      })
    },
  }
}
