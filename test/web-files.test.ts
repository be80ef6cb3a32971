import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { fromXml } from 'xast-util-from-xml'
import { beforeAll, describe, expect, test } from 'vitest'
import { personEnv, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { optsmBuild } from './helpers/shared-builds.ts'
import { readSite } from './helpers/site.ts'

// What a site gives crawlers and hosts besides its pages (#15): the 404 page, robots.txt,
// sitemap.xml (only with a site URL) and the hosts' _headers. The OPTSM site is the one built once
// for the run, without a site URL; a site with one is an Astro site that mounts the policy at its root.
const temporary = removedAfterAll()
let optsm: Awaited<ReturnType<typeof readSite>> & { directory: string }

beforeAll(async () => {
  const shared = await optsmBuild(temporary)
  expect(shared.code, shared.stderr).toBe(0)
  optsm = { ...(await readSite(path.join(shared.cwd, 'dist'))), directory: path.join(shared.cwd, 'dist') }
}, 120_000)

const read = (directory: string, file: string) => readFile(path.join(directory, file), 'utf8')

/** The rules of a `_headers` file: each path with its header lines, in the file's order. */
function headerRules(text: string): Array<{ path: string; headers: string[] }> {
  const rules: Array<{ path: string; headers: string[] }> = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    if (line.startsWith('/')) rules.push({ path: line, headers: [] })
    else if (/^\s+\S/.test(line)) rules.at(-1)?.headers.push(line.trim())
    else throw new Error(`not a line of a _headers file: ${line}`)
  }
  return rules
}

describe('the OPTSM site, built without a site URL', () => {
  test('has a 404 page, robots.txt and _headers, and no sitemap: its URLs would have to be absolute', () => {
    expect(optsm.files).toEqual(expect.arrayContaining(['404.html', 'robots.txt', '_headers']))
    expect(optsm.files.filter((file) => file.includes('sitemap'))).toEqual([])
  })

  test('the 404 page is in the policy’s language, not indexed, and leads from the site’s root to the policy in force', () => {
    const page = optsm.pages.find((item) => item.file === '404.html')
    const tree = page?.tree ?? ({ type: 'root', children: [] } satisfies Root)
    expect(select('html', tree)?.properties['lang']).toBe('en-GB')
    expect(toString(select('title', tree) ?? tree)).toBe('Page not found: OPTSM respects your privacy and safeguards your data')
    expect(select('meta[name="robots"]', tree)?.properties['content']).toBe('noindex')
    expect(selectAll('h1', tree).map((heading) => toString(heading))).toEqual(['Page not found'])
    const links = selectAll('main a', tree).map((link) => [toString(link), link.properties['href']])
    expect(links).toEqual([
      ['the privacy policy of OPTSM Limited in force', '/'],
      ['every version', '/versions/'],
      ['the changes', '/changes/'],
    ])
    // Served at any address: no link may be relative to where it is served.
    for (const link of selectAll('a[href], link[href]', tree)) expect(String(link.properties['href'])).toMatch(/^(\/|#|data:)/)
    // It describes no version: no JSON-LD, and no address on a printout.
    expect(selectAll('script', tree)).toEqual([])
    expect(select('.printed', tree)).toBeUndefined()
  })

  test('robots.txt lets every crawler read everything, and names no sitemap', async () => {
    expect(await read(optsm.directory, 'robots.txt')).toBe('User-agent: *\nAllow: /\n')
  })

  test('_headers serves each JSON, JSON-LD and Atom file of the build by its path with its content type, readable from other sites, and nothing else', async () => {
    const rules = headerRules(await read(optsm.directory, '_headers'))
    const types: Record<string, string> = { json: 'application/json', jsonld: 'application/ld+json', atom: 'application/atom+xml' }
    const machineFiles = optsm.files.filter((file) => /\.(json|jsonld|atom)$/.test(file))
    expect(machineFiles).toEqual(expect.arrayContaining(['policy.json', 'policy.jsonld', 'changes.atom', 'versions.json', 'versions/2019-01-25.json', 'changes/2019-01-25.json', 'schema/policy-document.schema.json']))
    expect(rules.map((rule) => rule.path).sort()).toEqual(machineFiles.map((file) => `/${file}`).sort())
    for (const rule of rules) {
      expect(rule.headers, rule.path).toEqual([`Content-Type: ${types[rule.path.split('.').pop() ?? '']}`, 'Access-Control-Allow-Origin: *'])
    }
    // In one order, whatever the order the files were written in.
    expect(rules.map((rule) => rule.path)).toEqual(rules.map((rule) => rule.path).sort())
  })

  test('every page names its version and address for a printout (a path, without a site URL), and asks for no icon the site has not', () => {
    const printed = optsm.pages.filter((page) => page.file !== '404.html').map((page) => [page.url, toString(select('header.site .printed', page.tree) ?? { type: 'root', children: [] })])
    expect(printed).toEqual(optsm.pages.filter((page) => page.file !== '404.html').map((page) => [page.url, `Version 2019-01-25 of this policy, printed from ${page.url}`]))
    for (const page of optsm.pages) expect(selectAll('link[rel~="icon"]', page.tree).map((link) => link.properties['href']), page.url).toEqual(['data:,'])
  })
})

/** `astro build` of a site of its own, as one that mounts the integration runs it (not through clausewright build). */
function astroBuild(root: string): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', root, '--silent'], { cwd: root, env: personEnv() }, (error, _stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr })
    })
  })
}

test('an Astro site with a site URL that mounts the policy at its root has a sitemap of every page to index, absolute, named by robots.txt; printouts name the absolute address', async () => {
  const workspaceDirectory = path.join(repoRoot, 'node_modules', '.clausewright')
  await mkdir(workspaceDirectory, { recursive: true })
  // Inside the project, so that it resolves the project's packages (as the mounted site of site.test.ts).
  const host = await mkdtemp(path.join(workspaceDirectory, 'host-site-url-'))
  temporary.push(host)
  await mkdir(path.join(host, 'src'), { recursive: true })
  const source = (file: string) => JSON.stringify(path.join(repoRoot, file))
  await writeFile(path.join(host, 'astro.config.mjs'), `import clausewright from ${source('src/astro/integration.ts')}\nexport default { site: 'https://example.org', integrations: [clausewright()] }\n`)
  await writeFile(path.join(host, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content'\nimport { clausewrightLoader } from ${source('src/astro/integration.ts')}\nexport const collections = { clausewright: defineCollection({ loader: clausewrightLoader({ policyDir: ${source('policy')} }) }) }\n`)
  const result = await astroBuild(host)
  expect(result.status, result.stderr).toBe(0)
  const dist = path.join(host, 'dist')
  const site = await readSite(dist)

  const sitemap = fromXml(await read(dist, 'sitemap.xml'))
  const urlset = sitemap.children.find((node): node is Extract<typeof node, { type: 'element' }> => node.type === 'element')
  expect(urlset?.name).toBe('urlset')
  expect(urlset?.attributes['xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
  const locations = (urlset?.children ?? []).flatMap((url) => (url.type === 'element' ? url.children : [])).flatMap((loc) => (loc.type === 'element' && loc.name === 'loc' ? [loc.children.map((text) => (text.type === 'text' ? text.value : '')).join('')] : []))
  // Every page but the 404 page, which is not one to find.
  expect(locations).toEqual(['https://example.org/', 'https://example.org/versions/', 'https://example.org/versions/2019-01-25/', 'https://example.org/changes/', 'https://example.org/changes/2019-01-25/', 'https://example.org/compliance/'])
  expect([...locations].sort()).toEqual(site.pages.filter((page) => page.file !== '404.html').map((page) => `https://example.org${page.url}`).sort())
  expect(await read(dist, 'robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n')

  const versionPage = site.pages.find((page) => page.url === '/versions/2019-01-25/')
  expect(toString((versionPage && select('header.site .printed', versionPage.tree)) ?? ({ type: 'root', children: [] } satisfies Root))).toBe('Version 2019-01-25 of this policy, printed from https://example.org/versions/2019-01-25/')
  const notFound = site.pages.find((page) => page.file === '404.html')
  expect(notFound && selectAll('main a', notFound.tree).map((link: Element) => link.properties['href'])).toEqual(['/', '/versions/', '/changes/'])
}, 120_000)
