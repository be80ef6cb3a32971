import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// Builds in tests keep their diff cache in a directory of the run, not in node_modules/.cache.
// The workers, the CLI and Astro processes they start keep V8's compiled code where the CLI keeps
// it (bin/clausewright.js): a build in a worker would otherwise compile Astro's modules anew.
export default async function setup(): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-test-cache-'))
  process.env['CLAUSEWRIGHT_CACHE_DIR'] = directory
  process.env['NODE_COMPILE_CACHE'] ??= fileURLToPath(new URL('../../node_modules/.cache/clausewright/compile-cache', import.meta.url))
  return () => rm(directory, { recursive: true, force: true })
}
