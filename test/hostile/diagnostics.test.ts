import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { checkPolicy } from '../../src/check.ts'
import { diagnostic } from '../../src/diagnostics/diagnostic.ts'
import { formatDiagnostics } from '../../src/diagnostics/format.ts'
import { limitDiagnostics } from '../../src/diagnostics/limit-diagnostics.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { editPolicy, makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// What `check` prints goes to a terminal and to CI logs, which may be public: it quotes only files
// read as policy files, and never writes a control character that a terminal would obey.
const temporary = removedAfterAll()

const secret = 'npm_RefusedFileSecret4Clausewright'
const formats = ['pretty', 'json', 'github'] as const

test('no file that was refused is quoted, in any format', async () => {
  const root = await makePolicy()
  temporary.push(root)
  const policy = path.join(root, 'policy')
  // Binary (a NUL byte), over the size budget, and behind a link out of the policy.
  await writeFile(path.join(policy, 'clauses', 'intro.md'), `---\nid: intro\n---\n\n${secret}\u0000\n`)
  await writeFile(path.join(policy, 'data.yaml'), `token: ${secret}\n${'#'.repeat(1024 * 1024)}\n`)
  await mkdir(path.join(root, 'outside'))
  await writeFile(path.join(root, 'outside', 'compliance.yaml'), `token: ${secret}\n`)
  await symlink(path.join(root, 'outside', 'compliance.yaml'), path.join(policy, 'compliance.yaml'))

  for (const format of formats) {
    const result = await runCli(['check', '--format', format, '--today', '2026-01-01'], root)
    expect(result.code, format).toBe(1)
    for (const rule of ['file-binary', 'file-too-large', 'path-outside-policy']) expect(result.stdout, format).toContain(rule)
    expect(`${result.stdout}${result.stderr}`, format).not.toContain(secret)
  }
})

test('control characters of the policy reach the terminal as visible symbols, never raw', async () => {
  const root = await makePolicy()
  temporary.push(root)
  // An escape sequence that would clear the screen and a C1 control sequence introducer, in a
  // clause and in a value that a schema message quotes.
  const hostile = 'a\u001b[2J\u001b]0;pwned\u0007b\u009b31m\u202ec'
  await writeFile(path.join(root, 'policy', 'clauses', 'intro.md'), `---\nid: intro\n---\n\nText ${hostile} end.\n`)
  const result = await runCli(['check', '--format', 'pretty', '--color', '--today', '2026-01-01'], root)
  expect(result.code).toBe(1)
  expect(result.stdout).toContain('forbidden-character')
  // The caret still points at the character: one symbol in place of each control character.
  expect(result.stdout).toContain('Text a␛[2J␛]0;pwned␇b\ufffd31m\ufffdc end.')
  // Only the formatter's own colours are escape sequences.
  // eslint-disable-next-line no-control-regex -- the formatter's colours are escape sequences
  const ownColours = /\u001b\[(?:1|2|22|31|33|36|39)m/g
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  expect(result.stdout.replace(ownColours, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
})

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const obeyedByTerminal = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

test('the github format writes no control character either: the Actions log shows what it is given', async () => {
  const root = await makePolicy()
  temporary.push(root)
  // YAML's escapes put an escape sequence and a C1 control into a value without writing them in
  // the file; the schema's message quotes the value.
  await editPolicy(root, 'data.yaml', 'lawfulBasis: [consent]', 'lawfulBasis: ["cons\\e[2Jent\\x9b31m"]')
  const result = await runCli(['check', '--format', 'github', '--today', '2026-01-01'], root)
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(/^::error file=policy\/data\.yaml,line=15,col=19,.*schema-enum.*cons␛\[2Jent\ufffd31m/m)
  expect(result.stdout).not.toMatch(obeyedByTerminal)
})

test.each([
  [['check', '--format', 'x\u001b[2Jy']],
  [['check', '--today', '\u001b]0;pwned\u0007']],
  [['build', '--dir\u009b31m']],
  [['\u001b[2Jcheck']],
])('a usage error quotes the command line without its control characters: %j', async (args) => {
  const result = await runCli(args, await makePolicy())
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: /)
  expect(result.stderr).toMatch(/[␛\ufffd]/)
  expect(result.stderr).not.toMatch(obeyedByTerminal)
})

test.each([
  [['diff', '\u001b]0;pwned\u0007x']],
  [['build', '--quiet', '--dir', 'policy\u001b[2J', '--out', 'dist\u001b[2J']],
])('what a command says of its arguments shows their control characters: %j', async (args) => {
  const result = await runCli(args, await makePolicy())
  expect(result.code).not.toBe(0)
  expect(result.stderr).toMatch(/␛/)
  expect(`${result.stdout}${result.stderr}`).not.toMatch(obeyedByTerminal)
})

// A policy within every input budget can break a hundred thousand links: each diagnostic, printed
// with its code frame and a "did you mean" searched among every anchor, made `check` take 16 s and
// print 36 MB. A report shows the first 100 of a rule in a file and 1,000 of a rule in all, then
// one diagnostic of the rule that counts the rest, at the first it leaves out.
const brokenLinks = (count: number, from = 0): string => Array.from({ length: count }, (_, index) => `[l](#x${from + index})`).join(' ')
const clause = (id: string, body: string): string => `---\nid: ${id}\ntitle: ${id}\n---\n\n${body}\n`

interface JsonDiagnostic {
  readonly ruleId: string
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
  readonly hint: string | null
  readonly omitted?: number
}

test('a flood of broken links in a file shows its first 100, then one diagnostic counting the rest, in every format', async () => {
  const root = await makePolicy({ description: 'flood', add: { 'clauses/flood.md': clause('flood', brokenLinks(250)) } })
  temporary.push(root)
  const json = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], root)
  expect(json.code).toBe(1)
  const flood = (JSON.parse(json.stdout) as JsonDiagnostic[]).filter((item) => item.ruleId === 'broken-anchor')
  expect(flood).toHaveLength(101)
  // Each link `[l](#xN) ` is 9 characters, one more from #x10 and another from #x100.
  expect(flood[99]).toMatchObject({ file: 'policy/clauses/flood.md', line: 6, column: 1 + 10 * 9 + 89 * 10, message: 'Unexpected link to `#x99`, expected the id of a clause or heading', hint: 'Clause anchors are clause ids: #flood, #intro, #rights.' })
  expect(flood[100]).toMatchObject({ file: 'policy/clauses/flood.md', line: 6, column: 1 + 10 * 9 + 90 * 10, message: '…and 150 more `broken-anchor` in this file, not shown', omitted: 150 })

  const pretty = await runCli(['check', '--format', 'pretty', '--today', '2026-01-01'], root)
  expect(pretty.code).toBe(1)
  expect(pretty.stdout.match(/\[broken-anchor\]/g)).toHaveLength(101)
  expect(pretty.stdout).toContain('policy/clauses/flood.md:6:991 error …and 150 more `broken-anchor` in this file, not shown [broken-anchor]')
  // The count at the end counts every problem, those left out too: 250 links and the clause that policy.yaml does not list.
  expect(pretty.stdout).toMatch(/\n251 errors\.\n$/)

  const github = await runCli(['check', '--format', 'github', '--today', '2026-01-01'], root)
  expect(github.code).toBe(1)
  expect(github.stdout.match(/^::error file=policy\/clauses\/flood\.md,.*broken-anchor/gm)).toHaveLength(101)
  expect(github.stdout).toContain('::error file=policy/clauses/flood.md,line=6,col=991,endLine=6,endColumn=1001,title=clausewright broken-anchor::…and 150 more `broken-anchor` in this file, not shown%0A')
})

test('a flood of one rule across files shows 1,000 in all, then one diagnostic counting the rest of every file', async () => {
  // Twelve files of 100 broken links each: 1,200, each file within its own budget.
  const files = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`clauses/flood-${String(index).padStart(2, '0')}.md`, clause(`flood-${index}`, brokenLinks(100))]))
  const root = await makePolicy({ description: 'flood across files', add: files })
  temporary.push(root)
  const result = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], root)
  expect(result.code).toBe(1)
  const flood = (JSON.parse(result.stdout) as JsonDiagnostic[]).filter((item) => item.ruleId === 'broken-anchor')
  expect(flood).toHaveLength(1001)
  expect(flood[999]).toMatchObject({ file: 'policy/clauses/flood-09.md', line: 6, column: 1 + 10 * 9 + 89 * 10, message: 'Unexpected link to `#x99`, expected the id of a clause or heading' })
  expect(flood[1000]).toMatchObject({ file: 'policy/clauses/flood-10.md', line: 6, column: 1, message: '…and 200 more `broken-anchor` in this file and 1 other file, not shown', omitted: 200 })
  expect(flood[1000]?.hint).toContain('at most 1,000 of one rule in all')
})

// (Counting the calls of suggest() through vi.mock would need a module graph of this file's own,
// which the shared graph of the test run does not give.)
test('a broken link carries its did-you-mean unworked until it is read', async () => {
  const root = await makePolicy({ description: 'flood', add: { 'clauses/flood.md': clause('flood', brokenLinks(250)) } })
  temporary.push(root)
  const flood = checkPolicy(await readPolicy('policy', { cwd: root }), { today: '2026-01-01' }).diagnostics.filter((item) => item.ruleId === 'broken-anchor')
  expect(flood).toHaveLength(250)
  for (const item of flood) for (const detail of ['hint', 'expected']) expect(Object.getOwnPropertyDescriptor(item, detail)?.get, detail).toBeTypeOf('function')
  expect(flood[0]?.hint).toBe('Clause anchors are clause ids: #flood, #intro, #rights.')
})

test('details given as a function are worked out only for the diagnostics shown, once each', () => {
  let worked = 0
  const span = (column: number) => ({ start: { line: 1, column }, end: { line: 1, column: column + 1 } })
  const details = () => {
    worked++
    return { hint: 'Did you mean `#intro`?', expected: ['#intro'] }
  }
  for (const format of formats) {
    worked = 0
    const flood = Array.from({ length: 250 }, (_, index) => diagnostic('broken-anchor', 'policy/clauses/flood.md', span(index + 1), `Unexpected link ${index}`, details))
    const output = formatDiagnostics(flood, format)
    expect(worked, format).toBe(100)
    expect(output, format).toContain('Did you mean `#intro`?')
    formatDiagnostics(flood, format)
    expect(worked, format).toBe(100)
  }
})

test.each([
  ['unknown-reference', 'data.yaml', 'dataCategories: [email-address]', 'dataCategories: [email-adress]', 'Did you mean `email-address`?'],
  ['unknown-reference', 'clauses/intro.md', '{#email-address}', '{#email-adress}', 'Did you mean `email-address`?'],
  ['unknown-dpv-term', 'data.yaml', 'dpv: EmailAddress', 'dpv: EmailAdress', 'Did you mean `EmailAddress`?'],
])('%s in %s carries its did-you-mean unworked until it is read', async (ruleId, file, find, replacement, hint) => {
  const root = await makePolicy({ description: 'a typo', replace: [{ file, find, with: replacement }] })
  temporary.push(root)
  const found = checkPolicy(await readPolicy('policy', { cwd: root }), { today: '2026-01-01' }).diagnostics.find((item) => item.ruleId === ruleId)
  expect(found && Object.getOwnPropertyDescriptor(found, 'hint')?.get).toBeTypeOf('function')
  expect(found?.hint).toBe(hint)
})

test('each rule has its own budget, per file and in all, and a summary keeps the rule and its severity', () => {
  const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 2 } })
  const many = (ruleId: 'broken-anchor' | 'unused-entry', file: string, count: number) => Array.from({ length: count }, (_, index) => diagnostic(ruleId, file, at(index + 1), `${ruleId} ${index}`))
  const input = [...many('broken-anchor', 'a.md', 4), ...many('unused-entry', 'a.md', 1), ...many('broken-anchor', 'b.md', 2), ...many('broken-anchor', 'c.md', 3), ...many('broken-anchor', 'd.md', 2)]
  const shown = limitDiagnostics(input, { perRuleAndFile: 2, perRule: 5 })
  expect(shown.map((item) => `${item.file}:${item.span?.start.line} ${item.severity} ${item.message}${item.omitted ? ` (${item.omitted})` : ''}`)).toEqual([
    'a.md:1 error broken-anchor 0',
    'a.md:2 error broken-anchor 1',
    'a.md:3 error …and 2 more `broken-anchor` in this file, not shown (2)',
    'a.md:1 warning unused-entry 0',
    'b.md:1 error broken-anchor 0',
    'b.md:2 error broken-anchor 1',
    // The budget of 5 in all is spent (four shown, one summary): the rest of every file is one more.
    'c.md:1 error …and 5 more `broken-anchor` in this file and 1 other file, not shown (5)',
  ])
  expect(limitDiagnostics(many('unused-entry', 'a.md', 3), { perRuleAndFile: 1, perRule: 5 }).map((item) => [item.severity, item.omitted])).toEqual([
    ['warning', undefined],
    ['warning', 2],
  ])
})

test('a summary counts the files it covers, its own included, and names the budget that left them out', () => {
  const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }
  const one = (file: string) => diagnostic('broken-anchor', file, at, `broken-anchor in ${file}`)
  const acrossFiles = limitDiagnostics([one('a.md'), one('b.md'), one('c.md'), one('d.md'), one('e.md')], { perRuleAndFile: 5, perRule: 2 })
  expect(acrossFiles.map((item) => [item.file, item.message, item.hint, item.omitted])).toEqual([
    ['a.md', 'broken-anchor in a.md', undefined, undefined],
    ['b.md', 'broken-anchor in b.md', undefined, undefined],
    ['c.md', '…and 3 more `broken-anchor` in this file and 2 other files, not shown', 'A report shows at most 2 of one rule in all: fix these and check again to see the rest.', 3],
  ])
  const twoFiles = limitDiagnostics([one('a.md'), one('b.md'), one('c.md'), one('d.md')], { perRuleAndFile: 5, perRule: 2 })
  expect(twoFiles.at(-1)?.message).toBe('…and 2 more `broken-anchor` in this file and 1 other file, not shown')
  const inOneFile = limitDiagnostics([one('a.md'), one('a.md'), one('a.md')], { perRuleAndFile: 1, perRule: 10 })
  expect(inOneFile.map((item) => [item.message, item.hint, item.omitted])).toEqual([
    ['broken-anchor in a.md', undefined, undefined],
    ['…and 2 more `broken-anchor` in this file, not shown', 'A report shows at most 1 of one rule in a file: fix these and check again to see the rest.', 2],
  ])
})

test('a summary has the severity of those it counts when policy/compliance.yaml changed the rule’s, and the report counts them as such', async () => {
  const purposes = Array.from({ length: 150 }, (_, index) => `  - id: unstated-${index}\n    group: main\n    text: to do thing ${index};\n`).join('')
  const cwd = await makePolicy({
    description: '150 purposes without a lawful basis, lawful-basis-missing made an error',
    add: { 'compliance.yaml': 'rules:\n  lawful-basis-missing:\n    severity: error\n    justification: Every purpose states its basis here.\n' },
  })
  temporary.push(cwd)
  await editPolicy(cwd, 'data.yaml', 'recipients:\n', `${purposes}recipients:\n`)
  const pretty = await runCli(['check', '--format', 'pretty', '--today', '2026-01-01'], cwd)
  expect(pretty.code).toBe(1)
  expect(pretty.stdout).toMatch(/ error …and 50 more `lawful-basis-missing` in this file, not shown/)
  expect(pretty.stdout).not.toMatch(/ warning …and \d+ more/)
  expect(pretty.stdout.trim().split('\n').at(-1)).toBe('150 errors.')
  const github = await runCli(['check', '--format', 'github', '--today', '2026-01-01'], cwd)
  expect(github.stdout).toMatch(/^::error [^\n]*…and 50 more `lawful-basis-missing`/m)
})
