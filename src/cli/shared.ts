import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { type Format, formatDiagnostics, formats, sourceTexts } from '../diagnostics/format.ts'
import type { SourceFile } from '../source/source-file.ts'

/** What a command may touch of the world: given by bin/clausewright.js, faked by tests. */
export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly isTty?: boolean
  readonly isStderrTty?: boolean
}

/** A mistake in the command line: exit status 2, with the help pointer. */
export class UsageError extends Error {}

export type Command = (argv: readonly string[], io: Io) => Promise<number>

export function isVersionDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
}

export function reportingOptions(values: { format?: string | undefined; today?: string | undefined; color?: boolean | undefined }, io: Io, isTty = io.isTty): { format: Format; today?: string; color: boolean } {
  const format = (values.format ?? (io.env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'pretty')) as Format
  if (!formats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${formats.join(', ')}`)
  if (values.today !== undefined && !isVersionDate(values.today)) throw new UsageError(`unexpected --today \`${values.today}\`, expected YYYY-MM-DD`)
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
