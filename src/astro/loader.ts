import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Loader, LoaderContext } from 'astro/loaders'
import { printable } from '../diagnostics/format.ts'
import { countOf } from '../diagnostics/words.ts'
import type { PolicySources, ReadOptions } from '../source/read-policy.ts'
import { latestWins } from './latest-wins.ts'
import { announcedPolicyRoot } from './policy-root.ts'
import { policyRoot } from '../model/policy-address.ts'
import type { SiteEntry } from './site-data.ts'
import { type ErrorEntryData, siteEntrySchema } from './site-schema.ts'

export interface LoaderOptions {
  /** The policy directory, relative to the Astro project root (default: policy). */
  readonly policyDir?: string
}

/** Reads the policy's files: `readPolicy`, or a test's stand-in (a read that is slow, or fails). */
export type PolicyReader = (directory: string, options: ReadOptions) => Promise<PolicySources>

/** What the loader puts in the store: the site's entries, or the `error` entry of a broken policy. */
type StoredEntry = SiteEntry | { readonly id: 'error'; readonly data: ErrorEntryData }

/**
 * An Astro Content Layer loader: runs the compiler on the policy and stores what the pages show,
 * with each clause's HTML rendered once, by the compiler. In dev it compiles again when a policy
 * file changes, and, as Astro's glob() loader does, sets only the entries whose digest changed and
 * deletes those no longer made. A policy with errors is reported through Astro's logger, as `check`
 * prints it; the pages keep the last good entries, or, with none yet, the store holds only an
 * `error` entry, which the pages throw, so that Astro's error overlay (and a build) shows it.
 */
export function clausewrightLoader(options: LoaderOptions = {}, read?: PolicyReader): Loader {
  return {
    name: 'clausewright',
    schema: siteEntrySchema,
    async load(context) {
      const { logger, watcher, config } = context
      const root = fileURLToPath(config.root)
      const directory = path.resolve(root, options.policyDir ?? 'policy')
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
      // Whether the store holds the entries of a policy this load compiled (a store kept from an
      // earlier run may hold another policy's).
      let good = false
      // `astro dev` (the only one with a watcher) shows the draft being edited, as a preview; a
      // build of a site that mounts the policy publishes the releases, as `clausewright build` does.
      const draft = watcher !== undefined
      const sync = async (): Promise<void> => {
        // Where the pages are published, as the integration read it from Astro's configuration
        // (read at each sync: `astro dev` reads the configuration again when it changes); without
        // the integration, which mounts the pages, under Astro's `base`.
        const publishedAt = announcedPolicyRoot() ?? policyRoot({ path: config.base })
        const result = compile(await (read ?? readPolicy)(directory, { cwd: root }), { draft, root: publishedAt })
        if (!result.output) {
          const errors = result.diagnostics.filter((item) => item.severity === 'error')
          const message = formatDiagnostics(errors, 'pretty', { texts: sourceTexts(result.sources) })
          logger.error(`the policy has errors${good ? '; the pages keep its last version without errors' : ''}:\n${message}`)
          if (!good) await update(context, [{ id: 'error', data: { message } }])
          return
        }
        await update(context, buildSiteEntries(result.output))
        good = true
        logger.info(`compiled ${countOf(result.output.document.clauses.length, 'clause')} and ${countOf(result.output.releases.length, 'release')}`)
      }
      const requestSync = latestWins(sync)
      // Watched before the first sync: a file saved while it runs is compiled after it.
      watcher?.add(directory)
      watcher?.on('all', (_event, changed) => {
        if (!path.resolve(changed).startsWith(directory + path.sep)) return
        // A failure of the machine (an unreadable file) is reported; the pages keep what they had.
        // Its message can name a file of the policy: untrusted, shown as printable() shows any.
        requestSync().catch((error: unknown) => logger.error(`the policy could not be compiled again: ${printable(error instanceof Error ? error.message : String(error))}`))
      })
      await requestSync()
    },
  }
}

/**
 * Makes the store hold `entries`, touching only what changed: an entry whose digest is unchanged
 * is left as it is, one no longer made is deleted. Every changed entry is parsed (by the
 * collection schema) before the store is touched, so that a failure leaves it as it was.
 */
async function update({ store, parseData, generateDigest }: LoaderContext, entries: readonly StoredEntry[]): Promise<void> {
  const changed = []
  for (const entry of entries) {
    const html = 'html' in entry ? entry.html : undefined
    const digest = generateDigest({ data: entry.data, html: html ?? null })
    if (store.get(entry.id)?.digest === digest) continue
    changed.push({ id: entry.id, data: await parseData({ id: entry.id, data: entry.data }), digest, ...(html !== undefined && { rendered: { html } }) })
  }
  for (const entry of changed) store.set(entry)
  const made = new Set<string>(entries.map((entry) => entry.id))
  for (const id of store.keys()) if (!made.has(id)) store.delete(id)
}
