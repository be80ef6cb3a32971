/** Backslash-escapes what Markdown (and GitHub's HTML) would read as syntax. */
export function escapeMarkdown(text: string): string {
  const escaped = text.replace(/[\\`*_[\]<>|~&]/g, (character) => (character === '<' ? '&lt;' : character === '>' ? '&gt;' : character === '&' ? '&amp;' : `\\${character}`))
  // Only at the start of a line do these open a block (heading, list item).
  return escaped.replace(/^(\s*)([#+\-!])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2')
}

/**
 * Escapes a message whose `code spans` are ours (ids, values quoted by a message), and everything
 * else as text: inside a code span Markdown and HTML are read as they are written.
 */
export function escapeMarkdownKeepingCode(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeMarkdown(part)))
    .join('')
}
