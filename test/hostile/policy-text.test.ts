import { expect, test } from 'vitest'
import { checkPolicy } from '../../src/check.ts'
import { parseClause } from '../../src/markdown/parse-clause.ts'
import { renderClause, renderPolicy } from '../../src/render/render-policy.ts'
import { sanitizeTree } from '../../src/render/sanitize.ts'
import type { LoadedClause } from '../../src/markdown/loaded-clause.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { makePolicy, repoRoot } from '../helpers/fixture-policy.ts'

// Policy text is untrusted. `check` reports every hostile construct, and the renderer is safe on
// its own even when it is handed a clause that check would refuse.
const hostile = `---
id: rights
title: Your rights
---

<script>alert(1)</script>

<img src=x onerror=alert(1)> <a href="javascript:alert(1)">raw</a>

[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](java&#x73;cript:alert(1)) [d](&#106;avascript:alert(1))
[e](//evil.example/x) [f](data:text/html,<b>x</b>) [g](vbscript:msgbox) [h](file:///etc/passwd)
[i](<java\tscript:x>) <javascript:alert(1)> [j][ref] [k](#rights "ok")

![pixel](https://tracker.example/p.gif)

[ref]: javascript:alert(1)
`

async function basePolicy() {
  const checked = checkPolicy(await readPolicy('policy', { cwd: await makePolicy() }), { today: '2026-01-01' })
  const { policy, data } = checked.context
  if (!policy || !data) throw new Error('base policy did not load')
  return { policy, data }
}

test('check reports every hostile construct', async () => {
  const cwd = await makePolicy({ description: 'hostile clause', add: { 'clauses/rights.md': hostile } })
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today: '2026-01-01' })
  const found = diagnostics.map((item) => `${item.span?.start.line}:${item.span?.start.column} ${item.ruleId}`)
  expect(found).toEqual([
    '6:1 raw-html',
    '8:1 raw-html',
    '8:30 raw-html',
    '8:63 raw-html',
    '10:1 unsafe-url',
    '10:26 unsafe-url',
    '10:51 unsafe-url',
    '10:81 unsafe-url',
    '11:1 unsafe-url',
    '11:23 unsafe-url',
    '11:52 unsafe-url',
    '11:73 unsafe-url',
    '12:1 unsafe-url',
    '12:22 unsafe-url',
    '14:1 unsafe-url',
    '16:1 unsafe-url',
  ])
})

test('the renderer drops every hostile construct on its own', async () => {
  const { policy, data } = await basePolicy()
  const parsed = parseClause({ path: 'policy/clauses/rights.md', name: 'clauses/rights.md', text: hostile })
  const html = renderClause(parsed as LoadedClause, { policy, data }).html
  for (const forbidden of [/<script/i, /<img/i, /onerror/i, /tracker/]) expect(html).not.toMatch(forbidden)
  // Link texts stay (an autolink shows its URL as text); only the one safe link keeps its target.
  expect([...html.matchAll(/\s(href|src)="([^"]*)"/g)].map((match) => match[2])).toEqual(['#rights'])
  expect(html).toContain('<a href="#rights" title="ok">k</a>')
})

test('sanitising is idempotent and keeps anchors, ids and classes', async () => {
  const { policy, data } = await basePolicy()
  const parsed = parseClause({ path: 'policy/clauses/rights.md', name: 'clauses/rights.md', text: hostile })
  const once = sanitizeTree({ type: 'root', children: [renderClause(parsed as LoadedClause, { policy, data }).hast] })
  expect(sanitizeTree(structuredClone(once))).toEqual(once)

  const optsm = checkPolicy(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).context
  if (!optsm.policy || !optsm.data) throw new Error('OPTSM did not load')
  for (const clause of renderPolicy(optsm.policy, optsm.data, optsm.clauses).clauses) {
    const tree = { type: 'root' as const, children: [structuredClone(clause.hast)] }
    expect(sanitizeTree(structuredClone(tree))).toEqual(tree)
  }
})

// Found by an attack on the hardened main: the scan of each file sees only the characters written
// literally; an escape wrote them into the published text all the same. A Markdown character
// reference is placed at the reference itself (see the exact spans below).
test.each([
  ['a YAML escape in the policy title', 'policy.yaml', 'title: Example privacy policy', 'title: "Example \\x0b privacy policy"', 'forbidden-character', 'policy/policy.yaml', 3, 8],
  ['a YAML escape in a clause title', 'clauses/intro.md', 'title: Who we are', 'title: "Who \\u202Ewe are"', 'invisible-character', 'policy/clauses/intro.md', 3, 8],
  ['a character reference in a clause', 'clauses/intro.md', 'and shares it with', 'and &#x202E;shares&#x200B; it with', 'invisible-character', 'policy/clauses/intro.md', 6, 139],
  ['a character reference in a link title', 'clauses/intro.md', 'and shares it with', 'and [shares](#intro "a&#x2066;b") it with', 'invisible-character', 'policy/clauses/intro.md', 6, 157],
  ['a YAML escape in a text of data.yaml', 'data.yaml', 'text: to send you our newsletter;', 'text: "to send you \\e[2J our newsletter;"', 'forbidden-character', 'policy/data.yaml', 14, 11],
])('%s is reported where it is written', async (_, file, find, replacement, ruleId, path, line, column) => {
  const cwd = await makePolicy({ description: 'escaped character', replace: [{ file, find, with: replacement }] })
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today: '2026-01-01' })
  expect(diagnostics.filter((item) => item.severity === 'error').map((item) => `${item.file}:${item.span?.start.line}:${item.span?.start.column} ${item.ruleId}`)).toContain(`${path}:${line}:${column} ${ruleId}`)
  expect(diagnostics.find((item) => item.ruleId === ruleId)?.message).toMatch(/^Unexpected (control|invisible) character U\+[0-9A-F]{4}.*, written as an escape, expected text$/)
})

// A character reference is reported at the reference, start and end: mdast holds the decoded
// text, so the reference is found again in the Markdown that the text was parsed from.
const at = (line: number, column: number, endColumn: number, endLine = line) => ({ start: { line, column }, end: { line: endLine, column: endColumn } })
test.each([
  ['a reference alone', '&#x202E;', [['invisible-character', at(6, 1, 9)]]],
  ['a reference after other text on its line', 'Text &#x202E; end.', [['invisible-character', at(6, 6, 14)]]],
  ['a reference on the second line of a paragraph', 'First line\nsecond &#x200B; line', [['invisible-character', at(7, 8, 16)]]],
  ['two references in one text', 'a &#x202E; b &#x200B; c', [['invisible-character', at(6, 3, 11)], ['invisible-character', at(6, 14, 22)]]],
  ['a named reference', 'soft&shy;hyphen', [['invisible-character', at(6, 5, 10)]]],
  ['a decimal reference', 'x&#8238;y and a control &#12;', [['invisible-character', at(6, 2, 9)], ['forbidden-character', at(6, 25, 30)]]],
  ['a reference in emphasis and in a link', '*a&#x2066;* and [b&#x2067;](#escapes "t&#x2068;")', [['invisible-character', at(6, 3, 11)], ['invisible-character', at(6, 19, 27)], ['invisible-character', at(6, 40, 48)]]],
  ['an escaped ampersand before a reference', '\\&#x202E; and &#x202E;', [['invisible-character', at(6, 15, 23)]]],
] as const)('%s is reported at the reference', async (_, body, expected) => {
  const cwd = await makePolicy({ description: 'character reference', add: { 'clauses/escapes.md': `---\nid: escapes\ntitle: Escapes\n---\n\n${body}\n` } })
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today: '2026-01-01' })
  const found = diagnostics.filter((item) => item.file === 'policy/clauses/escapes.md' && (item.ruleId === 'invisible-character' || item.ruleId === 'forbidden-character'))
  expect(found.map((item) => [item.ruleId, item.span])).toEqual(expected)
})

test('a character reference in a text of data.yaml is reported at the reference', async () => {
  const cwd = await makePolicy({ description: 'character reference in data.yaml', replace: [{ file: 'data.yaml', find: 'text: to send you our newsletter;', with: 'text: to send you &#x202E; our newsletter;' }] })
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today: '2026-01-01' })
  expect(diagnostics.filter((item) => item.ruleId === 'invisible-character').map((item) => [item.file, item.span])).toEqual([['policy/data.yaml', at(14, 23, 31)]])
})
