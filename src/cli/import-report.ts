import { lstat, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { printable } from '../diagnostics/format.ts'
import type { ImportNote } from '../source/import-markdown.ts'
import { type Io, UsageError } from './shared.ts'

/** Notes, one a line: `file:line: message [kind]`. */
export function formatNotes(file: string, notes: readonly ImportNote[]): string {
  return notes.map((note) => `${printable(file)}${note.line === null ? '' : `:${note.line}`}: ${printable(note.message)} [${note.kind}]\n`).join('')
}

/**
 * The report's file, checked before anything is written: it is written only as a new file, in a
 * directory that exists, so a report that cannot be written is refused before the policy is.
 */
export async function reportFile(name: string | undefined, io: Io): Promise<{ write(content: unknown): Promise<void> } | undefined> {
  if (name === undefined) return undefined
  const report = path.resolve(io.cwd, name)
  const refuseReport = (why = 'it exists (the report is written only as a new file)') => new UsageError(`refusing to write the report to ${printable(name)}: ${why}`)
  if (!(await isDirectory(path.dirname(report)))) throw refuseReport('its directory does not exist')
  if (await exists(report)) throw refuseReport()
  return {
    write: (content) =>
      writeFile(report, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' }).catch((error: unknown) => {
        throw (error as { code?: string }).code === 'EEXIST' ? refuseReport() : error
      }),
  }
}

async function isDirectory(directory: string): Promise<boolean> {
  return stat(directory).then(
    (stats) => stats.isDirectory(),
    (error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return false
      throw error
    },
  )
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    (error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return false
      throw error
    },
  )
}
