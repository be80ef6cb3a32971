import { describe, expect, test } from 'vitest'
import { escapeXml, escapeXmlAttribute, renderFeed, xmlSafe } from '../../src/versions/feed.ts'
import type { PolicyDiff } from '../../src/model/diff.ts'
import type { Release } from '../../src/model/release.ts'

// The whole feed, line for line: which release is newest, whose name is the author, which date is
// the feed's, every link and every escape are part of what a feed reader shows.
function release(version: string, kind: Release['kind'], summary: string, legalName: string): Release {
  return { version, effective: version, kind, summary, document: { controller: { legalName } } } as unknown as Release
}

const first = release('2019-01-25', 'initial', 'First publication.', 'OPTSM Limited')
const second = release('2020-03-01', 'substantive', 'Cookies <now> listed\r\nand "kept" for 1 year & 1 day.', 'OPTSM Holdings & Co')

// The ids of optsm-privacy-policy and of its release 2019-01-25 are published (test/feed-ids.test.ts).
const feedId = 'urn:uuid:cb02c23b-c34d-5578-8f3c-32d636af246b'
const firstId = 'urn:uuid:b7735540-641a-5c2a-9e88-0f40baf85a82'

function entryIds(feed: string): string[] {
  return [...feed.matchAll(/<id>([^<]*)<\/id>/g)].map((match) => match[1] ?? '')
}

describe('renderFeed', () => {
  test('two releases under a base URL: newest first, the newest one dates the feed and names its author', () => {
    const feed = renderFeed([first, second], { policyId: 'optsm-privacy-policy', title: "OPTSM's policy", baseUrl: 'https://example.com/privacy/' })
    const [, secondId] = entryIds(feed)
    expect(feed).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        `  <id>${feedId}</id>`,
        '  <title>OPTSM&apos;s policy: changes</title>',
        '  <updated>2020-03-01T00:00:00Z</updated>',
        '  <link rel="self" type="application/atom+xml" href="https://example.com/privacy/changes.atom"/>',
        '  <link rel="alternate" type="text/html" href="https://example.com/privacy/changes/"/>',
        '  <author><name>OPTSM Holdings &amp; Co</name></author>',
        '  <entry>',
        `    <id>${secondId}</id>`,
        '    <title>Version 2020-03-01 (substantive)</title>',
        '    <updated>2020-03-01T00:00:00Z</updated>',
        '    <link rel="alternate" type="text/html" href="https://example.com/privacy/changes/2020-03-01/"/>',
        '    <link rel="related" type="application/json" href="https://example.com/privacy/changes/2020-03-01.json"/>',
        '    <category term="substantive"/>',
        '    <summary>Cookies &lt;now&gt; listed&#13;\nand &quot;kept&quot; for 1 year &amp; 1 day.</summary>',
        '  </entry>',
        '  <entry>',
        `    <id>${firstId}</id>`,
        '    <title>Version 2019-01-25 (initial)</title>',
        '    <updated>2019-01-25T00:00:00Z</updated>',
        '    <link rel="alternate" type="text/html" href="https://example.com/privacy/changes/2019-01-25/"/>',
        '    <link rel="related" type="application/json" href="https://example.com/privacy/changes/2019-01-25.json"/>',
        '    <category term="initial"/>',
        '    <summary>First publication.</summary>',
        '  </entry>',
        '</feed>',
        '',
      ].join('\n'),
    )
    expect(secondId).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(entryIds(feed)).size).toBe(3)
  })

  test('without a base URL the links are relative to the page that links the feed', () => {
    const feed = renderFeed([first], { policyId: 'optsm-privacy-policy', title: 'OPTSM' })
    expect(feed.split('\n').filter((line) => line.includes('<link'))).toEqual([
      '  <link rel="self" type="application/atom+xml" href="changes.atom"/>',
      '  <link rel="alternate" type="text/html" href="changes/"/>',
      '    <link rel="alternate" type="text/html" href="changes/2019-01-25/"/>',
      '    <link rel="related" type="application/json" href="changes/2019-01-25.json"/>',
    ])
  })

  test('an entry’s content: its summary and each reason in a reader’s words, as HTML made as a tree and escaped; none for a release without reasons', () => {
    const reader = (parts: PolicyDiff['reasons'][number]['reader']['parts']) => ({ text: parts.map((part) => part.text).join(''), parts })
    const diff = {
      reasons: [
        { reader: reader([{ type: 'words', text: 'We now use your <script>alert(1)</script> “x & y”, on the lawful basis of consent (' }, { type: 'law', text: 'GDPR Art. 6(1)(a)', href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6' }, { type: 'words', text: ').' }]) },
        { reader: reader([{ type: 'words', text: 'The link “a” now leads to ' }, { type: 'target', text: 'javascript:alert("1")' }, { type: 'words', text: '.' }]) },
      ],
    } as unknown as PolicyDiff
    const cookies = release('2020-03-01', 'substantive', 'Cookies & "more".', 'OPTSM Limited')
    const feed = renderFeed([first, cookies], { policyId: 'optsm-privacy-policy', title: 'OPTSM', changes: [{ reasons: [] } as unknown as PolicyDiff, diff] })
    // Read by XML, then as HTML: the policy's `<` is text twice escaped, its target is code, never a link.
    const contents = feed.split('\n').filter((line) => line.includes('<content'))
    expect(contents).toEqual([
      '    <content type="html">&lt;p&gt;Cookies &amp;amp; &quot;more&quot;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;We now use your &amp;lt;script&gt;alert(1)&amp;lt;/script&gt; “x &amp;amp; y”, on the lawful basis of consent (&lt;a href=&quot;https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6&quot;&gt;GDPR Art. 6(1)(a)&lt;/a&gt;).&lt;/li&gt;&lt;li&gt;The link “a” now leads to &lt;code&gt;javascript:alert(&quot;1&quot;)&lt;/code&gt;.&lt;/li&gt;&lt;/ul&gt;</content>',
    ])
    // A reader's words the feed cannot carry stop it, as a summary does.
    const unsafe = { reasons: [{ reader: reader([{ type: 'words', text: 'a\u0001b' }]) }] } as unknown as PolicyDiff
    expect(() => renderFeed([first, second], { policyId: 'p', title: 'T', changes: [{ reasons: [] } as unknown as PolicyDiff, unsafe] })).toThrow(/unexpected character U\+0001 at character 2 of the changes of release 2020-03-01/)
  })

  test('a base URL with characters an attribute must escape is written escaped', () => {
    const feed = renderFeed([], { policyId: 'p', title: 'T', baseUrl: "https://example.com/a'b&c/" })
    expect(feed).toContain('  <link rel="self" type="application/atom+xml" href="https://example.com/a&apos;b&amp;c/changes.atom"/>')
  })

  test('with no release yet the feed is dated at the epoch and its author is the title', () => {
    expect(renderFeed([], { policyId: 'optsm-privacy-policy', title: 'A & B' })).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        `  <id>${feedId}</id>`,
        '  <title>A &amp; B: changes</title>',
        '  <updated>1970-01-01T00:00:00Z</updated>',
        '  <link rel="self" type="application/atom+xml" href="changes.atom"/>',
        '  <link rel="alternate" type="text/html" href="changes/"/>',
        '  <author><name>A &amp; B</name></author>',
        '</feed>',
        '',
      ].join('\n'),
    )
  })

  test('the ids depend on the policy id and the version only, each with the shape of a version 5 UUID', () => {
    const ids = (policyId: string, version: string, title: string) => entryIds(renderFeed([release(version, 'initial', 'S.', 'N')], { policyId, title }))
    expect(ids('optsm-privacy-policy', '2019-01-25', 'Other')).toEqual([feedId, firstId])
    const others = [...ids('a', '2019-01-25', 'T'), ...ids('b', '2019-01-25', 'T'), ...ids('a', '2019-01-26', 'T')]
    for (const id of others) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(others).size).toBe(5)
  })
})

describe('escaping', () => {
  test('text escapes markup, quotes and a carriage return, and keeps tab and line feed', () => {
    expect(escapeXml(`a&b<c>d"e'f\rg\th\ni`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;g\th\ni')
  })

  test('an attribute escapes tab and line feed as well', () => {
    expect(escapeXmlAttribute(`a&b<c>d"e'f\rg\th\ni`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;g&#9;h&#10;i')
  })

  test('text with nothing to escape is returned as it is', () => {
    expect(escapeXml('Plain text, 100 % kept: é 😀')).toBe('Plain text, 100 % kept: é 😀')
    expect(escapeXmlAttribute('https://example.com/a-b_c?d=e#f')).toBe('https://example.com/a-b_c?d=e#f')
  })
})

describe('xmlSafe', () => {
  test('text XML can carry is returned unchanged, at the edges of each allowed range', () => {
    const edges = '\t\n\r\u0020\u007e\u00a0\ud7ff\ue000\ufdcf\ufdf0\ufffd\u{10000}\u{10ffff}'
    expect(xmlSafe(edges, 'somewhere')).toBe(edges)
    expect(xmlSafe('', 'somewhere')).toBe('')
  })

  test('the position of the character is counted in characters, an astral one counting once', () => {
    expect(() => xmlSafe('😀𝔘\u0008', 'the summary')).toThrow('unexpected character U+0008 at character 3 of the summary, which an Atom feed (XML 1.0) cannot carry; nothing was written')
  })

  test('the error carries the rule id feed-unsafe-text', () => {
    expect(() => xmlSafe('\u0001', 'x')).toThrow(expect.objectContaining({ name: 'ClausewrightError', code: 'feed-unsafe-text' }))
  })

  test('the effective date of a release is checked before anything is written, naming the release', () => {
    const forged = { ...first, effective: '2019-01-25\u0000' } as Release
    expect(() => renderFeed([forged], { policyId: 'p', title: 'T' })).toThrow('unexpected character U+0000 at character 11 of the effective date of release 2019-01-25,')
  })

  test('the day a release was recorded is checked too, where the release has one', () => {
    const forged = { ...first, released: '2019-01-25\u0000' } as Release
    expect(() => renderFeed([forged], { policyId: 'p', title: 'T' })).toThrow('unexpected character U+0000 at character 11 of the release date of release 2019-01-25,')
    const { released: _released, ...unrecorded } = { ...first, released: '' }
    void _released
    expect(() => renderFeed([unrecorded as Release], { policyId: 'p', title: 'T' })).not.toThrow()
  })

  test('the first forbidden character is the one named', () => {
    expect(() => xmlSafe('ab\u007f\u0001', 'a title')).toThrow('unexpected character U+007F at character 3 of a title,')
  })
})
