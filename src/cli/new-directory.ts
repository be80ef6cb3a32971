import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from './shared.ts'

/**
 * Writes a new policy directory whole, or nothing: the files are written beside it and moved into
 * place by one rename, which replaces only a directory that is still empty. A directory that is
 * not empty, or a file in its place, is refused (exit 2): nothing that was there is replaced.
 */
export async function writeNewDirectory(directory: string, shown: string, files: ReadonlyMap<string, string>): Promise<void> {
  const existing = await entriesOf(directory)
  if (existing === 'not a directory') throw new UsageError(`refusing to write a policy into ${shown}: it is a file, not a directory`)
  if (existing.length > 0) throw new UsageError(`refusing to write a policy into ${shown}: it is not empty (a new policy is written only into a new or empty directory, and never replaces a file)`)
  const parent = path.dirname(directory)
  await mkdir(parent, { recursive: true })
  const staging = await mkdtemp(path.join(parent, '.clausewright-new-'))
  try {
    for (const [file, text] of files) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true })
      await writeFile(path.join(staging, file), text, { flag: 'wx' })
    }
    await rename(staging, directory)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) throw new UsageError(`refusing to write a policy into ${shown}: it is no longer empty`)
    throw error
  }
}

async function entriesOf(directory: string): Promise<string[] | 'not a directory'> {
  try {
    if (!(await stat(directory)).isDirectory()) return 'not a directory'
    return await readdir(directory)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return []
    throw error
  }
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown } | null)?.code === code
