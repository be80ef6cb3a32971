import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

// Builds in tests keep their diff cache in a directory of the run, not in node_modules/.cache.
export default async function setup(): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-test-cache-'))
  process.env['CLAUSEWRIGHT_CACHE_DIR'] = directory
  return () => rm(directory, { recursive: true, force: true })
}
