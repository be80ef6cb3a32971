import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, vi } from 'vitest'
import { compile } from '../../src/compile/compile.ts'
import { digestOf, digestOfFormat1 } from '../../src/compile/digest.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { budgets } from '../../src/source/budgets.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import type * as ReadableContentModule from '../../src/compile/readable-content.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { forgeRelease } from '../helpers/forge-release.ts'
import { runCli } from '../helpers/run-cli.ts'

// Content is everything a reader can follow: the digest of a release covers the words, the link
// targets, image sources, headings, lists and tables (issue #12). A link whose target changed was
// "technical, no change to the content", and a version whose only change was a link could not be
// released at all. The OPTSM release of format /1 stays valid under the rules of /1.
const temporary = removedAfterAll()

// How often the digest read HTML larger than any clause the renderer writes.
const readLarge = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src/compile/readable-content.ts', async (original) => {
  const actual = await original<typeof ReadableContentModule>()
  return {
    ...actual,
    readableContent: (html: string) => {
      if (html.length > 500_000) readLarge.count++
      return actual.readableContent(html)
    },
  }
})
const today = '2026-11-25'

async function draftOf(directory: string): Promise<PolicyDocument> {
  const output = compile(await readPolicy('policy', { cwd: directory }), { today }).output
  if (!output) throw new Error('the policy did not compile')
  return output.draft
}

async function project(): Promise<string> {
  const directory = await makePolicy()
  temporary.push(directory)
  return directory
}

/** The OPTSM policy (with its release of format /1) in a temporary directory. */
async function optsm(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-content-'))
  temporary.push(directory)
  await cp(path.join(repoRoot, 'policy'), path.join(directory, 'policy'), { recursive: true, filter: (source) => !path.basename(source).startsWith('pages-') })
  return directory
}

const linkRetargeted = (directory: string) => editPolicy(directory, 'clauses/intro.md', '[your rights](#rights)', '[your rights](#intro--what-we-use-it-for)')

test('a link whose target changed changes the digest, in a clause and in a purpose', async () => {
  const directory = await project()
  const before = await draftOf(directory)
  await linkRetargeted(directory)
  const clauseLink = await draftOf(directory)
  expect(clauseLink.clauses[0]?.text).toBe(before.clauses[0]?.text)
  expect(clauseLink.digest).not.toBe(before.digest)
  await editPolicy(directory, 'data.yaml', '[rights](#rights)', '[rights](#intro)')
  const purposeLink = await draftOf(directory)
  expect(purposeLink.purposes[1]?.text).toBe(clauseLink.purposes[1]?.text)
  expect(purposeLink.digest).not.toBe(clauseLink.digest)
})

test('headings, lists and tables are content; whitespace, wrappers, ids and classes of a template are not', () => {
  const document = (html: string) => ({ clauses: [{ id: 'a', title: 'A', html, text: 'Words here' }] })
  const base = '<section class="cw-clause" aria-labelledby="a"><h2 id="a">A</h2>\n<p>Words <a href="#b">here</a></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul></section>'
  const digest = digestOf(document(base))
  // What a template or renderer may change: whitespace between blocks and in lines, wrappers, ids, classes.
  expect(digestOf(document('<div><h2>A</h2><p>Words   <span><a href="#b" class="x">here</a></span></p><ul><li>one</li>  <li> two</li></ul></div>'))).toBe(digest)
  // What a reader sees or follows.
  for (const changed of [
    base.replace('#b', '#c'),
    base.replace('<h2 id="a">A</h2>', '<h3 id="a">A</h3>'),
    base.replace('<h2 id="a">A</h2>', '<p>A</p>'),
    base.replace('<ul>', '<ol>').replace('</ul>', '</ol>'),
    base.replace('<li>one</li>\n<li>two</li>', '<li>one two</li>'),
    base.replace('<p>Words <a href="#b">here</a></p>', '<table><tr><td>Words <a href="#b">here</a></td></tr></table>'),
    base.replace('</p>', '<img src="https://example.com/a.png" alt="a"></p>'),
    base.replace('Words', 'Other words'),
    // Emphasis, code, a line break and a list's numbering are seen too ("We do <strong>not</strong> sell"):
    // a change of them only was technical, and could not be released.
    base.replace('Words', '<strong>Words</strong>'),
    base.replace('Words', '<em>Words</em>'),
    base.replace('Words', '<code>Words</code>'),
    base.replace('Words <a', 'Words<br>\n<a'),
    base.replace('<ul>', '<ol start="3">').replace('</ul>', '</ol>'),
  ])
    expect(digestOf(document(changed)), changed).not.toBe(digest)
  expect(digestOf(document(base.replace('<ul>', '<ol start="3">').replace('</ul>', '</ol>')))).not.toBe(digestOf(document(base.replace('<ul>', '<ol>').replace('</ul>', '</ol>'))))
  // The rules of format /1 leave the HTML out: the link target is not part of their digest.
  expect(digestOfFormat1(document(base.replace('#b', '#c')))).toBe(digestOfFormat1(document(base)))
})

test('a version whose only change is a link target can be released, as format /2, and check passes', async () => {
  const directory = await project()
  expect((await runCli(['release', '--summary', 'First.', '--today', today], directory)).code).toBe(0)
  // Nothing else changes, not even the date: a second release on the same date.
  await linkRetargeted(directory)
  const result = await runCli(['release', '--summary', 'A link.', '--kind', 'editorial', '--today', today], directory)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const release = JSON.parse(await readFile(path.join(directory, 'policy', 'releases', '2020-02-29.2.json'), 'utf8')) as Record<string, unknown>
  expect(release).toMatchObject({ format: 'clausewright-release/2', kind: 'editorial', decidedBy: 'editor', previous: '2020-02-29' })
  expect((await runCli(['check', '--today', today], directory)).code).toBe(0)
})

test('a change of emphasis alone ("We do **not** sell") is reworded, never technical: it is released with the editor\'s judgement, and until then the draft is not published as the release', async () => {
  const directory = await project()
  expect((await runCli(['release', '--summary', 'First.', '--today', today], directory)).code).toBe(0)
  await editPolicy(directory, 'clauses/rights.md', 'Write to', 'Write only to')
  expect((await runCli(['release', '--summary', 'Only.', '--kind', 'editorial', '--today', today], directory)).code).toBe(0)
  await editPolicy(directory, 'clauses/rights.md', 'Write only to', 'Write **only** to')
  const diff = await runCli(['diff', '--format', 'json'], directory)
  expect(JSON.parse(diff.stdout)).toMatchObject({ kind: 'reworded', reasons: [expect.objectContaining({ code: 'clause-restructured', id: 'rights' })] })
  // The draft is not the release: the site does not publish it under the release's id.
  const output = compile(await readPolicy('policy', { cwd: directory }), { today }).output
  expect(output?.unreleasedSince?.version).toBe('2020-02-29.2')
  const result = await runCli(['release', '--summary', 'Emphasis.', '--kind', 'substantive', '--today', today], directory)
  expect(result.stderr).toBe('')
  expect(result.stdout).toBe('Released 2020-02-29.3 (substantive, as judged by the editor): policy/releases/2020-02-29.3.json\n')
  expect((await runCli(['check', '--today', today], directory)).code).toBe(0)
})

test('the OPTSM release of format /1 is verified by the rules of /1, and a release after it is of format /2 and chained to it', async () => {
  const directory = await optsm()
  const first = JSON.parse(await readFile(path.join(directory, 'policy', 'releases', '2019-01-25.json'), 'utf8')) as { format: string; digest: string; document: PolicyDocument }
  expect(first.format).toBe('clausewright-release/1')
  expect(digestOfFormat1(first.document)).toBe(first.digest)
  expect(digestOf(first.document)).not.toBe(first.digest)
  const unchanged = await runCli(['check', '--today', today], directory)
  expect(unchanged.stderr).not.toContain('release-')
  expect(unchanged.stderr).not.toContain('last-updated-changed')
  // The draft equals the release: the current policy carries its version id.
  const output = compile(await readPolicy('policy', { cwd: directory }), { today }).output
  expect(output?.document.version).toBe('2019-01-25')
  expect((await runCli(['release', '--summary', 'Again.', '--today', today], directory)).stderr).toContain('nothing changed since the last release, 2019-01-25')

  await editPolicy(directory, 'clauses/duty-to-inform.md', '(#contact-information)', '(#your-rights)')
  await editPolicy(directory, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-03-01')
  expect((await runCli(['release', '--summary', 'A link.', '--kind', 'editorial', '--today', today], directory)).code).toBe(0)
  const second = JSON.parse(await readFile(path.join(directory, 'policy', 'releases', '2020-03-01.json'), 'utf8')) as Record<string, unknown>
  expect(second).toMatchObject({ format: 'clausewright-release/2', previous: '2019-01-25', previousIntegrity: (first as unknown as Record<string, unknown>)['integrity'] })
  const checked = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect((JSON.parse(checked.stdout) as Array<{ severity: string }>).filter((item) => item.severity === 'error')).toEqual([])
})

test('a release is verified by the digest of its own format: a /1 release with a /2 digest, or the reverse, is modified', async () => {
  const directory = await optsm()
  const original = await readFile(path.join(directory, 'policy', 'releases', '2019-01-25.json'), 'utf8')
  // forgeRelease recomputes the digest of the release's format; a release relabelled to the other format keeps the wrong one.
  await forgeRelease(directory, '2019-01-25', (release) => {
    release['format'] = 'clausewright-release/2'
    release['released'] = '2019-01-25'
    release['decidedBy'] = 'computed'
  })
  const relabelled = JSON.parse(await readFile(path.join(directory, 'policy', 'releases', '2019-01-25.json'), 'utf8')) as { digest: string; document: PolicyDocument }
  expect(relabelled.digest).toBe(digestOf(relabelled.document))
  const file = path.join(directory, 'policy', 'releases', '2019-01-25.json')
  await writeFile(file, original.replace('"format": "clausewright-release/1"', '"format": "clausewright-release/2",\n  "released": "2019-01-25",\n  "decidedBy": "computed"'))
  const result = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect(result.code).toBe(1)
  expect(JSON.parse(result.stdout)).toContainEqual(expect.objectContaining({ ruleId: 'release-modified', message: expect.stringContaining('its document differs from the digest recorded in it') }))
})

test('a release of format /1 after one of /2 is refused: relabelled /1, a forged release would record neither its day nor who decided its kind', async () => {
  const directory = await project()
  expect((await runCli(['release', '--summary', 'First.', '--today', today], directory)).code).toBe(0)
  await editPolicy(directory, 'clauses/rights.md', 'Write to', 'Please write to')
  await editPolicy(directory, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
  expect((await runCli(['release', '--summary', 'Clearer.', '--kind', 'editorial', '--today', today], directory)).code).toBe(0)
  await forgeRelease(directory, '2020-06-01', (release) => {
    release['format'] = 'clausewright-release/1'
    delete release['released']
    delete release['decidedBy']
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect(result.code).toBe(1)
  expect(JSON.parse(result.stdout)).toEqual([
    expect.objectContaining({
      ruleId: 'release-modified',
      file: 'policy/releases/2020-06-01.json',
      line: 2,
      message: 'Unexpected format `clausewright-release/1` of release 2020-06-01, after release 2020-02-29 of format `clausewright-release/2`, expected `clausewright-release/2`: a format never goes back, and `/1` records neither the day of a release nor who decided its kind',
    }),
  ])
})

test('a /1 release records no decidedBy, and a /2 release must', async () => {
  const directory = await optsm()
  const file = path.join(directory, 'policy', 'releases', '2019-01-25.json')
  const original = await readFile(file, 'utf8')
  await writeFile(file, original.replace('"kind": "initial",', '"kind": "initial",\n  "decidedBy": "editor",'))
  const withDecider = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect(withDecider.code).toBe(1)
  expect(JSON.parse(withDecider.stdout)).toContainEqual(expect.objectContaining({ ruleId: expect.stringMatching(/^schema-/), file: 'policy/releases/2019-01-25.json' }))
})

test('diff lists each changed link target, old → new, in the clause or purpose where it is: reworded, never technical, in every format', async () => {
  const directory = await project()
  expect((await runCli(['release', '--summary', 'First.', '--today', today], directory)).code).toBe(0)
  await linkRetargeted(directory)
  await editPolicy(directory, 'data.yaml', '[rights](#rights)', '[rights](#intro)')
  // The purposes are listed in the clause `intro` (::purposes): the purpose's link is in it too.
  const listedReason = 'The link “rights” in the clause `intro` (Who we are) changed its target: `#rights` → `#intro`'
  const clauseReason = 'The link “your rights” in the clause `intro` (Who we are) changed its target: `#rights` → `#intro--what-we-use-it-for`'
  const purposeReason = 'The link “rights” in the purpose `security` changed its target: `#rights` → `#intro`'
  const json = JSON.parse((await runCli(['diff', '--format', 'json'], directory)).stdout) as Record<string, unknown>
  expect(json).toMatchObject({
    kind: 'reworded',
    targets: [
      { collection: 'clauses', id: 'intro', element: 'link', text: 'rights', from: '#rights', to: '#intro' },
      { collection: 'clauses', id: 'intro', element: 'link', text: 'your rights', from: '#rights', to: '#intro--what-we-use-it-for' },
      { collection: 'purposes', id: 'security', element: 'link', text: 'rights', from: '#rights', to: '#intro' },
    ],
  })
  expect(json['clauses']).toEqual([{ id: 'intro', status: ['relinked'], from: { title: 'Who we are', position: 0 }, to: { title: 'Who we are', position: 0 }, words: null }])
  // In a reader's words: where the link is by its heading or its text, never by an id.
  const listedReader = (code: (target: string) => string) => `The link “rights” in the section “Who we are” now leads to ${code('#intro')} (it led to ${code('#rights')}).`
  const clauseReader = (code: (target: string) => string) => `The link “your rights” in the section “Who we are” now leads to ${code('#intro--what-we-use-it-for')} (it led to ${code('#rights')}).`
  const purposeReader = (code: (target: string) => string) => `The link “rights” in the purpose “to keep our rights and website secure” now leads to ${code('#intro')} (it led to ${code('#rights')}).`
  const plain = (target: string) => target
  const reasons = json['reasons'] as ReadonlyArray<{ reader: { text: string } }>
  expect(reasons.map((reason) => ({ ...reason, reader: reason.reader.text }))).toEqual([
    { kind: 'reworded', code: 'link-target-changed', collection: 'clauses', id: 'intro', field: null, message: listedReason, reader: listedReader(plain) },
    { kind: 'reworded', code: 'link-target-changed', collection: 'clauses', id: 'intro', field: null, message: clauseReason, reader: clauseReader(plain) },
    { kind: 'reworded', code: 'link-target-changed', collection: 'purposes', id: 'security', field: null, message: purposeReason, reader: purposeReader(plain) },
  ])
  const text = await runCli(['diff'], directory)
  expect(text.stdout).toContain(`Changes 2020-02-29 → draft: reworded\n\nReworded (wording or links: only the editor can judge, \`clausewright release --kind\`):\n  - ${listedReader(plain)} [link-target-changed]\n  - ${clauseReader(plain)} [link-target-changed]\n  - ${purposeReader(plain)} [link-target-changed]\n`)
  const markdown = await runCli(['diff', '--format', 'markdown'], directory)
  // A target is code in Markdown: never a live link.
  const code = (target: string) => `\`${target}\``
  expect(markdown.stdout).toContain(`**Reworded** (wording or links: only the editor can judge):\n\n- ${listedReader(code)}\n- ${clauseReader(code)}\n- ${purposeReader(code)}\n`)
})

/** The OPTSM policy with a second release, of format /2, whose digest reads its HTML. */
async function withReleaseOfFormat2(): Promise<string> {
  const directory = await optsm()
  await editPolicy(directory, 'clauses/duty-to-inform.md', '(#contact-information)', '(#your-rights)')
  await editPolicy(directory, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-03-01')
  expect((await runCli(['release', '--summary', 'A link.', '--kind', 'editorial', '--today', today], directory)).code).toBe(0)
  return directory
}

test('a release of format /2 with HTML nested too deep to parse is refused at its string, not reported as a bug', async () => {
  const directory = await withReleaseOfFormat2()
  await forgeRelease(directory, '2020-03-01', (release) => {
    const first = (release.document['clauses'] as Array<{ html: string }>)[0]
    if (first) first.html = `${'<em>'.repeat(20_000)}x${'</em>'.repeat(20_000)}`
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect(result.code, result.stderr).toBe(1)
  expect(result.stderr).not.toContain('internal error')
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; message: string }>).filter((item) => item.severity === 'error')
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'release-unsafe-html', message: expect.stringContaining('document.clauses[0].html') })])
})

test('a release of format /2 with more HTML tags than the budget is refused before its digest reads them', async () => {
  const directory = await withReleaseOfFormat2()
  await forgeRelease(directory, '2020-03-01', (release) => {
    const first = (release.document['clauses'] as Array<{ html: string }>)[0]
    if (first) first.html = '<p>x</p>'.repeat(budgets.maxReleaseTags / 2 + 1)
  })
  readLarge.count = 0
  const result = await runCli(['check', '--format', 'json', '--today', today], directory)
  expect(result.code, result.stderr).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string }>).filter((item) => item.severity === 'error')
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'file-too-large', file: 'policy/releases/2020-03-01.json' })])
  // The budget exists so that such a release costs nothing to refuse: its HTML is never parsed.
  expect(readLarge.count).toBe(0)
})
