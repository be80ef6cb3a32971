// The worst Markdown the budgets let through (src/markdown/markdown-complexity.ts): for each
// construct that makes micromark slow, in each shape (one paragraph, or paragraphs of 1, 16 or 256
// repetitions), the largest clause within the file budget that passes the pre-scan, appended to a
// clause of the OPTSM policy and timed through `clausewright check` as a whole process.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createMarkdownMeter } from '../src/markdown/markdown-complexity.ts'
import { budgets } from '../src/source/budgets.ts'

/** One repetition of a construct: the `index`th in its paragraph. */
type Unit = (index: number) => string

const repeat =
  (text: string): Unit =>
  () =>
    text

export const constructs: ReadonlyArray<readonly [string, Unit]> = [
  ['`[a](` (unclosed link, the issue’s)', repeat('[a](')],
  ['`![a](` (unclosed image)', repeat('![a](')],
  ['`[a](b "` (unclosed title)', repeat('[a](b "')],
  ['`[a](<` (unclosed destination)', repeat('[a](<')],
  ['`[a](b) ` (closed links)', repeat('[a](b) ')],
  ['`[a]` (references without definitions)', repeat('[a]')],
  ['`[` nested 16 deep, closed', (index) => (index % 16 === 15 ? `[a${']'.repeat(16)}` : '[')],
  ['`![` nested 16 deep, closed', repeat(`${'!['.repeat(16)}a${'](b)'.repeat(16)} `)],
  ['`*a`', repeat('*a')],
  ['`**a`', repeat('**a')],
  ['`*a_`', repeat('*a_')],
  ['`*a* ` (closed emphasis)', repeat('*a* ')],
  ['`_a`', repeat('_a')],
  ['`<!--` (unclosed comment)', repeat('<!--')],
  ['`<a ` (unclosed tag)', repeat('<a ')],
  ['`<http://a` (unclosed autolink)', repeat('<http://a')],
  ['backtick runs of growing length', (index) => `${'`'.repeat(index + 1)}a`],
  ['`` `a ``', repeat('`a')],
  ['`:a[b]{` (unclosed attributes)', repeat(':a[b]{')],
  ['`:a{`', repeat(':a{')],
  ['`\\`', repeat('\\')],
  ['`&a`', repeat('&a')],
  ['`[a]: b` lines (definitions)', (index) => `[a${index}]: b\n`],
  ['`[a](` lines', repeat('[a](\n')],
  ['`a` lines', repeat('a\n')],
  ['`a  ` lines (hard breaks)', repeat('a  \n')],
  ['`# a` lines (headings)', repeat('# a\n')],
  ['`> a` lines (block quotes)', repeat('> a\n')],
  ['`- a` lines (list items)', repeat('- a\n')],
  ['list items nested 16 deep', (index) => `${'  '.repeat(index % 16)}- a\n`],
  ['`1. a` lines (ordered)', repeat('1. a\n')],
  ['`::a` lines (leaf directives)', repeat('::a\n')],
  ['nested container directives up to the budget, then lines', (index) => (index < budgets.maxMarkdownContainerDirectives ? ':::a\n' : 'b\n')],
  ['fence lines', repeat('```\n')],
  ['underlined headings (`a`, `===`)', repeat('a\n===\n')],
  ['underlined headings (`a`, `---`), each its own paragraph', repeat('a\n---\n\n')],
  ['separate lists, each closed by a paragraph', repeat('- a\n\nb\n\n')],
  ['separate block quotes, each closed by a paragraph', repeat('> a\n\nb\n\n')],
  // GitHub Flavored Markdown: tables (each row as wide as its delimiter row), footnotes,
  // strikethrough and autolink literals.
  ['GFM table rows of 2 cells', (index) => (index === 0 ? '| a | b |\n| - | - |\n' : '| a | b |\n')],
  ['GFM table rows of 64 cells', (index) => (index === 0 ? `${'| a '.repeat(64)}|\n${'|---'.repeat(64)}|\n` : `${'| a '.repeat(64)}|\n`)],
  ['GFM table of 64 columns, rows of one cell', (index) => (index === 0 ? `${'| a '.repeat(64)}|\n${'|---'.repeat(64)}|\n` : '|a\n')],
  ['`|` lines (no table)', repeat('| a | b\n')],
  ['footnote definitions', (index) => `[^${index}]: a\n`],
  ['footnotes referenced and defined', (index) => `a[^${index}]\n\n[^${index}]: b\n`],
  ['`[^a]` (undefined footnotes)', repeat('[^a] ')],
  ['`~~a`', repeat('~~a')],
  ['`~~a~~ ` (closed strikethrough)', repeat('~~a~~ ')],
  ['`-www.` (not autolinks)', repeat('-www.')],
  ['`www.a.a ` (autolinks)', repeat('www.a.a ')],
  ['`a.a@a.a ` (email autolinks)', repeat('a.a@a.a ')],
  ['`a@`', repeat('a@')],
  ['`mailto:a@a.a ` (autolinks)', repeat('mailto:a@a.a ')],
  // The budgets together: a paragraph using 90 % of the backtracking budget, then heading lines up to the marks.
  ['`**a` paragraph at 90 % of its budget, then `# a` lines', (index) => (index === 0 ? `${'**a'.repeat(Math.floor(Math.sqrt((budgets.maxMarkdownBacktracking * 0.9) / 6)))}\n\n` : '# a\n')],
]

/** Repetitions per paragraph; `undefined`: the whole text one paragraph. */
const shapes = [1, 16, 256, undefined] as const

function shapeName(shape: number | undefined): string {
  return shape === undefined ? 'one paragraph' : `paragraphs of ${shape}`
}

/** The text appended to the clause: `count` repetitions in paragraphs of `shape`. */
function body(unit: Unit, shape: number | undefined, count: number): string {
  const parts: string[] = []
  for (let index = 0; index < count; index++) {
    const within = shape === undefined ? index : index % shape
    if (shape !== undefined && within === 0 && index > 0) parts.push('\n\n')
    parts.push(unit(within))
  }
  return parts.join('')
}

/** The most repetitions that keep the clause within the file budget and the Markdown budgets (the meter is monotone). */
function largestPassing(clause: string, unit: Unit, shape: number | undefined): { text: string; count: number } {
  const fits = (count: number): string | undefined => {
    const text = `${clause}\n${body(unit, shape, count)}\n`
    return Buffer.byteLength(text) <= budgets.maxFileBytes && createMarkdownMeter().measure(text) === undefined ? text : undefined
  }
  let low = 0
  let high = 1
  while (fits(high) !== undefined) high *= 2
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (fits(middle) !== undefined) low = middle
    else high = middle
  }
  return { text: fits(low) ?? clause, count: low }
}

export interface WorstCase {
  readonly construct: string
  readonly shape: string
  readonly count: number
  readonly bytes: number
  readonly samples: number[]
}

/**
 * Every construct in every shape, timed once; then the worst shape of each construct `runs` times.
 * `time` runs `clausewright check` on a policy directory and returns its wall time in ms.
 */
export async function markdownWorstCases(options: { root: string; work: string; runs: number; time: (policyDirectory: string) => number; log: (text: string) => void }): Promise<WorstCase[]> {
  const directory = path.join(options.work, 'markdown')
  const policy = path.join(directory, 'policy')
  await rm(directory, { recursive: true, force: true })
  await mkdir(directory, { recursive: true })
  await cp(path.join(options.root, 'policy'), policy, { recursive: true })
  const clauseFile = path.join(policy, 'clauses', 'changes.md')
  const clause = await readFile(clauseFile, 'utf8')
  const results: WorstCase[] = []
  for (const [construct, unit] of constructs) {
    let worst: WorstCase | undefined
    for (const shape of shapes) {
      const { text, count } = largestPassing(clause, unit, shape)
      await writeFile(clauseFile, text)
      const elapsed = options.time(policy)
      options.log(`markdown: ${construct}, ${shapeName(shape)}: ${count} (${text.length} bytes) ${Math.round(elapsed)} ms`)
      if (!worst || elapsed > (worst.samples[0] ?? 0)) worst = { construct, shape: shapeName(shape), count, bytes: Buffer.byteLength(text), samples: [elapsed] }
    }
    if (!worst) continue
    const shape = shapes.find((candidate) => shapeName(candidate) === worst.shape)
    await writeFile(clauseFile, largestPassing(clause, unit, shape).text)
    for (let run = 1; run < options.runs; run++) worst.samples.push(options.time(policy))
    results.push(worst)
  }
  await writeFile(clauseFile, clause)
  return results
}
