import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
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
