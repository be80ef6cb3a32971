import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin', 'clausewright.js')
const temporary = removedAfterAll()

interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the real CLI in a child process, as a user would, with a controlled environment. */
async function clausewright(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Result> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ...options.env }
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string }
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr }
  }
}

/**
 * The same CLI, its main() in this process (runCli): for what it says of a policy, which a child
 * process does not change but costs a Node start and a load of the compiler each time.
 */
async function inProcess(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Result> {
  return runCli(args, options.cwd ?? repoRoot, options.env)
}

async function brokenPolicy(): Promise<string> {
  const directory = await makePolicy({
    description: 'a misspelt lawful basis and a missing email',
    replace: [
      { file: 'data.yaml', find: 'lawfulBasis: [consent]', with: 'lawfulBasis: [consnt]' },
      { file: 'policy.yaml', find: '    email: privacy@example.com\n', with: '' },
    ],
  })
  temporary.push(directory)
  return directory
}

describe('clausewright check', () => {
  test('exits 0 on the OPTSM policy, with its warnings', async () => {
    const result = await clausewright(['check', '--today', '2026-11-25'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^policy\/clauses\/children\.md:6:447 warning Missing email address of contact `children`/m)
    expect(result.stdout).toMatch(/\d+ warnings, 2 infos\.\n$/)
    expect(result.stderr).toBe('')
  })

  test('exits 1 on errors, with a code frame in the pretty format', async () => {
    const cwd = await brokenPolicy()
    const result = await inProcess(['check', '--format', 'pretty', '--today', '2026-01-01'], { cwd })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('policy/data.yaml:15:19 error Unexpected `consnt` in `purposes[0].lawfulBasis[0]`')
    expect(result.stdout).toContain('> 15 |     lawfulBasis: [consnt]\n     |                   ^^^^^^')
    expect(result.stdout).toContain('hint: Did you mean `consent`?')
    expect(result.stdout).toMatch(/2 errors, 1 warning\.\n$/)
  })

  test('json lists every diagnostic with its position', async () => {
    const cwd = await brokenPolicy()
    const result = await inProcess(['check', '--format', 'json', '--today', '2026-01-01'], { cwd })
    expect(result.code).toBe(1)
    const diagnostics = JSON.parse(result.stdout) as Array<Record<string, unknown>>
    expect(diagnostics.map((item) => [item['ruleId'], item['file'], item['line'], item['column'], item['severity']])).toEqual([
      ['contact-email-missing', 'policy/clauses/rights.md', 8, 10, 'warning'],
      ['schema-enum', 'policy/data.yaml', 15, 19, 'error'],
      ['controller-identity', 'policy/policy.yaml', 11, 1, 'error'],
    ])
  })

  test('github prints workflow annotations, and is the default under GitHub Actions', async () => {
    const cwd = await brokenPolicy()
    const result = await inProcess(['check', '--today', '2026-01-01'], { cwd, env: { GITHUB_ACTIONS: 'true' } })
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')).toContain(
      '::error file=policy/data.yaml,line=15,col=19,endLine=15,endColumn=25,title=clausewright schema-enum::Unexpected `consnt` in `purposes[0].lawfulBasis[0]`, expected one of `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests`%0ADid you mean `consent`?%0AHow to fix it: docs/rules/schema-enum.md',
    )
    expect(result.stdout).toMatch(/^::warning file=policy\/clauses\/rights\.md,line=8,col=10,/m)
  })

  test('github ends with the count, and writes every diagnostic to the job summary, after what is there', async () => {
    // GitHub shows ten annotations of each kind: on the OPTSM policy, 7 of its 17 warnings were lost.
    const summaries = await makePolicy()
    temporary.push(summaries)
    const file = path.join(summaries, 'summary.md')
    await writeFile(file, 'An earlier step.\n')
    const result = await inProcess(['check', '--format', 'github', '--today', '2026-11-25'], { env: { GITHUB_STEP_SUMMARY: file } })
    expect(result.code).toBe(0)
    expect(result.stdout.match(/^::warning /gm)).toHaveLength(17)
    expect(result.stdout.endsWith('\n17 warnings, 2 infos.\n')).toBe(true)
    const summary = await readFile(file, 'utf8')
    expect(summary.startsWith('An earlier step.\n### clausewright check: 17 warnings, 2 infos.\n')).toBe(true)
    expect(summary.match(/^\| \d+:\d+ \| warning \| `/gm)).toHaveLength(17)
    expect(summary.match(/^\| [\d:]* \| info \| `/gm)).toHaveLength(2)
    // Without --format github, or outside a job, nothing is written; a summary that cannot be written is a warning.
    await inProcess(['check', '--format', 'pretty', '--today', '2026-11-25'], { env: { GITHUB_STEP_SUMMARY: file } })
    expect(await readFile(file, 'utf8')).toBe(summary)
    const unwritable = await inProcess(['check', '--format', 'github', '--today', '2026-11-25'], { env: { GITHUB_STEP_SUMMARY: path.join(file, 'inside-a-file.md') } })
    expect(unwritable.code).toBe(0)
    expect(unwritable.stderr).toMatch(/^clausewright: warning: the job summary could not be written to .*inside-a-file\.md \(ENOTDIR: not a directory, open '.*'\)\n$/)
  })

  test('--dir points at another policy directory', async () => {
    const result = await inProcess(['check', '--dir', 'test/fixtures/base/policy', '--today', '2026-01-01'])
    expect(result).toEqual({ code: 0, stdout: 'No problems found.\n', stderr: '' })
  })

  test('a missing directory is a diagnostic, exit 1', async () => {
    const result = await inProcess(['check', '--dir', 'no/such/dir', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject([{ ruleId: 'policy-dir-missing', file: 'no/such/dir' }])
  })

  test('--rules lists every rule', async () => {
    const result = await inProcess(['check', '--rules'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^unsafe-url +error +A URL with a scheme/m)
  })

  test('colour only when asked or on a terminal', async () => {
    const cwd = await brokenPolicy()
    const plain = await inProcess(['check', '--today', '2026-01-01'], { cwd })
    const colored = await inProcess(['check', '--color', '--today', '2026-01-01'], { cwd })
    expect(plain.stdout).not.toContain('\u001b[')
    expect(colored.stdout).toContain('\u001b[31merror\u001b[39m')
  })
})

// What the CLI prints is the same in this process; a child process, which costs a Node start and a
// load of the compiler, is kept for what only a process shows (exit status, no stack trace).
describe('usage', () => {
  test('--help describes every command and option', async () => {
    const main = await inProcess(['--help'])
    expect(main.code).toBe(0)
    expect(main.stdout).toContain('check      Check the policy')
    const check = await inProcess(['check', '--help'])
    expect(check.code).toBe(0)
    for (const option of ['--dir', '--format', '--today', '--color', '--rules', '--help']) expect(check.stdout).toContain(option)
    expect(main.stdout).toContain('build      Check the policy, then write')
    const build = await inProcess(['build', '--help'])
    expect(build.code).toBe(0)
    for (const option of ['--dir', '--out', '--format', '--today', '--color', '--quiet', '--help']) expect(build.stdout).toContain(option)
  })

  test('--version prints the package version', async () => {
    const result = await inProcess(['--version'])
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  test.each([
    [['frobnicate'], 'unknown command `frobnicate`'],
    [['check', '--colour'], "Unknown option '--colour'"],
    [['check', '--format', 'xml'], 'unknown format `xml`'],
    [['check', '--today', 'tomorrow'], 'unexpected --today `tomorrow`'],
    [['check', 'extra'], "Unexpected argument 'extra'"],
  ])('%j is a usage error, exit 2', async (args, message) => {
    const result = await inProcess(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  test('no command prints the help, exit 2', async () => {
    const result = await clausewright([])
    expect(result.code).toBe(2)
    expect(result.stdout).toContain('Usage: clausewright <command>')
  })
})
