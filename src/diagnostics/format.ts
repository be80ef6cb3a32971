import { styleText } from 'node:util'
import { ruleDocsPath } from './rule-docs.ts'
import { countOf } from './words.ts'
import { compareStrings, type Diagnostic, type Severity } from './diagnostic.ts'
import { type DiagnosticLimits, limitDiagnostics } from './limit-diagnostics.ts'

export type Format = 'pretty' | 'json' | 'github'
export const formats: readonly Format[] = ['pretty', 'json', 'github']

export interface FormatOptions {
  /** File texts by display path, for code frames. */
  readonly texts?: ReadonlyMap<string, string>
  readonly color?: boolean
  /** How many diagnostics of a rule to show (default: `diagnosticBudgets`). */
  readonly limits?: DiagnosticLimits
}

/** The texts of the files read, by display path: what code frames are cut from. */
export function sourceTexts(files: ReadonlyArray<{ readonly path: string; readonly text: string }>): ReadonlyMap<string, string> {
  return new Map(files.map((file) => [file.path, file.text]))
}

/** A report of the diagnostics, in their order, a flood of one rule cut short (see `limitDiagnostics`). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format, options: FormatOptions = {}): string {
  const shown = limitDiagnostics(diagnostics, options.limits)
  switch (format) {
    case 'json':
      return `${JSON.stringify(shown.map(toJson), null, 2)}\n`
    case 'github':
      // GitHub shows ten annotations of each kind in a run: the count says how many there are.
      return `${shown.map(toGithub).join('')}${countLine(shown)}\n`
    case 'pretty':
      return formatPretty(shown, options)
  }
}

/** The JSON form: flat, with 1-based positions, stable key order. */
export function toJson(diagnostic: Diagnostic): Record<string, unknown> {
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    file: diagnostic.file,
    line: diagnostic.span?.start.line ?? null,
    column: diagnostic.span?.start.column ?? null,
    endLine: diagnostic.span?.end.line ?? null,
    endColumn: diagnostic.span?.end.column ?? null,
    message: diagnostic.message,
    hint: diagnostic.hint ?? null,
    docs: ruleDocsPath(diagnostic.ruleId),
    ...(diagnostic.omitted !== undefined && { omitted: diagnostic.omitted }),
    ...(diagnostic.expected && { expected: diagnostic.expected }),
    ...(diagnostic.related && {
      related: { file: diagnostic.related.file, line: diagnostic.related.span?.start.line ?? null, column: diagnostic.related.span?.start.column ?? null, message: diagnostic.related.message },
    }),
  }
}

const githubCommand: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' }

/** A GitHub Actions workflow command, escaped as the runner expects. */
function toGithub(diagnostic: Diagnostic): string {
  const properties = [`file=${escapeProperty(diagnostic.file)}`]
  if (diagnostic.span) {
    properties.push(`line=${diagnostic.span.start.line}`, `col=${diagnostic.span.start.column}`, `endLine=${diagnostic.span.end.line}`, `endColumn=${diagnostic.span.end.column}`)
  }
  properties.push(`title=${escapeProperty(`clausewright ${diagnostic.ruleId}`)}`)
  const text = [diagnostic.message, ...(diagnostic.hint ? [diagnostic.hint] : []), `How to fix it: ${ruleDocsPath(diagnostic.ruleId)}`].join('\n')
  return `::${githubCommand[diagnostic.severity]} ${properties.join(',')}::${escapeData(text)}\n`
}

// The Actions log is a terminal too: a control character of the policy is shown, not obeyed
// (a carriage return too, as U+240D: only the line feed is left to escape).
function escapeData(value: string): string {
  return printable(value).replaceAll('%', '%25').replaceAll('\n', '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

// A terminal obeys C0 and C1 controls (an escape sequence can clear the screen, retitle the window,
// or hide the lines before it) and a bidirectional control reorders what follows. Each is shown as
// one visible symbol, so that the caret under a code frame still points at it: a C0 control as its
// Unicode control picture (U+241B for ESC), DEL as U+2421, the others as U+FFFD.
// eslint-disable-next-line no-control-regex -- control characters are what it replaces
const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Text made safe to print on a terminal, one symbol for each character replaced. */
export function printable(text: string): string {
  return text.replace(unprintable, (character) => {
    const code = character.charCodeAt(0)
    return code <= 0x1f ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd'
  })
}

type Style = 'red' | 'yellow' | 'cyan' | 'dim' | 'bold'

function formatPretty(diagnostics: readonly Diagnostic[], { texts, color = false }: FormatOptions): string {
  // `--color`/`--no-color` (or the terminal and NO_COLOR) decided already: styleText must not look at process.stdout again.
  const paint = (style: Style, text: string): string => (color ? styleText(style, printable(text), { validateStream: false }) : printable(text))
  const severityColor: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' }
  const blocks = diagnostics.map((diagnostic) => {
    const place = diagnostic.span ? `${diagnostic.file}:${diagnostic.span.start.line}:${diagnostic.span.start.column}` : diagnostic.file
    const lines = [`${paint('bold', place)} ${paint(severityColor[diagnostic.severity], diagnostic.severity)} ${printable(diagnostic.message)} ${paint('dim', `[${diagnostic.ruleId}]`)}`]
    const text = texts?.get(diagnostic.file)
    if (text !== undefined && diagnostic.span) lines.push(...codeFrame(text, diagnostic.span.start, diagnostic.span.end).map((line) => paint('dim', line)))
    if (diagnostic.hint) lines.push(...diagnostic.hint.split('\n').map((line, index) => `  ${index === 0 ? 'hint: ' : '      '}${printable(line)}`))
    if (diagnostic.related) {
      const where = diagnostic.related.span ? `${diagnostic.related.file}:${diagnostic.related.span.start.line}:${diagnostic.related.span.start.column}` : diagnostic.related.file
      lines.push(printable(`  see: ${where} (${diagnostic.related.message})`))
    }
    return lines.join('\n')
  })
  // Each rule's page once, before the summary, rather than under every one of its diagnostics.
  const documented = [...new Set(diagnostics.map((diagnostic) => diagnostic.ruleId))].sort(compareStrings).map((ruleId) => `  ${ruleDocsPath(ruleId)}`)
  const docs = documented.length === 0 ? [] : [['How to fix each kind of problem:', ...documented].join('\n')]
  return `${[...blocks, ...docs, countLine(diagnostics)].join('\n\n')}\n`
}

/** "2 errors, 1 warning.", or "No problems found.": a diagnostic that stands for those left out counts them. */
export function countLine(diagnostics: readonly Diagnostic[]): string {
  const counts = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, diagnostics.reduce((count, diagnostic) => count + (diagnostic.severity === severity ? (diagnostic.omitted ?? 1) : 0), 0)] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => countOf(count, severity))
  return counts.length === 0 ? 'No problems found.' : `${counts.join(', ')}.`
}

/** The lines around a span, with a gutter and a caret line under the first line of the span. */
export function codeFrame(text: string, start: { line: number; column: number }, end: { line: number; column: number }): string[] {
  const lines = text.split('\n')
  const first = Math.max(1, start.line - 1)
  const last = Math.min(lines.length, start.line + 1)
  const width = String(last).length
  const window = 100
  // On a long line (prose is one line per paragraph), show the part around the column.
  const offset = Math.max(0, start.column - 1 - window / 2)
  const clip = (line: string): string => {
    const part = line.slice(offset, offset + window)
    return `${offset > 0 && line.length > 0 ? '…' : ''}${part}${line.length > offset + window ? '…' : ''}`
  }
  const frame: string[] = []
  for (let number = first; number <= last; number++) {
    // Stryker disable next-line StringLiteral: never used, every line number shown is one of the text's (first ≥ 1, last ≤ its count)
    const raw = lines[number - 1] ?? ''
    const line = printable(raw.replace(/\r$/, '').replaceAll('\t', ' '))
    frame.push(`${number === start.line ? '>' : ' '} ${String(number).padStart(width)} | ${clip(line)}`)
    if (number === start.line) {
      // An empty span (or one ending before it starts) still gets its one caret, from the length's lower bound.
      const caretEnd = end.line === start.line ? end.column : line.length + 1
      const length = Math.max(1, Math.min(caretEnd - start.column, offset + window - (start.column - 1)))
      const lead = start.column - 1 - offset + (offset > 0 ? 1 : 0)
      frame.push(`  ${' '.repeat(width)} | ${' '.repeat(lead)}${'^'.repeat(length)}`)
    }
  }
  return frame
}
