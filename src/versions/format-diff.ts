import { stripVTControlCharacters, styleText } from 'node:util'
import type { ClauseChange, DataChange, PolicyDiff, ReasonKind, WordRun } from '../model/diff.ts'
import { kindLabel } from './kind-label.ts'
import { escapeMarkdown, escapeMarkdownKeepingCode } from '../diagnostics/escape-markdown.ts'

export type DiffFormat = 'text' | 'markdown' | 'json'
export const diffFormats: readonly DiffFormat[] = ['text', 'markdown', 'json']

/** Words of unchanged text kept around each change when a diff is shown to a person. */
const contextWords = 12

export function formatDiff(diff: PolicyDiff, format: DiffFormat, options: { color?: boolean } = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(diff, null, 2)}\n`
    case 'markdown':
      return formatMarkdown(diff)
    case 'text':
      return formatText(diff, options.color ?? false)
  }
}

const title = (diff: PolicyDiff): string => `${diff.from ?? '(nothing)'} → ${diff.to}`

/** For a release compared with the one before it: what it was released as, and who decided. */
const releasedAs = (diff: PolicyDiff): string[] => (diff.recorded ? [`Released as: ${kindLabel(diff.recorded.kind, diff.recorded.decidedBy)}`] : [])

const reasonKinds: readonly ReasonKind[] = ['substantive', 'reworded', 'editorial']
const textHeadings: Readonly<Record<ReasonKind, string>> = {
  substantive: 'Substantive (readers must be told)',
  reworded: 'Reworded (wording or links: only the editor can judge, `clausewright release --kind`)',
  editorial: 'Editorial (no change to what the policy says)',
}
const markdownHeadings: Readonly<Record<ReasonKind, string>> = {
  substantive: '**Substantive changes** (readers must be told):',
  reworded: '**Reworded** (wording or links: only the editor can judge):',
  editorial: '**Editorial changes** (no change to what the policy says):',
}

/** Long unchanged runs shortened to their first and last words, so a change stays readable. */
export function abbreviate(runs: readonly WordRun[]): WordRun[] {
  return runs.map((run, index) => {
    if (run.type !== 'equal') return run
    const words = run.text.split(/(\s+)/)
    const keep = contextWords * 2
    if (words.length <= keep * 2 + 1) return run
    const head = index === 0 ? [] : words.slice(0, keep)
    const tail = index === runs.length - 1 ? [] : words.slice(-keep)
    const before = head.join('').trim()
    const after = tail.join('').trim()
    return { type: 'equal', text: `${index === 0 ? '' : run.text.match(/^\s*/)?.[0] ?? ''}${before}${before ? ' ' : ''}…${after ? ' ' : ''}${after}${index === runs.length - 1 ? '' : run.text.match(/\s*$/)?.[0] ?? ''}` }
  })
}

function formatText(diff: PolicyDiff, color: boolean): string {
  // `--color`/`--no-color` (or the terminal and NO_COLOR) decided already: styleText must not look at process.stdout again.
  const paint = (style: 'bold' | 'green' | 'red', text: string) => (color ? styleText(style, text, { validateStream: false }) : text)
  const lines = [`Changes ${title(diff)}: ${paint('bold', diff.kind)}`, ...releasedAs(diff)]
  if (diff.kind === 'initial') return `${lines.join('\n')}\nThe first release: everything in it is new.\n`
  for (const kind of reasonKinds) {
    const reasons = diff.reasons.filter((reason) => reason.kind === kind)
    if (reasons.length === 0) continue
    lines.push('', `${textHeadings[kind]}:`)
    for (const reason of reasons) lines.push(`  - ${reason.message} [${reason.code}]`)
  }
  if (diff.reasons.length === 0) lines.push('', 'No change to the content.')
  for (const clause of diff.clauses.filter((change) => change.words)) {
    lines.push('', `Clause ${clause.id}${clause.to?.title ? ` (${clause.to.title})` : ''}:`)
    const text = abbreviate(clause.words ?? [])
      .map((run) => (run.type === 'equal' ? run.text : run.type === 'insert' ? paint('green', `{+${run.text}+}`) : paint('red', `[-${run.text}-]`)))
      .join('')
    lines.push(...wrap(text, 96).map((line) => `  ${line}`))
  }
  return `${lines.join('\n')}\n`
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let current = ''
  for (const word of text.split(' ')) {
    if (current.length > 0 && visibleLength(current) + 1 + visibleLength(word) > width) {
      lines.push(current)
      current = word
    } else current = current.length > 0 ? `${current} ${word}` : word
  }
  if (current.length > 0) lines.push(current)
  return lines
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length
}

/** Markdown for a pull request: deletions struck through, insertions in bold, user text escaped. */
function formatMarkdown(diff: PolicyDiff): string {
  const lines = [`### Policy changes ${escapeMarkdown(title(diff))}: **${diff.kind}**`, ...releasedAs(diff).flatMap((line) => ['', escapeMarkdown(line)])]
  if (diff.kind === 'initial') return `${lines.join('\n')}\n\nThe first release: everything in it is new.\n`
  for (const kind of reasonKinds) {
    const reasons = diff.reasons.filter((reason) => reason.kind === kind)
    if (reasons.length === 0) continue
    lines.push('', markdownHeadings[kind], '')
    for (const reason of reasons) lines.push(`- ${escapeMarkdownKeepingCode(reason.message)}`)
  }
  if (diff.reasons.length === 0) lines.push('', 'No change to the content.')
  for (const clause of diff.clauses.filter((change) => change.words)) {
    lines.push('', `#### Clause \`${clause.id}\`${clause.to?.title ? `: ${escapeMarkdown(clause.to.title)}` : ''}`, '')
    lines.push(
      `> ${abbreviate(clause.words ?? [])
        .map((run) => {
          const text = escapeMarkdown(run.text)
          if (run.type === 'equal' || text.trim() === '') return text
          // Markers hug the words: `~~ word ~~` would not render.
          const [, lead = '', body = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? []
          return run.type === 'insert' ? `${lead}<ins>${body}</ins>${trail}` : `${lead}<del>${body}</del>${trail}`
        })
        .join('')}`,
    )
  }
  const structured = diff.data.filter((change) => change.status !== 'changed' || change.fields.length > 0)
  if (structured.length > 0) {
    lines.push('', '<details><summary>Structured data changed</summary>', '', '| item | change |', '| --- | --- |')
    for (const change of structured) lines.push(`| ${change.collection} \`${change.id}\` | ${describeDataChange(change)} |`)
    lines.push('', '</details>')
  }
  return `${lines.join('\n')}\n`
}

function describeDataChange(change: DataChange): string {
  if (change.status !== 'changed') return change.status
  return change.fields.map((field) => `${escapeMarkdown(field.field)}: ${escapeTable(JSON.stringify(field.from))} → ${escapeTable(JSON.stringify(field.to))}`).join('<br>')
}

function escapeTable(text: string): string {
  return escapeMarkdown(text).replaceAll('|', '\\|')
}

export type { ClauseChange }
