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
 * done (mdast-util-gfm-autolink-literal leaves them and the text around them without one), so that
 * a rule reports the link where it is written: found in the source after its previous sibling, as
 * written (an address holds no character reference). Changes the tree given, which it returns.
 */
export function withAutolinkPositions(tree: Root, source: string): Root {
  let place: ReturnType<typeof location> | undefined
  visit(tree, (node: Node) => {
    const parent = node as Partial<Parent>
    if (!parent.children?.some((child) => child.position === undefined) || !parent.position) return
    let cursor = parent.position.start.offset ?? 0
    const end = parent.position.end.offset ?? source.length
    for (const child of parent.children) {
      if (child.position) {
        cursor = child.position.end.offset ?? cursor
        continue
      }
      if (child.type !== 'link') continue
      const written = toString(child)
      const start = source.indexOf(written, cursor)
      if (start === -1 || start + written.length > end) continue
      place ??= location(source)
      const position = { start: place.toPoint(start), end: place.toPoint(start + written.length) }
      if (!position.start || !position.end) continue
      child.position = { start: position.start, end: position.end }
      const [label] = (child as Parent).children
      if (label && !label.position) label.position = child.position
      cursor = start + written.length
    }
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
