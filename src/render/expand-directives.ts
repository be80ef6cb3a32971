import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast'
import type { LeafDirective, TextDirective } from 'mdast-util-directive'
import type { PolicyData, PolicySource, Purpose } from '../model/types.ts'
import { parseMarkdownText } from '../markdown/parse-data-text.ts'
import { formatDate } from './format-date.ts'
import { mapChildren } from './map-children.ts'

export interface ExpansionData {
  readonly policy: PolicySource
  readonly data: PolicyData
  /** The Markdown texts of data.yaml already parsed (by `check`), by their text. */
  readonly texts?: ReadonlyMap<string, Root>
}

/** Shown where the text refers to a value the policy does not know; `check` warns about each. */
export const missingEmailText = '[email address missing]'

/**
 * Replaces every directive by plain mdast built from the structured data. Expects a tree that
 * passed `check` (the directives exist and name data that exists). Pure: the tree given is not
 * changed; the result shares every subtree without a directive with it (copying a whole clause
 * first cost more than the expansion).
 */
export function expandDirectives(tree: Root, source: ExpansionData): Root {
  return expandWithin(tree, source)
}

function expandWithin<T extends Root | RootContent>(node: T, source: ExpansionData): T {
  return mapChildren(node, (child) => expandNode(child, source))
}

/** A directive replaced by its expansion, itself expanded (a label may hold directives); any other node expanded within. */
function expandNode(node: RootContent, source: ExpansionData): RootContent | RootContent[] {
  if (node.type === 'leafDirective') return expandLeaf(node, source).flatMap((item) => expandNode(item, source))
  if (node.type === 'textDirective') return expandText(node, source).flatMap((item) => expandNode(item, source))
  return expandWithin(node, source)
}

function expandLeaf(node: LeafDirective, source: ExpansionData): RootContent[] {
  switch (node.name) {
    case 'purposes': {
      const group = node.attributes?.['group'] ?? ''
      const list = purposeList(source.data.purposes.filter((purpose) => purpose.group === group), undefined, source)
      return list ? [list] : []
    }
    case 'rights': {
      const items = source.data.rights.flatMap((right) => (right.statement === undefined ? [] : [listItem(right.statement, source)]))
      return items.length > 0 ? [{ type: 'list', ordered: false, spread: false, children: items }] : []
    }
    default:
      throw new Error(`Unexpected directive ::${node.name} after check`)
  }
}

function purposeList(purposes: readonly Purpose[], parent: string | undefined, source: ExpansionData): List | undefined {
  const items = purposes
    .filter((purpose) => purpose.parent === parent || (parent === undefined && purpose.parent !== undefined && !purposes.some((other) => other.id === purpose.parent)))
    .map((purpose) => {
      const item = listItem(purpose.text, source)
      const nested = purposeList(purposes, purpose.id, source)
      if (nested) item.children.push(nested)
      return item
    })
  return items.length > 0 ? { type: 'list', ordered: false, spread: false, children: items } : undefined
}

/** A Markdown text of data.yaml, parsed with the clause parser (or by `check` before) and its directives expanded. */
export function parseFragment(markdown: string, source: ExpansionData): Root {
  return expandDirectives(source.texts?.get(markdown) ?? parseMarkdownText(markdown), source)
}

function listItem(markdown: string, source: ExpansionData): ListItem {
  const tree = parseFragment(markdown, source)
  // A copy: the nested list is pushed onto it, and the parsed text may be shared.
  return { type: 'listItem', spread: false, children: [...tree.children] as ListItem['children'] }
}

function expandText(node: TextDirective, { policy }: ExpansionData): PhrasingContent[] {
  const id = node.attributes?.['id'] ?? ''
  switch (node.name) {
    case 'data':
    case 'purpose':
    case 'recipient':
    case 'right':
      return node.children
    case 'email': {
      const email = policy.contacts.find((contact) => contact.id === id)?.email
      if (email === undefined) {
        return [{ type: 'emphasis', data: { hProperties: { className: ['cw-missing'] } }, children: [{ type: 'text', value: missingEmailText }] }]
      }
      return [{ type: 'link', url: `mailto:${email}`, children: [{ type: 'text', value: email }] }]
    }
    case 'authority':
      return [{ type: 'link', url: policy.supervisoryAuthority.url, children: withoutLinks(node.children) }]
    case 'controller': {
      const field = node.attributes?.['field'] as keyof PolicySource['controller']
      return [{ type: 'text', value: policy.controller[field] ?? '' }]
    }
    case 'last-updated': {
      // A <time> that only this directive makes (clauses may not hold HTML): the diff tells the
      // date it shows, which changes with every version, from a date written in the prose.
      const shown: PhrasingContent = { type: 'emphasis', data: { hName: 'time', hProperties: { dateTime: policy.lastUpdated } }, children: [{ type: 'text', value: formatDate(policy.lastUpdated, policy.language, policy.dateFormat) }] }
      return [shown]
    }
    default:
      throw new Error(`Unexpected directive :${node.name} after check`)
  }
}

/**
 * A link's label without the links in it, their words kept: an address in a directive's label
 * (`:authority[www.ico.org.uk/concerns]`) is a GFM autolink literal, and a link in a link is no HTML.
 */
function withoutLinks(children: PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((child) => (child.type === 'link' ? withoutLinks(child.children) : 'children' in child ? [{ ...child, children: withoutLinks(child.children) } as PhrasingContent] : [child]))
}
