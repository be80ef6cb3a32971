import { fromXml } from 'xast-util-from-xml'
import { expect, test } from 'vitest'
import { ClausewrightError } from '../../src/diagnostics/diagnostic.ts'
import { renderFeed } from '../../src/versions/feed.ts'
import type { Release } from '../../src/model/release.ts'

// The feed writer is the second line of defence behind `check` and `release`: whatever text a
// release carries (a forged release file reaches it before its loader is fixed, say), the feed it
// writes parses as XML and says what the release says, or the build stops.
function release(fields: Partial<Pick<Release, 'version' | 'kind' | 'summary'>> & { legalName?: string } = {}): Release {
  return {
    version: fields.version ?? '2020-02-29',
    effective: '2020-02-29',
    kind: fields.kind ?? 'initial',
    summary: fields.summary ?? 'First publication.',
    document: { controller: { legalName: fields.legalName ?? 'Example Ltd' } },
  } as unknown as Release
}

const options = { policyId: 'example', title: 'Privacy policy', baseUrl: 'https://example.com/privacy/' }

/** Parses a feed (throwing when it is not well-formed XML) and returns the text of each element named `name`. */
type XmlParent = ReturnType<typeof fromXml> | Extract<ReturnType<typeof fromXml>['children'][number], { type: 'element' }>

function texts(feed: string, name: string): string[] {
  const found: string[] = []
  const walk = (node: XmlParent): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.name === name) found.push(child.children.map((item) => ('value' in item ? item.value : '')).join(''))
      walk(child)
    }
  }
  walk(fromXml(feed))
  return found
}

// Every character XML 1.0 allows and the writer keeps, one string per block of code points.
const allowed = /[\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd]/
const blocks: string[] = []
for (let start = 0; start < 0x10000; start += 0x1000) {
  let text = ''
  for (let code = start; code < start + 0x1000; code++) if (allowed.test(String.fromCharCode(code))) text += String.fromCharCode(code)
  blocks.push(text)
}

test.each([
  ['markup and entities', 'Fish & chips <b>bold</b> ]]> "quoted" \'single\' &amp; &#1; <![CDATA[x]]> <!-- c -->'],
  ['line ends, which XML would normalise', 'one\r\ntwo\rthree\nfour\tfive'],
  ['astral characters', 'emoji 😀, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 𠀋'],
  ...blocks.map((text, index): [string, string] => [`every allowed character from U+${(index * 0x1000).toString(16).toUpperCase().padStart(4, '0')}`, text]),
])('the feed parses and carries the summary unchanged: %s', (_, summary) => {
  const feed = renderFeed([release({ summary, legalName: summary })], { ...options, title: summary })
  expect(texts(feed, 'summary')).toEqual([summary])
  expect(texts(feed, 'name')).toEqual([summary])
  expect(texts(feed, 'title')).toEqual([`${summary}: changes`, 'Version 2020-02-29 (initial)'])
})

test('a kind that is not a plain word is escaped in its attribute', () => {
  const feed = renderFeed([release({ kind: 'x"/><script>alert(1)</script><x a="\t\n' as Release['kind'] })], options)
  expect(texts(feed, 'script')).toEqual([])
  expect(feed).toContain('<category term="x&quot;/&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&quot;&#9;&#10;"/>')
})

test.each([
  ['U+0000', '\u0000'],
  ['U+0001', '\u0001'],
  ['U+000B', '\u000b'],
  ['U+000C', '\u000c'],
  ['U+001B', '\u001b'],
  ['U+007F', '\u007f'],
  ['U+0085', '\u0085'],
  ['U+009B', '\u009b'],
  ['U+D800', '\ud800'],
  ['U+DFFF', '\udfff'],
  ['U+FDD0', '\ufdd0'],
  ['U+FFFE', '\ufffe'],
  ['U+FFFF', '\uffff'],
])('a character XML 1.0 forbids or discourages stops the feed, naming it: %s', (code, character) => {
  const cases: Array<[string, () => string]> = [
    ['the summary of release 2020-02-29', () => renderFeed([release({ summary: `ctl${character} end` })], options)],
    ["the controller's legal name in release 2020-02-29", () => renderFeed([release({ legalName: `ctl${character} end` })], options)],
    ['the kind of release 2020-02-29', () => renderFeed([release({ kind: `ctl${character} end` as Release['kind'] })], options)],
    ['the version id of a release', () => renderFeed([release({ version: `ctl${character} end` })], options)],
    ['the title of the policy', () => renderFeed([], { ...options, title: `ctl${character} end` })],
  ]
  for (const [where, render] of cases) {
    expect(render, where).toThrow(ClausewrightError)
    expect(render, where).toThrow(`unexpected character ${code} at character 4 of ${where}, which an Atom feed (XML 1.0) cannot carry; nothing was written`)
  }
})
