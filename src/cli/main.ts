import { parseArgs } from 'node:util'
import { checkPolicy } from '../check.ts'
import { hasErrors } from '../diagnostics/diagnostic.ts'
import { type Format, formatDiagnostics, formats } from '../diagnostics/format.ts'
import { ruleIds, rules } from '../diagnostics/rules.ts'
import { readPolicy } from '../source/read-policy.ts'
import packageJson from '../../package.json' with { type: 'json' }

export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly isTty?: boolean
}

const mainHelp = `Usage: clausewright <command> [options]

A privacy policy kept as code: validate it, render it, publish it.

Commands:
  check      Check the policy in policy/ and report every problem

Options:
  -h, --help     Show this help (or \`clausewright <command> --help\`)
  -v, --version  Print the version

Exit status: 0 without errors, 1 when the policy has errors, 2 on a usage error or an internal fault.
`

const checkHelp = `Usage: clausewright check [--dir policy] [--format pretty|json|github] [--today YYYY-MM-DD]

Reads every file of the policy (policy.yaml, data.yaml, clauses/*.md), validates it against the
schemas in schema/ and the semantic rules, and reports every problem with its file, line, column
and rule id.

Options:
  --dir <path>        The policy directory (default: policy)
  --format <name>     pretty: messages with code frames (default on a terminal)
                      json:   an array of diagnostics, for tools
                      github: GitHub Actions annotations (default when GITHUB_ACTIONS=true)
  --today <date>      The date that "in the future" is judged against (default: today, UTC)
  --color, --no-color Colour the pretty output (default: on a terminal, unless NO_COLOR is set)
  --rules             List the rules with their ids and severities, and exit
  -h, --help          Show this help

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, 2 on a
usage error or an internal fault.
`

class UsageError extends Error {}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(`clausewright: ${(error as Error).message}\nRun \`clausewright --help\` for usage.\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`clausewright: internal error: ${message}\nThis is a bug in Clausewright, not in your policy; please report it with the command you ran.\n`)
    return 2
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(mainHelp)
    return command === undefined ? 2 : 0
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${packageJson.version}\n`)
    return 0
  }
  switch (command) {
    case 'check':
      return runCheck(rest, io)
    default:
      throw new UsageError(`unknown command \`${command}\`, expected \`check\``)
  }
}

async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      dir: { type: 'string', default: 'policy' },
      format: { type: 'string' },
      today: { type: 'string' },
      color: { type: 'boolean' },
      rules: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(checkHelp)
    return 0
  }
  if (values.rules) {
    const width = Math.max(...ruleIds.map((id) => id.length))
    io.stdout(`${ruleIds.map((id) => `${id.padEnd(width)}  ${rules[id].severity.padEnd(7)}  ${rules[id].description}`).join('\n')}\n`)
    return 0
  }
  const format = (values.format ?? (io.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty')) as Format
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`)
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`unexpected --today \`${values.today}\`, expected YYYY-MM-DD`)

  const sources = await readPolicy(values.dir, { cwd: io.cwd })
  const { diagnostics, files } = checkPolicy(sources, values.today === undefined ? {} : { today: values.today })
  const color = values.color ?? (io.isTty === true && io.env['NO_COLOR'] === undefined)
  io.stdout(formatDiagnostics(diagnostics, format, { texts: new Map(files.map((file) => [file.path, file.text])), color }))
  return hasErrors(diagnostics) ? 1 : 0
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
