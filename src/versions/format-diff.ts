import { stripVTControlCharacters, styleText } from 'node:util'
import type { ClauseChange, DataChange, PolicyDiff, ReaderWords, ReasonKind, WordRun } from '../model/diff.ts'
import { kindLabel } from './kind-label.ts'
import { escapeMarkdownForComment as escapeMarkdown } from '../diagnostics/escape-markdown.ts'
import { countOf } from '../diagnostics/words.ts'

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
    for (const reason of reasons) lines.push(`  - ${reason.reader.text} [${reason.code}]`)
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

/** GitHub's limit on a comment (65,536 characters), less room for what a workflow adds around the diff. */
export const commentLimit = 65_536 - 1_536

/**
 * Markdown for a pull request: deletions struck through, insertions in bold, user text escaped.
 * Made of blocks (the title, each group of reasons, each clause, the data) so that a diff too long
 * for a GitHub comment is cut between two of them, with a note, never inside one.
 */
function formatMarkdown(diff: PolicyDiff): string {
  const blocks = [[`### Policy changes ${escapeMarkdown(title(diff))}: **${diff.kind}**`, ...releasedAs(diff).flatMap((line) => ['', escapeMarkdown(line)])].join('\n')]
  if (diff.kind === 'initial') return `${blocks[0]}\n\nThe first release: everything in it is new.\n`
  for (const kind of reasonKinds) {
    const reasons = diff.reasons.filter((reason) => reason.kind === kind)
    if (reasons.length === 0) continue
    blocks.push([markdownHeadings[kind], '', ...reasons.map((reason) => `- ${readerMarkdown(reason.reader)}`)].join('\n'))
  }
  if (diff.reasons.length === 0) blocks.push('No change to the content.')
  for (const clause of diff.clauses.filter((change) => change.words)) {
    const quote = `> ${abbreviate(clause.words ?? [])
      .map((run) => {
        const text = escapeMarkdown(run.text)
        if (run.type === 'equal' || text.trim() === '') return text
        // Markers hug the words: `~~ word ~~` would not render.
        const [, lead = '', body = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? []
        return run.type === 'insert' ? `${lead}<ins>${body}</ins>${trail}` : `${lead}<del>${body}</del>${trail}`
      })
      .join('')}`
    blocks.push([`#### Clause \`${clause.id}\`${clause.to?.title ? `: ${escapeMarkdown(clause.to.title)}` : ''}`, '', quote].join('\n'))
  }
  const structured = diff.data.filter((change) => change.status !== 'changed' || change.fields.length > 0)
  if (structured.length > 0) {
    blocks.push(['<details><summary>Structured data changed</summary>', '', '| item | change |', '| --- | --- |', ...structured.map((change) => `| ${change.collection} \`${change.id}\` | ${describeDataChange(change)} |`), '', '</details>'].join('\n'))
  }
  return withinCommentLimit(blocks)
}

/** The blocks joined, as many as fit a GitHub comment, and a note of those left out. */
function withinCommentLimit(blocks: readonly string[]): string {
  const whole = `${blocks.join('\n\n')}\n`
  if (whole.length <= commentLimit) return whole
  const note = (left: number) => `_The diff is cut here, ${countOf(left, 'more part')} left out, at the length GitHub allows a comment: run \`clausewright diff\` to read it whole._`
  const kept: string[] = []
  let length = 0
  for (const block of blocks) {
    const next = length + block.length + 2
    if (next + note(blocks.length).length + 2 > commentLimit) break
    kept.push(block)
    length = next
  }
  return `${[...kept, note(blocks.length - kept.length)].join('\n\n')}\n`
}

/**
 * A reason in a reader's words, as Markdown: the words escaped, the law linked (the tool's own
 * address), an address of the policy as code, never a live link.
 */
function readerMarkdown(reader: ReaderWords): string {
  return reader.parts.map((part) => (part.type === 'words' ? escapeMarkdown(part.text) : part.type === 'law' ? `[${escapeMarkdown(part.text)}](${part.href})` : codeSpan(part.text))).join('')
}

/**
 * Text as a code span, whatever it holds: fenced by more backticks than its longest run, padded by
 * a space where it starts or ends with one (CommonMark strips one space a side), on one line.
 */
export function codeSpan(text: string): string {
  const line = text.replace(/\s+/g, ' ')
  const fence = '`'.repeat(Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length)) + 1)
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}

function describeDataChange(change: DataChange): string {
  if (change.status !== 'changed') return change.status
  return change.fields.map((field) => `${escapeMarkdown(field.field)}: ${escapeTable(JSON.stringify(field.from))} → ${escapeTable(JSON.stringify(field.to))}`).join('<br>')
}

function escapeTable(text: string): string {
  return escapeMarkdown(text).replaceAll('|', '\\|')
}

export type { ClauseChange }
