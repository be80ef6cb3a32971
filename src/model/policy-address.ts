/**
 * Where the policy is published, and the identifiers of what it says. The site URL (Astro's `site`,
 * or `clausewright build --site`) is the one source of every absolute address; without it, the
 * addresses are paths from the site's root (`/versions/2019-01-25/`), which resolve to the same
 * IRIs wherever the pages and files are served, and which a reader resolves against the address
 * it fetched them from.
 */

export type SiteUrlVerdict = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string }

/** What a site URL must be, for a message that refuses one. */
export const expectedSiteUrl = 'expected the https: or http: address the site is served from, without user name, password, query or fragment (https://example.com/)'

/** Longer than any real site's address; as the schemas bound a policy's URLs. */
const maxSiteUrlLength = 2000

/**
 * Judges a site URL (untrusted: a command line, a configuration) and normalises it: `https:` or
 * `http:` (which the URL parser takes only with a host), no user name or password, no query or fragment, at most 2,000 characters; the
 * URL as the WHATWG parser serialises it (every character a link cannot carry percent-encoded),
 * with a trailing slash.
 */
export function parseSiteUrl(text: string): SiteUrlVerdict {
  if (text.length > maxSiteUrlLength) return { ok: false, reason: `it is longer than ${maxSiteUrlLength} characters` }
  // The parser drops leading and trailing spaces and control characters, and tabs and line feeds
  // anywhere: a URL that holds any is refused, not silently read as another.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) return { ok: false, reason: 'it contains a space or a control character' }
  const url = URL.parse(text)
  if (!url) return { ok: false, reason: 'it is not an absolute URL' }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `its scheme is \`${url.protocol}\`, not https: or http:` }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'it carries a user name or password' }
  // The text, not the parsed parts: `https://example.com/?` has an empty query, but a `?`. Past the
  // scheme, a `?` can only begin a query, and a `#` a fragment.
  if (text.includes('?')) return { ok: false, reason: 'it has a query (`?…`)' }
  if (text.includes('#')) return { ok: false, reason: 'it has a fragment (`#…`)' }
  return { ok: true, url: url.href.endsWith('/') ? url.href : `${url.href}/` }
}

/**
 * The address of the policy's pages, under which every other one lies: the site URL (normalised by
 * `parseSiteUrl`) resolved with the path the pages are served under (Astro's `base` and the
 * integration's), or, without a site URL, that path alone. Always ends in `/`. As Astro makes a
 * page's canonical link, the path replaces any path of the site URL.
 */
export function policyRoot(options: { readonly site?: string | undefined; readonly path: string }): string {
  const trimmed = options.path.replace(/^\/+|\/+$/g, '')
  const path = trimmed === '' ? '/' : `/${trimmed}/`
  // Percent-encoded as a URL would be, with or without a site.
  const encoded = new URL(path, 'https://site.invalid').pathname
  return options.site === undefined ? encoded : new URL(encoded, options.site).href
}

/** Whether the policy's addresses are absolute (a site URL is known) rather than paths. */
export function isAbsoluteRoot(root: string): boolean {
  return /^https?:\/\//.test(root)
}

/** An address under the policy's root (`versions.json`, `changes/2020-06-01/`). */
export function addressOf(root: string, path: string): string {
  return `${root}${path}`
}

/** The IRI of the policy itself, all its versions: the address of its page. */
export function policyIri(root: string): string {
  return root
}

/**
 * The IRI of one version of the policy: the address of its page (`versions/<id>/`), which never
 * changes. A draft published has no page there: a policy never released is published under the
 * version it will have once released on its date, a preview (`build --draft`) as version `draft`,
 * which no release can be.
 */
export function versionIri(root: string, version: string): string {
  return addressOf(root, `versions/${encodeURIComponent(version)}/`)
}

/**
 * What a version says, each as a fragment of the version's IRI: `#controller`,
 * `#supervisory-authority`, and `#<kind>/<id>` for each item (`#purpose/marketing`,
 * `#data/email-address`, `#right/access`). The `/` keeps them apart from one another (an id has
 * none, so `purpose/a-b` is never `purpose/a` and something else) and from the anchors of the
 * version's page (a clause's id, a heading's slug), which have none either.
 */
export type PolicyNodeKind = 'controller' | 'supervisory-authority' | 'contact' | 'clause' | 'data' | 'purpose' | 'process' | 'recipient' | 'right'

export function nodeIri(version: string, kind: PolicyNodeKind, ...path: readonly string[]): string {
  return `${version}#${[kind, ...path].map(encodeURIComponent).join('/')}`
}
