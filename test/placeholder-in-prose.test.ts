import { expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'

// `placeholder-left` where "todo" is a word (Spanish, Portuguese, Galician: "all") and legal text
// is set in capitals: TODO beside a word in capitals, across a line break and its indentation, is
// prose; a marker otherwise. And a placeholder written otherwise in a table cell, a link's title
// or a directive's attribute. Each case: the rule's reports as `line:column-endLine:endColumn message`.
const directories = removedAfterAll()

async function placeholders(language: string, rightsText: string): Promise<string[]> {
  const directory = await makePolicy({
    description: 'placeholder in prose',
    replace: [
      { file: 'policy.yaml', find: 'language: en-GB', with: `language: ${language}` },
      { file: 'clauses/rights.md', find: 'Write to', with: `${rightsText}\n\nWrite to` },
    ],
  })
  directories.push(directory)
  const result = compile(await readPolicy('policy', { cwd: directory }), { today: '2026-11-25' })
  return result.diagnostics
    .filter((item) => item.ruleId === 'placeholder-left')
    .map((item) => `${item.span?.start.line}:${item.span?.start.column}-${item.span?.end.line}:${item.span?.end.column} ${item.message.startsWith('Unexpected placeholder `TODO`, written so') ? 'hidden' : 'spelt'}${item.hint ? ' with hint' : ''}`)
}

test('in Galician as in Spanish: TODO after a word in capitals and a line break with its indentation, or before one, is prose', async () => {
  expect(await placeholders('gl', 'CON\n   TODO.\n\nE TODO\n   O DEMAIS.')).toEqual([])
  expect(await placeholders('es-MX', 'PARA\tTODO.\n\nTODO\t  EL RESTO.')).toEqual([])
})

test('beside a word that is not in capitals, a number or another TODO, it is a marker (a single capital letter is a word in capitals)', async () => {
  expect(await placeholders('es', 'Con TODO.\n\nA TODO.\n\nTODO TODO.\n\n2026 TODO.')).toEqual(['8:5-8:9 spelt with hint', '12:1-12:5 spelt with hint', '12:6-12:10 spelt with hint', '14:6-14:10 spelt with hint'])
})

test('written otherwise in a table cell, a link’s title or a directive’s attribute: reported at its block, with the hint', async () => {
  expect(await placeholders('en-GB', '| a |\n| - |\n| T&#79;DO |\n\n[us](https://example.com/ "T&#79;DO") and :controller{field="T&#79;DO"}')).toEqual(['10:1-10:13 hidden with hint', '12:1-12:72 hidden with hint'])
})
