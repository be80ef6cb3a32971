import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { HtmlValidate } from 'html-validate'
import { beforeAll, describe, expect, test } from 'vitest'
import { makePolicy, personEnv, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'
import { optsmBuild } from './helpers/shared-builds.ts'
import { ids, readSite } from './helpers/site.ts'

// Builds real sites with Astro (the OPTSM policy, a fixture with a history and a hostile title) and
// checks the HTML as a browser and a validator would read it. Builds run one after another; the
// OPTSM site is the one built once for the run, and each site is built once for the tests that read it.
const temporary = removedAfterAll()

async function workspace(policy?: string): Promise<string> {
  const directory = policy ?? (await mkdtemp(path.join(tmpdir(), 'clausewright-site-')))
  temporary.push(directory)
  if (!policy) await cp(path.join(repoRoot, 'policy'), path.join(directory, 'policy'), { recursive: true })
  return directory
}

async function buildIn(cwd: string, out = 'dist') {
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25', '--out', out], cwd)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return readSite(path.join(cwd, out))
}

let optsm: Awaited<ReturnType<typeof readSite>> & { directory: string }

beforeAll(async () => {
  // The OPTSM site built once for the run (test/helpers/shared-builds.ts); build.test.ts asserts how it was built.
  const shared = await optsmBuild(temporary)
  expect(shared.code, shared.stderr).toBe(0)
  expect(shared.stdout).toBe('')
  optsm = { ...(await readSite(path.join(shared.cwd, 'dist'))), directory: path.join(shared.cwd, 'dist') }
}, 120_000)

describe('the OPTSM site', () => {
  test('has every page and machine endpoint', () => {
    expect(optsm.files).toEqual([
      '.clausewright-output',
      '404.html',
      '_headers',
      'changes.atom',
      'changes/2019-01-25.json',
      'changes/2019-01-25/index.html',
      'changes/index.html',
      'compliance/index.html',
      'index.html',
      'policy.json',
      'policy.jsonld',
      'robots.txt',
      'schema/clause.schema.json',
      'schema/compliance.schema.json',
      'schema/data.schema.json',
      'schema/diff.schema.json',
      'schema/policy-document.schema.json',
      'schema/policy.schema.json',
      'schema/release.schema.json',
      'versions.json',
      'versions/2019-01-25.json',
      'versions/2019-01-25/index.html',
      'versions/index.html',
    ])
  })

  test('every internal link points at a file that exists, and every anchor at an id', () => {
    const byUrl = new Map(optsm.pages.map((page) => [page.url, page]))
    const broken: string[] = []
    for (const page of optsm.pages) {
      for (const link of selectAll('a, link', page.tree)) {
        const href = String(link.properties['href'] ?? '')
        if (/^(https?:|mailto:|data:)/.test(href)) continue
        const target = new URL(href, `http://site${page.url}`)
        const targetPage = target.pathname.endsWith('/') ? byUrl.get(target.pathname) : undefined
        const exists = targetPage !== undefined || optsm.files.includes(target.pathname.slice(1))
        if (!exists) broken.push(`${page.url} → ${href}`)
        else if (target.hash && !ids((targetPage ?? page).tree).has(decodeURIComponent(target.hash.slice(1)))) broken.push(`${page.url} → ${href} (no such id)`)
      }
    }
    expect(broken).toEqual([])
  })

  test('the table of contents links every clause', () => {
    const index = optsm.pages.find((page) => page.url === '/')
    const toc = index && select('nav[aria-labelledby="toc-heading"]', index.tree)
    expect(toc && selectAll('a', toc).map((a) => a.properties['href'])).toEqual([
      '#scope', '#information-collected', '#use-of-information', '#sharing', '#legitimate-interests', '#security', '#duty-to-inform', '#your-rights', '#children', '#linked-websites', '#changes', '#contact-information', '#complaints', '#cw-at-a-glance',
    ])
  })

  test('every page carries its JSON-LD, once (but the 404 page, about no version); the policy page carries policy.jsonld', async () => {
    const jsonld = JSON.parse(await readFile(path.join(optsm.directory, 'policy.jsonld'), 'utf8'))
    for (const page of optsm.pages.filter((item) => item.file !== '404.html')) {
      const scripts = selectAll('script', page.tree)
      expect(scripts.map((script) => script.properties['type']), page.url).toEqual(['application/ld+json'])
    }
    const index = optsm.pages.find((page) => page.url === '/')
    const script = index && select('script', index.tree)
    expect(script && JSON.parse(toString(script))).toEqual(jsonld)
  })

  test('every page has lang, a title, a description, a canonical link and alternates', () => {
    for (const page of optsm.pages) {
      expect(select('html', page.tree)?.properties['lang'], page.url).toBe('en-GB')
      const links = selectAll('link', page.tree).map((link) => `${String(link.properties['rel'])} ${String(link.properties['type'] ?? '')}`)
      // The 404 page is served at any address: it has no canonical one.
      expect(links, page.url).toEqual(['icon ', ...(page.file === '404.html' ? [] : ['canonical ']), 'alternate application/json', 'alternate application/ld+json', 'alternate application/atom+xml'])
      expect(select('meta[name="description"]', page.tree), page.url).toBeDefined()
      expect(toString(select('title', page.tree) ?? page.tree).length, page.url).toBeGreaterThan(0)
    }
  })

  test('no page loads anything from elsewhere, and none has a script to run', () => {
    for (const page of optsm.pages) {
      expect(page.html, page.url).not.toMatch(/<script(?![^>]*application\/ld\+json)/)
      expect(page.html, page.url).not.toMatch(/<(img|iframe|link[^>]*stylesheet)[^>]*(src|href)="(https?:)?\/\//)
      expect(page.html, page.url).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//)
    }
    expect(optsm.files.filter((file) => /\.(js|mjs|map)$/.test(file))).toEqual([])
  })

  test('the version page says where it stands: the current version, in force since its date', () => {
    const page = optsm.pages.find((item) => item.url === '/versions/2019-01-25/')
    expect(page?.html).toContain('Current version, in force since <time datetime="2019-01-25">25th January 2019</time>.</strong> Kept exactly as it was released.')
    expect(page?.html).not.toContain('It may not be the current version')
    const index = optsm.pages.find((item) => item.url === '/')
    expect(index?.html).toContain('Current version, in force since <time datetime="2019-01-25">25th January 2019</time>.')
  })

  test('every HTML page is valid (html-validate)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // The stylesheet is inlined on purpose (no request); the policy's own title can be long; and
        // whitespace inside the policy's text is the policy's, not markup formatting.
        'no-inline-style': 'off',
        'long-title': 'off',
        'no-trailing-whitespace': 'off',
      },
    })
    const problems: string[] = []
    for (const page of optsm.pages) {
      const report = await validator.validateString(page.html, page.file)
      for (const result of report.results) for (const message of result.messages) problems.push(`${page.file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`)
    }
    expect(problems).toEqual([])
  })
})

// One fixture, built three times: a release, a second release (the first's pages from the cache),
// and the second again with --no-cache. Started as the file loads: its builds run while the tests
// before it wait for the OPTSM site.
const title = 'Policy </script><script>alert(1)</script> </SCRIPT > <!-- \u2028\u2029 & more'
type Site = Awaited<ReturnType<typeof buildIn>>

async function buildHistory(): Promise<{ cwd: string; first: Site; second: Site; fresh: Site; freshLog: string }> {
  const cwd = await workspace(
    await makePolicy({
      description: 'markup-like text in YAML and in a code span',
      replace: [
        { file: 'policy.yaml', find: 'title: Example privacy policy', with: `title: "${title}"` },
        { file: 'clauses/rights.md', find: 'Write to', with: 'Never `</script><!--` write to' },
      ],
    }),
  )
  expect((await runCli(['release', '--summary', 'First.', '--today', '2026-01-01'], cwd)).code).toBe(0)
  const first = await buildIn(cwd)
  const { writeFile, readFile: read } = await import('node:fs/promises')
  const policyFile = path.join(cwd, 'policy', 'policy.yaml')
  await writeFile(policyFile, (await read(policyFile, 'utf8')).replace('lastUpdated: 2020-02-29', 'lastUpdated: 2021-05-04').replace('description: Privacy requests', 'description: Requests about your data'))
  expect((await runCli(['release', '--summary', 'A new way to reach us.', '--today', '2026-01-01'], cwd)).code).toBe(0)
  // The second build takes the first release's pages from the cache; the one beside it, at the
  // same time, renders them anew (--no-cache neither reads nor writes the cache).
  const [second, uncached] = await Promise.all([buildIn(cwd), runCli(['build', '--no-cache', '--today', '2026-11-25', '--out', 'uncached'], cwd)])
  expect(uncached.code).toBe(0)
  return { cwd, first, second, fresh: await readSite(path.join(cwd, 'uncached')), freshLog: uncached.stderr }
}
const history = buildHistory()
// Its failure is reported by the tests that wait for it.
history.catch(() => undefined)

describe('a site with a history, its title and a clause’s text looking like markup', () => {
  let cwd = ''
  let first: Site
  let second: Site
  let fresh: Site
  let freshLog = ''
  const page = (site: Site, url: string) => site.pages.find((item) => item.url === url)?.html

  beforeAll(async () => {
    ;({ cwd, first, second, fresh, freshLog } = await history)
  }, 240_000)

  test('archived pages are byte-stable when a newer release is added, but for where the version stands', () => {
    expect(page(second, '/versions/2020-02-29/')).toBeDefined()
    // The version page says it was replaced, and by which version; the rest stays as it was.
    const banner = /<div class="banner status-\w+" role="note">[\s\S]*?<\/div>/
    expect(page(first, '/versions/2020-02-29/')).toContain('Current version, in force since <time datetime="2020-02-29">29th February 2020</time>.')
    expect(page(second, '/versions/2020-02-29/')).toContain('In force from <time datetime="2020-02-29">29th February 2020</time> until <time datetime="2021-05-04">4th May 2021</time>, replaced by <a href="/versions/2021-05-04/">version 2021-05-04</a>.')
    expect(page(second, '/versions/2020-02-29/')?.replace(banner, '')).toBe(page(first, '/versions/2020-02-29/')?.replace(banner, ''))
    // A change page is made from its release and the one before only: the newer release leaves it as it was.
    expect(page(second, '/changes/2020-02-29/')).toBeDefined()
    expect(page(second, '/changes/2020-02-29/')).toBe(page(first, '/changes/2020-02-29/'))
    const changes = page(second, '/changes/2021-05-04/') ?? ''
    expect(changes).toContain('What you should know')
    // The contact's new description, told in words (the data's fields and ids are in the change's JSON).
    expect(changes).toContain('The contact “Privacy requests” is now described as “Requests about your data”.')
  })

  test('the pages taken from the cache are those rendered anew', () => {
    expect(fresh.pages.map((item) => [item.file, item.html])).toEqual(second.pages.map((item) => [item.file, item.html]))
    // With --no-cache, nothing was taken from the cache the first build had filled.
    expect(freshLog).toMatch(/^clausewright: compiled 2 clauses and 2 releases \(\d+ ms\)$/m)
    expect(freshLog).not.toContain('from the cache')
  })

  test('text that looks like markup cannot close the page’s JSON-LD script or open a comment', async () => {
    const index = second.pages.find((item) => item.url === '/')
    const scripts = index ? selectAll('script', index.tree) : []
    expect(scripts).toHaveLength(1)
    const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(index?.html ?? '')?.[1] ?? ''
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/)
    const embedded = JSON.parse(toString(scripts[0] ?? { type: 'root', children: [] }))
    expect(embedded).toEqual(JSON.parse(await readFile(path.join(cwd, 'dist', 'policy.jsonld'), 'utf8')))
    expect(embedded['schema:name']).toBe(title)
    expect(selectAll('h1', index?.tree ?? { type: 'root', children: [] }).map((h1) => toString(h1))).toEqual([title])
  })
})

/** `astro build` itself, as a site that mounts the integration runs it (not through clausewright build). */
function astroBuild(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', ...args, '--silent'], { cwd, env: personEnv(env) }, (error, _stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr })
    })
  })
}

// One `astro build` of a site that mounts the integration (no clausewright CLI): a real Astro build
// with the content layer costs seconds of CPU, so the one build answers both questions of mounting.
test('mounted in another Astro site under /privacy/ (no clausewright CLI): every link stays under the mount point, the pages are those `clausewright build` makes there, under the site URL of its configuration, and the endpoints serve the compiler’s files byte for byte', async () => {
  const { mkdir, mkdtemp, writeFile } = await import('node:fs/promises')
  const { compile } = await import('../src/compile/compile.ts')
  const { readPolicy } = await import('../src/source/read-policy.ts')
  const workspaceDirectory = path.join(repoRoot, 'node_modules', '.clausewright')
  await mkdir(workspaceDirectory, { recursive: true })
  // A host site of its own (its own config, content config and a page), inside the project so that
  // it resolves the project's packages, mounting the integration the way README shows. Its content
  // store lives in its own cache directory: the CLI's builds in other test files at the same time
  // write theirs (empty: they hand their pages a file) to the project's node_modules/.astro.
  const host = await mkdtemp(path.join(workspaceDirectory, 'host-'))
  temporary.push(host)
  await mkdir(path.join(host, 'src', 'pages'), { recursive: true })
  const source = (file: string) => JSON.stringify(path.join(repoRoot, file))
  // Its own site URL, which the integration reads from Astro's configuration (without a trailing slash, as often written).
  await writeFile(path.join(host, 'astro.config.mjs'), `import clausewright from ${source('src/astro/integration.ts')}\nexport default { site: 'https://policy.example', integrations: [clausewright({ base: '/privacy/' })] }\n`)
  await writeFile(path.join(host, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content'\nimport { clausewrightLoader } from ${source('src/astro/integration.ts')}\nexport const collections = { clausewright: defineCollection({ loader: clausewrightLoader({ policyDir: ${source('policy')} }) }) }\n`)
  await writeFile(path.join(host, 'src', 'pages', 'index.astro'), '<!doctype html><html lang="en"><head><title>Host</title></head><body><a href="/privacy/">Privacy</a></body></html>\n')
  const result = await astroBuild(['--root', host], host)
  expect(result.status, result.stderr).toBe(0)
  const site = await readSite(path.join(host, 'dist'))
  expect(site.files).toEqual(expect.arrayContaining(['index.html', 'privacy/index.html', 'privacy/versions/2019-01-25/index.html', 'privacy/changes/index.html', 'privacy/policy.json', 'privacy/changes.atom']))
  const policyPages = site.pages.filter((page) => page.url.startsWith('/privacy/'))
  expect(policyPages.length).toBe(6)
  for (const page of policyPages) {
    for (const link of selectAll('a, link', page.tree)) {
      const href = String(link.properties['href'] ?? '')
      if (/^(https?:|mailto:|#|data:)/.test(href)) continue
      expect(href, `${page.url} → ${href}`).toMatch(/^\/privacy\//)
      const target = new URL(href, 'http://site').pathname
      expect(site.files.includes(target.slice(1)) || site.files.includes(`${target.slice(1)}index.html`), `${page.url} → ${href}`).toBe(true)
    }
  }
  // The CLI hands the pages the entries it compiled; the loader puts them in Astro's content
  // store: either way, the same pages, but for the mount point in their links, and the site URL
  // in their canonical link, og:url, JSON-LD identifiers and printed address (which the shared
  // build, without one, writes as paths from the site's root).
  // The files of a site's root (404.html, robots.txt) are the host site's, not the policy's.
  expect(site.files.filter((file) => /^(privacy\/)?(404\.html|robots\.txt|sitemap\.xml)$/.test(file))).toEqual([])
  const root = 'https://policy.example/privacy/'
  const optsmPages = optsm.pages.filter((page) => page.file !== '404.html')
  expect(policyPages.map((page) => page.file)).toEqual(optsmPages.map((page) => `privacy/${page.file}`))
  for (const page of policyPages) {
    const made = optsmPages.find((other) => `privacy/${other.file}` === page.file)?.html
    const mounted = made
      ?.replace(/<link rel="canonical" href="\/([^"]*)">/, (_link, address: string) => `<link rel="canonical" href="${root}${address}"><meta property="og:url" content="${root}${address}">`)
      .replaceAll('"@id":"/', `"@id":"${root}`)
      .replaceAll('href="/', 'href="/privacy/')
      .replace(/(printed from )\//, `$1${root}`)
    expect(page.html, page.file).toBe(mounted)
  }
  const files = compile(await readPolicy('policy', { cwd: repoRoot }), { root }).output?.files ?? new Map<string, string>()
  for (const file of ['policy.json', 'policy.jsonld', 'versions.json', 'changes.atom', 'versions/2019-01-25.json']) {
    expect(await readFile(path.join(host, 'dist', 'privacy', file), 'utf8'), file).toBe(files.get(file))
  }
}, 120_000)
