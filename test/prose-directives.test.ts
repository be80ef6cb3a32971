import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { parseClauseMarkdown } from '../src/markdown/parse-clause.ts'
import { parseMarkdownText } from '../src/markdown/parse-data-text.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'

// remark-directive reads a colon before a word as a text directive: "10:30am" is `:30am`. A name
// Clausewright does not define, written bare, is prose and is published as written.
const clauseProse = 'At 10:30am, a ratio 2:1 (3:1 at most). Note:this, see:below, e.g.:that.'
const dataProse = 'to send you our newsletter at 10:30am, ratio 2:1, Note:this;'
const directories = removedAfterAll()

test('prose that looks like a text directive is one text node, as if its colons were escaped', () => {
  for (const parse of [parseClauseMarkdown, parseMarkdownText]) {
    const paragraph = parse(clauseProse).children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children).toEqual([{ type: 'text', value: clauseProse, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 72, offset: 71 } } }])
  }
})

test('prose in a clause and in a text of data.yaml checks clean and is published exactly as written', async () => {
  const directory = await makePolicy({
    description: 'prose with colons',
    replace: [
      { file: 'clauses/rights.md', find: 'Write to', with: `${clauseProse}\n\nWrite to` },
      { file: 'data.yaml', find: 'to send you our newsletter;', with: dataProse },
    ],
  })
  directories.push(directory)
  const result = compile(await readPolicy('policy', { cwd: directory }), { today: '2026-11-25' })
  expect(result.diagnostics).toEqual([])
  const document = result.output?.draft
  const rights = document?.clauses.find((clause) => clause.id === 'rights')
  expect(rights?.html).toContain(`<p>${clauseProse}</p>`)
  expect(rights?.text).toContain(`\n${clauseProse}\n`)
  const newsletter = document?.purposes.find((purpose) => purpose.id === 'newsletter')
  expect([newsletter?.html, newsletter?.text]).toEqual([dataProse, dataProse])
  const intro = document?.clauses.find((clause) => clause.id === 'intro')
  expect(intro?.html).toContain(`<li>${dataProse}</li>`)
  const published = JSON.parse(result.output?.files.get('policy.json') ?? '{}') as typeof document
  expect(published?.clauses.find((clause) => clause.id === 'rights')?.text).toContain(`\n${clauseProse}\n`)
  expect(published?.purposes.find((purpose) => purpose.id === 'newsletter')?.text).toBe(dataProse)
})
