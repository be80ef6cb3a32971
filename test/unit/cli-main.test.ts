import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { diagnostic } from '../../src/diagnostics/diagnostic.ts'
import { assertPlainText, type Io, isVersionDate, printErrors, reportingOptions, UsageError } from '../../src/cli/shared.ts'
import { repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// The CLI's dispatch and the options every command shares, in this process (test/cli.test.ts runs
// the bundle in child processes, where a change to these would go unseen by mutation testing).
const usageHint = 'Run `clausewright --help` for usage.\n'

describe('main', () => {
  test('no command prints the help and exits 2; asking for it exits 0', async () => {
    const none = await runCli([], repoRoot)
    expect(none).toMatchObject({ code: 2, stderr: '' })
    expect(none.stdout.startsWith('Usage: clausewright <command> [options]\n\nA privacy policy kept as code: validate it, render it, publish it.\n')).toBe(true)
    for (const ask of ['-h', '--help', 'help']) expect(await runCli([ask], repoRoot), ask).toEqual({ code: 0, stdout: none.stdout, stderr: '' })
  })

  test('the help names every command and the exit statuses', async () => {
    const { stdout } = await runCli(['--help'], repoRoot)
    for (const command of ['check', 'build', 'diff', 'release']) expect(stdout).toMatch(new RegExp(`^  ${command} {2,}\\S`, 'm'))
    expect(stdout).toContain('  -v, --version  Print the version\n')
    expect(stdout.endsWith('2 on a usage error, a refusal or an internal fault.\n')).toBe(true)
  })

  test('the version is the package\'s', async () => {
    const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    for (const ask of ['-v', '--version']) expect(await runCli([ask], repoRoot)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
  })

  test.each(['nope', 'constructor', '__proto__', 'toString', 'Check'])('an unknown command, even the name of an object\'s own property: %s', async (command) => {
    expect(await runCli([command], repoRoot)).toEqual({ code: 2, stdout: '', stderr: `clausewright: unknown command \`${command}\`, expected one of \`check\`, \`build\`, \`diff\`, \`release\`, \`show\`, \`init\`, \`import\`\n${usageHint}` })
  })

  test('a command line that tries to drive the terminal is shown, not obeyed', async () => {
    expect((await runCli(['\u001b[2J\u009b'], repoRoot)).stderr).toBe(`clausewright: unknown command \`\u241b[2J\ufffd\`, expected one of \`check\`, \`build\`, \`diff\`, \`release\`, \`show\`, \`init\`, \`import\`\n${usageHint}`)
  })

  test('an option the command does not know is a usage error, exit 2', async () => {
    expect(await runCli(['check', '--nope'], repoRoot)).toEqual({ code: 2, stdout: '', stderr: `clausewright: Unknown option '--nope'\n${usageHint}` })
  })

  test('a usage error found by the command itself carries the usage hint', async () => {
    expect(await runCli(['check', '--base=-x'], repoRoot)).toEqual({ code: 2, stdout: '', stderr: `clausewright: unexpected --base \`-x\`, expected a git ref (a branch, a tag or a commit), which never starts with \`-\`\n${usageHint}` })
  })

  test('a refusal is exit 2 without the usage hint', async () => {
    const ref = 'refs/heads/no-such-branch-of-a-test'
    expect(await runCli(['check', '--base', ref], repoRoot, { PATH: process.env['PATH'] ?? '' })).toEqual({
      code: 2,
      stdout: '',
      stderr: `clausewright: cannot compare with --base: the git ref \`${ref}\` does not exist (or names no commit); fetch it first (\`git fetch origin <branch>\`)\n`,
    })
  })
})

describe('reportingOptions', () => {
  const io = (env: Record<string, string | undefined> = {}, isTty = false): Io => ({ stdout: () => undefined, stderr: () => undefined, env, cwd: repoRoot, isTty })

  test('the format given, or github under GitHub Actions, else pretty', () => {
    expect(reportingOptions({ format: 'json' }, io({ GITHUB_ACTIONS: 'true' }))).toEqual({ format: 'json', color: false })
    expect(reportingOptions({}, io({ GITHUB_ACTIONS: 'true' }))).toEqual({ format: 'github', color: false })
    expect(reportingOptions({}, io({ GITHUB_ACTIONS: 'false' }))).toEqual({ format: 'pretty', color: false })
    expect(reportingOptions({}, io())).toEqual({ format: 'pretty', color: false })
  })

  test('an unknown format, a date not YYYY-MM-DD', () => {
    expect(() => reportingOptions({ format: 'xml' }, io())).toThrow(new UsageError('unknown format `xml`, expected one of pretty, json, github'))
    expect(() => reportingOptions({ format: 'xml' }, io())).toThrow(UsageError)
    expect(() => reportingOptions({ today: '2020-1-01' }, io())).toThrow(new UsageError('unexpected --today `2020-1-01`, expected a date that exists, YYYY-MM-DD'))
    expect(() => reportingOptions({ today: '2020-1-01' }, io())).toThrow(UsageError)
    expect(reportingOptions({ today: '2020-01-01' }, io())).toEqual({ format: 'pretty', today: '2020-01-01', color: false })
  })

  test('colour when asked, else on a terminal without NO_COLOR (even empty)', () => {
    expect(reportingOptions({ color: true }, io()).color).toBe(true)
    expect(reportingOptions({ color: false }, io({}, true)).color).toBe(false)
    expect(reportingOptions({}, io({}, true)).color).toBe(true)
    expect(reportingOptions({}, io({ NO_COLOR: '' }, true)).color).toBe(false)
    expect(reportingOptions({}, io({}, false)).color).toBe(false)
    expect(reportingOptions({}, io({}, false), true).color).toBe(true)
    expect(reportingOptions({}, io({}, true), false).color).toBe(false)
  })
})

test.each([
  ['2020-02-29', true],
  ['2020-2-29', false],
  // A date that does not exist: a release recorded on it broke every later check.
  ['2021-02-29', false],
  ['2020-04-31', false],
  ['2020-13-01', false],
  ['2020-02-29x', false],
  ['x2020-02-29', false],
  ['20200-02-29', false],
  ['2020-02-29\n', false],
  ['', false],
])('isVersionDate(%j) is %s', (value, expected) => {
  expect(isVersionDate(value)).toBe(expected)
})

describe('assertPlainText', () => {
  test('text of every kind a person types passes, and an option not given', () => {
    expect(() => assertPlainText({ summary: 'Tabs\tand\nlines, “quotes”, émoji 😀', title: undefined })).not.toThrow()
  })

  test('each character refused is named with its option, its position in characters, its code and its rule', () => {
    expect(() => assertPlainText({ summary: '😀a\u0007b', title: undefined, note: 'ok\u202e and \u000b' })).toThrow(
      new UsageError(
        [
          'unexpected characters on the command line, expected text:',
          '  --summary, character 3: U+0007, control character [forbidden-character]',
          '  --note, character 3: U+202E, invisible character RIGHT-TO-LEFT OVERRIDE [invisible-character]',
          '  --note, character 9: U+000B, control character (a vertical tab, often pasted from a word processor) [forbidden-character]',
        ].join('\n'),
      ),
    )
  })
})

test('printErrors prints the errors alone, with their code frames', () => {
  let printed = ''
  const io: Io = { stdout: () => undefined, stderr: (text) => (printed += text), env: {}, cwd: repoRoot }
  const span = { start: { line: 1, column: 8 }, end: { line: 1, column: 10 } }
  printErrors(io, {
    diagnostics: [diagnostic('yaml-1-1-boolean', 'policy/p.yaml', span, 'A warning'), diagnostic('yaml-duplicate-key', 'policy/p.yaml', span, 'An error')],
    sources: [{ path: 'policy/p.yaml', name: 'p.yaml', text: 'answer: no\n' }],
  })
  expect(printed).toBe('policy/p.yaml:1:8 error An error [yaml-duplicate-key]\n> 1 | answer: no\n    |        ^^\n  2 | \n\nHow to fix each kind of problem:\n  docs/rules/yaml-duplicate-key.md\n\n1 error.\n')
})
