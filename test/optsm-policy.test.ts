import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { formatDiagnostics } from '../src/diagnostics/format.ts'
import { missingEmailText } from '../src/render/expand-directives.ts'
import { renderPolicy } from '../src/render/render-policy.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// The OPTSM policy is the embedded default: it must check clean of errors, and it must publish
// every sentence of the text OPTSM published, in order, with its headings and list nesting.
const seedPath = process.env['CLAUSEWRIGHT_SEED'] ?? path.join(repoRoot, '..', 'shared', 'seed', 'optsm-privacy-policy.txt')
const today = '2026-11-25'

async function loadOptsm() {
  const checked = checkPolicy(await readPolicy('policy', { cwd: repoRoot }), { today })
  const { policy, data, clauses } = checked.context
  if (!policy || !data) throw new Error('The OPTSM policy did not load')
  return { checked, rendered: renderPolicy(policy, data, clauses) }
}

/** Whitespace (including no-break spaces) collapsed; the obfuscation artefact stands for an unknown address. */
function normalise(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').replaceAll('[email protected]', missingEmailText).trim()
}

interface SeedLine {
  readonly text: string
  readonly kind: 'heading' | 'paragraph' | 'item' | 'continuation'
  readonly depth: number
}

function readSeed(text: string): SeedLine[] {
  const lines: SeedLine[] = []
  for (const raw of text.split('\n')) {
    const content = normalise(raw)
    if (content === '') continue
    const indent = /^ */.exec(raw)?.[0].length ?? 0
    const bullet = /^•\s*/.exec(content)
    if (bullet) lines.push({ text: content.slice(bullet[0].length), kind: 'item', depth: indent / 2 })
    else if (indent > 0) lines.push({ text: content, kind: 'continuation', depth: indent / 2 })
    else if (content === content.toUpperCase() && /[A-Z]{3}/.test(content)) lines.push({ text: content, kind: 'heading', depth: 0 })
    else lines.push({ text: content, kind: 'paragraph', depth: 0 })
  }
  return lines
}

/** The list items of rendered HTML, in document order, with their nesting depth and leading text. */
function listItems(html: string): Array<{ depth: number; text: string }> {
  const items: Array<{ depth: number; text: string }> = []
  let depth = 0
  for (const match of html.matchAll(/<(\/?)(ul|ol|li)\b[^>]*>([^<]*)/g)) {
    const [, closing, tag, following] = match
    if (tag === 'ul' || tag === 'ol') depth += closing ? -1 : 1
    else if (!closing) items.push({ depth, text: normalise(following ?? '') })
  }
  return items
}

/** The published text; CI lays ../shared beside the clone, and a clone without it fails here, saying so. */
function readSeedText(): string {
  if (!existsSync(seedPath)) throw new Error(`The OPTSM seed text is missing: ${seedPath} (put the shared directory beside the clone, or set CLAUSEWRIGHT_SEED)`)
  return readFileSync(seedPath, 'utf8')
}

test('every line of the published text appears in the compiled policy, in order', async () => {
  const { rendered } = await loadOptsm()
  const compiled = normalise([rendered.title, ...rendered.clauses.map((clause) => clause.text)].join('\n'))
  let cursor = 0
  for (const line of readSeed(readSeedText())) {
    const index = compiled.indexOf(line.text, cursor)
    expect(index, `not found after offset ${cursor}: ${line.text}`).toBeGreaterThanOrEqual(0)
    cursor = index + line.text.length
  }
})

test('headings and list nesting follow the published text', async () => {
  const { rendered } = await loadOptsm()
  const html = rendered.clauses.map((clause) => clause.html).join('\n')
  const seed = readSeed(readSeedText())
  const headings = [...html.matchAll(/<h[2-6][^>]*>([^<]*)<\/h[2-6]>/g)].map((match) => normalise(match[1] ?? ''))
  expect(headings).toEqual(seed.filter((line) => line.kind === 'heading').map((line) => line.text))
  const items = listItems(html)
  const seedItems = seed.filter((line) => line.kind === 'item')
  expect(items.map((item) => item.depth)).toEqual(seedItems.map((line) => line.depth))
  items.forEach((item, index) => expect(seedItems[index]?.text.startsWith(item.text.slice(0, 40))).toBe(true))
})

test('the OPTSM policy checks clean of errors, and reports what the published text lacks', async () => {
  const { checked } = await loadOptsm()
  const actual = formatDiagnostics(checked.diagnostics, 'json')
  await expect(actual).toMatchFileSnapshot('golden/optsm-diagnostics.json')
  expect(checked.diagnostics.filter((item) => item.severity === 'error')).toEqual([])
  expect(checked.diagnostics.filter((item) => item.ruleId === 'contact-email-missing').map((item) => item.file)).toEqual(['policy/clauses/children.md', 'policy/clauses/contact-information.md'])
})

test('the rendered OPTSM clauses match their golden HTML', async () => {
  const { rendered } = await loadOptsm()
  await expect(`<h1>${rendered.title}</h1>\n${rendered.clauses.map((clause) => clause.html).join('\n')}\n`).toMatchFileSnapshot('golden/optsm-policy.html')
})

test('rendering changes neither the parsed clauses nor the parsed texts of data.yaml, and gives the same HTML again', async () => {
  const checked = checkPolicy(await readPolicy('policy', { cwd: repoRoot }), { today })
  const { policy, data, clauses } = checked.context
  if (!policy || !data) throw new Error('The OPTSM policy did not load')
  const before = structuredClone({ trees: clauses.map((clause) => clause.tree), texts: [...checked.texts] })
  expect(before.texts.length).toBeGreaterThan(10)
  const first = renderPolicy(policy, data, clauses, checked.texts)
  expect(structuredClone({ trees: clauses.map((clause) => clause.tree), texts: [...checked.texts] })).toEqual(before)
  const again = renderPolicy(policy, data, clauses, checked.texts)
  const fresh = renderPolicy(policy, data, clauses)
  expect(again.clauses.map((clause) => clause.html)).toEqual(first.clauses.map((clause) => clause.html))
  expect(fresh.clauses.map((clause) => [clause.html, clause.text])).toEqual(first.clauses.map((clause) => [clause.html, clause.text]))
})
