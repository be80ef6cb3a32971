import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSiteBuild } from '../../src/astro/build-site.ts'
import { compile } from '../../src/compile/compile.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { forgedDocument, vectors } from '../helpers/forge-release.ts'
import { repoRoot } from '../helpers/fixture-policy.ts'
import { serve } from './serve.ts'

// The second line of defence against a forged release, in a real browser with scripts ON. `check`
// refuses a release whose HTML or URLs the renderer could not have written (test/hostile/
// releases.test.ts), so `clausewright build` never gets that far; this site is built from a
// forged release object handed straight to the site build, past check, as a caller of the library
// or a bug in check could. Its pages sanitise what they take from the release again: nothing runs.
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
let browser: Browser
let site: { url: string; close: () => Promise<void> }
let version: string
const temporary: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: install Debian's chromium (apt-get install chromium), or set CHROMIUM_PATH`)
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-forged-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  const result = compile(await readPolicy('policy', { cwd }), { today: '2026-11-25' })
  const release = result.output?.releases[0]
  if (!result.output || !release) throw new Error('the OPTSM policy did not compile with its release')
  version = release.version
  const out = path.join(cwd, 'site')
  await mkdir(out)
  const build = await startSiteBuild({ policyDirectory: path.join(cwd, 'policy'), quiet: true })
  await build.finish({ ...result.output, releases: [{ ...release, summary: `Forged summary ${vectors}`, document: forgedDocument(release.document) }] }, out)
  site = await serve(out)
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await Promise.all(temporary.map((directory) => rm(directory, { recursive: true, force: true })))
})

/** A page with scripts on, recording every dialog, console message and page error. */
async function watched(): Promise<{ page: Page; ran: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: true })
  const page = await context.newPage()
  const ran: string[] = []
  page.on('dialog', (dialog) => {
    ran.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    // Chromium asks every site for /favicon.ico, which this one does not have: not a script.
    if (!message.location().url.endsWith('/favicon.ico')) ran.push(`console ${message.type()}: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => ran.push(`page error: ${error.message}`))
  return { page, ran }
}

test('the listeners see the vectors run when they reach a page unsanitised (the control)', async () => {
  const { page, ran } = await watched()
  await page.setContent(`<p>Forged</p>${vectors}`, { waitUntil: 'load' })
  expect(ran.filter((item) => item.startsWith('dialog:')).length).toBeGreaterThan(0)
  await page.context().close()
})

test.each(['versions/{version}/', 'changes/{version}/', 'versions/'])('%s of a forged release runs nothing, with scripts on', async (route) => {
  const { page, ran } = await watched()
  const response = await page.goto(`${site.url}/${route.replace('{version}', version)}`, { waitUntil: 'load' })
  expect(response?.status()).toBe(200)
  // The forged text is on the page (so the page was made from the forged release), as text.
  if (route.startsWith('versions/{')) {
    await expect(page.getByText('Forged', { exact: true }).first().isVisible()).resolves.toBe(true)
    expect(await page.locator('a[href^="javascript:" i], a[href*="script:" i]').count()).toBe(0)
  }
  await expect(page.getByText('Forged summary').first().isVisible()).resolves.toBe(true)
  // Every link left leads to the web, a mailbox or an anchor (a refused URL leaves its text, no link).
  for (const link of await page.locator('a[href]').all()) expect(await link.getAttribute('href')).toMatch(/^(https?:|mailto:|#|\/)/)
  expect(await page.evaluate(() => document.querySelectorAll('script:not([type="application/ld+json"]), [onerror], img').length)).toBe(0)
  expect(ran).toEqual([])
  await page.context().close()
})
