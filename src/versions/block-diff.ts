import { diffArrays } from 'diff'
import type { Element, ElementContent, Root, Text } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { changeSchema, sanitizeTree } from '../render/sanitize.ts'

// A diff of a clause's rendered structure, for the change page: the blocks of the two versions
// (headings, paragraphs, lists and their items, tables and their rows, quotations) are aligned,
// and a changed block is shown as the same element with its words inserted (<ins>) and deleted
// (<del>) inside, so that lists stay lists and tables stay tables. Unchanged blocks collapse into
// a <details>, but for one block of context on each side of a change.

/**
 * Elements that are blocks of their own; any other content (text, links, emphasis) is inline. Only
 * those the sanitiser lets through (sanitizeSchema: no `caption`, no `figure`), which both versions
 * pass before they are compared.
 */
const blockTags: ReadonlySet<string> = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'blockquote', 'pre', 'hr', 'div', 'section', 'dl', 'dt', 'dd'])
/** Elements whose children are rows or items: only blocks go in them, never an <ins> or text. */
const onlyBlocksInside: ReadonlySet<string> = new Set(['ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl'])
/** Share of words two blocks must have in common to be shown as one block changed (not one removed, one inserted). */
const similarEnough = 0.5
/**
 * Nesting below which two versions of a block are compared inside (the renderer nests at most 16
 * levels: budgets.maxMarkdownDepth). Deeper, a changed block is shown removed and inserted whole:
 * each level compared costs the size of what it holds, so a forged release's thousand levels
 * would cost seconds.
 */
const deepestCompared = 32
/**
 * How many inserted blocks after the last pair a removed block is compared with: a clause
 * rewritten whole would otherwise compare every removed block with every inserted one.
 */
const pairingWindow = 50

type Mark = 'ins' | 'del'

/** A block of one version: an element, or a run of inline content between blocks. */
interface Block {
  readonly node: Element | InlineRun
  /** What must be equal for the block to be unchanged: its HTML (an inline run's never begins with a block's tag). */
  readonly signature: string
  readonly words: ReadonlySet<string>
}

interface InlineRun {
  readonly type: 'inline'
  /** None: a block pairs only with one of its tag name, and an inline run's (undefined) is no element's. */
  readonly tagName?: undefined
  readonly children: readonly ElementContent[]
}

/** One block of the diff's top level, with whether it (or anything in it) changed. */
interface Shown {
  readonly nodes: readonly ElementContent[]
  readonly changed: boolean
  /** What a collapsed unchanged block is called: "paragraph", "list"… */
  readonly noun: string
}

export interface BlockDiffOptions {
  /** The clause's id: its heading (`<h2 id="<clause id>">`, the clause's title) is left out; the page shows the title. */
  readonly clauseId?: string
  /** How many unchanged blocks stay visible on each side of a change (1). */
  readonly context?: number
}

/**
 * The HTML of a clause's change, from the (sanitised) HTML of its two versions: each block
 * aligned, changed blocks marked inside, unchanged ones collapsed. Ids (the policy page's anchors)
 * are left out: the two versions of a heading could not both hold one. The result is sanitised
 * again, by the policy's schema plus the change's marks, whatever the HTML given.
 */
export function blockDiffHtml(before: string, after: string, options: BlockDiffOptions = {}): string {
  return withinStack(() => {
    const shown = diffBlocks(blocksOf(clauseBody(before, options.clauseId)), blocksOf(clauseBody(after, options.clauseId)))
    return toHtml(sanitizeTree({ type: 'root', children: collapse(shown, options.context ?? 1) }, changeSchema))
  })
}

/** A clause's HTML shown whole, unchanged, for a clause that only moved: every block collapsed. */
export function collapsedHtml(html: string, options: BlockDiffOptions = {}): string {
  return withinStack(() => {
    const blocks = blocksOf(clauseBody(html, options.clauseId))
    const shown = blocks.map((block): Shown => ({ nodes: nodesOf(block.node), changed: false, noun: nounOf(block.node) }))
    return toHtml(sanitizeTree({ type: 'root', children: collapse(shown, 0) }, changeSchema))
  })
}

/** What was nested deeper than the stack can follow (a forged release's, never the renderer's, which nests 16 levels) is said, not shown. */
export const tooDeepHtml = '<p class="cw-changed">This clause is nested too deeply to be compared here: read the two versions in full.</p>'

function withinStack(make: () => string): string {
  try {
    return make()
  } catch (error) {
    if (error instanceof RangeError) return tooDeepHtml
    throw error
  }
}

/**
 * The clause's body: sanitised (so without comments, nor any element the policy's schema drops), out
 * of its <section>, without its title's heading and without ids.
 */
function clauseBody(html: string, clauseId: string | undefined): ElementContent[] {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, a document's <html>, <head> and <body> are unwrapped by the sanitiser, and what differs (spaces before the first element) is blank
  const tree = sanitizeTree(fromHtml(html, { fragment: true }))
  // The clause's <section> is the page's; what follows it (in a forged release) is compared as blocks too.
  const children = (tree.children as ElementContent[])
    .flatMap((child) => (child.type === 'element' && child.tagName === 'section' ? child.children : [child]))
    .filter((child) => !(child.type === 'element' && child.tagName === 'h2' && clauseId !== undefined && child.properties['id'] === clauseId))
  return children.map(withoutIds)
}

function withoutIds<T extends ElementContent>(node: T): T {
  if (node.type !== 'element') return node
  const properties = Object.fromEntries(Object.entries(node.properties).filter(([name]) => name !== 'id' && name !== 'ariaLabelledBy'))
  return { ...node, properties, children: node.children.map(withoutIds) }
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

function isBlock(node: ElementContent): node is Element {
  return node.type === 'element' && blockTags.has(node.tagName)
}

/** An element's children as blocks: its block elements, and each run of inline content between them. */
function blocksOf(children: readonly ElementContent[]): Block[] {
  const blocks: Block[] = []
  let run: ElementContent[] = []
  const flush = () => {
    if (run.some((node) => !isBlank(node))) blocks.push(block({ type: 'inline', children: trimRun(run) }))
    run = []
  }
  for (const child of children) {
    if (isBlock(child)) {
      flush()
      blocks.push(block(child))
    } else run.push(child)
  }
  flush()
  return blocks
}

function trimRun(run: readonly ElementContent[]): ElementContent[] {
  // The line breaks around the run are the blocks' (joined() writes them again): its blank nodes at
  // either end are left out (it holds one that is not blank), and the spaces of its first and last text.
  const nodes = run.slice(run.findIndex((node) => !isBlank(node)), run.findLastIndex((node) => !isBlank(node)) + 1)
  const first = nodes[0]
  // Stryker disable next-line OptionalChaining: equivalent, a run holds a node that is not blank, so it has a first and a last
  if (first?.type === 'text') nodes[0] = { ...first, value: first.value.trimStart() }
  const last = nodes.at(-1)
  // Stryker disable next-line OptionalChaining: equivalent, as above
  if (last?.type === 'text') nodes[nodes.length - 1] = { ...last, value: last.value.trimEnd() }
  return nodes
}

/** A block, its signature and words worked out when first asked (each costs the size of the block; a block marked whole needs neither). */
function block(node: Element | InlineRun): Block {
  const nodes = nodesOf(node)
  let signature: string | undefined
  let words: ReadonlySet<string> | undefined
  return {
    node,
    get signature() {
      signature ??= toHtml(nodes as Root['children'])
      return signature
    },
    get words() {
      // Stryker disable next-line ArrayDeclaration: equivalent, a block without words given one that is no word (it holds spaces) pairs as before: with another such alike, with a block of words not at all
      words ??= new Set(nodes.map(textOf).join(' ').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      return words
    },
  }
}

function nodesOf(node: Element | InlineRun): ElementContent[] {
  return node.type === 'inline' ? [...node.children] : [node]
}

function textOf(node: ElementContent): string {
  return node.type === 'element' ? node.children.map(textOf).join('') : node.value
}

/** Dice's coefficient of two blocks' words. */
function similarity(a: Block, b: Block): number {
  if (a.words.size === 0 && b.words.size === 0) return 1
  let common = 0
  for (const word of a.words) if (b.words.has(word)) common++
  return (2 * common) / (a.words.size + b.words.size)
}

/**
 * Aligns two lists of blocks (Myers' diff over their HTML), then pairs, in order, each removed
 * block with an inserted one of the same kind and enough words in common: a pair is one block
 * changed. Each output block says whether it changed.
 */
function diffBlocks(before: readonly Block[], after: readonly Block[], depth = 0): Shown[] {
  const shown: Shown[] = []
  let removed: Block[] = []
  let inserted: Block[] = []
  const flush = () => {
    let next = 0
    for (const old of removed) {
      const match = depth >= deepestCompared ? -1 : inserted.findIndex((candidate, index) => index >= next && index < next + pairingWindow && candidate.node.tagName === old.node.tagName && similarity(old, candidate) >= similarEnough)
      if (match === -1) {
        shown.push(marked(old, 'del'))
        continue
      }
      for (const added of inserted.slice(next, match)) shown.push(marked(added, 'ins'))
      const paired = inserted[match] as Block
      shown.push(changed(old, paired, depth))
      next = match + 1
    }
    for (const added of inserted.slice(next)) shown.push(marked(added, 'ins'))
    removed = []
    inserted = []
  }
  for (const part of diffArrays([...before], [...after], { comparator: (a, b) => a.signature === b.signature })) {
    if (part.removed) removed.push(...part.value)
    else if (part.added) inserted.push(...part.value)
    else {
      flush()
      for (const same of part.value) shown.push({ nodes: nodesOf(same.node), changed: false, noun: nounOf(same.node) })
    }
  }
  flush()
  return shown
}

/** A block as a whole inserted or removed: the same element, marked, its words inside <ins> or <del>. */
function marked(block: Block, mark: Mark): Shown {
  const nodes = block.node.type === 'inline' ? [wrap(mark, [...block.node.children])] : [markElement(block.node, mark)]
  return { nodes, changed: true, noun: nounOf(block.node) }
}

function markElement(element: Element, mark: Mark): Element {
  const properties = { ...element.properties, className: [mark === 'ins' ? 'cw-inserted' : 'cw-removed'] }
  if (element.children.length === 0) return { ...element, properties }
  if (onlyBlocksInside.has(element.tagName) || element.children.some(isBlock)) {
    const parts = blocksOf(element.children).map((inner) => (inner.node.type === 'inline' ? (onlyBlocksInside.has(element.tagName) ? [] : [wrap(mark, [...inner.node.children])]) : [markElement(inner.node, mark)]))
    return { ...element, properties, children: framed(element, joined(parts)) }
  }
  return { ...element, properties, children: [wrap(mark, element.children)] }
}

function wrap(mark: Mark, children: ElementContent[]): Element {
  return { type: 'element', tagName: mark, properties: {}, children }
}

/** Blocks joined by line breaks, as the renderer writes them, so that the HTML reads as the policy's. */
function joined(parts: ReadonlyArray<readonly ElementContent[]>): ElementContent[] {
  return parts.filter((part) => part.length > 0).flatMap((part, index) => (index === 0 ? [...part] : [{ type: 'text', value: '\n' } as Text, ...part]))
}

/** A list's or table's rows, each on a line of its own, as the renderer writes them. */
function framed(element: Element, children: ElementContent[]): ElementContent[] {
  if (!onlyBlocksInside.has(element.tagName) || children.length === 0) return children
  const newline = (): Text => ({ type: 'text', value: '\n' })
  return [newline(), ...children, newline()]
}

/** Two versions of one block: its blocks aligned again inside, or its words diffed. */
function changed(old: Block, now: Block, depth: number): Shown {
  const noun = nounOf(now.node)
  // A block whose HTML differs only where a reader sees no difference (spaces, line breaks of the source) is unchanged.
  const unchanged: Shown = { nodes: nodesOf(now.node), changed: false, noun }
  // A pair is of one kind (diffBlocks pairs no other): both inline runs, or both elements of one tag.
  if (now.node.type === 'inline') {
    const inline = diffInline(nodesOf(old.node), nodesOf(now.node))
    return inline.changed ? { nodes: inline.nodes, changed: true, noun } : unchanged
  }
  const element = now.node
  if (onlyBlocksInside.has(element.tagName) || element.children.some(isBlock) || old.node.children.some(isBlock)) {
    const inner = diffBlocks(blocksOf(old.node.children), blocksOf(element.children), depth + 1).map((part) => ({ ...part, nodes: part.nodes.filter((node) => !(onlyBlocksInside.has(element.tagName) && node.type !== 'element')) }))
    if (!inner.some((part) => part.changed)) return unchanged
    const parts = element.tagName === 'ul' || element.tagName === 'ol' ? foldItems(element, inner) : inner.map((part) => [...part.nodes])
    return { nodes: [{ ...element, children: framed(element, joined(parts)) }], changed: true, noun }
  }
  const inline = diffInline(old.node.children, element.children)
  return inline.changed ? { nodes: [{ ...element, properties: { ...element.properties, className: ['cw-changed'] }, children: inline.nodes }], changed: true, noun } : unchanged
}

/**
 * A changed list's items: each change with one item of context on each side, and every other run
 * of two or more unchanged items folded into an item of its own, a <details> holding them as a
 * list (an ordered list's numbers kept: the folded list starts at its first item's number, and
 * the item after it says its own).
 */
function foldItems(list: Element, items: readonly Shown[]): ElementContent[][] {
  const visible = items.map((item, index) => item.changed || items.slice(Math.max(0, index - 1), index + 2).some((near) => near.changed))
  const ordered = list.tagName === 'ol'
  const first = ordered && typeof list.properties['start'] === 'number' ? list.properties['start'] : 1
  const output: ElementContent[][] = []
  // The unchanged items hidden since the last one shown, up to the item at `end`.
  let hidden: Shown[] = []
  const flush = (end: number) => {
    if (hidden.length === 1) output.push(...hidden.map((item) => [...item.nodes]))
    if (hidden.length > 1) {
      const inner: Element = { type: 'element', tagName: list.tagName, properties: ordered ? { start: first + end - hidden.length } : {}, children: framed(list, joined(hidden.map((item) => [...item.nodes]))) }
      const summary: Element = { type: 'element', tagName: 'summary', properties: {}, children: [{ type: 'text', value: unchangedSummary(hidden.map(() => 'li')) }] }
      output.push([{ type: 'element', tagName: 'li', properties: { className: ['cw-folded'] }, children: [{ type: 'element', tagName: 'details', properties: {}, children: joined([[summary], [inner]]) }] }])
    }
    return hidden.length > 1
  }
  items.forEach((item, index) => {
    if (!visible[index]) {
      hidden.push(item)
      return
    }
    const folded = flush(index)
    hidden = []
    // After a fold, an ordered list's next item says its number: the fold took one.
    output.push(item.nodes.map((node) => (folded && ordered && node.type === 'element' && node.tagName === 'li' ? { ...node, properties: { ...node.properties, value: String(first + index) } } : node)))
  })
  flush(items.length)
  return output
}

// ---- Words inside a block, with their markup (links, emphasis, code, line breaks) ----

/** A word, a run of spaces, a punctuation mark or a line break, with the inline elements it is in (outermost first). */
interface Token {
  readonly text: string
  readonly within: readonly Element[]
  /** The token's text and the markup it is in: equal tokens show the same. */
  readonly key: string
}

const tokenPattern = /[\p{L}\p{N}\p{M}_'’-]+|\s+|[^\p{L}\p{N}\p{M}_'’\s-]/gu

function tokensOf(
  nodes: readonly ElementContent[],
  // Stryker disable next-line ArrayDeclaration: equivalent, what the top level is within is copied around its words as an element of that name, which the sanitiser unwraps
  within: readonly Element[] = [],
  tokens: Token[] = [],
  // Stryker disable next-line StringLiteral: equivalent, every key starts with the top level's prefix, whatever it is
  prefix = '',
): Token[] {
  for (const node of nodes) {
    if (node.type === 'element') {
      if (node.tagName === 'br') tokens.push({ text: '', within: [...within, node], key: `${prefix}|<br>` })
      else tokensOf(node.children, [...within, node], tokens, `${prefix}>${markupKey(node)}`)
    } else {
      // A text (the sanitiser has dropped every comment).
      for (const match of node.value.matchAll(tokenPattern)) {
        // Spaces compare alike whatever they are (trimmed to nothing: a browser shows any run as one space), and are written as they were.
        tokens.push({ text: match[0], within, key: `${prefix}|${match[0].trim()}` })
      }
    }
  }
  return tokens
}

function markupKey(element: Element): string {
  return `${element.tagName}${JSON.stringify(element.properties)}`
}

interface Run {
  readonly type: 'equal' | 'insert' | 'delete'
  readonly tokens: readonly Token[]
}

/**
 * The word-level diff of two blocks' inline content (Myers' diff over words with their markup; not
 * diff.ts's wordDiff, which diffs plain text: jsdiff's diffWords takes the spaces of an unchanged
 * run from one side only, so its runs cannot be laid back onto the markup of both):
 * a word whose link changed target is deleted with the old link and inserted with the new, and a
 * note says where each link went. Spaces alone between two changes join the change, and each
 * change reads as its deleted words, then its inserted ones.
 */
function diffInline(before: readonly ElementContent[], after: readonly ElementContent[]): { nodes: ElementContent[]; changed: boolean } {
  const parts = diffArrays(collapseSpaces(tokensOf(before)), collapseSpaces(tokensOf(after)), { comparator: (a, b) => a.key === b.key })
  const runs: Run[] = parts.map((part) => ({ type: part.added ? 'insert' : part.removed ? 'delete' : 'equal', tokens: part.value }))
  const output: ElementContent[] = []
  let deleted: Token[] = []
  let inserted: Token[] = []
  const flush = () => {
    output.push(...build(deleted, 'del'), ...build(inserted, 'ins'), ...linkNote(deleted, inserted))
    deleted = []
    inserted = []
  }
  for (const run of runs) {
    // Never the first run nor the last: collapseSpaces leaves no space at either end.
    const spacesBetweenChanges = run.type === 'equal' && run.tokens.every((token) => token.text !== '' && token.text.trim() === '')
    if (run.type === 'delete' || spacesBetweenChanges) deleted.push(...run.tokens)
    if (run.type === 'insert' || spacesBetweenChanges) inserted.push(...run.tokens)
    if (run.type === 'equal' && !spacesBetweenChanges) {
      flush()
      output.push(...build(run.tokens, null))
    }
  }
  flush()
  return { nodes: output, changed: runs.some((run) => run.type !== 'equal') }
}

/** Spaces as the browser shows them: one, none at the start or end. */
function collapseSpaces(tokens: readonly Token[]): Token[] {
  const isSpace = (token: Token | undefined) => token !== undefined && token.text !== '' && token.text.trim() === ''
  const kept = tokens.filter((token, index) => !(isSpace(token) && isSpace(tokens[index - 1])))
  while (isSpace(kept[0])) kept.shift()
  while (isSpace(kept.at(-1))) kept.pop()
  return kept
}

/** Tokens back into elements: each token inside copies of its inline elements, the mark innermost. */
function build(tokens: readonly Token[], mark: Mark | null): ElementContent[] {
  const built: ElementContent[] = []
  // The elements open at the end of what was built: the copy of each inline element, then the mark.
  let open: Array<{ source: Element | Mark; copy: Element }> = []
  let openFor: readonly Element[] | undefined
  // Where the next node goes. Each word is a text node of its own: adjacent texts are written as one.
  const openChildren = () => open.at(-1)?.copy.children ?? built
  for (const token of tokens) {
    // A line break is the one token without text (tokensOf).
    const isBreak = token.text === ''
    // Words of one text node share their elements: those open already are theirs (a line break's
    // elements, its own among them, are an array of its own, shared with no other token).
    // Stryker disable next-line BlockStatement: equivalent, a shortcut: the way below opens nothing for these words (their elements are open) and adds the same text
    if (token.within === openFor) {
      openChildren().push({ type: 'text', value: token.text })
      continue
    }
    openFor = token.within
    const chain: Array<Element | Mark> = [...(isBreak ? token.within.slice(0, -1) : token.within), ...(mark ? [mark] : [])]
    const firstNotOpen = chain.findIndex((source, index) => open[index]?.source !== source)
    const same = firstNotOpen === -1 ? chain.length : firstNotOpen
    open = open.slice(0, same)
    for (const source of chain.slice(same)) {
      const copy: Element = typeof source === 'string' ? wrap(source, []) : { ...source, children: [] }
      openChildren().push(copy)
      open.push({ source, copy })
    }
    openChildren().push(isBreak ? { type: 'element', tagName: 'br', properties: {}, children: [] } : { type: 'text', value: token.text })
  }
  return built
}

/** Where a changed link went: the old targets deleted, the new inserted, as words a reader sees. */
function linkNote(deleted: readonly Token[], inserted: readonly Token[]): ElementContent[] {
  const targets = (tokens: readonly Token[]) => [...new Set([...new Set(tokens.map((token) => token.within))].flatMap((within) => within.filter((element) => element.tagName === 'a').map((element) => String(element.properties['href'] ?? ''))))]
  const from = targets(deleted)
  const to = targets(inserted)
  if (from.length === 0 || to.length === 0 || from.join('\n') === to.join('\n')) return []
  const text = (value: string): Text => ({ type: 'text', value })
  return [
    text(' '),
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['cw-link-note'] },
      children: [text('(link: '), wrap('del', [text(from.join(', '))]), text(' → '), wrap('ins', [text(to.join(', '))]), text(')')],
    },
  ]
}

// ---- Collapsing what did not change ----

const nouns: Readonly<Record<string, readonly [string, string]>> = {
  '#inline': ['line', 'lines'],
  p: ['paragraph', 'paragraphs'],
  ul: ['list', 'lists'],
  li: ['list item', 'list items'],
  table: ['table', 'tables'],
  tr: ['row', 'rows'],
  blockquote: ['quotation', 'quotations'],
  pre: ['block of code', 'blocks of code'],
  hr: ['rule', 'rules'],
}

function nounOf(node: Element | InlineRun): string {
  if (node.type === 'inline') return '#inline'
  if (/^h[1-6]$/.test(node.tagName)) return 'heading'
  // Every kind of list is a list to a reader.
  const tagName = node.tagName === 'ol' || node.tagName === 'dl' ? 'ul' : node.tagName
  return tagName in nouns ? tagName : 'block'
}

/** "1 unchanged paragraph", "12 unchanged paragraphs", "3 unchanged paragraphs and 1 list". */
export function unchangedSummary(nounKeys: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const key of nounKeys) counts.set(key, (counts.get(key) ?? 0) + 1)
  const named = [...counts].map(([key, count], index) => {
    const [singular, plural] = nouns[key] ?? (key === 'heading' ? ['heading', 'headings'] : ['block', 'blocks'])
    return `${count} ${index === 0 ? 'unchanged ' : ''}${count === 1 ? singular : plural}`
  })
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}` : (named[0] ?? '')
}

/**
 * The blocks to show: each change, with `context` unchanged blocks on each side and the heading it
 * is under; every other run of unchanged blocks behind a <details> that names how many it holds
 * (it opens without scripts).
 */
function collapse(shown: readonly Shown[], context: number): ElementContent[] {
  const visible = shown.map((part, index) => part.changed || shown.slice(Math.max(0, index - context), index + context + 1).some((near) => near.changed))
  // The heading a change is under stays visible too: it says where in the clause the change is.
  shown.forEach((part, index) => {
    if (!part.changed) return
    const heading = shown.slice(0, index).findLastIndex((other) => other.noun === 'heading')
    if (heading !== -1) visible[heading] = true
  })
  const output: ElementContent[][] = []
  let hidden: Shown[] = []
  const flush = () => {
    if (hidden.length === 0) return
    const summary: Element = { type: 'element', tagName: 'summary', properties: {}, children: [{ type: 'text', value: unchangedSummary(hidden.map((part) => part.noun)) }] }
    output.push([{ type: 'element', tagName: 'details', properties: {}, children: joined([[summary], ...hidden.map((part) => part.nodes)]) }])
    hidden = []
  }
  shown.forEach((part, index) => {
    if (visible[index]) {
      flush()
      output.push([...part.nodes])
    } else hidden.push(part)
  })
  flush()
  return joined(output)
}
