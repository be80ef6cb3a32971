import { afterAll, describe, expect, test, vi } from 'vitest'
import clausewright from '../../src/astro/integration.ts'
import { announcedPolicyRoot, readPolicyRoot } from '../../src/astro/policy-root.ts'
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
    ['https://token@policy.example/', 'it carries a user name or password'],
    ['https://policy.example/?a=1', 'it has a query (`?…`)'],
    ['https://policy.example?', 'it has a query (`?…`)'],
    ['https://policy.example/#top', 'it has a fragment (`#…`)'],
    ['https://policy.example#', 'it has a fragment (`#…`)'],
    ['/privacy/', 'it is not an absolute URL'],
    ['', 'it is not an absolute URL'],
    ['https://policy.example/\tx', 'it contains a space or a control character'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseSiteUrl(text)).toEqual({ ok: false, reason })
  })

  test('takes 2,000 characters, not one more', () => {
    const at = (length: number) => `https://policy.example/${'a'.repeat(length - 'https://policy.example/'.length)}`
    expect(parseSiteUrl(at(2000))).toEqual({ ok: true, url: `${at(2000)}/` })
    expect(parseSiteUrl(at(2001))).toEqual({ ok: false, reason: 'it is longer than 2000 characters' })
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

describe('the integration reads the site URL from Astro’s configuration', () => {
  // What it announces is the process's (policy-root.ts): not left to another test file of this worker.
  afterAll(() => {
    Reflect.deleteProperty(globalThis, Symbol.for('clausewright.policy-root'))
  })
  const logger = () => ({ warn: vi.fn(), info: vi.fn(), error: vi.fn() })
  /** Runs the integration's configuration hooks as Astro would, for `command`. */
  function configure(config: { site?: string; base: string }, command: 'build' | 'dev', base = '/privacy/') {
    const integration = clausewright({ base })
    const setup = integration.hooks['astro:config:setup'] as unknown as (options: object) => void
    setup({ command, injectRoute: () => undefined, updateConfig: () => undefined })
    const log = logger()
    const done = integration.hooks['astro:config:done'] as unknown as (options: object) => void
    done({ config, logger: log })
    return log
  }

  test('under Astro’s base and the mount point, for the loader', () => {
    expect(readPolicyRoot({ site: 'https://policy.example', base: '/docs' }, '/privacy/')).toEqual({ root: 'https://policy.example/docs/privacy/' })
    expect(readPolicyRoot({ base: '/' }, '/')).toEqual({ root: '/' })
    const log = configure({ site: 'https://policy.example', base: '/' }, 'build')
    expect(announcedPolicyRoot()).toBe('https://policy.example/privacy/')
    expect(log.warn).not.toHaveBeenCalled()
  })

  test('a build without a site URL warns once; `astro dev` does not', () => {
    expect(configure({ base: '/' }, 'build').warn.mock.calls).toEqual([[expect.stringMatching(/^no site URL \(`site` in the Astro configuration\)/)]])
    expect(announcedPolicyRoot()).toBe('/privacy/')
    expect(configure({ base: '/' }, 'dev').warn).not.toHaveBeenCalled()
  })

  test('a site URL it refuses stops the build, saying why', () => {
    expect(() => configure({ site: 'javascript:alert(1)//', base: '/' }, 'build')).toThrow('unexpected site URL `javascript:alert(1)//` (`site` in the Astro configuration, or --site): its scheme is `javascript:`, not https: or http:; expected')
    expect(announcedPolicyRoot()).toBeUndefined()
  })
})
