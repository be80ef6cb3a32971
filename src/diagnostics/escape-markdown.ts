/** Backslash-escapes what Markdown (and GitHub's HTML) would read as syntax, on one line. */
export function escapeMarkdown(text: string): string {
  // One line: a line break would end the heading, list item or cell the text stands in, and the
  // next line start a block of its own (a title of YAML front matter may hold one).
  const escaped = text.replace(/[ \t]*(?:\r\n?|\n)\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : character === '&' ? '&amp;' : `\\${character}`))
  // Only at the start of a line do these open a block (heading, list item).
  return escaped.replace(/^(\s*)([#+\-!])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/**
 * A code span of a message: one backtick a side, none beside them, none inside. GFM closes a run of
 * backticks only with a run of the same length, so a policy's "```<img>`" is literal backticks and
 * raw HTML; taken for two code spans, its HTML was kept as written.
 */
export const messageCodeSpan = /((?<!`)`[^`\n]+`(?!`))/

/**
 * Escapes a message whose `code spans` are ours (ids, values quoted by a message), and everything
 * else as text: inside a code span Markdown and HTML are read as they are written.
 */
export function escapeMarkdownKeepingCode(text: string): string {
  return text
    .split(messageCodeSpan)
    .map((part, index) => (index % 2 === 1 ? part : escapeMarkdown(part)))
    .join('')
}
