import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { siteFingerprint } from '../src/astro/page-cache.ts'
import { removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'

const temporary = removedAfterAll()

test('the fingerprint of the site changes with a template, a style, the compiler, the configuration or the locked dependencies', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'clausewright-fingerprint-'))
  temporary.push(root)
  for (const item of ['site', 'src', 'astro.config.mjs', 'package-lock.json']) await cp(path.join(repoRoot, item), path.join(root, item), { recursive: true })
  const base = await siteFingerprint(root)
  expect(await siteFingerprint(root)).toBe(base)
  const seen = new Set([base])
  let last = base
  for (const [file, text] of [
    ['site/components/Layout.astro', '<!-- changed -->'],
    ['site/styles/site.css', '/* changed */'],
    ['src/render/format-date.ts', '// changed'],
    ['astro.config.mjs', '// changed'],
    ['package-lock.json', ' '],
    ['site/routes/new-page.astro', 'new'],
  ] as const) {
    await writeFile(path.join(root, file), text, { flag: 'a' })
    const next = await siteFingerprint(root)
    expect(seen.has(next), file).toBe(false)
    seen.add(next)
    last = next
  }
  // The CLI bundle is built from src/: it is not a separate input.
  await cp(path.join(root, 'src', 'check.ts'), path.join(root, 'src', '.bundle', 'main.js'), { recursive: true })
  expect(await siteFingerprint(root)).toBe(last)
})
