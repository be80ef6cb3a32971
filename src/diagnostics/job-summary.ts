import { escapeMarkdown, messageCodeSpan } from './escape-markdown.ts'
import type { Diagnostic } from './diagnostic.ts'
import { countLine, printable } from './format.ts'
import { limitDiagnostics } from './limit-diagnostics.ts'
import { ruleDocsPath } from './rule-docs.ts'

/** GitHub refuses a job summary over 1 MiB (of UTF-8): the summary stops short of it, and says so. */
export const jobSummaryLimit = 1024 * 1024 - 4096

/**
 * A Markdown job summary of a run (`$GITHUB_STEP_SUMMARY`): the count, then every diagnostic
 * grouped by file, in the report's order, a flood of one rule cut short as in every report. Where
 * GitHub shows ten annotations of a kind, the summary shows them all. Every string of the policy is
 * text: escaped for Markdown and HTML, the code spans of the messages kept as code.
 */
export function formatJobSummary(diagnostics: readonly Diagnostic[], title: string): string {
  const shown = limitDiagnostics(diagnostics)
  const files = new Map<string, Diagnostic[]>()
  for (const diagnostic of shown) files.set(diagnostic.file, [...(files.get(diagnostic.file) ?? []), diagnostic])
  const head = `### ${escapeMarkdown(title)}: ${countLine(shown)}\n`
  const sections = [...files].map(([file, items]) => {
    const rows = items.map((item) => {
      const place = item.span ? `${item.span.start.line}:${item.span.start.column}` : ''
      const problem = [item.message, ...(item.hint ? [item.hint] : [])].map((text) => cell(printable(text))).join('<br>')
      return `| ${place} | ${item.severity} | \`${item.ruleId}\` | ${problem} | \`${ruleDocsPath(item.ruleId)}\` |`
    })
    return [`#### ${escapeMarkdown(printable(file))}`, '', '| Line | Severity | Rule | Problem | How to fix it |', '| --- | --- | --- | --- | --- |', ...rows].join('\n')
  })
  let summary = head
  // GitHub measures the file, in bytes: a character of a policy in Greek or Japanese is two or three.
  let bytes = Buffer.byteLength(head)
  for (const [index, section] of sections.entries()) {
    const next = `\n${section}\n`
    bytes += Buffer.byteLength(next)
    if (bytes > jobSummaryLimit) {
      summary += `\nThe summary stops here, before ${sections.length - index} of ${sections.length} files, at GitHub's limit: run \`clausewright check\` to see every problem.\n`
      break
    }
    summary += next
  }
  return summary
}

/**
 * Text in a cell of a GitHub table: escaped as Markdown and HTML but for the code spans of a
 * message (ids, quoted values: read as written), whose pipes are escaped too (a pipe ends a cell
 * even inside a code span), its line breaks as <br>.
 */
function cell(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(messageCodeSpan)
        .map((part, index) => (index % 2 === 1 ? part.replaceAll('|', '\\|') : escapeMarkdown(part)))
        .join(''),
    )
    .join('<br>')
}
