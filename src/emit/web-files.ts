// The files a static site gives crawlers and hosts besides its pages: robots.txt, sitemap.xml and
// _headers. Each is text made from names the build knows (its pages, its files, the site URL), so
// the same build writes the same bytes.

/** robots.txt: every crawler may read every page; where the site URL is known, where the sitemap is. */
export function robotsTxt(sitemapUrl?: string): string {
  return ['User-agent: *', 'Allow: /', ...(sitemapUrl ? ['', `Sitemap: ${sitemapUrl}`] : []), ''].join('\n')
}

/**
 * A sitemap (sitemaps.org 0.9) of absolute URLs, in the order given. Only `<loc>`: a page's date
 * of change is not known reliably (a version page changes when a newer release replaces it), and
 * search engines ignore one that is not.
 */
export function sitemapXml(urls: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((url) => `  <url><loc>${escapeXml(url)}</loc></url>`),
    '</urlset>',
    '',
  ].join('\n')
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[character]};`)
}

/** The machine-readable files, by extension: the content type a host must serve them with. */
export const machineFileTypes: Readonly<Record<string, string>> = {
  json: 'application/json',
  jsonld: 'application/ld+json',
  atom: 'application/atom+xml',
}

/** The file of header rules that Netlify and Cloudflare Pages read from the root of a site. */
export const headersFileName = '_headers'

/**
 * The `_headers` file for the files of a build (paths relative to its root, `/`-separated): each
 * JSON, JSON-LD and Atom file by its own path, with its content type and
 * `Access-Control-Allow-Origin: *`, so that scripts of other sites may fetch them. One rule per
 * file, not a wildcard: hosts read wildcards differently (a segment's end, or anything to the
 * right), and a pattern that caught a page would serve it as JSON. Sorted, so the file depends on
 * the names only. Undefined when there is no such file.
 */
export function headersFile(files: readonly string[]): string | undefined {
  const rules = files
    .filter((file) => Object.hasOwn(machineFileTypes, extensionOf(file)))
    .sort()
    .map((file) => `/${file.split('/').map(encodeURIComponent).join('/')}\n  Content-Type: ${machineFileTypes[extensionOf(file)]}\n  Access-Control-Allow-Origin: *\n`)
  if (rules.length === 0) return undefined
  return `# The content types of the policy's machine-readable files, readable from other sites (CORS).\n# Read by Netlify and Cloudflare Pages; README.md, "Serving the files", says the same for other hosts.\n${rules.join('')}`
}

function extensionOf(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1) : ''
}
