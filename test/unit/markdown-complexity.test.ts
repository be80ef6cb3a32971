import { describe, expect, test } from 'vitest'
import { createMarkdownMeter } from '../../src/markdown/markdown-complexity.ts'
import { budgets } from '../../src/source/budgets.ts'

// The budgets of micromark's work, each at its limit and one past it, with the offset and the
// message a writer is shown (test/hostile/markdown.test.ts attacks them through check).
const measure = (...texts: string[]) => {
  const meter = createMarkdownMeter()
  return texts.map((text) => meter.measure(text)).at(-1)
}

const tooManyMarks = {
  message: 'Unexpected Markdown too long to parse in time: more than 12,000 marks (each line counts 3, each `[`, `]`, `(`, `*`, `_`, `<`, `:`, `` ` ``… 1) in a file',
  hint: 'Split the text into several clause files; the longest real policies use a few thousand.',
}

describe('marks', () => {
  test('each line counts three: 4,000 lines pass, the next one is refused at its end', () => {
    expect(budgets.maxMarkdownMarks).toBe(12_000)
    expect(measure('a\n'.repeat(4000))).toBeUndefined()
    expect(measure('a\n'.repeat(4001))).toEqual({ offset: 8001, ...tooManyMarks })
  })

  test('each mark counts one, refused at the mark past the budget', () => {
    expect(measure(`${'('.repeat(12_000)}x`)).toEqual({ offset: 12_001, ...tooManyMarks })
    expect(measure(`${'('.repeat(12_001)}x`)).toEqual({ offset: 12_000, ...tooManyMarks })
  })

  test('the texts of one file add up', () => {
    expect(measure('a\n'.repeat(2000), 'a\n'.repeat(2000))).toBeUndefined()
    expect(measure('a\n'.repeat(2000), 'a\n'.repeat(2001))).toEqual({ offset: 4001, ...tooManyMarks })
  })
})

describe('brackets', () => {
  const nested = (depth: number) => ({
    offset: depth - 1,
    message: `Unexpected \`[\` nested ${depth} levels deep in one paragraph, expected at most 16: the time to parse nested brackets grows faster than their square`,
    hint: 'Close the brackets, or escape a literal one (`\\[`).',
  })

  test('sixteen levels pass, the seventeenth is refused where it opens', () => {
    expect(measure('['.repeat(16))).toBeUndefined()
    expect(measure('['.repeat(17))).toEqual(nested(17))
  })

  test('a closed bracket counts no more, a closing one with none open counts for nothing, a blank line ends them all', () => {
    expect(measure('[]'.repeat(40))).toBeUndefined()
    expect(measure(`]]]]${'['.repeat(17)}`)).toEqual({ ...nested(17), offset: 20 })
    expect(measure(`${'['.repeat(10)}\n\n${'['.repeat(10)}`)).toBeUndefined()
    expect(measure(`${'['.repeat(10)}\n${'['.repeat(7)}`)).toEqual({ ...nested(17), offset: 17 })
  })
})

describe('backtracking', () => {
  const tooComplex = (tries: number, length: number, offset: number) => ({
    offset,
    message: `Unexpected Markdown too complex to parse in time: ${tries} marks that open a link, emphasis, code, HTML or a directive (\`[\`, \`]\`, \`*\`, \`_\`, \`<\`, \`\` \` \`\`, \`:\`…) in a paragraph of ${length} characters so far, expected at most 12,000,000 (such marks × characters, summed over the file's paragraphs)`,
    hint: 'Close what is left open (brackets, `*`, `_`, backticks), escape literal marks (`\\[`, `\\*`), or split the paragraph with blank lines.',
  })

  test('marks that open a try times the paragraph\'s length, at the limit and one past it', () => {
    expect(measure('*'.repeat(3464))).toBeUndefined()
    expect(measure('*'.repeat(3465))).toEqual(tooComplex(3465, 3465, 3464))
  })

  test('summed over the paragraphs, each counting its line ending', () => {
    expect(measure(`${'*'.repeat(2500)}\n\n${'*'.repeat(2397)}`)).toBeUndefined()
    expect(measure(`${'*'.repeat(2500)}\n\n${'*'.repeat(2398)}`)).toEqual(tooComplex(2398, 2398, 2500 + 2 + 2397))
  })
})

describe('containers', () => {
  test('block quote markers times the marks so far: 1,224 quoted lines pass, the next is refused at its start', () => {
    expect(measure('> x\n'.repeat(1224))).toBeUndefined()
    expect(measure('> x\n'.repeat(1225))).toEqual({
      offset: 1224 * 4,
      message: 'Unexpected Markdown too complex to parse in time: 1225 block quote, list, footnote and heading underline markers in a text of 4899 marks so far, expected at most 6,000,000 (markers × marks)',
      hint: 'Use fewer separate lists, block quotes, footnotes and underlined headings (write `## Heading`), or split the text into several clause files.',
    })
  })

  test('list markers and heading underlines count as quote markers do, text does not', () => {
    // Lines of 3 marks (the line's own): k markers × 3k marks pass up to k = 1,414.
    for (const line of ['- x', '+ x', '1. x', '===', '---', '-\tx']) {
      expect(measure(`${line}\n`.repeat(1414)), line).toBeUndefined()
      expect(measure(`${line}\n`.repeat(1415)), line).toMatchObject({ offset: 1414 * (line.length + 1) })
    }
    // Lines of 4 marks (a `>`, `*` or `)` is a mark too), as the quoted lines above.
    for (const line of ['* x', '2) x', '  > x']) {
      expect(measure(`${line}\n`.repeat(1224)), line).toBeUndefined()
      expect(measure(`${line}\n`.repeat(1225)), line).toMatchObject({ offset: 1224 * (line.length + 1) })
    }
    for (const line of ['x x', '-x y', '1.x y', '1234567890. x']) expect(measure(`${line}\n`.repeat(1415)), line).toBeUndefined()
  })

  test('four container directives pass, the fifth is refused at its colons, behind quote and list markers too', () => {
    const directive = (prefix: string) => `${prefix}:::note\ntext\n`
    expect(measure(directive('').repeat(4))).toBeUndefined()
    const message = 'Unexpected container directive (`:::`) number 5, expected at most 4 in a file: each costs the parser work on every line after it'
    const hint = 'Clausewright defines no container directive: use a leaf directive (`::name`) or a text directive (`:name[…]`).'
    expect(measure(directive('').repeat(5))).toEqual({ offset: 4 * 13, message, hint })
    expect(measure(directive('> - ').repeat(5))).toEqual({ offset: 4 * 17 + 4, message, hint })
    expect(measure(`${'::note\n'.repeat(5)}${':::\n'.repeat(5)}`)).toBeUndefined()
  })
})

describe('GitHub Flavored Markdown', () => {
  const tooComplex = (tries: number, length: number, offset: number) => ({
    offset,
    message: `Unexpected Markdown too complex to parse in time: ${tries} marks that open a link, emphasis, code, HTML or a directive (\`[\`, \`]\`, \`*\`, \`_\`, \`<\`, \`\` \` \`\`, \`:\`…) in a paragraph of ${length} characters so far, expected at most 12,000,000 (such marks × characters, summed over the file's paragraphs)`,
    hint: 'Close what is left open (brackets, `*`, `_`, backticks), escape literal marks (`\\[`, `\\*`), or split the paragraph with blank lines.',
  })

  test('a `~` opens a try as a `*` does (strikethrough), at the limit and one past it', () => {
    expect(measure('~'.repeat(3464))).toBeUndefined()
    expect(measure('~'.repeat(3465))).toEqual(tooComplex(3465, 3465, 3464))
  })

  test('a `www.` opens a try at its first letter, in any case (an autolink literal read to the end of its word)', () => {
    // k of them in 4k characters: 4k² passes up to k = 1,732.
    expect(measure('www.'.repeat(1732))).toBeUndefined()
    expect(measure('www.'.repeat(1733))).toEqual(tooComplex(1733, 4 * 1732 + 1, 4 * 1732))
    expect(measure('WwW.'.repeat(1733))).toEqual(tooComplex(1733, 4 * 1732 + 1, 4 * 1732))
    expect(measure('wwwx'.repeat(1733))).toBeUndefined()
  })

  test('a table’s `|` and an address’s `@` are marks', () => {
    for (const mark of ['|', '@']) {
      expect(measure(`${mark.repeat(12_000)}x`), mark).toEqual({ offset: 12_001, ...tooManyMarks })
      expect(measure(`${mark.repeat(12_001)}x`), mark).toEqual({ offset: 12_000, ...tooManyMarks })
    }
  })

  test('each table cell counts eight marks, a row as many cells as the delimiter row has columns, to the blank line', () => {
    const table = `${'|a'.repeat(100)}\n${'|-'.repeat(100)}\n`
    // The header: 100 marks and its line; the delimiter row: 200 cells (its own and the header's)
    // and 100 marks and its line; each `|a` row 100 cells and 4 marks, checked at its start.
    expect(measure(`${table}${'|a\n'.repeat(12)}`)).toBeUndefined()
    expect(measure(`${table}${'|a\n'.repeat(13)}`)).toEqual({
      offset: 201 + 201 + 12 * 3,
      message: 'Unexpected table too large to parse in time: more than 12,000 marks in a file, each table cell counting 8 (a row has as many cells as the table has columns)',
      hint: 'Split the table, or the text, into several clause files; a list may read better than a large table.',
    })
    expect(measure(`${table}\n${'|a\n'.repeat(1000)}`)).toBeUndefined()
    // A delimiter row needs a `|` or a `:`; dashes alone underline a heading, and count as a marker.
    expect(measure(`a\n${'-'.repeat(100)}\n${'a\n'.repeat(3000)}`)).toBeUndefined()
    expect(measure(`a\n${':-'.repeat(100)}\n${'a\n'.repeat(3000)}`)).toMatchObject({ offset: 2 + 201 + 12 * 2, message: expect.stringMatching(/^Unexpected table too large/) as string })
    // Behind block quote and list markers too.
    expect(measure(`> - | a |\n> - ${'|-'.repeat(100)}\n${'> |a\n'.repeat(13)}`)).toMatchObject({ message: expect.stringMatching(/^Unexpected table too large/) as string })
  })

  test('a footnote definition (`[^label]:`) is a container marker, as a list item is', () => {
    // Each definition 9 marks with its blank line: k markers × (9(k - 1) + 3) passes up to k = 816.
    expect(measure('[^1]: a\n\n'.repeat(816))).toBeUndefined()
    expect(measure('[^1]: a\n\n'.repeat(817))).toEqual({
      offset: 816 * 9,
      message: 'Unexpected Markdown too complex to parse in time: 817 block quote, list, footnote and heading underline markers in a text of 7347 marks so far, expected at most 6,000,000 (markers × marks)',
      hint: 'Use fewer separate lists, block quotes, footnotes and underlined headings (write `## Heading`), or split the text into several clause files.',
    })
    expect(measure('[1]: a\n\n'.repeat(817))).toBeUndefined()
  })
})
