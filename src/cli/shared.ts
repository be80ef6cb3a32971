import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import type { AstroRunner } from '../astro/build-site.ts'
import { isCalendarDate, todayInUtc } from '../model/calendar-date.ts'
import { formatJobSummary } from '../diagnostics/job-summary.ts'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { type Format, formatDiagnostics, formats, printable, sourceTexts } from '../diagnostics/format.ts'
import { characterKind, findCharacterProblems } from '../source/find-invisible-characters.ts'
import type { SourceFile } from '../source/source-file.ts'

/** What a command may touch of the world: given by bin/clausewright.js, faked by tests. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly isTty?: boolean
  readonly isStderrTty?: boolean
  /** How `build` runs Astro's build of the site: a child process (runAstroBuild) unless a test gives another. */
  readonly runAstro?: AstroRunner
}

/** A mistake in the command line: exit status 2, with the help pointer. */
export class UsageError extends Error {}

export type Command = (argv: readonly string[], io: Io) => Promise<number>

/**
 * Refuses (as a usage error) text options that hold a character the policy files may not: text
 * given on the command line is published like policy text. Each character is named by its code
 * point and its position (1-based, in characters), never printed, so that the message cannot carry
 * an escape sequence to the terminal.
 */
export function assertPlainText(options: Readonly<Record<string, string | undefined>>): void {
  const lines = Object.entries(options).flatMap(([option, value]) =>
    value === undefined
      ? []
      : findCharacterProblems(value).map((problem) => {
          const position = [...value.slice(0, problem.index)].length + 1
          const what = `${characterKind(problem)}${problem.name ? ` ${problem.name}` : ''}${problem.character === '\u000b' ? ' (a vertical tab, often pasted from a word processor)' : ''}`
          return `  --${option}, character ${position}: ${problem.code}, ${what} [${problem.ruleId}]`
        }),
  )
  if (lines.length > 0) throw new UsageError(['unexpected characters on the command line, expected text:', ...lines].join('\n'))
}

/**
 * The options of the commands that write a new policy (`init`, `import`), refused here by their
 * name rather than written into a policy that check would then refuse.
 */
export const newPolicyOptions = {
  /** The controller's legal name, trimmed: one line of at most 200 characters. */
  name(value: string): string {
    const name = value.trim()
    if (name === '') throw new UsageError('missing --name, expected the controller’s legal name (`--name "Acme Ltd"`)')
    if (name.length > maxNameLength) throw new UsageError(`unexpected --name of ${name.length} characters, expected at most ${maxNameLength}`)
    if (/[\n\r\u2028\u2029]/.test(name)) throw new UsageError('unexpected line break in --name, expected one line')
    return name
  },
  /** A language tag of the schema's pattern (schema/policy.schema.json `language`). */
  language(value: string): string {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) throw new UsageError(`unexpected --language \`${value}\`, expected a BCP 47 language tag such as en-GB`)
    return value
  },
  /** The policy's last-updated date: one that exists, today in UTC when not given. */
  today(value: string | undefined): string {
    const today = value ?? todayInUtc()
    if (!isCalendarDate(today)) throw new UsageError(`unexpected --today \`${today}\`, expected a date that exists, YYYY-MM-DD`)
    return today
  },
}

const maxNameLength = 200

/** A date of the command line: YYYY-MM-DD, and one that exists (a release records it: 2020-02-30 would break every later check). */
export function isVersionDate(value: string): boolean {
  return isCalendarDate(value)
}

export function reportingOptions(values: { format?: string | undefined; today?: string | undefined; color?: boolean | undefined }, io: Io, isTty = io.isTty): { format: Format; today?: string; color: boolean } {
  const format = (values.format ?? (io.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty')) as Format
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`)
  if (values.today !== undefined && !isVersionDate(values.today)) throw new UsageError(`unexpected --today \`${values.today}\`, expected a date that exists, YYYY-MM-DD`)
  const color = values.color ?? (isTty === true && io.env['NO_COLOR'] === undefined)
  return { format, ...(values.today !== undefined && { today: values.today }), color }
}


/** The options every command that reads a policy and reports diagnostics takes (for parseArgs). */
export const policyOptions = {
  dir: { type: 'string', default: 'policy' },
  format: { type: 'string' },
  today: { type: 'string' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h', default: false },
} as const

/** Prints a policy's errors (not its warnings) with code frames, for commands that need a sound draft. */
export function printErrors(io: Io, result: { readonly diagnostics: readonly Diagnostic[]; readonly sources: readonly SourceFile[] }): void {
  io.stderr(formatDiagnostics(result.diagnostics.filter((item) => item.severity === 'error'), 'pretty', { texts: sourceTexts(result.sources) }))
}

/**
 * With `--format github` in a GitHub Actions job, every diagnostic also goes to the job summary
 * (`$GITHUB_STEP_SUMMARY`, appended to, as GitHub asks): GitHub shows only ten annotations of each
 * kind. A summary that cannot be written is a warning; the command's result stands.
 */
export async function writeJobSummary(io: Io, format: Format, diagnostics: readonly Diagnostic[], title: string): Promise<void> {
  const file = io.env['GITHUB_STEP_SUMMARY']
  if (format !== 'github' || !file) return
  try {
    await appendFile(path.resolve(io.cwd, file), formatJobSummary(diagnostics, title))
  } catch (error) {
    io.stderr(`clausewright: warning: the job summary could not be written to ${printable(file)} (${printable((error as Error).message)})\n`)
  }
}
