import type { APIRoute } from 'astro'
import { sitemapXml } from '../../src/emit/web-files.ts'
import { href, loadEntry, sitemapIsPublished } from '../lib/site.ts'

// sitemap.xml, made from the routes (integration.ts) and the releases: its URLs must be absolute,
// so there is none without Astro's `site`, nor for a preview of the draft (no page of it is to be
// indexed). The route's one parameter is only there so that getStaticPaths can say "no file".
export async function getStaticPaths() {
  return (await sitemapIsPublished()) ? [{ params: { sitemap: 'sitemap' } }] : []
}

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap.xml needs Astro’s `site`')
  const { versions } = (await loadEntry('current')).data
  const paths = ['', 'versions/', ...versions.map(({ version }) => `versions/${version}/`), 'changes/', ...versions.map(({ version }) => `changes/${version}/`), 'compliance/']
  return new Response(sitemapXml(paths.map((path) => new URL(href(path), site).href)), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
