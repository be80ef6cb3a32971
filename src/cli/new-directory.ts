import { randomUUID } from 'node:crypto'
import { lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { schemaDirectory } from '../source/new-policy.ts'
import { UsageError } from './shared.ts'

/**
 * The schemas, relative to a new policy directory, for its `yaml-language-server` comments; none
 * when that path is not plain text (it would break the comment's line).
 */
export function schemasFrom(directory: string): { schemaDirectory?: string } {
  const relative = path.relative(directory, schemaDirectory).split(path.sep).join('/')
  return /[\p{Cc}\u2028\u2029]/u.test(relative) ? {} : { schemaDirectory: relative }
}

/**
 * Writes a new policy directory (`init`, `import`) where nothing would be replaced: a directory that
 * does not exist, or an empty one. A symbolic link, a file, a directory that is not empty or one
 * under a file is refused (exit 2), named; nothing that was there is touched.
 */
export async function writePolicyDirectory(directory: string, shown: string, files: ReadonlyMap<string, string>, what = 'a policy'): Promise<void> {
  const refuse = (why: string) => new UsageError(`refusing to write ${what} into ${shown}: ${why}`)
  const existing = await entriesOf(directory)
  if (existing === 'symbolic link') throw refuse('it is a symbolic link (it is written only into a new or empty directory, and never replaces a file)')
  if (existing === 'not a directory') throw refuse('it is a file, not a directory')
  if (existing === 'under a file') throw refuse('a directory above it is a file')
  if (existing !== 'absent' && existing.length > 0) throw refuse('it is not empty (it is written only into a new or empty directory, and never replaces a file)')
  try {
  if (existing === 'absent') await writeNewDirectory(directory, files)
    else await writeIntoEmptyDirectory(directory, files)
  } catch (error) {
    if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST') || isCode(error, 'ENOTDIR')) throw refuse('it is no longer empty')
    if (isCode(error, 'ENAMETOOLONG')) throw refuse('its name is too long for the file system')
    throw error
  }
}

/**
 * A directory that did not exist: written beside it and moved into place at once, so that a
 * policy is there whole or not at all (a full disk half-way leaves nothing behind). The directories
 * made above it for the purpose are removed again when that fails.
 */
async function writeNewDirectory(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(directory)
  const madeAbove = await mkdir(parent, { recursive: true })
  // Not mkdtemp: its 0700 would stay the policy directory's mode; this one has the umask's, as any.
  const staging = path.join(parent, `.clausewright-new-${randomUUID()}`)
  try {
    await mkdir(staging)
    try {
      await writeFiles(staging, files)
      // Refused when a directory that is not empty, or a file, appeared there meanwhile.
      await rename(staging, directory)
    } catch (error) {
      await rm(staging, { recursive: true, force: true })
      throw error
    }
  } catch (error) {
    if (madeAbove !== undefined) await removeEmptyDirectories(parent, madeAbove)
    throw error
  }
}

/**
 * An empty directory (`--dir .`, one made for the policy) is written into, not replaced: it keeps
 * its owner and mode, a shell standing in it sees the policy, and its parent need not be writable.
 * Each file is created only where nothing is (`wx`); on a failure what was written is removed.
 */
async function writeIntoEmptyDirectory(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  const written: string[] = []
  try {
    await writeFiles(directory, files, written)
  } catch (error) {
    for (const made of written.reverse()) await rm(made, { recursive: true, force: true })
    throw error
  }
}

/** Writes the files under `directory`, never replacing one; `written` gets each file and directory made, in order. */
async function writeFiles(directory: string, files: ReadonlyMap<string, string>, written: string[] = []): Promise<void> {
  // policy.yaml last: a directory without it is not taken for a policy.
  const order = [...files.keys()].sort((a, b) => Number(a === 'policy.yaml') - Number(b === 'policy.yaml'))
  for (const file of order) {
    const target = path.join(directory, file)
    const folder = path.dirname(target)
    if (folder !== directory && !written.includes(folder)) {
      await mkdir(folder)
      written.push(folder)
    }
    await writeFile(target, files.get(file) ?? '', { flag: 'wx' })
    written.push(target)
  }
}

/** Removes `from` and the directories above it up to `top`, while each is empty (never one that is not). */
async function removeEmptyDirectories(from: string, top: string): Promise<void> {
  for (let current = from; current.startsWith(top); current = path.dirname(current)) {
    try {
      await rmdir(current)
    } catch {
      return
    }
    if (current === top) return
  }
}

/** What is at `directory`: its entries, or why it cannot be written into. */
async function entriesOf(directory: string): Promise<string[] | 'absent' | 'symbolic link' | 'not a directory' | 'under a file'> {
  try {
    // Not followed: a link is replaced by a rename, and what it points to is not ours to write.
    const entry = await lstat(directory)
    if (entry.isSymbolicLink()) return 'symbolic link'
    if (!entry.isDirectory()) return 'not a directory'
    return await readdir(directory)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'absent'
    if (isCode(error, 'ENOTDIR')) return 'under a file'
    throw error
  }
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown } | null)?.code === code
