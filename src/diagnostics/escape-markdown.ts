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

/** U+2060 WORD JOINER: invisible, and, unlike a zero-width space, never a place to break a line. */
const joiner = '\u2060'

/**
 * Escapes text for a GitHub comment (escapeMarkdown), and keeps what GitHub would make live inert:
 * a mention (`@someone`, `@org/team`) would notify, a reference (`#123`, `owner/repo#1`, `GH-1`)
 * would link an issue and tell it so, a bare address (`https://…`, `www.…`, `a@b.example`) would
 * become a link to wherever the policy's text points. GitHub finds mentions and references in the
 * rendered text, after Markdown, so a backslash does not stop them: an invisible word joiner is put
 * after each `@`, after a `#` or `GH-` before a digit, inside `://` and after `www`. What the text
 * says and how it reads are unchanged; a reader who copies it copies the joiner too. A dollar is
 * escaped as well: GitHub renders `$…$` as mathematics, whose LaTeX can restyle or rewrite the words.
 */
export function escapeMarkdownForComment(text: string): string {
  return escapeMarkdown(text)
    .replaceAll('$', '\\$')
    .replaceAll('@', `@${joiner}`)
    .replace(/#(?=\d)/g, `#${joiner}`)
    .replace(/\b(gh)-(?=\d)/gi, `$1${joiner}-`)
    .replaceAll('://', `:${joiner}//`)
    .replace(/\b(www)\./gi, `$1${joiner}.`)
}
