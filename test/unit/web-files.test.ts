import { describe, expect, test } from 'vitest'
import { headersFile, robotsTxt, sitemapXml } from '../../src/emit/web-files.ts'

describe('robotsTxt', () => {
  test('allows every crawler everything, and names the sitemap where there is one', () => {
    expect(robotsTxt()).toBe('User-agent: *\nAllow: /\n')
    expect(robotsTxt('https://example.org/sitemap.xml')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n')
  })
})

describe('sitemapXml', () => {
  test('one <url> per address, in the order given, each character XML gives a meaning escaped', () => {
    expect(sitemapXml(['https://example.org/', 'https://example.org/a?b=1&c=<2>"\''])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url><loc>https://example.org/</loc></url>',
        '  <url><loc>https://example.org/a?b=1&amp;c=&lt;2&gt;&quot;&apos;</loc></url>',
        '</urlset>',
        '',
      ].join('\n'),
    )
  })
})

describe('headersFile', () => {
  test('a rule per JSON, JSON-LD and Atom file, sorted by path whatever the order given; pages and other files have none', () => {
    const files = ['versions/2020-01-01.json', 'index.html', 'changes.atom', 'policy.jsonld', 'robots.txt', 'versions/2020-01-01/index.html', '.clausewright-output', 'policy.json', 'a.json.html', 'json']
    const text = headersFile(files)
    expect(text?.split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      '/changes.atom',
      '  Content-Type: application/atom+xml',
      '  Access-Control-Allow-Origin: *',
      '/policy.json',
      '  Content-Type: application/json',
      '  Access-Control-Allow-Origin: *',
      '/policy.jsonld',
      '  Content-Type: application/ld+json',
      '  Access-Control-Allow-Origin: *',
      '/versions/2020-01-01.json',
      '  Content-Type: application/json',
      '  Access-Control-Allow-Origin: *',
      '',
    ])
    expect(headersFile([...files].reverse())).toBe(text)
  })

  test('a path is written as a URL path: a character a URL cannot hold is percent-encoded, the slashes kept', () => {
    expect(headersFile(['a b/ü#.json'])).toContain('\n/a%20b/%C3%BC%23.json\n  Content-Type: application/json\n')
  })

  test('no file of those types, no file of rules', () => {
    expect(headersFile(['index.html', '.json', 'versions/.atom'])).toBeUndefined()
  })
})
