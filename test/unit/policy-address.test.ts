import { describe, expect, test } from 'vitest'
import { isAbsoluteRoot, nodeIri, parseSiteUrl, policyIri, policyRoot, versionIri } from '../../src/model/policy-address.ts'

describe('parseSiteUrl', () => {
  test.each([
    ['https://policy.example', 'https://policy.example/'],
    ['https://policy.example/', 'https://policy.example/'],
    ['http://localhost:4321', 'http://localhost:4321/'],
    ['HTTPS://Policy.Example/Privacy', 'https://policy.example/Privacy/'],
    ['https://policy.example/privacy/', 'https://policy.example/privacy/'],
    // What a link cannot carry is percent-encoded by the URL parser: it can close no attribute.
    ['https://policy.example/a"b<c>', 'https://policy.example/a%22b%3Cc%3E/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('takes %j as %j', (text, url) => {
    expect(parseSiteUrl(text)).toEqual({ ok: true, url })
  })

  test.each([
    ['mailto:privacy@policy.example', 'its scheme is `mailto:`, not https: or http:'],
    ['file:///srv/site/', 'its scheme is `file:`, not https: or http:'],
    ['https://:secret@policy.example/', 'it carries a user name or password'],
    ['/privacy/', 'it is not an absolute URL'],
    ['', 'it is not an absolute URL'],
    ['https://policy.example/\tx', 'it contains a space or a control character'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseSiteUrl(text)).toEqual({ ok: false, reason })
  })

  test('takes 2,000 characters, not one more', () => {
    const at = (length: number) => `https://policy.example/${'a'.repeat(length - 'https://policy.example/'.length)}`
    expect(parseSiteUrl(at(2000)).ok).toBe(true)
    expect(parseSiteUrl(at(2001)).ok).toBe(false)
  })
})

describe('the policy’s addresses', () => {
  test('the root: the site URL with the path the pages are under, which replaces any path of the site URL (as Astro’s canonical links do)', () => {
    expect(policyRoot({ site: 'https://policy.example/', path: '/' })).toBe('https://policy.example/')
    expect(policyRoot({ site: 'https://policy.example/', path: '/privacy/' })).toBe('https://policy.example/privacy/')
    expect(policyRoot({ site: 'https://policy.example/docs/', path: 'privacy' })).toBe('https://policy.example/privacy/')
    expect(policyRoot({ path: '/' })).toBe('/')
    expect(policyRoot({ path: '' })).toBe('/')
    expect(policyRoot({ path: '//docs//privacy//' })).toBe('/docs//privacy/')
    expect(policyRoot({ path: '/a b/' })).toBe('/a%20b/')
  })

  test('absolute only with a site URL', () => {
    expect(isAbsoluteRoot('https://policy.example/')).toBe(true)
    expect(isAbsoluteRoot('http://localhost:4321/privacy/')).toBe(true)
    expect(isAbsoluteRoot('/privacy/')).toBe(false)
    expect(isAbsoluteRoot('/https://policy.example/')).toBe(false)
  })

  test('the policy, its versions and what a version says: fragments of the version’s IRI, apart from the page’s anchors', () => {
    const root = 'https://policy.example/privacy/'
    expect(policyIri(root)).toBe(root)
    const version = versionIri(root, '2020-06-01.2')
    expect(version).toBe('https://policy.example/privacy/versions/2020-06-01.2/')
    expect(nodeIri(version, 'controller')).toBe(`${version}#controller`)
    expect(nodeIri(version, 'purpose', 'marketing')).toBe(`${version}#purpose/marketing`)
    expect(nodeIri(version, 'process', 'marketing', 'legitimate-interest')).toBe(`${version}#process/marketing/legitimate-interest`)
    // An id the schemas refuse still makes one fragment, never two parts or a query.
    expect(nodeIri(version, 'data', 'a/b?c#d')).toBe(`${version}#data/a%2Fb%3Fc%23d`)
    expect(versionIri('/', '2019-01-25')).toBe('/versions/2019-01-25/')
  })
})
