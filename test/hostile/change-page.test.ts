import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { expect, test } from 'vitest'
import { buildSiteEntries } from '../../src/astro/site-data.ts'
import { compile } from '../../src/compile/compile.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { findExecutableVectors, vectorsInHtml } from '../helpers/executable-vectors.ts'
import { forgedDocument } from '../helpers/forge-release.ts'
import { editPolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { optsmHistorySite } from '../helpers/optsm-history-site.ts'
import { runCli } from '../helpers/run-cli.ts'

const temporary = removedAfterAll()

/** The OPTSM policy in a temporary directory. */
async function optsmCopy(): Promise<string> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-change-page-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  return cwd
}

// The site this file reads also holds the cases of the change page's structure (issue #13): an item
// inserted in a list, a word changed in a long clause. Their block diffs are in
// test/change-blocks.test.ts; this asserts the page around them. It is built once for the run, with
// release-judgement.test.ts's release after this one (test/helpers/optsm-history-site.ts).
test('an added clause whose text looks like an attribute runs nothing on its change page', async () => {
  const { cwd, releasedFirst, built } = await optsmHistorySite(temporary)
  expect(releasedFirst.code, releasedFirst.stderr).toBe(0)
  expect(built.code, built.stderr).toBe(0)
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])

  const page = await readFile(path.join(cwd, 'dist', 'changes', '2020-01-01', 'index.html'), 'utf8')
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(page)?.[1] ?? ''
  // The legend once, then each changed clause in the order of the policy, as blocks.
  expect(main.match(/class="legend"/g)).toHaveLength(1)
  expect([...main.matchAll(/<section class="clause-diff" aria-labelledby="diff-([\w-]+)"/g)].map((match) => match[1])).toEqual(['identity', 'information-collected', 'use-of-information', 'legitimate-interests', 'security'])
  // Moved and retitled: both titles, where it was and where it is, its unchanged text folded.
  expect(main).toContain('<h2 id="diff-security"><del>IS PERSONAL INFORMATION ABOUT ME SECURE?</del> <ins>HOW WE KEEP YOUR INFORMATION SAFE</ins></h2><p class="note">Moved from position 7 to position 8 in the policy. <a href="/versions/2020-01-01/#security">This clause in full</a></p><div class="blocks"><details><summary>2 unchanged paragraphs</summary>')
  expect(main).toContain('<li class="cw-inserted"><ins>We may measure how visitors use our website, to improve it.</ins></li>')
  expect(main).toContain('<p class="note"><a href="/versions/2020-01-01/#legitimate-interests">This clause in full</a></p>')
  expect(main).toContain('<details><summary>1 unchanged heading and 2 paragraphs</summary>')
  expect(main).toContain('<h2 id="added-extra">New clause: Extra</h2>')
  expect(main).toContain('<h2 id="diff-identity">Untitled section at position 1</h2>')
  // A new purpose: an item inserted in its list, and in the data that changed, with its basis.
  expect(main).toContain('<li class="cw-inserted"><ins>to measure how visitors use our website, with your consent;</ins></li>')
  // Told in words with its basis and data, never by its id: the ids are in the change's JSON, which the page names.
  expect(main).toContain('<li>We now use your Information collected via cookies and other similar technologies, Device IP address and Pages visited “to measure how visitors use our website, with your consent”, on the lawful basis of consent (<a href="https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6">GDPR Art. 6(1)(a)</a>).</li>')
  expect(main).not.toContain('site-analytics')
  expect(main).toContain('with the identifiers other systems use, it is in <a href="/changes/2020-01-01.json">this change as JSON</a>.</p>')
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'long-title': 'off', 'no-trailing-whitespace': 'off' } })
  const report = await validator.validateString(page, 'changes/2020-01-01/index.html')
  expect(report.results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`))).toEqual([])
}, 120_000)

test('a forged release’s clause reaches its change page without what runs', async () => {
  const cwd = await optsmCopy()
  await editPolicy(cwd, 'clauses/sharing.md', 'We do not sell your Personal Information', 'We do not sell or rent your Personal Information')
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-01-01')
  const released = await runCli(['release', '--summary', 'Reworded.', '--kind', 'editorial', '--today', '2026-11-29'], cwd)
  expect(released.code, released.stderr).toBe(0)
  const result = compile(await readPolicy('policy', { cwd }), { today: '2026-11-29' })
  const [first, second] = result.output?.releases ?? []
  if (!result.output || !first || !second) throw new Error('the policy did not compile with its two releases')
  // Past check, as a caller of the library or a bug in check could: only the pages' own sanitising stands.
  const forged = [first, { ...second, document: forgedDocument(second.document) }]
  const entry = buildSiteEntries({ ...result.output, releases: forged }).find((item) => item.id === 'change/2020-01-01')
  if (!entry || !('changed' in entry.data)) throw new Error('no change entry')
  const [sharing] = entry.data.changed
  expect(sharing?.html).toContain('<p class="cw-inserted"><ins>Forged</ins></p>')
  expect(sharing?.html).toContain('<ins>or rent </ins>')
  expect(vectorsInHtml(sharing?.html ?? '', 'sharing', { fragment: true })).toEqual([])
  expect(sharing?.html).not.toMatch(/script|onerror|javascript:/i)
})
