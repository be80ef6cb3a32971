import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { findExecutableVectors } from './helpers/executable-vectors.ts'
import { removedAfterAll } from './helpers/fixture-policy.ts'
import { buildInProcess, buildWithBin, optsmBuild, optsmCopy } from './helpers/shared-builds.ts'
import { readTree } from './helpers/site.ts'

// The tests that build run at the same time (test.concurrent): a build mostly waits for its Astro
// process, which leaves a core to another.
const temporary = removedAfterAll()

const build = buildWithBin
const copyOfOptsm = () => optsmCopy(temporary)

test('build writes the artefacts, with progress on stderr', async () => {
  // The OPTSM site built once for the run (test/helpers/shared-builds.ts).
  const result = await optsmBuild(temporary)
  expect(result.code).toBe(0)
  expect(result.stdout).toBe('')
  expect(result.stderr).toMatch(/clausewright: wrote 22 files to dist \(\d+ ms\)\n$/)
  // Astro's log is shown, and its build skipped the content sync (src/astro/astro-build.mjs): a
  // version of Astro that no longer takes the option would sync again, and cost a third more.
  expect(result.stderr).toContain('[build] Complete!')
  expect(result.stderr).not.toContain('[content]')
  expect(result.stderr).not.toContain('[types]')
  // The full list of files is asserted by test/site.test.ts.
  expect(Object.keys(await readTree(path.join(result.cwd, 'dist')))).toEqual(expect.arrayContaining(['index.html', 'policy.json', 'versions/2019-01-25/index.html']))
})

test('without a site URL (OPTSM’s astro.config.mjs has none), build says once, in one line, that the links and identifiers are relative', async () => {
  const result = await optsmBuild(temporary)
  const warnings = result.stderr.split('\n').filter((line) => line.includes('site URL'))
  expect(warnings).toEqual(['clausewright: warning: no site URL (`site` in astro.config.mjs, or --site): the canonical links, the feed, versions.json and the JSON-LD identifiers are relative, no other site can link to a version, and there is no sitemap.xml'])
})


test.concurrent('a second build takes the diffs and the pages of the releases from the cache; the output is the same', async () => {
  // The shared OPTSM build is the cold one: it ran with a cache of its own, empty before it.
  const cold = await optsmBuild(temporary)
  const cwd = cold.cwd
  const env = { CLAUSEWRIGHT_CACHE_DIR: cold.cacheDirectory }
  expect(cold.stderr).toMatch(/compiled 14 clauses and 1 release \(\d+ ms\)\n/)
  expect((await readdir(cold.cacheDirectory)).map((name) => name.replace(/-[0-9a-f]{16}/, ''))).toEqual(['diffs.json', 'pages'])
  const warm = await buildInProcess(cwd, ['--out', 'warm'], env)
  expect(warm.stderr).toMatch(/compiled 14 clauses and 1 release \(\d+ ms; 1 of 1 diffs and the pages of 1 release from the cache\)\n/)
  const [coldFiles, warmFiles] = await Promise.all(['dist', 'warm'].map((out) => readTree(path.join(cwd, out))))
  expect(warmFiles).toEqual(coldFiles)
  // --no-cache over a warm cache: test/site.test.ts builds a history both ways and compares them.
}, 60_000)

/**
 * A second build of OPTSM, unlike the shared one in every way that must not matter: another
 * directory and output, another time zone and locale, and a cache that cannot be written (a file
 * stands where its directory would be). Started once, for the two tests that read it.
 */
let elsewhere: Promise<{ cwd: string; result: Awaited<ReturnType<typeof build>> }> | undefined
function buildElsewhere() {
  elsewhere ??= (async () => {
    const cwd = await copyOfOptsm()
    await writeFile(path.join(cwd, 'not-a-directory'), '')
    const env = { TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', CLAUSEWRIGHT_CACHE_DIR: path.join(cwd, 'not-a-directory', 'cache') }
    return { cwd, result: await build(cwd, ['--out', 'public/site'], env) }
  })()
  return elsewhere
}

test.concurrent('the output is byte-identical whatever the directory, time zone or locale', async () => {
  // The shared OPTSM build ran in UTC and the C locale (buildEnvironment), into dist.
  const [first, second] = await Promise.all([optsmBuild(temporary), buildElsewhere()])
  expect(first.code).toBe(0)
  expect(second.result.code).toBe(0)
  expect(await readTree(path.join(second.cwd, 'public', 'site'))).toEqual(await readTree(path.join(first.cwd, 'dist')))
}, 60_000)

test.concurrent('a cache that cannot be written never fails the build: it warns, and the output is complete', async () => {
  const { cwd, result } = await buildElsewhere()
  expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, ''])
  expect(result.stderr).toMatch(/clausewright: warning: the diffs could not be kept for the next build \(ENOTDIR/)
  expect(result.stderr).toMatch(/clausewright: warning: the pages could not be kept for the next build \(ENOTDIR/)
  // The 22 files of the site and the marker of an output (the test above compares them with the shared build's).
  expect(Object.keys(await readTree(path.join(cwd, 'public', 'site')))).toHaveLength(23)
  // --quiet leaves the warnings out: test/hostile/disk-faults.test.ts, without a real Astro build.
}, 60_000)

test('with --site, every link and identifier is absolute under it; the pages the cache kept for another address are rendered anew', async () => {
  // The shared build's cache holds the pages of its release, made without a site URL. Last in the
  // file, not concurrent: the build empties that cache (it was kept for another address), which
  // the test of a warm build reads.
  const cold = await optsmBuild(temporary)
  const site = 'https://policy.example/'
  const result = await buildInProcess(cold.cwd, ['--out', 'sited', '--site', 'https://policy.example'], { CLAUSEWRIGHT_CACHE_DIR: cold.cacheDirectory })
  expect([result.code, result.code === 0 ? '' : result.stderr]).toEqual([0, ''])
  expect(result.stderr).not.toContain('site URL')
  expect(result.stderr).toMatch(/compiled 14 clauses and 1 release \(\d+ ms; 1 of 1 diffs from the cache\)\n/)
  const out = path.join(cold.cwd, 'sited')
  const files = await readTree(out)
  // The machine files are those compile makes for the address.
  const output = compile(await readPolicy('policy', { cwd: cold.cwd }), { today: '2026-11-25', root: site }).output
  for (const file of ['policy.jsonld', 'versions.json', 'changes.atom', 'policy.json']) expect(files[file], file).toBe(output?.files.get(file))
  // The 404 page is no address of its own: no canonical link, no og:url.
  expect(files['404.html']).not.toMatch(/rel="canonical"|og:url/)
  const pages = Object.keys(files).filter((file) => file.endsWith('.html') && file !== '404.html')
  expect(pages).toHaveLength(6)
  // With the site URL, the sitemap lists the pages to index, absolute, and robots.txt names it.
  expect(files['robots.txt']).toContain(`Sitemap: ${site}sitemap.xml`)
  expect(files['sitemap.xml']).toContain(`<loc>${site}</loc>`)
  expect(files['sitemap.xml']).toContain(`<loc>${site}versions/2019-01-25/</loc>`)
  for (const page of pages) {
    const html = files[page] ?? ''
    const address = `${site}${page.replace(/index\.html$/, '')}`
    expect(html, page).toContain(`<link rel="canonical" href="${address}"><meta property="og:url" content="${address}">`)
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as unknown
    const ids = JSON.stringify(jsonLd).match(/"@id":"[^"]*"/g) ?? []
    expect(ids.length, page).toBeGreaterThan(50)
    for (const id of ids) expect(id, page).toMatch(/^"@id":"https:\/\//)
    // A version's pages (its page, its change page) carry its JSON-LD; the others the policy's.
    expect((jsonLd as Record<string, unknown>)['@id'], page).toBe(`${site}versions/2019-01-25/`)
  }
  expect(await findExecutableVectors(out)).toEqual([])
  // og:url is RDFa's `property`, which HTML allows on <meta> (as test/site.test.ts validates the pages without it).
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off' } })
  for (const page of pages) expect((await validator.validateString(files[page] ?? '', page)).results.flatMap((report) => report.messages.map((message) => message.message)), page).toEqual([])
}, 60_000)
