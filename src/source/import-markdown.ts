import GithubSlugger from 'github-slugger'
import type { Element as HastElement, Nodes as HastNodes, Root as HastRoot } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toText } from 'hast-util-to-text'
import { raw } from 'hast-util-raw'
import { toMdast } from 'hast-util-to-mdast'
import type { Heading, Html, Link, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { toHast } from 'mdast-util-to-hast'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { EXIT, SKIP, visit } from 'unist-util-visit'
import { parse as parseYaml, stringify } from 'yaml'
import { clauseAnchors, freeId, idFromText } from '../model/anchors.ts'
import { isCalendarDate } from '../model/calendar-date.ts'
import { directives } from '../directives/catalogue.ts'
import { findExcessiveMarkdownNesting } from '../markdown/parse-clause.ts'
import { budgets } from './budgets.ts'
import { type ClauseIdentity, matchClauseIds } from './match-clauses.ts'
import { schemaComment } from './new-policy.ts'

/**
 * One published policy, as Markdown, turned into the files of a policy directory. The text is the
 * original text: what changes is only its form (front matter and HTML comments removed, inline HTML
 * written as Markdown, links made absolute), and each such change is a note of the report. Nothing
 * legal is guessed: what the text does not say (the controller's legal name, the supervisory
 * authority, what a contact address is for) is the placeholder TODO, which check reports.
 */
export interface ImportOptions {
  /** Headings of this level and above start a clause; `auto`: the highest level used twice or more. */
  readonly splitLevel: number | 'auto'
  /** Relative links are resolved against it; without it they are left as they are, and reported. */
  readonly baseUrl?: string
  /** The controller's legal name, when known. */
  readonly name?: string
  readonly language: string
  /** The last-updated date when the text states none. */
  readonly today: string
  /** The schemas, relative to the policy directory, for editors that read `yaml-language-server` comments. */
  readonly schemaDirectory?: string
  /** The clauses of the version before, in a history (`import --git`): a clause keeps its id when its heading changes. */
  readonly previousClauses?: readonly ClauseIdentity[]
}

export type ImportNoteKind =
  | 'front-matter-removed'
  | 'title'
  | 'last-updated'
  | 'last-updated-missing'
  | 'html-comment-removed'
  | 'html-converted'
  | 'html-left'
  | 'link-resolved'
  | 'link-relative'
  | 'link-site-path'
  | 'anchor-rewritten'
  | 'anchor-missing'
  | 'heading-folded'
  | 'introduction'
  | 'clause-id'
  | 'contact'
  | 'split-level'
  | 'html-page'

export interface ImportNote {
  readonly kind: ImportNoteKind
  /** The line of the source it is about (1-based), or null for the whole file. */
  readonly line: number | null
  readonly message: string
}

export interface ImportResult {
  /** The files of the policy directory, by their path in it. */
  readonly files: ReadonlyMap<string, string>
  readonly notes: readonly ImportNote[]
  /** The clauses, in order: what the next version of a history is matched against. */
  readonly clauses: readonly ClauseIdentity[]
  /** The policy's title, as policy.yaml holds it. */
  readonly title: string
  /** The last-updated or effective date the text states, if it states one (else lastUpdated is `today`). */
  readonly statedDate: string | null
}

interface FrontMatter {
  readonly title: string | null
  /** The body after it, and the number of lines it took. */
  readonly body: string
  readonly lines: number
}

// Jekyll and Hugo front matter (YAML between `---` lines, a fence with trailing spaces too; TOML
// between `+++` lines).
const yamlFrontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/
const tomlFrontMatter = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/

function splitFrontMatter(source: string): FrontMatter {
  const text = source.replace(/^\uFEFF/, '')
  const yaml = yamlFrontMatter.exec(text)
  const toml = yaml ? null : tomlFrontMatter.exec(text)
  const match = yaml ?? toml
  if (!match) return { title: null, body: text, lines: 0 }
  let title: string | null = null
  if (yaml) {
    try {
      const value = parseYaml(match[1] ?? '', { maxAliasCount: 0 }) as unknown
      const candidate = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['title'] : undefined
      if (typeof candidate === 'string' && candidate.trim() !== '') title = candidate.trim()
    } catch {
      // Front matter that is no YAML is removed all the same; the title comes from the text.
    }
  } else {
    const line = /^title\s*=\s*"([^"\n]+)"\s*$/m.exec(match[1] ?? '')
    if (line?.[1]) title = line[1].trim()
  }
  return { title, body: text.slice(match[0].length), lines: match[0].split('\n').length - 1 }
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const monthPattern = months.join('|')
const datePatterns: ReadonlyArray<{ readonly pattern: RegExp; readonly read: (match: RegExpExecArray) => [number, number, number] }> = [
  { pattern: /\b(\d{4})-(\d{2})-(\d{2})\b/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { pattern: new RegExp(`\\b(${monthPattern})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), read: (m) => [Number(m[3]), months.indexOf((m[1] ?? '').toLowerCase()) + 1, Number(m[2])] },
  { pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthPattern}),?\\s+(\\d{4})\\b`, 'i'), read: (m) => [Number(m[3]), months.indexOf((m[2] ?? '').toLowerCase()) + 1, Number(m[1])] },
]
// The line that states the date, as policies write it.
const dateLine = /\b(?:last\s+(?:updated|modified|revised)|effective(?:\s+date|\s+as\s+of)?|updated(?:\s+on)?|date\s+of\s+last\s+revision)\b\s*(?:on\s*)?[:\-–—]?\s*(.{0,60})/i

/** The date a line of the text states as its last update or effective date, YYYY-MM-DD. */
export function statedDate(line: string): string | null {
  const stated = dateLine.exec(line)
  if (!stated) return null
  for (const { pattern, read } of datePatterns) {
    const match = pattern.exec(stated[1] ?? '')
    if (!match) continue
    const [year, month, day] = read(match)
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    if (isCalendarDate(date)) return date
  }
  return null
}

/** A schema id (`[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters) from a heading's text. */
export function clauseIdFrom(text: string): string {
  return idFromText(text, 64)
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

const lineOf = (node: { position?: { start: { line: number } } | undefined }, offset: number) => (node.position ? node.position.start.line + offset : null)

function isComment(node: Html): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(node.value)
}

const convertible = new Set(['br', 'b', 'strong', 'i', 'em', 'a', 'code', 'p', 'ul', 'ol', 'li', 'sup', 'sub', 'span', 'div', 'del', 's', 'blockquote'])

/**
 * The children of a node whose Markdown holds HTML (`A <b>bold</b> word`: its tags are separate
 * nodes), read as a browser reads the whole and written as Markdown (rehype-remark's mapping); null
 * where an element has no Markdown equivalent.
 */
function childrenAsMarkdown(parent: Parent): RootContent[] | null {
  const inline = parent.type === 'paragraph' || parent.type === 'heading' || parent.type === 'tableCell' || parent.type === 'emphasis' || parent.type === 'strong' || parent.type === 'link'
  // Phrasing content goes in as one paragraph: between the children of a root, to-hast writes line breaks.
  const wrapped = inline ? { type: 'root', children: [{ type: 'paragraph', children: parent.children }] } : { type: 'root', children: parent.children }
  const hast = raw(toHast(wrapped as Root, { allowDangerousHtml: true }) as HastRoot)
  let unknown = false
  visit(hast as HastNodes, 'element', (element) => {
    if (!convertible.has(element.tagName)) unknown = true
  })
  if (unknown) return null
  const converted = toMdast(hast) as Root
  if (!inline) return converted.children
  // Phrasing content stays phrasing: the paragraph toMdast made around it is dropped.
  return converted.children.flatMap((node) => (node.type === 'paragraph' ? node.children : [node]))
}

// A colon before the name of one of our directives ("write to:email") would be read as that
// directive in the policy: written escaped (`\\:`), it stays the text it was.
const directiveColons = [{ character: ':', after: `(?:${Object.keys(directives).join('|')})(?![\\w-])` }]

export function importMarkdown(source: string, options: ImportOptions): ImportResult {
  const notes: ImportNote[] = []
  const frontMatter = splitFrontMatter(source)
  const offset = frontMatter.lines
  if (frontMatter.lines > 0) notes.push({ kind: 'front-matter-removed', line: 1, message: `The front matter (${frontMatter.lines} lines) was removed: it is not part of the published text.` })
  const tree = fromMarkdown(frontMatter.body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  return importTree(tree, frontMatter.title === null ? null : { title: frontMatter.title, from: 'the front matter’s' }, offset, notes, options)
}

// What a page holds besides its policy: the site's navigation and chrome, and what never shows.
const chrome = new Set(['nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'form', 'button', 'dialog'])

/**
 * One published policy as an HTML page: its `<main>` (else its `<article>`, else its `<body>` without
 * the site's navigation, header and footer), read as Markdown (rehype-remark's mapping); its title
 * from `<title>` unless a first-level heading gives one.
 */
export function importHtml(source: string, options: ImportOptions): ImportResult {
  const notes: ImportNote[] = []
  const page = fromHtml(source)
  const find = (tagName: string): HastElement | undefined => {
    let found: HastElement | undefined
    visit(page as HastNodes, 'element', (element) => {
      if (found) return EXIT
      if (element.tagName === tagName) found = element
      return undefined
    })
    return found
  }
  const main = find('main') ?? find('article')
  const body = main ?? find('body')
  if (!main) notes.push({ kind: 'html-page', line: null, message: 'The page has no <main> or <article>: its whole <body> was read, less its navigation, header and footer; remove what is not the policy.' })
  else notes.push({ kind: 'html-page', line: null, message: `The policy is the page's <${main.tagName}>.` })
  const content: HastRoot = { type: 'root', children: body ? [...body.children] : [] }
  visit(content as HastNodes, 'element', (element, index, parent) => {
    if (!chrome.has(element.tagName) || !parent || index === undefined) return undefined
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
  const titleElement = find('title')
  const pageTitle = titleElement ? toText(titleElement).trim() : ''
  const tree = toMdast(content) as Root
  return importTree(tree, pageTitle === '' ? null : { title: pageTitle, from: 'the page’s <title>' }, 0, notes, options)
}

/** A heading as a title: the words a reader sees, without its raw HTML (a title is plain text). */
function titleOf(heading: Heading): string {
  return toString(heading, { includeHtml: false }).replace(/\s+/g, ' ').trim()
}

/** Why a published text cannot be imported: its own fault, not the tool's (a usage error to the command line). */
export class ImportRefusal extends Error {}

/**
 * One published text imported: an HTML page by its name or by how it begins, else Markdown.
 * Markdown nested far deeper than check allows (nesting-too-deep, by the same estimate that
 * parseClause makes first) is refused at its line before any parser walks it; a page nested
 * deeper than the parsers' recursion can follow is refused when its stack runs out.
 */
export function importPublished(source: string, name: string, options: ImportOptions): ImportResult {
  const html = /\.x?html?$/i.test(name) || /^\s*(?:<!doctype html|<html[\s>])/i.test(source)
  const tooDeep = html ? undefined : findExcessiveMarkdownNesting(source)
  if (tooDeep !== undefined) throw new ImportRefusal(`line ${source.slice(0, tooDeep).split('\n').length} nests quotations or lists far deeper than the ${budgets.maxMarkdownDepth} levels a policy may hold`)
  try {
    return (html ? importHtml : importMarkdown)(source, options)
  } catch (error) {
    // The syntax trees are walked recursively: a page of elements nested thousands deep exhausts the stack.
    if (error instanceof RangeError) throw new ImportRefusal('it is nested too deeply to be read (thousands of quotations, lists or elements one inside another)')
    throw error
  }
}

function importTree(tree: Root, given: { readonly title: string; readonly from: string } | null, offset: number, notes: ImportNote[], options: ImportOptions): ImportResult {

  // HTML comments go; other HTML becomes Markdown where it has an equivalent.
  visit(tree, 'html', (node, index, parent) => {
    if (!parent || index === undefined) return
    if (isComment(node)) {
      notes.push({ kind: 'html-comment-removed', line: lineOf(node, offset), message: `The HTML comment \`${node.value.slice(0, 60).replace(/\s+/g, ' ')}\` was removed: it is not published.` })
      parent.children.splice(index, 1)
      return [SKIP, index]
    }
    const inCell = parent.type === 'tableCell'
    if (/^<br\s*\/?>$/i.test(node.value.trim())) {
      // A break that ends its paragraph breaks nothing (a browser shows no empty line): it goes.
      const last = parent.children.slice(index + 1).every((child) => child.type === 'text' && child.value.trim() === '')
      if (last) {
        parent.children.splice(index, parent.children.length - index)
        notes.push({ kind: 'html-converted', line: lineOf(node, offset), message: `\`${node.value}\` at the end of its paragraph was removed: it breaks no line.` })
        return [SKIP, index]
      }
      // A table cell holds one line: its line break becomes a space.
      const replacement: PhrasingContent = inCell ? { type: 'text', value: ' ' } : { type: 'break' }
      parent.children.splice(index, 1, replacement as never)
      notes.push({ kind: 'html-converted', line: lineOf(node, offset), message: `\`${node.value}\` became ${inCell ? 'a space (a table cell holds one line)' : 'a line break'}.` })
      return [SKIP, index + 1]
    }
    return undefined
  })
  // The other HTML: each node holding some is read whole, as a browser would.
  const holders = new Set<Parent>()
  visit(tree, 'html', (_node, _index, parent) => {
    if (parent) holders.add(parent)
  })
  const headingHtml = new Map<Heading, { readonly line: number | null; readonly shown: string }>()
  for (const parent of holders) {
    const first = parent.children.find((child) => child.type === 'html')
    const shown = parent.children.filter((child): child is Html => child.type === 'html').map((child) => child.value).join(' ').slice(0, 60).replace(/\s+/g, ' ')
    const converted = childrenAsMarkdown(parent)
    if (converted === null) {
      // A heading that becomes a title says so below; one that stays inside a clause, here.
      if (parent.type === 'heading') headingHtml.set(parent as Heading, { line: lineOf(first ?? parent, offset), shown })
      else notes.push({ kind: 'html-left', line: lineOf(first ?? parent, offset), message: `The HTML \`${shown}\` has no Markdown equivalent: it was left, and check reports it (raw-html).` })
      continue
    }
    parent.children = converted as never[]
    notes.push({ kind: 'html-converted', line: lineOf(first ?? parent, offset), message: `The HTML \`${shown}\` was written as Markdown.` })
  }

  // The title: the front matter's (the page's), else a first-level heading (which then leaves the text).
  let title = given?.title ?? null
  const firstHeading = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1)
  let titleHeading: Heading | undefined
  if (title === null && firstHeading) {
    titleHeading = firstHeading
    title = titleOf(firstHeading)
    tree.children.splice(tree.children.indexOf(firstHeading), 1)
    notes.push({ kind: 'title', line: lineOf(firstHeading, offset), message: `The title is the first heading, “${title}”.` })
  } else if (title !== null) {
    notes.push({ kind: 'title', line: 1, message: `The title is ${given?.from ?? 'the front matter’s'}, “${title}”.` })
  }
  title ??= 'Privacy policy'

  // The date the text states.
  let lastUpdated: string | null = null
  for (const node of tree.children.slice(0, 12)) {
    if (node.type !== 'paragraph' && node.type !== 'heading') continue
    const date = statedDate(toString(node))
    if (date) {
      lastUpdated = date
      notes.push({ kind: 'last-updated', line: lineOf(node, offset), message: `The last-updated date is the one the text states: ${date}.` })
      break
    }
  }
  const dateStated = lastUpdated
  if (lastUpdated === null) {
    lastUpdated = options.today
    notes.push({ kind: 'last-updated-missing', line: null, message: `The text states no last-updated or effective date: lastUpdated is ${options.today}; correct it in policy.yaml.` })
  }

  // The level that starts a clause.
  const depths = tree.children.filter((node): node is Heading => node.type === 'heading').map((node) => node.depth)
  const level = options.splitLevel === 'auto' ? ([1, 2, 3, 4, 5, 6].find((depth) => depths.filter((d) => d === depth).length >= 2) ?? 2) : options.splitLevel
  if (options.splitLevel === 'auto') notes.push({ kind: 'split-level', line: null, message: `Clauses start at the headings of level ${level} and above (the highest level used twice or more).` })

  // The clauses: each heading of the level or above starts one; a heading with nothing of its own
  // before the next folds into it, as a heading inside it.
  interface Section {
    heading: Heading | null
    title: string
    body: RootContent[]
  }
  const sections: Section[] = []
  let current: Section | null = null
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= level) {
      if (current && current.heading && current.body.length === 0) {
        notes.push({ kind: 'heading-folded', line: lineOf(node, offset), message: `The heading “${current.title}” has no text of its own: “${toString(node).trim()}” is a heading inside its clause.` })
        current.body.push({ ...node, depth: Math.min(6, level + 1) as Heading['depth'] })
        continue
      }
      current = { heading: node, title: titleOf(node), body: [] }
      sections.push(current)
      continue
    }
    if (!current) {
      current = { heading: null, title: 'Introduction', body: [] }
      sections.push(current)
      notes.push({ kind: 'introduction', line: lineOf(node, offset), message: 'The text before the first heading is a clause of its own, titled “Introduction” (a heading the policy did not have: retitle it as you wish).' })
    }
    current.body.push(node)
  }

  const titles = new Set<Heading>([...(titleHeading ? [titleHeading] : []), ...sections.flatMap((section) => (section.heading ? [section.heading] : []))])
  for (const [heading, { line, shown }] of headingHtml) {
    notes.push(
      titles.has(heading)
        ? { kind: 'html-left', line, message: `The HTML \`${shown}\` in the heading “${titleOf(heading)}” is left out of its title, which is plain text.` }
        : { kind: 'html-left', line, message: `The HTML \`${shown}\` has no Markdown equivalent: it was left, and check reports it (raw-html).` },
    )
  }

  // Ids: from the headings, unique; the anchors the page had (GitHub's slugs) are rewritten in links.
  const used = new Set<string>()
  const proposed = sections.map((section) => {
    const id = freeId(clauseIdFrom(section.title) || 'clause', used)
    return { proposed: id, title: section.title, text: toString({ type: 'root', children: section.body } as Root) }
  })
  // In a history, a clause keeps the id it had in the version before, whatever its heading now.
  const ids = options.previousClauses ? matchClauseIds(options.previousClauses, proposed) : proposed.map((clause) => clause.proposed)
  const anchors = new Map<string, string>()
  const githubSlugger = new GithubSlugger()
  const clauses = sections.map((section, index) => {
    const id = ids[index] ?? 'clause'
    // The page's anchors (GitHub's slugs, counted over the page) and the clause's own (counted in the clause).
    const formerToNew = new Map<string, string>()
    if (section.heading) {
      // GitHub's anchor is made from the heading as rendered, its HTML not text.
      const anchor = githubSlugger.slug(toString(section.heading, { includeHtml: false }))
      formerToNew.set(anchor, id)
      if (anchor !== id) notes.push({ kind: 'clause-id', line: lineOf(section.heading, offset), message: `The clause “${section.title}” has the id \`${id}\`; the page's anchor \`#${anchor}\` is kept as an alias of it.` })
    }
    const anchorOf = clauseAnchors(id)
    visit({ type: 'root', children: section.body } as Root, 'heading', (node: Heading) => {
      formerToNew.set(githubSlugger.slug(toString(node)), anchorOf(toString(node)))
    })
    for (const [former, target] of formerToNew) anchors.set(former, target)
    return { id, title: section.title, body: section.body, formerToNew }
  })
  // Each former anchor that differs from the new one is kept as an alias, where it names nothing else of the page.
  const published = new Set(clauses.flatMap((clause) => [...clause.formerToNew.values()]))
  const aliasesOf = (clause: (typeof clauses)[number]): Record<string, string> =>
    Object.fromEntries([...clause.formerToNew].filter(([former, target]) => former !== target && !published.has(former) && !former.includes('---') && /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(former)))

  // Links: anchors of the page to the clauses' ids; relative links resolved against the base URL.
  const emails = new Map<string, string>()
  for (const clause of clauses) {
    visit({ type: 'root', children: clause.body } as Root, 'link', (link: Link, index, parent) => {
      const url = link.url
      if (url.startsWith('#')) {
        const target = anchors.get(safeDecode(url.slice(1)))
        if (target === undefined) {
          // A link to an anchor the page does not have led nowhere: its words stay, as text.
          notes.push({ kind: 'anchor-missing', line: lineOf(link, offset), message: `The link to \`${url}\` led to no heading of the page: its words “${toString(link)}” are kept as text.` })
          if (parent && index !== undefined) parent.children.splice(index, 1, ...link.children)
          return [SKIP, index ?? 0]
        }
        if (target !== url.slice(1)) {
          notes.push({ kind: 'anchor-rewritten', line: lineOf(link, offset), message: `The link to \`${url}\` leads to \`#${target}\`.` })
          link.url = `#${target}`
        }
        return undefined
      }
      if (/^mailto:/i.test(url)) {
        const address = url.slice('mailto:'.length).split('?')[0] ?? ''
        if (address && !emails.has(address.toLowerCase())) emails.set(address.toLowerCase(), address)
        return undefined
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return undefined
      // A link the URL parser refuses (`//[x`) resolves to nothing: it is left, as without a base.
      const resolved = options.baseUrl && URL.canParse(url, options.baseUrl) ? new URL(url, options.baseUrl).href : undefined
      if (options.baseUrl && resolved === undefined) {
        notes.push({ kind: 'link-relative', line: lineOf(link, offset), message: `The relative link \`${url}\` cannot be resolved against ${options.baseUrl}: it was left as it is.` })
      } else if (resolved !== undefined) {
        notes.push({ kind: 'link-resolved', line: lineOf(link, offset), message: `The relative link \`${url}\` became \`${resolved}\`.` })
        link.url = resolved
      } else if (url.startsWith('/')) {
        notes.push({ kind: 'link-site-path', line: lineOf(link, offset), message: `The link \`${url}\` is kept as a path from the site's root: it leads to that page of the site that publishes the policy (give --base-url to make it absolute).` })
      } else {
        notes.push({ kind: 'link-relative', line: lineOf(link, offset), message: `The relative link \`${url}\` was left as it is, which check refuses (it would lead elsewhere from each page of the policy's site): give --base-url to resolve it.` })
      }
      return undefined
    })
  }

  const contacts = [...emails.values()].map((email, index) => ({ id: index === 0 ? 'contact' : `contact-${index + 1}`, description: 'TODO: what people write to this address for', email }))
  for (const contact of contacts) notes.push({ kind: 'contact', line: null, message: `The address ${contact.email} is the contact \`${contact.id}\`: say what it is for in policy.yaml.` })

  const files = new Map<string, string>()
  const policy = {
    id: idFromText(title, 50) || 'imported',
    title,
    language: options.language,
    lastUpdated,
    controller: { legalName: options.name ?? 'TODO: the controller’s legal name' },
    contacts,
    supervisoryAuthority: { name: 'TODO: the data protection authority people can complain to', url: 'https://TODO.invalid/' },
    clauses: clauses.map((clause) => clause.id),
  }
  files.set('policy.yaml', `${schemaComment(options.schemaDirectory, 'policy.schema.json')}# Imported by \`clausewright import\`. Each TODO marks what the text does not say: \`clausewright check\`\n# reports every one as an error (placeholder-left) until it is replaced.\n${stringify(policy, { lineWidth: 0 })}`)
  files.set('data.yaml', `${schemaComment(options.schemaDirectory, 'data.schema.json')}# The personal data the policy describes, as structured data: not read from the text (import\n# guesses nothing legal). Fill it in, and check says what the law expects of it.\n${stringify({ dataCategories: [], purposes: [], recipients: [], rights: [] }, { lineWidth: 0 })}`)
  for (const clause of clauses) {
    const body = toMarkdown({ type: 'root', children: clause.body } as Root, { extensions: [gfmToMarkdown()], bullet: '*', emphasis: '_', rule: '-', unsafe: directiveColons }).trim()
    const aliases = aliasesOf(clause)
    const frontMatter = { id: clause.id, title: clause.title, ...(Object.keys(aliases).length > 0 && { aliases }) }
    files.set(`clauses/${clause.id}.md`, `---\n${stringify(frontMatter, { lineWidth: 0 })}---\n\n${body === '' ? 'TODO' : body}\n`)
  }
  return { files, notes, title, clauses: clauses.map((clause, index) => ({ id: clause.id, title: clause.title, text: proposed[index]?.text ?? '' })), statedDate: dateStated }
}

