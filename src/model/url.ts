const allowedSchemes = new Set(['https', 'http', 'mailto'])

export type UrlVerdict = { readonly safe: true } | { readonly safe: false; readonly reason: string }

/**
 * Judges a URL as a browser would read it: control characters and whitespace are dropped before
 * the scheme is read, so `java\tscript:` and `JaVaScRiPt:` are caught. (mdast has already decoded
 * character references such as `&#106;`.)
 */
export function judgeUrl(url: string, { allowAnchor, allowSitePath = false }: { allowAnchor: boolean; allowSitePath?: boolean }): UrlVerdict {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (cleaned.startsWith('#')) return allowAnchor ? { safe: true } : { safe: false, reason: 'an in-page anchor where a full URL is expected' }
  if (cleaned.startsWith('//') || cleaned.startsWith('\\\\') || cleaned.startsWith('/\\') || cleaned.startsWith('\\/')) return { safe: false, reason: 'a protocol-relative URL' }
  // A path from the site's root (`/support`): a page of the site that publishes the policy, where
  // a link's words may lead (never a page's own resource, such as an image, nor a field of
  // policy.yaml, which other systems read without the site). Relative to the page (`../terms`),
  // it would lead elsewhere from each page of the policy's site.
  if (cleaned.startsWith('/')) return allowSitePath ? { safe: true } : { safe: false, reason: 'a path without a host' }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase()
  if (scheme === undefined) return { safe: false, reason: 'a relative URL' }
  if (!allowedSchemes.has(scheme)) return { safe: false, reason: `the scheme \`${scheme}:\`` }
  return { safe: true }
}
