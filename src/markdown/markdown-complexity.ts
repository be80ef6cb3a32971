import { budgets } from '../source/budgets.ts'

/** Where a Markdown text first exceeds a budget of the parser's work (an offset in the text), and why. */
export interface MarkdownExcess {
  readonly offset: number
  readonly message: string
  readonly hint: string
}

/** Measures Markdown texts against the budgets; the work of every text measured adds up. */
export interface MarkdownMeter {
  measure(text: string): MarkdownExcess | undefined
}

// micromark's time is not linear in the text (bench/results.md has the curves): a construct left
// open (`[a](`, `*a`, `<!--`, a backtick run…) is tried again from each of its marks, each try can
// scan to the end of its paragraph, and each one resolved splices the paragraph's events. So the
// budget bounds, summed over the paragraphs, the marks that start a try times the paragraph's
// length. A paragraph never spans a blank line, so the paragraphs are cut at blank lines only (a
// list item's paragraph is measured with its neighbours: too much, never too little).
// GFM adds `~` (strikethrough, tried as `*` is) and `www.` (an autolink literal, whose path is
// read to the end of its word, again for each `www.` that turns out not to be one).
const tries = new Set([...'!&*<[\\]_`:~'])
// Marks that only make tokens once a try has started (a link's parts, attributes, quotes), a
// table's `|`, and the `@` of an address that GFM makes a link.
const parts = new Set([...'()>{}"\'|@'])
// A line costs micromark about as much as three marks (its containers, its line ending, its node).
const lineMarks = 3
// A GFM table cell costs micromark and the renderer about as much as eight marks (bench/results.md).
// Every row is rendered with as many cells as the delimiter row has columns, however few it
// writes: the cells are counted from the columns, so that `|a` rows under a header of a thousand
// columns cost what they make.
const tableCellMarks = 8

/**
 * A meter for one file: a clause, or the Markdown texts of data.yaml together. One linear pass per
 * text, before micromark sees it, so the result never depends on the machine.
 */
export function createMarkdownMeter(): MarkdownMeter {
  let marks = 0
  let backtracking = 0
  let containers = 0
  let containerMarkers = 0
  return {
    measure(text) {
      let paragraphTries = 0
      let paragraphLength = 0
      let depth = 0
      let tableColumns = 0
      let lineStart = 0
      while (lineStart < text.length) {
        const newline = text.indexOf('\n', lineStart)
        const lineEnd = newline === -1 ? text.length : newline
        const content = afterQuoteMarkers(text, lineStart, lineEnd)
        if (/^[ \t\r]*$/.test(text.slice(content, lineEnd))) {
          backtracking += paragraphTries * paragraphLength
          paragraphTries = 0
          paragraphLength = 0
          depth = 0
          tableColumns = 0
        } else {
          // A table lasts to the blank line at most; its header row is counted with its delimiter row.
          const columns = tableColumns > 0 ? 0 : delimiterRowColumns(text.slice(lineStart, lineEnd))
          const cells = tableColumns > 0 ? tableColumns : 2 * columns
          if (columns > 0) tableColumns = columns
          marks += cells * tableCellMarks
          if (marks > budgets.maxMarkdownMarks) {
            return {
              offset: lineStart,
              message: `Unexpected table too large to parse in time: more than ${grouped(budgets.maxMarkdownMarks)} marks in a file, each table cell counting ${tableCellMarks} (a row has as many cells as the table has columns)`,
              hint: 'Split the table, or the text, into several clause files; a list may read better than a large table.',
            }
          }
          containerMarkers += countContainerMarkers(text, lineStart, lineEnd)
          if (containerMarkers * (marks + lineMarks) > budgets.maxMarkdownContainerWork) {
            return {
              offset: lineStart,
              message: `Unexpected Markdown too complex to parse in time: ${containerMarkers} block quote, list, footnote and heading underline markers in a text of ${marks + lineMarks} marks so far, expected at most ${grouped(budgets.maxMarkdownContainerWork)} (markers × marks)`,
              hint: 'Use fewer separate lists, block quotes, footnotes and underlined headings (write `## Heading`), or split the text into several clause files.',
            }
          }
          if (opensContainerDirective(text.slice(lineStart, lineEnd)) && ++containers > budgets.maxMarkdownContainerDirectives) {
            return {
              offset: lineStart + text.slice(lineStart, lineEnd).indexOf(':'),
              message: `Unexpected container directive (\`:::\`) number ${containers}, expected at most ${budgets.maxMarkdownContainerDirectives} in a file: each costs the parser work on every line after it`,
              hint: 'Clausewright defines no container directive: use a leaf directive (`::name`) or a text directive (`:name[…]`).',
            }
          }
          // The line ending, when there is one, is a character of the paragraph too.
          const last = newline === -1 ? lineEnd - 1 : lineEnd
          for (let index = lineStart; index <= last; index++) {
            const character = text.charAt(index)
            paragraphLength++
            if (tries.has(character) || ((character === 'w' || character === 'W') && text.slice(index, index + 4).toLowerCase() === 'www.')) {
              paragraphTries++
              marks++
            } else if (parts.has(character)) {
              marks++
            }
            if (character === '[' && ++depth > budgets.maxMarkdownDepth) {
              return {
                offset: index,
                message: `Unexpected \`[\` nested ${depth} levels deep in one paragraph, expected at most ${budgets.maxMarkdownDepth}: the time to parse nested brackets grows faster than their square`,
                hint: 'Close the brackets, or escape a literal one (`\\[`).',
              }
            }
            if (character === ']' && depth > 0) depth--
            if (marks > budgets.maxMarkdownMarks) return tooManyMarks(index)
            if (backtracking + paragraphTries * paragraphLength > budgets.maxMarkdownBacktracking) {
              return {
                offset: index,
                message: `Unexpected Markdown too complex to parse in time: ${paragraphTries} marks that open a link, emphasis, code, HTML or a directive (\`[\`, \`]\`, \`*\`, \`_\`, \`<\`, \`\` \` \`\`, \`:\`…) in a paragraph of ${paragraphLength} characters so far, expected at most ${grouped(budgets.maxMarkdownBacktracking)} (such marks × characters, summed over the file's paragraphs)`,
                hint: 'Close what is left open (brackets, `*`, `_`, backticks), escape literal marks (`\\[`, `\\*`), or split the paragraph with blank lines.',
              }
            }
          }
        }
        marks += lineMarks
        if (marks > budgets.maxMarkdownMarks) return tooManyMarks(lineEnd)
        lineStart = lineEnd + 1
      }
      backtracking += paragraphTries * paragraphLength
      return undefined
    },
  }
}

function tooManyMarks(offset: number): MarkdownExcess {
  return {
    offset,
    message: `Unexpected Markdown too long to parse in time: more than ${grouped(budgets.maxMarkdownMarks)} marks (each line counts ${lineMarks}, each \`[\`, \`]\`, \`(\`, \`*\`, \`_\`, \`<\`, \`:\`, \`\` \` \`\`… 1) in a file`,
    hint: 'Split the text into several clause files; the longest real policies use a few thousand.',
  }
}

/** 50000000 → 50,000,000 (without Intl, which check does not load). */
function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',')
}

/** The offset after the block quote markers that open a line (each indented by at most three spaces). */
function afterQuoteMarkers(text: string, start: number, end: number): number {
  let offset = start
  for (;;) {
    let spaces = 0
    while (text[offset + spaces] === ' ' && spaces < 4) spaces++
    if (spaces > 3 || text[offset + spaces] !== '>' || offset + spaces >= end) return offset
    offset += spaces + 1
    if (text[offset] === ' ') offset++
  }
}

/**
 * The columns of a line that may be a GFM table's delimiter row (`|---|:-:|`, behind any block quote
 * or list markers), 0 for any other: a line of dashes, `|`, `:` and markers only, with a dash and
 * a `|` or `:` (a line of dashes alone underlines a heading), each run of dashes a column. Too
 * many is safe; one character class, so that no line costs more than its length.
 */
function delimiterRowColumns(line: string): number {
  if (!/^[-|: \t>*+.)\d]*\r?$/.test(line) || !(line.includes('|') || line.includes(':'))) return 0
  return line.match(/-+/g)?.length ?? 0
}

/**
 * Block quote and list markers that open a line, each of which may open a container, or 1 for a
 * line that may underline a heading (`===`, `---`): micromark's work on each of these grows with
 * the text before it. Too many is safe.
 */
function countContainerMarkers(text: string, start: number, end: number): number {
  if (/^ {0,3}(?:=+|-+)[ \t\r]*$/.test(text.slice(start, end))) return 1
  let count = 0
  let index = start
  while (index < end) {
    const character = text[index]
    if (character === ' ' || character === '\t') index++
    else if (character === '>') {
      count++
      index++
    } else if ((character === '-' || character === '*' || character === '+') && (index + 1 === end || text[index + 1] === ' ' || text[index + 1] === '\t' || text[index + 1] === '\r')) {
      count++
      index++
    } else {
      const ordered = /^\d{1,9}[.)](?=[ \t\r]|$)/.exec(text.slice(index, Math.min(end, index + 11)))
      // A GFM footnote definition (`[^label]:`) is a container as a list item is.
      if (!ordered) return text.startsWith('[^', index) && /^\[\^[^\]]*\]:/.test(text.slice(index, end)) ? count + 1 : count
      count++
      index += ordered[0].length
    }
  }
  return count
}

/** A line that may open a container directive, behind any block quote or list markers (too many is safe). */
function opensContainerDirective(line: string): boolean {
  return /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*:{3,}[^:\s]/.test(line)
}
