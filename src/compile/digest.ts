import { createHash } from 'node:crypto'

/**
 * `sha256:<hex>` of the policy's content, normalised: keys sorted, HTML left out, text with
 * whitespace collapsed. A change of template or of the Markdown renderer leaves it unchanged; a
 * change of any word, date, contact or data item changes it.
 */
export function digestOf(document: object): string {
  // The version id names a release of the content; it is not part of it.
  // The compliance summary is the tool's reading of the content, which improves between versions.
  const content = Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'digest' && key !== 'version' && key !== 'compliance'))
  return `sha256:${createHash('sha256').update(canonicalJson(normalise(content))).digest('hex')}`
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([key]) => key !== 'html')
    return Object.fromEntries(entries.map(([key, item]) => [key, normalise(item)]))
  }
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim()
  return value
}

/** JSON with object keys sorted at every level: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
