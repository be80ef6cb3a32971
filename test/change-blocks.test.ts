import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { beforeAll, expect, test } from 'vitest'
import { buildSiteEntries, type SiteEntry } from '../src/astro/site-data.ts'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { vectorsInHtml } from './helpers/executable-vectors.ts'
import { editPolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// What a change page shows of each clause that changed (site-data.ts, block-diff.ts), for the
// cases of issue #13: the OPTSM policy, one release per case made by `clausewright release`, each
// case's clauses compared with test/golden/changes/<case>.html. No site is built: the page sets
// this HTML as it is (site/routes/changes/[version].astro). Regenerate on purpose with
// `UPDATE=1 npx vitest run test/change-blocks.test.ts`, and read the difference.
const temporary = removedAfterAll()
const today = '2026-11-29'

interface Case {
  readonly name: string
  readonly edits: ReadonlyArray<readonly [file: string, find: string, replacement: string]>
}

const cases: readonly Case[] = [
  {
    name: 'list-item-inserted',
    edits: [['clauses/legitimate-interests.md', '- We may process your information to protect you', '- We may measure how visitors use our website, to improve it.\n- We may process your information to protect you']],
  },
  { name: 'paragraph-removed', edits: [['clauses/sharing.md', 'Any staff with access to your information have a duty of confidentiality.\n\n', '']] },
  { name: 'word-changed-in-a-long-clause', edits: [['clauses/information-collected.md', 'When you contact us by email, telephone, post, or social media', 'When you contact us by email, telephone, letter, or social media']] },
  { name: 'link-target-changed', edits: [['clauses/duty-to-inform.md', '[contact details below](#contact-information)', '[contact details below](#complaints)']] },
  { name: 'clause-moved', edits: [['policy.yaml', '  - security\n  - duty-to-inform\n', '  - duty-to-inform\n  - security\n']] },
  {
    name: 'purpose-added',
    edits: [
      [
        'data.yaml',
        'purposes:\n',
        'purposes:\n  - id: site-analytics\n    group: website\n    text: to measure how visitors use our website, with your consent;\n    lawfulBasis: [consent]\n    dataCategories: [cookie-information, ip-address, pages-visited]\n',
      ],
    ],
  },
]

let entries: SiteEntry[] = []

beforeAll(async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-change-blocks-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  let lastUpdated = '2019-01-25'
  for (const [index, { name, edits }] of cases.entries()) {
    for (const [file, find, replacement] of edits) await editPolicy(cwd, file, find, replacement)
    const next = `2020-${String(index + 1).padStart(2, '0')}-01`
    await editPolicy(cwd, 'policy.yaml', `lastUpdated: ${lastUpdated}`, `lastUpdated: ${next}`)
    lastUpdated = next
    const released = await runCli(['release', '--summary', `The case ${name}.`, '--kind', 'substantive', '--today', today], cwd)
    expect(released.code, released.stderr).toBe(0)
  }
  const result = compile(await readPolicy('policy', { cwd }), { today })
  if (!result.output) throw new Error('the policy with its cases did not compile')
  entries = buildSiteEntries(result.output)
}, 60_000)

function changeOf(caseIndex: number): Extract<SiteEntry, { id: `change/${string}` }>['data'] {
  const entry = entries.find((item) => item.id === `change/2020-${String(caseIndex + 1).padStart(2, '0')}-01`)
  if (!entry || !('diff' in entry.data)) throw new Error(`no change entry for case ${caseIndex}`)
  return entry.data
}

test.each(cases.map((item, index) => [item.name, index] as const))('the change page of the case %s shows each changed clause as its golden file', async (name, index) => {
  const change = changeOf(index)
  const actual = `${change.changed.map((clause) => `<!-- ${clause.id} -->\n${clause.html}\n`).join('\n')}`
  const file = path.join(repoRoot, 'test', 'golden', 'changes', `${name}.html`)
  if (process.env['UPDATE']) await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
})

test('an inserted list item is an item of the same list, marked inserted', () => {
  const [clause] = changeOf(0).changed
  expect(clause?.id).toBe('legitimate-interests')
  expect(clause?.html).toContain('<li class="cw-inserted"><ins>We may measure how visitors use our website, to improve it.</ins></li>')
  // In the same list, between the items it was written between; the paragraphs far from it folded.
  expect(clause?.html).toContain('tailored to your interests.</li>\n<li class="cw-inserted">')
  expect(clause?.html).toMatch(/^<details><summary>2 unchanged paragraphs<\/summary>/)
})

test('a removed paragraph is a paragraph marked removed', () => {
  expect(changeOf(1).changed.map((clause) => clause.id)).toEqual(['sharing'])
  expect(changeOf(1).changed[0]?.html).toContain('<p class="cw-removed"><del>Any staff with access to your information have a duty of confidentiality.</del></p>')
})

test('one word changed in a long clause: one block of context each side, the rest folded and counted', () => {
  const html = changeOf(2).changed[0]?.html ?? ''
  expect(html).toContain('telephone, <del>post</del><ins>letter</ins>, or social media')
  expect(html).toContain('<details><summary>1 unchanged heading and 1 paragraph</summary>')
  expect(html).toContain('<details><summary>1 unchanged heading and 2 paragraphs</summary>')
  expect(html.match(/<details>/g)).toHaveLength(2)
})

test('a link whose target changed shows the old and the new target', () => {
  const html = changeOf(3).changed[0]?.html ?? ''
  expect(html).toContain('<a href="#contact-information"><del>contact details below</del></a><a href="#complaints"><ins>contact details below</ins></a>')
  expect(html).toContain('<span class="cw-link-note">(link: <del>#contact-information</del> → <ins>#complaints</ins>)</span>')
})

test('a clause that only moved is listed with its text folded', () => {
  const change = changeOf(4)
  expect(change.diff.clauses.filter((clause) => clause.status.includes('moved')).map((clause) => [clause.id, clause.from?.position, clause.to?.position])).toEqual([['security', 6, 7]])
  expect(change.changed.map((clause) => clause.id)).toEqual(['security'])
  expect(change.changed[0]?.html).toMatch(/^<details><summary>2 unchanged paragraphs<\/summary>\n<p>We have put in place/)
})

test('a new purpose is an item inserted in the list that the clause draws from the data', () => {
  const change = changeOf(5)
  expect(change.changed.map((clause) => clause.id)).toEqual(['use-of-information'])
  expect(change.changed[0]?.html).toContain('<li class="cw-inserted"><ins>to measure how visitors use our website, with your consent;</ins></li>')
  expect(change.diff.data.find((item) => item.id === 'site-analytics')?.fields).toEqual(expect.arrayContaining([{ field: 'lawfulBasis', from: null, to: ['consent'] }]))
})

test('each clause’s change is valid HTML inside a page (html-validate), with no executable vector', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-trailing-whitespace': 'off' } })
  const problems: string[] = []
  for (const [index, { name }] of cases.entries()) {
    for (const clause of changeOf(index).changed) {
      const page = `<!DOCTYPE html>\n<html lang="en"><head><title>${name}</title></head><body><main><section aria-labelledby="h"><h2 id="h">${clause.id}</h2><div class="blocks">${clause.html}</div></section></main></body></html>\n`
      const report = await validator.validateString(page, `${name}/${clause.id}`)
      for (const result of report.results) for (const message of result.messages) problems.push(`${name} ${clause.id}:${message.line}:${message.column} ${message.ruleId} ${message.message}`)
      expect(vectorsInHtml(clause.html, name, { fragment: true })).toEqual([])
    }
  }
  expect(problems).toEqual([])
})
