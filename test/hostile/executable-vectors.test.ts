import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { findExecutableVectors, vectorsInHtml } from '../helpers/executable-vectors.ts'
import { repoRoot } from '../helpers/fixture-policy.ts'

// The scanner every hostile test relies on: it must see each vector, and nothing in a clean page.
test.each([
  ['<script>alert(1)</script>', '<script>'],
  ['<img src=x onerror=alert(1)>', 'img[onError]'],
  ['<a href="javascript:alert(1)">x</a>', 'a[href]=javascript:alert(1)'],
  ['<a href=" java\tscript:alert(1)">x</a>', 'a[href]=javascript:alert(1)'],
  ['<iframe src="https://example.com"></iframe>', '<iframe>'],
  ['<svg><a href="#x">x</a></svg>', '<svg>'],
  ['<form action="https://example.com"></form>', '<form>'],
  ['<p style="background:url(https://t.example/p)">x</p>', 'p[style] background:url(https://t.example/p)'],
  ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', 'img[src]=data:image/svg+xml,<svgonload=alert(1)>'],
])('a fragment with %s is found', (html, what) => {
  expect(vectorsInHtml(html, 'x.html', { fragment: true })).toContainEqual({ file: 'x.html', what })
})

test('the OPTSM policy as rendered holds no vector', async () => {
  const html = await readFile(path.join(repoRoot, 'test/golden/optsm-policy.html'), 'utf8')
  expect(html.length).toBeGreaterThan(10_000)
  expect(vectorsInHtml(html, 'optsm.html', { fragment: true })).toEqual([])
})

test('a page may carry its JSON-LD and its stylesheet, a fragment may not', () => {
  const page = '<!doctype html><html><head><meta charset="utf-8"><style>p{}</style><script type="application/ld+json">{}</script></head><body><p>x</p></body></html>'
  expect(vectorsInHtml(page, 'p.html', { fragment: false })).toEqual([])
  expect(vectorsInHtml('<script type="application/ld+json">{}</script>', 'f.html', { fragment: true })).toEqual([{ file: 'f.html', what: '<script>' }])
})

test('a page may name an empty icon (`data:,`, which asks the site for no favicon.ico); an icon with content, or any other data: URL, is found', () => {
  const page = (head: string) => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><p>x</p></body></html>`
  expect(vectorsInHtml(page('<link rel="icon" href="data:,">'), 'p.html', { fragment: false })).toEqual([])
  expect(vectorsInHtml(page('<link rel="icon" href="data:image/svg+xml,<svg onload=alert(1)>">'), 'p.html', { fragment: false })).toEqual([{ file: 'p.html', what: 'link[href]=data:image/svg+xml,<svgonload=alert(1)>' }])
  expect(vectorsInHtml(page('<link rel="icon" href="data:,x">'), 'p.html', { fragment: false })).toEqual([{ file: 'p.html', what: 'link[href]=data:,x' }])
  expect(vectorsInHtml('<p><a href="data:,">x</a></p>', 'f.html', { fragment: true })).toEqual([{ file: 'f.html', what: 'a[href]=data:,' }])
  expect(vectorsInHtml('<link rel="icon" href="data:,">', 'f.html', { fragment: true })).toEqual([{ file: 'f.html', what: '<link>' }, { file: 'f.html', what: 'link[href]=data:,' }])
})

test('an output directory is scanned by kind of file', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-vectors-'))
  await mkdir(path.join(directory, 'versions'))
  await writeFile(path.join(directory, 'versions/a.json'), JSON.stringify({ clauses: [{ html: '<p onclick="x()">a</p>' }] }))
  await writeFile(path.join(directory, 'policy.jsonld'), JSON.stringify({ text: 'plain <b>bold</b>' }))
  await writeFile(path.join(directory, 'changes.atom'), '<?xml version="1.0"?><feed><summary>ctl\u0001</summary></feed>')
  await writeFile(path.join(directory, 'broken.atom'), '<feed><summary>open</feed>')
  const found = await findExecutableVectors(directory)
  expect(found.map((item) => `${item.file} ${item.what.split(':')[0]}`)).toEqual([
    'broken.atom XML that does not parse',
    'changes.atom a character XML forbids',
    'changes.atom XML that does not parse',
    'versions/a.json p[onClick]',
  ])
})
