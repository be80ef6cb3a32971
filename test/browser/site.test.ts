/// <reference lib="dom" />
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import axe from 'axe-core'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { editPolicy, makePolicy, personEnv, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'
import { serve } from './serve.ts'

// The site in a real browser: Debian's chromium (apt-get install chromium), driven by
// playwright-core, which never downloads a browser of its own. Scripts are off, as for a reader
// who disabled them; axe-core runs in a second context with scripts on.
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const screenshots = path.join(repoRoot, '.tmp', 'screenshots')
let browser: Browser
let site: Awaited<ReturnType<typeof serve>>
const temporary: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH`)
  // A policy with a history (three versions), so that every kind of page has content.
  const cwd = await makePolicy()
  temporary.push(cwd)
  const edit = (file: string, find: string, replacement: string) => editPolicy(cwd, file, find, replacement)
  await rm(path.join(cwd, 'policy'), { recursive: true })
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  await rm(path.join(cwd, 'policy', 'releases'), { recursive: true })
  const first = await runCli(['release', '--summary', 'The policy as published.', '--today', '2026-11-25'], cwd)
  expect(first.code, first.stderr).toBe(0)
  // A word deleted and words inserted: the print test reads both marks.
  await edit('clauses/sharing.md', 'We do not sell your Personal Information', 'We never sell or rent your Personal Information')
  await edit('clauses/legitimate-interests.md', '- We may process your information to protect you', '- We may measure how visitors use our website, to improve it.\n- We may process your information to protect you')
  // A new purpose: an item inserted in a long list of the clause, the list's far items folded.
  await edit('data.yaml', 'purposes:\n', 'purposes:\n  - id: site-analytics\n    group: website\n    text: to measure how visitors use our website, with your consent;\n    lawfulBasis: [consent]\n    dataCategories: [cookie-information, ip-address, pages-visited]\n')
  await edit('data.yaml', 'lawfulBasis: [legal-obligation]', 'lawfulBasis: [legal-obligation, legitimate-interests]\n    legitimateInterest: keeping accurate records')
  await edit('policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-03-01')
  expect((await runCli(['release', '--summary', 'A fictitious later version, for the tests.', '--today', '2026-11-25'], cwd)).code).toBe(0)
  const build = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd)
  expect(build.code, build.stderr).toBe(0)
  // A page of no site, whose icon is a file of its own: once the server has seen that icon
  // requested, each page opened before it has had its own chance to ask for an icon.
  await writeFile(path.join(cwd, 'dist', 'icon-probe.html'), '<!doctype html><html lang="en"><head><title>Probe</title><link rel="icon" href="/icon-probe.ico"></head><body><p>Probe</p></body></html>\n')
  site = await serve(path.join(cwd, 'dist'))
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  await mkdir(screenshots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await Promise.all(temporary.map((directory) => rm(directory, { recursive: true, force: true })))
})

const pages = ['/', '/versions/', '/versions/2019-01-25/', '/changes/', '/changes/2020-03-01/', '/changes/2019-01-25/', '/compliance/', '/404.html']

async function open(url: string, options: { javaScript?: boolean; width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? false, viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  const response = await page.goto(`${site.url}${url}`)
  expect(response?.status(), url).toBe(200)
  // Nothing is fetched from anywhere but the site itself.
  expect(requests.filter((request) => !request.startsWith(site.url)), url).toEqual([])
  return page
}

describe.each(pages)('%s', (url) => {
  test('loads without scripts, with a heading and no horizontal scroll at 320 px', async () => {
    const page = await open(url, { width: 320 })
    expect(await page.locator('h1').count()).toBe(1)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth).catch(() => undefined)
    // evaluate needs scripts; the width check runs in a context with them on.
    if (overflow === undefined) {
      const scripted = await open(url, { width: 320, javaScript: true })
      expect(await scripted.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
      await scripted.context().close()
    } else expect(overflow).toBeLessThanOrEqual(0)
    await page.context().close()
  })

  test.each(['light', 'dark'] as const)('has no WCAG 2.1 AA violations (axe-core, %s theme)', async (colorScheme) => {
    const page = await open(url, { javaScript: true, colorScheme })
    await page.addScriptTag({ content: axe.source })
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
    })
    expect(violations).toEqual([])
    await page.context().close()
  })
})

test('the table of contents leads to each clause', async () => {
  const page = await open('/')
  await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'LEGITIMATE INTERESTS' }).click()
  expect(new URL(page.url()).hash).toBe('#legitimate-interests')
  await expect.poll(() => page.locator('#legitimate-interests').isVisible()).toBe(true)
  const box = await page.locator('#legitimate-interests').boundingBox()
  expect(box?.y).toBeLessThan(200)
  await page.context().close()
})

test('from the policy to the latest change, and to that version in full, which says it is current', async () => {
  const page = await open('/')
  await page.getByRole('link', { name: 'substantive change', exact: true }).click()
  expect(new URL(page.url()).pathname).toBe('/changes/2020-03-01/')
  expect(await page.locator('ins').filter({ hasText: 'or rent' }).count()).toBe(1)
  await page.getByRole('link', { name: 'This version in full' }).click()
  expect(new URL(page.url()).pathname).toBe('/versions/2020-03-01/')
  expect(await page.getByRole('note').textContent()).toContain('Current version, in force since 1st March 2020.')
  await page.context().close()
})

test('prints without navigation', async () => {
  const page = await open('/')
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('header.site nav').isVisible()).toBe(false)
  expect(await page.locator('nav.toc').isVisible()).toBe(false)
  expect(await page.locator('h1').isVisible()).toBe(true)
  await page.context().close()
})

test('no request a page makes fails: no icon is asked for that the site has not (favicon.ico)', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  for (const url of pages) {
    const response = await (await context.newPage()).goto(`${site.url}${url}`)
    expect(response?.status(), url).toBe(200)
  }
  await (await context.newPage()).goto(`${site.url}/icon-probe.html`)
  await expect.poll(() => site.requests.some((request) => request.path === '/icon-probe.ico'), { timeout: 15_000 }).toBe(true)
  const failed = site.requests.filter((request) => request.status >= 400 && request.path !== '/icon-probe.ico')
  expect(failed).toEqual([])
  await context.close()
})

test('an address the site has not gets the 404 page, which leads to the policy in force', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const response = await page.goto(`${site.url}/versions/1999-01-01/`)
  expect(response?.status()).toBe(404)
  expect(await page.locator('h1').textContent()).toBe('Page not found')
  expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex')
  await page.getByRole('link', { name: 'the privacy policy of OPTSM Limited in force' }).click()
  expect(new URL(page.url()).pathname).toBe('/')
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('OPTSM respects your privacy and safeguards your data')
  await context.close()
})

test('a printout names the page’s address and the version it shows, and where each link to another site leads', async () => {
  for (const [url, version] of [['/', '2020-03-01'], ['/versions/2019-01-25/', '2019-01-25'], ['/changes/2019-01-25/', '2019-01-25'], ['/compliance/', '2020-03-01']] as const) {
    const page = await open(url, { javaScript: true })
    const printed = page.locator('header.site .printed')
    expect(await printed.isVisible(), `${url} on screen`).toBe(false)
    await page.emulateMedia({ media: 'print' })
    expect(await printed.isVisible(), url).toBe(true)
    expect(await printed.textContent(), url).toBe(`Version ${version} of this policy, printed from ${url}`)
    await page.context().close()
  }
  const page = await open('/', { javaScript: true })
  await page.emulateMedia({ media: 'print' })
  const after = (selector: string) => page.locator(selector).first().evaluate((element) => getComputedStyle(element, '::after').content)
  expect(await after('main a[href="https://www.ico.org.uk/concerns"]')).toBe('" (https://www.ico.org.uk/concerns)"')
  // An anchor in the page, a page of the site: nothing after them.
  expect(await after('main a[href^="#"]')).toBe('none')
  expect(await after('main a[href^="/"]')).toBe('none')
  await page.emulateMedia({ media: 'screen' })
  expect(await after('main a[href="https://www.ico.org.uk/concerns"]')).toBe('none')
  await page.context().close()
})

test('screenshots of the policy at 1280 px and 375 px (looked at by a person: .tmp/screenshots)', async () => {
  for (const [width, name] of [[1280, 'policy-1280.png'], [375, 'policy-375.png']] as const) {
    const page = await open('/', { width })
    const image = await page.screenshot({ path: path.join(screenshots, name), fullPage: false })
    expect(image.byteLength).toBeGreaterThan(10_000)
    await page.context().close()
  }
})

test('the change page of an inserted list item at 375 px and 1280 px: no horizontal scroll, the marks visible, the rest folded (screenshots: .tmp/screenshots)', async () => {
  for (const width of [375, 1280]) {
    const page = await open('/changes/2020-03-01/', { width, javaScript: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${width} px`).toBeLessThanOrEqual(0)
    const inserted = page.locator('section[aria-labelledby="diff-legitimate-interests"] li.cw-inserted ins')
    await expect.poll(() => inserted.textContent()).toBe('We may measure how visitors use our website, to improve it.')
    expect(await inserted.isVisible()).toBe(true)
    // An item of the list it was inserted in, between the items around it.
    expect(await page.locator('section[aria-labelledby="diff-legitimate-interests"] ul > li.cw-inserted').count()).toBe(1)
    expect(await page.locator('section.clause-diff del').filter({ hasText: /^$/ }).count()).toBe(0)
    expect(await page.locator('section.clause-diff ins').filter({ hasText: 'or rent' }).isVisible()).toBe(true)
    // Inside the viewport's width: nothing cut off at the right.
    const box = await inserted.boundingBox()
    expect((box?.x ?? Infinity) + (box?.width ?? 0)).toBeLessThanOrEqual(width)
    // The unchanged paragraphs are folded, and open without scripts' help (a <details>).
    const folded = page.locator('section.clause-diff details').first()
    expect(await folded.locator('summary').textContent()).toMatch(/^\d+ unchanged (paragraph|paragraphs)\b/)
    expect(await folded.locator('p').first().isVisible()).toBe(false)
    expect(await page.locator('section.clause-diff li.cw-folded summary').first().textContent()).toBe('3 unchanged list items')
    expect(await page.locator('.legend').count()).toBe(1)
    await page.screenshot({ path: path.join(screenshots, `changes-${width}.png`), fullPage: true })
    await folded.locator('summary').click()
    expect(await folded.locator('p').first().isVisible()).toBe(true)
    await page.context().close()
  }
})

test('a change page prints its deletions and insertions without colour, in words, its folded paragraphs open', async () => {
  const page = await open('/changes/2020-03-01/', { javaScript: true })
  await page.emulateMedia({ media: 'print' })
  const looks = await page.evaluate(() =>
    (['ins', 'del'] as const).map((name) => {
      const element = document.querySelector(`main ${name}`) as HTMLElement
      const style = getComputedStyle(element)
      const before = getComputedStyle(element, '::before')
      return { name, line: style.textDecorationLine, colour: style.color, background: style.backgroundColor, label: before.content, labelWidth: before.width }
    }),
  )
  expect(looks).toEqual([
    { name: 'ins', line: 'underline', colour: 'rgb(0, 0, 0)', background: 'rgba(0, 0, 0, 0)', label: '" [inserted: "', labelWidth: 'auto' },
    { name: 'del', line: 'line-through', colour: 'rgb(0, 0, 0)', background: 'rgba(0, 0, 0, 0)', label: '" [deleted: "', labelWidth: 'auto' },
  ])
  const folded = page.locator('section.clause-diff details').first()
  expect(await folded.getAttribute('open')).toBeNull()
  expect(await folded.locator('p').first().isVisible()).toBe(true)
  expect(await folded.locator('summary').isVisible()).toBe(false)
  await page.context().close()
})

/** `astro dev` on the project, for a policy directory, as an editor starts it (`npm run dev`). */
function startDev(policyDirectory: string): { url: string; stop: () => void } {
  const port = 4400 + Math.floor(Math.random() * 500)
  const server = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: personEnv({ CLAUSEWRIGHT_POLICY_DIR: policyDirectory, ASTRO_TELEMETRY_DISABLED: '1' }),
    stdio: 'ignore',
  })
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill() }
}

test('in dev, a policy error shows in Astro’s error overlay, with its position and rule', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await editPolicy(cwd, 'data.yaml', 'lawfulBasis: [consent]', 'lawfulBasis: [consnt]')
  const dev = startDev(path.join(cwd, 'policy'))
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    await expect.poll(async () => (await page.goto(dev.url).catch(() => undefined))?.status(), { timeout: 30_000, interval: 500 }).toBe(500)
    const overlay = page.locator('vite-error-overlay')
    await overlay.waitFor({ state: 'attached', timeout: 15_000 })
    const text = await overlay.evaluate((element) => element.shadowRoot?.textContent ?? '')
    expect(text).toContain('The policy has errors')
    expect(text).toContain('policy/data.yaml:15:19 error Unexpected `consnt`')
    expect(text).toContain('[schema-enum]')
    await context.close()
  } finally {
    dev.stop()
  }
})

test('in dev, the page reloads with the new text when an editor saves a clause', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  const dev = startDev(path.join(cwd, 'policy'))
  try {
    const context = await browser.newContext()
    const page = await context.newPage()
    await expect.poll(async () => (await page.goto(dev.url).catch(() => undefined))?.status(), { timeout: 30_000, interval: 500 }).toBe(200)
    await expect.poll(() => page.locator('main').textContent()).toContain('Write to privacy@example.com')
    await editPolicy(cwd, 'clauses/rights.md', 'Write to', 'Please write to')
    // No navigation by the test: the dev server pushes the change and the page reloads itself.
    await expect.poll(() => page.locator('main').textContent().catch(() => ''), { timeout: 20_000, interval: 250 }).toContain('Please write to privacy@example.com')
    await context.close()
  } finally {
    dev.stop()
  }
})
