import { readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// Text given on the command line is policy text too: `release --summary` is published on four
// pages, in versions.json and in the Atom feed, so it obeys the character rules of the policy files.
const temporary = removedAfterAll()

const today = '2026-01-01'

async function policyCopy(): Promise<string> {
  const root = await makePolicy()
  temporary.push(root)
  return root
}

async function releaseFiles(root: string): Promise<string[]> {
  return readdir(path.join(root, 'policy', 'releases')).catch(() => [])
}

test('a summary with control characters is refused, and no release is written: nothing of it can reach the site', async () => {
  const root = await policyCopy()
  // release --summary $'ctl\x01\x0b\x0c\x1b[31m end', with a noncharacter, a bidi override and a zero-width space
  const released = await runCli(['release', '--summary', 'ctl\u0001\u000b\u000c\u001b[31m end \ufffe \u202e \u200b.', '--today', today], root)
  expect(released.code).toBe(2)
  expect(released.stdout).toBe('')
  expect(released.stderr).toBe(
    [
      'clausewright: unexpected characters on the command line, expected text:',
      '  --summary, character 4: U+0001, control character [forbidden-character]',
      '  --summary, character 5: U+000B, control character (a vertical tab, often pasted from a word processor) [forbidden-character]',
      '  --summary, character 6: U+000C, control character [forbidden-character]',
      '  --summary, character 7: U+001B, control character [forbidden-character]',
      '  --summary, character 17: U+FFFE, noncharacter [forbidden-character]',
      '  --summary, character 19: U+202E, invisible character RIGHT-TO-LEFT OVERRIDE [invisible-character]',
      '  --summary, character 21: U+200B, invisible character ZERO WIDTH SPACE [invisible-character]',
      'Run `clausewright --help` for usage.',
      '',
    ].join('\n'),
  )
  expect(await releaseFiles(root)).toEqual([])
})

test.each([
  ['--summary', ['--summary', 'We \u0085 changed it.']],
  ['--summary', ['--summary', 'Tab\tand new\nlines are fine, but not \u007f.']],
  ['--summary', ['--summary', '\u000b\u2066Leading characters trim() would drop.']],
  ['--effective', ['--summary', 'Fine.', '--effective', '2020-02-29\u001b[2J']],
  ['--version', ['--summary', 'Fine.', '--version', '\u200b2020-02-29']],
  ['--dir', ['--summary', 'Fine.', '--dir', 'policy\u001b]0;x\u0007']],
  ['--today', ['--summary', 'Fine.', '--today', '2026-01-01\u202e']],
])('every text option of release obeys the character rules: %s', async (option, args) => {
  const root = await policyCopy()
  const released = await runCli(['release', ...args, ...(args.includes('--today') ? [] : ['--today', today])], root)
  expect(released.code).toBe(2)
  expect(released.stderr).toMatch(new RegExp(`^clausewright: unexpected characters on the command line, expected text:\\n  ${option}, character \\d+: U\\+[0-9A-F]{4}, `))
  // The message names each character; it never prints one that a terminal would obey.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  expect(released.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u202e\u2066]/)
  expect(await releaseFiles(root)).toEqual([])
})

test('a summary of ordinary text, tabs and line breaks included, is released', async () => {
  const root = await policyCopy()
  const released = await runCli(['release', '--summary', 'Plain words, “quotes”, é, 日本語 and 😀;\ta tab.', '--today', today], root)
  expect(released).toEqual({ code: 0, stdout: 'Released 2020-02-29 (initial): policy/releases/2020-02-29.json\n', stderr: '' })
})

// Characters the feed refuses, and characters that display as nothing, found by an attack on the
// hardened release command: each was released, and the first broke every later build.
test.each([
  ['U+FDD0', '\ufdd0', 'noncharacter', 'forbidden-character'],
  ['U+1FFFF', '\u{1ffff}', 'noncharacter', 'forbidden-character'],
  ['U+00AD', '\u00ad', 'invisible character', 'invisible-character'],
  ['U+034F', '\u034f', 'invisible character', 'invisible-character'],
  ['U+115F', '\u115f', 'invisible character', 'invisible-character'],
  ['U+180E', '\u180e', 'invisible character', 'invisible-character'],
  ['U+3164', '\u3164', 'invisible character', 'invisible-character'],
  ['U+FFF9', '\ufff9', 'invisible character', 'invisible-character'],
  ['U+1D173', '\u{1d173}', 'invisible character', 'invisible-character'],
  ['U+E0041', '\u{e0041}', 'invisible character', 'invisible-character'],
])('release refuses %s in the summary, as check does in a clause', async (code, character, kind, ruleId) => {
  const root = await policyCopy()
  const released = await runCli(['release', '--summary', `a${character}b`, '--today', today], root)
  expect(released.code).toBe(2)
  expect(released.stderr).toContain(`--summary, character 2: ${code}, ${kind}`)
  expect(await releaseFiles(root)).toEqual([])

  await writeFile(path.join(root, 'policy', 'clauses', 'intro.md'), `---\nid: intro\n---\n\nText a${character}b.\n`)
  const checked = await runCli(['check', '--format', 'json', '--today', today], root)
  expect(checked.code).toBe(1)
  expect(JSON.parse(checked.stdout)).toContainEqual(expect.objectContaining({ ruleId, file: 'policy/clauses/intro.md', line: 5, column: 7 }))
})

test('release refuses a lone surrogate, which no file can hold but a command line can', async () => {
  const root = await policyCopy()
  const released = await runCli(['release', '--summary', 'a\ud800b', '--today', today], root)
  expect(released.code).toBe(2)
  expect(released.stderr).toContain('--summary, character 2: U+D800, lone surrogate')
  expect(await releaseFiles(root)).toEqual([])
})
