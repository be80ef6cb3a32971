import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import type { Code, Construct, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types'
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Processor } from 'unified'
import type { Node, Parent } from 'unist'
import { visit } from 'unist-util-visit'
import { location } from 'vfile-location'

/**
 * GitHub Flavored Markdown as Clausewright reads it, from the unified packages remark-gfm itself
 * combines, chosen construct by construct (remark-gfm takes all or none):
 * - strikethrough with `~~` only: a single `~` is an approximation in prose ("~50 people"), and
 *   two of them in a paragraph would strike out the words between;
 * - autolink literals (`https://…`, `www.…`, `name@example.com`), which the URL allow-list judges
 *   as any link;
 * - tables and footnotes in clauses only: a data.yaml text is a list item or a sentence;
 * - never task lists: `- [ ]` would be a form control, which the sanitiser drops, words and all.
 */
function gfmPlugin(this: Processor, blocks: boolean): void {
  const data = this.data()
  const micromarkExtensions = (data.micromarkExtensions ??= [])
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= [])
  micromarkExtensions.push(addressSchemes, gfmAutolinkLiteral(), gfmStrikethrough({ singleTilde: false }), ...(blocks ? [gfmTable(), gfmFootnote()] : []))
  fromMarkdownExtensions.push(gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown(), ...(blocks ? [gfmTableFromMarkdown(), gfmFootnoteFromMarkdown()] : []))
}

/**
 * The tree with a position on each autolink literal that GFM found in a text node once parsing was
 * done, and on the text around it: mdast-util-gfm-autolink-literal leaves them without one, and a
 * rule reports a link, or a character reference in the text, where it is written. A link is found
 * in the source after its previous sibling, as written (an address holds no character reference);
 * a text between two placed siblings is all the source between them, and one beside a single
 * placed sibling is placed when the source there is its value. Changes the tree given, which it returns.
 */
export function withAutolinkPositions(tree: Root, source: string): Root {
  let place: ReturnType<typeof location> | undefined
  const positionOf = (start: number, end: number) => {
    place ??= location(source)
    const [from, to] = [place.toPoint(start), place.toPoint(end)]
    return from && to ? { start: from, end: to } : undefined
  }
  visit(tree, (node: Node) => {
    const parent = node as Partial<Parent>
    const children = parent.children
    if (!children?.some((child) => child.position === undefined) || !parent.position) return
    let cursor = parent.position.start.offset ?? 0
    const end = parent.position.end.offset ?? source.length
    for (const child of children) {
      if (child.position) {
        cursor = child.position.end.offset ?? cursor
        continue
      }
      if (child.type !== 'link') continue
      const written = toString(child)
      const start = source.indexOf(written, cursor)
      const position = start === -1 || start + written.length > end ? undefined : positionOf(start, start + written.length)
      if (!position) continue
      child.position = position
      const [label] = (child as Parent).children
      if (label && !label.position) label.position = position
      cursor = start + written.length
    }
    // A paragraph's text starts and ends with it; another parent's marks (`*`, `[`) are its own.
    const paragraph = node.type === 'paragraph'
    children.forEach((child, index) => {
      if (child.position || child.type !== 'text' || !('value' in child) || typeof child.value !== 'string') return
      const value = child.value
      const before = index === 0 ? (paragraph ? parent.position?.start.offset : undefined) : children[index - 1]?.position?.end.offset
      const after = index === children.length - 1 ? (paragraph ? parent.position?.end.offset : undefined) : children[index + 1]?.position?.start.offset
      const range: [number, number] | undefined =
        before !== undefined && after !== undefined ? [before, after]
        : before !== undefined && source.startsWith(value, before) ? [before, before + value.length]
        : after !== undefined && source.slice(after - value.length, after) === value ? [after - value.length, after]
        : undefined
      const position = range && positionOf(...range)
      if (position) child.position = position
    })
  })
  return tree
}

/** GFM in a clause: tables, footnotes, `~~strikethrough~~` and autolink literals. */
export function remarkClauseGfm(this: Processor): void {
  gfmPlugin.call(this, true)
}

/** GFM in a text of data.yaml: `~~strikethrough~~` and autolink literals only. */
export function remarkDataTextGfm(this: Processor): void {
  gfmPlugin.call(this, false)
}

// `mailto:name@example.com` and `xmpp:name@example.com` are autolink literals, which
// mdast-util-gfm-autolink-literal finds in a text node once parsing is done; but remark-directive
// would read `:name` as a text directive first. So the scheme and the local part are tokenised
// as text (`data`) before it can: the address stays one text node, for GFM to link.
const schemes = ['mailto:', 'xmpp:']

const addressScheme: Construct = { name: 'addressScheme', tokenize: tokenizeAddressScheme, previous: notAfterAddressCharacter }

const addressSchemes: Extension = { text: { 109: addressScheme, 120: addressScheme } }

// The characters that may not come before the scheme, as in mdast-util-gfm-autolink-literal.
function notAfterAddressCharacter(this: TokenizeContext, code: Code): boolean {
  return code === null || !isLocalPartCharacter(code) && code !== 64
}

function isLocalPartCharacter(code: Code): boolean {
  return code !== null && ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 43 || code === 45 || code === 46 || code === 95)
}

function tokenizeAddressScheme(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  let candidates = schemes
  let index = 0
  const scheme: State = (code) => {
    candidates = candidates.filter((candidate) => candidate.charCodeAt(index) === code)
    if (candidates.length === 0) return nok(code)
    effects.consume(code)
    index++
    return candidates.some((candidate) => candidate.length === index) ? firstOfLocalPart : scheme
  }
  const firstOfLocalPart: State = (code) => (isLocalPartCharacter(code) ? localPart(code) : nok(code))
  const localPart: State = (code) => {
    if (isLocalPartCharacter(code)) {
      effects.consume(code)
      return localPart
    }
    effects.exit('data')
    return ok(code)
  }
  return (code) => {
    effects.enter('data')
    return scheme(code)
  }
}
