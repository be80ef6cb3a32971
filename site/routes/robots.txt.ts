import type { APIRoute } from 'astro'
import { robotsTxt } from '../../src/emit/web-files.ts'
import { rootHref, sitemapIsPublished } from '../lib/site.ts'

// Every crawler may read every page (a preview's pages ask not to be indexed, in each page); the
// sitemap is named where there is one: a site URL is known (sitemap.xml.ts).
export const GET: APIRoute = async ({ site }) => {
  const sitemap = site && (await sitemapIsPublished()) ? new URL(rootHref('sitemap.xml'), site).href : undefined
  return new Response(robotsTxt(sitemap), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}
