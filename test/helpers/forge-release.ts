import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { digestByFormat, integrityOf } from '../../src/versions/release.ts'
import type { Release } from '../../src/model/release.ts'

/** What issue #11 appended to a release's clause: an event handler and a script. */
export const vectors = '<img src=x onerror=alert(1)><script>alert(1)</script>'

export type ReleaseRecord = Record<string, unknown> & { document: Record<string, unknown> }

/**
 * Edits `<directory>/policy/releases/<version>.json` as an attacker with commit access would:
 * change it, then recompute its digest (by the rules of its format) and integrity with the project's
 * own functions. Returns the new text of the file.
 */
export async function forgeRelease(directory: string, version: string, edit: (release: ReleaseRecord) => void): Promise<string> {
  const file = path.join(directory, 'policy', 'releases', `${version}.json`)
  const release = JSON.parse(await readFile(file, 'utf8')) as ReleaseRecord
  edit(release)
  const digest = digestByFormat[release['format'] as Release['format']](release.document as unknown as PolicyDocument)
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

/** A release document with a vector in every HTML string and URL that reaches a page. */
export function forgedDocument(document: PolicyDocument): PolicyDocument {
  return {
    ...document,
    controller: { ...document.controller, website: 'javascript:alert(1)' },
    supervisoryAuthority: { ...document.supervisoryAuthority, url: 'javascript:alert(2)' },
    contacts: document.contacts.map((contact) => ({ ...contact, url: 'java\tscript:alert(3)' })),
    // Titles and texts are text: the pages escape them as they escape the draft's.
    clauses: document.clauses.map((clause) => ({ ...clause, title: clause.title === null ? null : `${clause.title}${vectors}`, text: `${clause.text}${vectors}`, html: `${clause.html}<p>Forged</p>${vectors}<a href="javascript:alert(4)">x</a>` })),
    purposes: document.purposes.map((purpose) => ({ ...purpose, html: `${purpose.html}${vectors}` })),
    rights: document.rights.map((right) => ({ ...right, html: `${right.html ?? ''}${vectors}` })),
  }
}

