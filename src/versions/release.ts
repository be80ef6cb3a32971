import { createHash } from 'node:crypto'
import { canonicalJson, digestOf } from '../compile/digest.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import { type ChangeKind, type Release, releaseFormat } from '../model/release.ts'

export function integrityOf(record: Omit<Release, 'integrity'> | Release): string {
  const { integrity: _ignored, ...rest } = record as Release
  void _ignored
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`
}

/** A new release after `previous` (null for the first), linked to it by its integrity. */
export function createRelease(fields: { version: string; effective: string; released?: string; source?: string; summary: string; kind: ChangeKind; previous: Release | null; document: PolicyDocument }): Release {
  const record = {
    format: releaseFormat,
    version: fields.version,
    effective: fields.effective,
    ...(fields.released !== undefined && { released: fields.released }),
    ...(fields.source !== undefined && { source: fields.source }),
    summary: fields.summary,
    kind: fields.kind,
    previous: fields.previous?.version ?? null,
    ...(fields.previous && { previousIntegrity: fields.previous.integrity }),
    digest: fields.document.digest,
    document: { ...fields.document, version: fields.version },
  } as const
  return { ...record, integrity: integrityOf(record) }
}

/** What is wrong with a stored release, if anything: its digests must match what it holds. */
export function verifyRelease(release: Release): string | undefined {
  if (digestOf(release.document) !== release.document.digest) return 'its document differs from the digest recorded in it'
  if (release.digest !== release.document.digest) return 'its digest differs from its document’s digest'
  if (integrityOf(release) !== release.integrity) return 'its record (summary, kind, dates or document) differs from its integrity hash'
  return undefined
}

export function serializeRelease(release: Release): string {
  return `${JSON.stringify(release, null, 2)}\n`
}
