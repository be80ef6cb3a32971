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
// cases of issue #13 on the OPTSM policy: each case edits a clause of its own, so that one release
// made by `clausewright release` holds them all, and each clause is compared with
// test/golden/changes/<case>.html. No site is built: the page sets this HTML as it is
// (site/routes/changes/[version].astro). Regenerate on purpose with
// `UPDATE=1 npx vitest run test/change-blocks.test.ts`, and read the difference.
const temporary = removedAfterAll()
const today = '2026-11-29'

interface Case {
  readonly name: string
  /** The clause the case changes, and no other case does. */
  readonly clause: string
  readonly edits: ReadonlyArray<readonly [file: string, find: string, replacement: string]>
}

const cases: readonly Case[] = [
  {
    name: 'list-item-inserted',
    clause: 'legitimate-interests',
    edits: [['clauses/legitimate-interests.md', '- We may process your information to protect you', '- We may measure how visitors use our website, to improve it.\n- We may process your information to protect you']],
  },
  { name: 'paragraph-removed', clause: 'sharing', edits: [['clauses/sharing.md', 'Any staff with access to your information have a duty of confidentiality.\n\n', '']] },
  { name: 'word-changed-in-a-long-clause', clause: 'information-collected', edits: [['clauses/information-collected.md', 'When you contact us by email, telephone, post, or social media', 'When you contact us by email, telephone, letter, or social media']] },
  { name: 'link-target-changed', clause: 'duty-to-inform', edits: [['clauses/duty-to-inform.md', '[contact details below](#contact-information)', '[contact details below](#complaints)']] },
  { name: 'clause-moved', clause: 'security', edits: [['policy.yaml', '  - security\n  - duty-to-inform\n', '  - duty-to-inform\n  - security\n']] },
  {
    name: 'purpose-added',
    clause: 'use-of-information',
    edits: [
      [
        'data.yaml',
        'purposes:\n',
        'purposes:\n  - id: site-analytics\n    group: website\n    text: to measure how visitors use our website, with your consent;\n    lawfulBasis: [consent]\n    dataCategories: [cookie-information, ip-address, pages-visited]\n',
      ],
    ],
  },
]

let change: Extract<SiteEntry, { id: `change/${string}` }>['data']

beforeAll(async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-change-blocks-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  for (const { edits } of cases) for (const [file, find, replacement] of edits) await editPolicy(cwd, file, find, replacement)
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-01-01')
  const released = await runCli(['release', '--summary', 'The cases of the change page.', '--today', today], cwd)
  expect(released.code, released.stderr).toBe(0)
  const result = compile(await readPolicy('policy', { cwd }), { today })
  if (!result.output) throw new Error('the policy with its cases did not compile')
  const entry = buildSiteEntries(result.output).find((item) => item.id === 'change/2020-01-01')
  if (!entry || !('changed' in entry.data)) throw new Error('no change entry')
  change = entry.data
})

/** What the change page shows of a clause. */
function htmlOf(clause: string): string {
  const changed = change.changed.find((item) => item.id === clause)
  if (!changed) throw new Error(`the clause ${clause} is not on the change page`)
  return changed.html
}

test('the change page holds the clause of each case, and no other, in the order of the policy', () => {
  expect(change.changed.map((clause) => clause.id)).toEqual(['information-collected', 'use-of-information', 'sharing', 'legitimate-interests', 'duty-to-inform', 'security'])
})

test.each(cases.map((item) => [item.name, item.clause] as const))('the change page of the case %s shows its clause (%s) as its golden file', async (name, clause) => {
  const actual = `<!-- ${clause} -->\n${htmlOf(clause)}\n`
  const file = path.join(repoRoot, 'test', 'golden', 'changes', `${name}.html`)
  if (process.env['UPDATE']) await writeFile(file, actual)
  expect(actual).toBe(await readFile(file, 'utf8'))
})

test('an inserted list item is an item of the same list, marked inserted', () => {
  const html = htmlOf('legitimate-interests')
  expect(html).toContain('<li class="cw-inserted"><ins>We may measure how visitors use our website, to improve it.</ins></li>')
  // In the same list, between the items it was written between; the paragraphs far from it folded.
  expect(html).toContain('tailored to your interests.</li>\n<li class="cw-inserted">')
  expect(html).toMatch(/^<details><summary>2 unchanged paragraphs<\/summary>/)
})

test('a removed paragraph is a paragraph marked removed', () => {
  expect(htmlOf('sharing')).toContain('<p class="cw-removed"><del>Any staff with access to your information have a duty of confidentiality.</del></p>')
})

test('one word changed in a long clause: one block of context each side and the heading it is under, the rest folded and counted', () => {
  const html = htmlOf('information-collected')
  expect(html).toContain('telephone, <del>post</del><ins>letter</ins>, or social media')
  expect(html).toMatch(/^<h3>INFORMATION YOU PROVIDE TO US:<\/h3>\n<details><summary>1 unchanged paragraph<\/summary>/)
  expect(html).toContain('<details><summary>1 unchanged heading and 2 paragraphs</summary>')
  expect(html.match(/<details>/g)).toHaveLength(2)
})

test('a link whose target changed shows the old and the new target', () => {
  const html = htmlOf('duty-to-inform')
  expect(html).toContain('<a href="#contact-information"><del>contact details below</del></a><a href="#complaints"><ins>contact details below</ins></a>')
  expect(html).toContain('<span class="cw-link-note">(link: <del>#contact-information</del> → <ins>#complaints</ins>)</span>')
})

test('a clause that only moved is listed with its text folded', () => {
  expect(change.diff.clauses.filter((clause) => clause.status.includes('moved')).map((clause) => [clause.id, clause.from?.position, clause.to?.position])).toEqual([['security', 6, 7]])
  expect(htmlOf('security')).toMatch(/^<details><summary>2 unchanged paragraphs<\/summary>\n<p>We have put in place/)
})

test('a new purpose is an item inserted in the list that the clause draws from the data', () => {
  expect(htmlOf('use-of-information')).toContain('<li class="cw-inserted"><ins>to measure how visitors use our website, with your consent;</ins></li>')
  expect(change.diff.data.find((item) => item.id === 'site-analytics')?.fields).toEqual(expect.arrayContaining([{ field: 'lawfulBasis', from: null, to: ['consent'] }]))
})

test('each clause’s change is valid HTML inside a page (html-validate), with no executable vector', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-trailing-whitespace': 'off' } })
  const problems: string[] = []
  for (const clause of change.changed) {
    const page = `<!DOCTYPE html>\n<html lang="en"><head><title>${clause.id}</title></head><body><main><section aria-labelledby="h"><h2 id="h">${clause.id}</h2><div class="blocks">${clause.html}</div></section></main></body></html>\n`
    const report = await validator.validateString(page, clause.id)
    for (const result of report.results) for (const message of result.messages) problems.push(`${clause.id}:${message.line}:${message.column} ${message.ruleId} ${message.message}`)
    expect(vectorsInHtml(clause.html, clause.id, { fragment: true })).toEqual([])
  }
  expect(problems).toEqual([])
})
