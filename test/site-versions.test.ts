import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { beforeAll, expect, test } from 'vitest'
import { findExecutableVectors } from './helpers/executable-vectors.ts'
import { editPolicy, makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'
import { fourReleases, fourReleasesToday } from './helpers/release-history.ts'
import { type CliResult, runCli } from './helpers/run-cli.ts'
import { readTree } from './helpers/site.ts'

// The site of a history of four releases (two on 2020-06-01, one announced for 2027-03-01) with an
// edit of the draft not released, built on 2027-02-01: once as published, once with --draft. Two
// site builds in all, each asserted on at length (a build costs seconds of CPU).
const temporary = removedAfterAll()
let released: { result: CliResult; files: Record<string, string> }
let preview: { result: CliResult; files: Record<string, string> }

async function built(cwd: string, out: string, ...args: string[]) {
  const result = await runCli(['build', '--quiet', '--today', fourReleasesToday, '--out', out, ...args], cwd)
  if (result.code !== 0) throw new Error(result.stderr)
  return { result, files: await readTree(path.join(cwd, out)) }
}

beforeAll(async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await fourReleases(cwd)
  await editPolicy(cwd, 'clauses/rights.md', 'Write to', 'Please write to')
  // And a lawful basis: the preview's change page links the law.
  await editPolicy(cwd, 'data.yaml', 'text: to improve the website;\n    lawfulBasis: [consent]', 'text: to improve the website;\n    lawfulBasis: [contract]')
  // One after the other, from one policy directory, so with one page cache: the preview must not
  // take the published site's pages of the releases from it (they are indexed, its pages are not).
  released = await built(cwd, 'dist')
  preview = await built(cwd, 'preview', '--draft')
}, 120_000)

const text = (html = '') => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

test('an unreleased draft is not published under a release’s id: the build says so even with --quiet', () => {
  expect(released.result.stderr).toBe('clausewright: warning: the draft has changes not released since 2027-03-01; the site publishes the released versions only (release the changes with `clausewright release`, or preview them with `clausewright build --draft`)\n')
  const { files } = released
  expect(files['policy.json']).toBe(files['versions/2020-06-01.2.json'])
  for (const name of ['index.html', 'policy.json', 'policy.jsonld']) expect(files[name], name).not.toContain('Please write to')
  expect(JSON.parse(files['policy.jsonld'] ?? '{}')['schema:version']).toBe('2020-06-01.2')
})

test('the current page is the release in force, announces the upcoming change, and is indexed', () => {
  const index = released.files['index.html'] ?? ''
  expect(text(index)).toContain('This policy changes on 1st March 2027 — what changes.')
  expect(index).toMatch(/This policy changes on <time datetime="2027-03-01">1st March 2027<\/time><\/strong> — <a href="\/changes\/2027-03-01\/">what changes<\/a>/)
  expect(text(index)).toContain('Current version, in force since 1st June 2020. Latest change, of 1st June 2020: substantive change. Every version.')
  expect(index).not.toContain('noindex')
  expect(index).not.toContain('Draft')
})

test('every version page says where it stands', () => {
  const page = (version: string) => text(released.files[`versions/${version}/index.html`])
  expect(page('2020-02-29')).toContain('In force from 29th February 2020 until 1st June 2020, replaced by version 2020-06-01.')
  expect(released.files['versions/2020-02-29/index.html']).toContain('<a href="/versions/2020-06-01/">version 2020-06-01</a>')
  // Replaced on its own date: never in force, as show --as-of 2020-06-01 says (it said "in force from 1st June 2020 until 1st June 2020").
  expect(page('2020-06-01')).toContain('Never in force: replaced on 1st June 2020, the day it was to take effect, by version 2020-06-01.2.')
  expect(page('2020-06-01')).not.toContain('In force from')
  expect(page('2020-06-01.2')).toContain('Current version, in force since 1st June 2020.')
  expect(page('2027-03-01')).toContain('Upcoming, takes effect on 1st March 2027.')
  for (const version of ['2020-02-29', '2020-06-01', '2020-06-01.2', '2027-03-01']) expect(page(version), version).not.toContain('It may not be the current version')
})

test('the lists of versions and of changes mark the current and the upcoming version', () => {
  for (const list of ['versions/index.html', 'changes/index.html']) {
    const html = released.files[list] ?? ''
    expect(html.match(/class="status status-current"/g), list).toHaveLength(1)
    expect(html.match(/class="status status-upcoming"/g), list).toHaveLength(1)
    expect(text(html), list).toContain('Upcoming, takes effect on 1st March 2027')
  }
  // Two releases of one date are told apart by the second's id.
  expect(released.files['versions/index.html']).toContain('<a href="/versions/2020-06-01.2/">Version of <time datetime="2020-06-01">1st June 2020</time> (2020-06-01.2)</a>')
  expect(released.files['versions/index.html']).toContain('<a href="/versions/2020-06-01/">Version of <time datetime="2020-06-01">1st June 2020</time></a>')
  expect(released.files['changes/index.html']).toContain('<a href="/changes/2020-06-01.2/"><time datetime="2020-06-01">1st June 2020</time> (2020-06-01.2): substantive change</a>')
  expect(released.files['changes/index.html']).toContain('<a href="/changes/2020-06-01/"><time datetime="2020-06-01">1st June 2020</time>: substantive change</a>')
  expect(text(released.files['changes/2020-06-01.2/index.html'])).toContain('Changes of 1st June 2020 (2020-06-01.2)')
})

test('build --draft publishes the draft as a preview: version draft, a banner, noindex, and nothing of it in versions.json or the feed', () => {
  expect(preview.result.stderr).toBe('')
  const { files } = preview
  const index = files['index.html'] ?? ''
  expect(index).toContain('<meta name="robots" content="noindex">')
  // None of the preview's pages is indexed; every page of the published site is.
  const pages = (site: typeof preview) => Object.keys(site.files).filter((name) => name.endsWith('.html'))
  expect(pages(preview).length).toBeGreaterThan(10)
  expect(pages(preview).filter((name) => !(files[name] ?? '').includes('<meta name="robots" content="noindex">'))).toEqual([])
  // The 404 page of either is never one to index: it is served at any address the site has not.
  expect(pages(released).filter((name) => (released.files[name] ?? '').includes('noindex'))).toEqual(['404.html'])
  expect(text(index)).toContain('Draft: a preview of changes that are not released. It is not the policy in force.')
  expect(text(index)).toContain('Please write to')
  expect(JSON.parse(files['policy.json'] ?? '{}')).toEqual(expect.objectContaining({ version: 'draft' }))
  expect(JSON.parse(files['policy.jsonld'] ?? '{}')['schema:version']).toBe('draft')
  for (const name of ['versions.json', 'changes.atom', 'versions/2027-03-01.json']) expect(files[name], name).toBe(released.files[name])
  // A version page of the preview is the published one, but for the request not to index it.
  expect(files['versions/2020-06-01.2/index.html']?.replace('<meta name="robots" content="noindex">', '')).toBe(released.files['versions/2020-06-01.2/index.html'])
  expect(files['versions.json']).not.toContain('draft')
})

test('build --draft has the draft’s change page (/changes/draft/): the draft against the newest release, in a reader’s words; the published site has none', () => {
  const page = preview.files['changes/draft/index.html'] ?? ''
  expect(text(page)).toContain('Changes of the draftSubstantive change A preview of changes that are not released: the draft against the newest release, 2027-03-01.')
  const law = (article: string, anchor: string) => `<a href="https://eur-lex.europa.eu/eli/reg/2016/679/oj#${anchor}">GDPR Art. ${article}</a>`
  expect(page).toContain(`<h2 id="substantive">What you should know</h2><ul><li>The lawful basis for using your information “to improve the website” changed from consent (${law('6(1)(a)', 'art_6')}) to contract (${law('6(1)(b)', 'art_6')}).</li></ul>`)
  expect(page).toContain('<li>The wording of the section “Your rights” changed.</li>')
  // Below the reasons, the clause's words as a release's change page shows them.
  expect(text(page)).toContain('Please write to privacy@example.com')
  expect(preview.files['index.html']).toContain('<a href="/changes/draft/">What the draft changes</a>')
  expect(Object.keys(released.files).filter((name) => name.includes('draft'))).toEqual([])
  expect(released.files['index.html']).not.toContain('changes/draft/')
})

test('the pages that say where a version stands, and the preview, are valid HTML (html-validate)', async () => {
  // As test/site.test.ts validates the OPTSM site, which has no upcoming release and no preview.
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off' } })
  const problems: string[] = []
  for (const [site, files] of [['dist', released.files], ['preview', preview.files]] as const) {
    for (const [file, html] of Object.entries(files).filter(([name]) => name.endsWith('.html'))) {
      const report = await validator.validateString(html, `${site}/${file}`)
      for (const result of report.results) for (const message of result.messages) problems.push(`${site}/${file}:${message.line}:${message.column} ${message.ruleId} ${message.message}`)
    }
  }
  expect(problems).toEqual([])
})

test('neither site holds an executable vector', async () => {
  for (const directory of [released, preview]) expect(Object.keys(directory.files).length).toBeGreaterThan(10)
  const [first, second] = await Promise.all(temporary.slice(0, 2).map((root, index) => findExecutableVectors(path.join(root, index === 0 ? 'dist' : 'preview'))))
  expect([...(first ?? []), ...(second ?? [])]).toEqual([])
})
