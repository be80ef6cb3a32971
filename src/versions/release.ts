import { createHash } from 'node:crypto'
import { canonicalJson, digestOf, digestOfFormat1 } from '../compile/digest.ts'
import type { PolicyDiff } from '../model/diff.ts'
import type { PolicyDocument } from '../model/policy-document.ts'
import { type DecidedBy, type ImportedFrom, type ProvedKind, type Release, type ReleaseFormat, releaseFormat } from '../model/release.ts'

export function integrityOf(record: Omit<Release, 'integrity'> | Release): string {
  const { integrity: _ignored, ...rest } = record as Release
  void _ignored
  return `sha256:${createHash('sha256').update(canonicalJson(rest)).digest('hex')}`
}

/** A new release after `previous` (null for the first), linked to it by its integrity. */
export function createRelease(fields: { version: string; effective: string; released: string; source?: string; summary: string; kind: ProvedKind; decidedBy: DecidedBy; imported?: ImportedFrom; previous: Release | null; document: PolicyDocument }): Release {
  const record = {
    format: releaseFormat,
    version: fields.version,
    effective: fields.effective,
    released: fields.released,
    summary: fields.summary,
    kind: fields.kind,
    decidedBy: fields.decidedBy,
    ...(fields.imported !== undefined && { imported: fields.imported }),
    ...(fields.source !== undefined && { source: fields.source }),
    previous: fields.previous?.version ?? null,
    ...(fields.previous && { previousIntegrity: fields.previous.integrity }),
    digest: fields.document.digest,
    document: { ...fields.document, version: fields.version },
  } as const
  return { ...record, integrity: integrityOf(record) }
}

/** The digest rule of each release format: a release is verified by the rule it was made with. */
export const digestByFormat: Readonly<Record<ReleaseFormat, (document: PolicyDocument) => string>> = {
  'clausewright-release/1': (document) => digestOfFormat1(document),
  'clausewright-release/2': digestOf,
}

/** What is wrong with a stored release, if anything: its digests must match what it holds. */
export function verifyRelease(release: Release): string | undefined {
  if (digestByFormat[release.format](release.document) !== release.document.digest) return 'its document differs from the digest recorded in it'
  if (release.digest !== release.document.digest) return 'its digest differs from its document’s digest'
  if (integrityOf(release) !== release.integrity) return 'its record (summary, kind, dates or document) differs from its integrity hash'
  return undefined
}

const currentDigests = new WeakMap<Release, string>()

/**
 * A release's digest by the rules of the current format, which the draft's digest follows. A
 * release of an older format records the digest of its own rules, which cannot be compared with
 * another rule's: a `/1` digest leaves link targets out, so a `/2` release after a `/1` one would
 * otherwise always look changed (or, compared by the `/1` rule, a new link target would look like
 * no change). Its document is digested again by the current rules instead, once per release.
 */
export function currentDigestOf(release: Release): string {
  if (release.format === releaseFormat) return release.digest
  let digest = currentDigests.get(release)
  if (digest === undefined) {
    digest = digestOf(release.document)
    currentDigests.set(release, digest)
  }
  return digest
}

/**
 * Whether two releases hold the same content: by their recorded digests when both are of one
 * format (a pair of `/1` releases is judged by the rules of `/1`), else by the current rules.
 */
export function sameContent(a: Release, b: Release): boolean {
  return a.format === b.format ? a.digest === b.digest : currentDigestOf(a) === currentDigestOf(b)
}

/** The kind a release records and who decided it (`decidedBy` null for a release of format /1, which did not record it). */
export function recordedKind(release: Release): NonNullable<PolicyDiff['recorded']> {
  return { kind: release.kind, decidedBy: release.decidedBy ?? null }
}

export function serializeRelease(release: Release): string {
  return `${JSON.stringify(release, null, 2)}\n`
}
