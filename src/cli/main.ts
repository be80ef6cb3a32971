import packageJson from '../../package.json' with { type: 'json' }
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { printable } from '../diagnostics/format.ts'
import { describeMachineFault, machineFaultOf } from '../diagnostics/machine-fault.ts'
import { type Command, type Io, UsageError } from './shared.ts'

export type { Io }

// Each command loads only what it needs: `check` runs on every save, and should not pay for the
// renderer, the differ or Astro.
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import('./commands/check.ts')).runCheck,
  build: async () => (await import('./commands/build.ts')).runBuild,
  diff: async () => (await import('./commands/diff.ts')).runDiff,
  release: async () => (await import('./commands/release.ts')).runRelease,
  show: async () => (await import('./commands/show.ts')).runShow,
  init: async () => (await import('./commands/init.ts')).runInit,
  import: async () => (await import('./commands/import.ts')).runImport,
}

const mainHelp = `Usage: clausewright <command> [options]

A privacy policy kept as code: validate it, render it, publish it.

Commands:
  check      Check the policy in policy/ and report every problem
  build      Check the policy, then write index.html, policy.json, policy.jsonld, versions to dist/
  diff       Show what changed between two versions (by default: the last release and the draft)
  release    Record the working source as a new released version in policy/releases/
  show       Print the version in force on a date (--as-of YYYY-MM-DD)
  init       Write a new policy to fill in (--name "Acme Ltd"), into an empty directory
  import     Turn a published policy (Markdown or an HTML page) into a policy directory

Options:
  -h, --help     Show this help (or \`clausewright <command> --help\`)
  -v, --version  Print the version

Exit status: 0 without errors, 1 when the policy has errors or the machine refused a write (a full
disk, a read-only file system), 2 on a usage error, a refusal or an internal fault.
`

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    // Messages quote the command line and paths, which are untrusted: they reach the terminal as
    // visible symbols, never as control sequences.
    const say = (text: string) => io.stderr(printable(text))
    if (error instanceof UsageError || isParseArgsError(error)) {
      say(`clausewright: ${(error as Error).message}\nRun \`clausewright --help\` for usage.\n`)
      return 2
    }
    // A full disk, a read-only file system, a directory that may not be written: the machine's
    // fault, said as such with its path (exit 1, as a build that could not be completed).
    const fault = machineFaultOf(error)
    if (fault) {
      say(`clausewright: ${error instanceof ClausewrightError ? error.message : `could not complete the command: ${describeMachineFault(fault)}`}\n`)
      return 1
    }
    if (error instanceof ClausewrightError) {
      say(`clausewright: ${error.message}\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    say(`clausewright: internal error: ${message}\nThis is a bug in Clausewright, not in your policy; please report it with the command you ran.\n`)
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
  const load = Object.hasOwn(commands, command) ? commands[command] : undefined
  if (!load) throw new UsageError(`unknown command \`${command}\`, expected one of ${Object.keys(commands).map((name) => `\`${name}\``).join(', ')}`)
  return (await load())(rest, io)
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}
