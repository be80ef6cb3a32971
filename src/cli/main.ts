import { parseArgs } from 'node:util'
import { checkPolicy } from '../check.ts'
import { compile } from '../compile/compile.ts'
import { ClausewrightError, hasErrors } from '../diagnostics/diagnostic.ts'
import { writeOutput } from '../emit/write-output.ts'
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
  readonly isStderrTty?: boolean
}

const mainHelp = `Usage: clausewright <command> [options]

A privacy policy kept as code: validate it, render it, publish it.

Commands:
  check      Check the policy in policy/ and report every problem
  build      Check the policy, then write index.html, policy.json and policy.jsonld to dist/

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

const buildHelp = `Usage: clausewright build [--dir policy] [--out dist] [--format pretty|json|github] [--quiet]

Checks the policy as \`check\` does and, when it has no errors, writes its artefacts:
  index.html       the policy as one page (no JavaScript; JSON-LD embedded)
  policy.json      the canonical policy document (schema/policy-document.schema.json)
  policy.jsonld    the policy as JSON-LD (schema.org and the W3C Data Privacy Vocabulary)
  schema/          the published JSON Schemas
The output is built in a temporary directory and moved into place: a failed build leaves the
previous output as it was. With errors, nothing is written and the errors are printed.

Options:
  --dir <path>        The policy directory (default: policy)
  --out <path>        The output directory (default: dist); it is replaced as a whole
  --format <name>     How to print diagnostics: pretty, json or github (as for check)
  --today <date>      The date that "in the future" is judged against (default: today, UTC)
  --color, --no-color Colour the pretty output
  --quiet             Print errors only: no warnings, no progress
  -h, --help          Show this help

Diagnostics and progress go to standard error. Exit status: 0 when the output was written, 1 when
the policy has errors, 2 on a usage error or an internal fault.
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
    if (error instanceof ClausewrightError) {
      io.stderr(`clausewright: ${error.message}\n`)
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
    case 'build':
      return runBuild(rest, io)
    default:
      throw new UsageError(`unknown command \`${command}\`, expected \`check\` or \`build\``)
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
  const { format, today, color } = reportingOptions(values, io)
  const sources = await readPolicy(values.dir, { cwd: io.cwd })
  const { diagnostics, files } = checkPolicy(sources, today === undefined ? {} : { today })
  io.stdout(formatDiagnostics(diagnostics, format, { texts: new Map(files.map((file) => [file.path, file.text])), color }))
  return hasErrors(diagnostics) ? 1 : 0
}

async function runBuild(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: {
      dir: { type: 'string', default: 'policy' },
      out: { type: 'string', default: 'dist' },
      format: { type: 'string' },
      today: { type: 'string' },
      color: { type: 'boolean' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(buildHelp)
    return 0
  }
  const { format, today, color } = reportingOptions(values, io, io.isStderrTty)
  const started = performance.now()
  const elapsed = (): string => `${Math.round(performance.now() - started)} ms`
  const progress = (text: string): void => {
    if (!values.quiet) io.stderr(`${text}\n`)
  }

  const sources = await readPolicy(values.dir, { cwd: io.cwd })
  progress(`clausewright: read ${sources.clauses.length + 2} files from ${values.dir} (${elapsed()})`)
  const result = compile(sources, today === undefined ? {} : { today })
  const shown = values.quiet ? result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : result.diagnostics
  if (shown.length > 0 || format === 'json') io.stderr(formatDiagnostics(shown, format, { texts: new Map(result.sources.map((file) => [file.path, file.text])), color }))
  if (!result.output) {
    io.stderr(`clausewright: the policy has errors; nothing was written to ${values.out}\n`)
    return 1
  }
  progress(`clausewright: compiled ${result.output.document.clauses.length} clauses (${elapsed()})`)
  await writeOutput(values.out, result.output.files, { cwd: io.cwd, policyDirectory: values.dir })
  progress(`clausewright: wrote ${result.output.files.size} files to ${values.out} (${elapsed()})`)
  return 0
}

function reportingOptions(values: { format?: string | undefined; today?: string | undefined; color?: boolean | undefined }, io: Io, isTty = io.isTty): { format: Format; today?: string; color: boolean } {
  const format = (values.format ?? (io.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty')) as Format
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`)
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError(`unexpected --today \`${values.today}\`, expected YYYY-MM-DD`)
  const color = values.color ?? (isTty === true && io.env['NO_COLOR'] === undefined)
  return { format, ...(values.today !== undefined && { today: values.today }), color }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
