import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { digestOf } from '../../src/compile/digest.ts'
import { integrityOf, type Release } from '../../src/versions/release.ts'

export type ReleaseRecord = Record<string, unknown> & { document: Record<string, unknown> }

/**
 * Edits `<directory>/policy/releases/<version>.json` as an attacker with commit access would:
 * change it, then recompute its digest and integrity with the project's own functions. Returns
 * the new text of the file.
 */
export async function forgeRelease(directory: string, version: string, edit: (release: ReleaseRecord) => void): Promise<string> {
  const file = path.join(directory, 'policy', 'releases', `${version}.json`)
  const release = JSON.parse(await readFile(file, 'utf8')) as ReleaseRecord
  edit(release)
  const digest = digestOf(release.document)
  release.document = { ...release.document, digest }
  const record = { ...release, digest } as unknown as Release
  const text = `${JSON.stringify({ ...record, integrity: integrityOf(record) }, null, 2)}\n`
  await writeFile(file, text)
  return text
}

/** The integrity recorded in a release file. */
export async function integrityOfFile(directory: string, version: string): Promise<string> {
  return String((JSON.parse(await readFile(path.join(directory, 'policy', 'releases', `${version}.json`), 'utf8')) as { integrity: unknown }).integrity)
}
