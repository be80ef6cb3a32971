import type { ClauseChange, ClauseStatus, DataChange, FieldChange, ReaderPart, ReaderWords, TargetChange } from '../model/diff.ts'
import { dateFormatOf, type PolicyDocument } from '../model/policy-document.ts'
import type { DataContext, DataSource, LawfulBasis, RecipientKind, RightKind } from '../model/types.ts'
import { formatDate } from '../render/format-date.ts'
import { gdprArticleUrl, lawfulBases, rightReferences } from '../vocab/gdpr.ts'

// A reason in a reader's words. Only the policy's own text and labels, the law's names of the
// lawful bases and rights, and fixed connective words: nothing here says what the policy does not.
// What was removed is told as what the policy no longer says ("The policy no longer says that we
// use…"), never as a fact of practice that the text cannot prove. Never an id: a reader does not
// know them (the developer's message and the JSON keep them).

type Part = ReaderPart | string
type Parts = Part | readonly Parts[]
type Purpose = PolicyDocument['purposes'][number]
type Right = PolicyDocument['rights'][number]

/** The words of parts, adjacent plain words merged: `text` is what the parts say joined. */
function sentence(...parts: readonly Parts[]): ReaderWords {
  const merged: ReaderPart[] = []
  for (const part of flatten(parts)) {
    const next: ReaderPart = typeof part === 'string' ? { type: 'words', text: part } : part
    if (next.text === '') continue
    const last = merged.at(-1)
    if (last?.type === 'words' && next.type === 'words') merged[merged.length - 1] = { type: 'words', text: last.text + next.text }
    else merged.push(next)
  }
  return { text: merged.map((part) => part.text).join(''), parts: merged }
}

function flatten(parts: readonly Parts[]): Part[] {
  return parts.flatMap((part): Part[] => (typeof part === 'string' || !Array.isArray(part) ? [part as Part] : flatten(part)))
}

/** Several readings as one, a space between them. */
function sentences(...readings: ReadonlyArray<ReaderWords | null>): ReaderWords {
  const kept = readings.filter((reading) => reading !== null)
  return sentence(...kept.flatMap((reading, index) => (index === 0 ? [...reading.parts] : [' ', ...reading.parts])))
}

/** “A”, “B” and “C”; parts of each item kept (a link stays a link). */
function list(items: readonly Parts[], conjunction = 'and'): Part[] {
  return items.flatMap((item, index) => [index === 0 ? '' : index === items.length - 1 ? ` ${conjunction} ` : ', ', ...flatten([item])])
}

/**
 * The policy's own words, quoted, on one line, without the punctuation that ends them (an item's
 * `;`, a sentence's `.`): the reader's sentence goes on after the quote.
 */
function quote(text: string): string {
  return `“${text.replace(/\s+/g, ' ').trim().replace(/[\s.;,:]+$/u, '')}”`
}

/** A value of a field in words: quoted text, `none` when there is none. */
function value(field: unknown): Part[] {
  if (field === null || field === undefined || field === '') return ['none']
  if (Array.isArray(field)) return field.length === 0 ? ['none'] : list(field.map((item) => [quote(String(item))]))
  return [quote(typeof field === 'string' ? field : JSON.stringify(field))]
}

/** An address of the policy (an email, a URL): shown as written, never a live link. */
function address(field: unknown): Part[] {
  return typeof field === 'string' && field !== '' ? [{ type: 'target', text: field }] : ['none']
}

function basis(id: LawfulBasis): Part[] {
  const reference = lawfulBases[id]
  return [`${reference.name} (`, { type: 'law', text: reference.article, href: gdprArticleUrl(reference.term) }, ')']
}

function bases(ids: readonly unknown[]): Part[] {
  const known = ids.filter((id): id is LawfulBasis => typeof id === 'string' && id in lawfulBases)
  return known.length === 0 ? ['no lawful basis stated'] : list(known.map(basis))
}

function right(kind: RightKind): Part[] {
  const reference = rightReferences[kind]
  return [`${reference.name} (`, { type: 'law', text: reference.article, href: gdprArticleUrl(reference.term) }, ')']
}

/** Labels of the entries with these ids, in the order given; an id no entry has (a checked policy has none) stays as it is. */
function labels(entries: ReadonlyArray<{ readonly id: string; readonly label: string }>, ids: readonly unknown[]): Part[] {
  return list(ids.map((id) => [entries.find((entry) => entry.id === id)?.label ?? String(id)]))
}

const difference = (a: readonly unknown[], b: readonly unknown[]) => a.filter((item) => !b.includes(item))
const asList = (field: unknown): readonly unknown[] => (Array.isArray(field) ? field : [])

/** "your Name and Email address", or "your information" where the purpose names none. */
function yourData(document: PolicyDocument, ids: readonly unknown[]): Part[] {
  return ids.length === 0 ? ['your information'] : ['your ', ...labels(document.dataCategories, ids)]
}

function purposeAdded(purpose: Purpose, document: PolicyDocument): ReaderWords {
  return sentences(
    sentence('We now use ', yourData(document, purpose.dataCategories), ` ${quote(purpose.text)}, `, purpose.lawfulBasis.length > 0 ? ['on the lawful basis of ', bases(purpose.lawfulBasis.map((entry) => entry.id))] : 'with no lawful basis stated', '.'),
    purpose.legitimateInterest ? sentence(`The legitimate interest pursued: ${quote(purpose.legitimateInterest)}.`) : null,
    purpose.recipients.length > 0 ? sentence('We share it with ', labels(document.recipients, purpose.recipients), '.') : null,
  )
}

function purposeChanged(field: FieldChange, old: Purpose, purpose: Purpose, from: PolicyDocument, to: PolicyDocument): ReaderWords {
  const what = quote(purpose.text)
  switch (field.field) {
    case 'lawfulBasis':
      return sentence(`The lawful basis for using your information ${what} changed from `, bases(asList(field.from)), ' to ', bases(asList(field.to)), '.')
    case 'legitimateInterest':
      return sentence(`The legitimate interest pursued in using your information ${what} changed from `, value(field.from), ' to ', value(field.to), '.')
    case 'dataCategories':
    case 'recipients': {
      const before = asList(field.from)
      const after = asList(field.to)
      const added = difference(after, before)
      const removed = difference(before, after)
      if (added.length === 0 && removed.length === 0) return sentence(`The order of the ${field.field === 'recipients' ? 'recipients of your information' : 'information used'} ${what} changed.`)
      if (field.field === 'dataCategories') {
        return sentences(added.length > 0 ? sentence('We now also use ', yourData(to, added), ` ${what}.`) : null, removed.length > 0 ? sentence('The policy no longer says that we use ', yourData(from, removed), ` ${what}.`) : null)
      }
      return sentences(
        added.length > 0 ? sentence(`We now also share your information used ${what} with `, labels(to.recipients, added), '.') : null,
        removed.length > 0 ? sentence(`The policy no longer says that we share your information used ${what} with `, labels(from.recipients, removed), '.') : null,
      )
    }
    case 'text':
      return sentence(`The wording of a purpose changed from ${quote(old.text)} to ${what}.`)
    case 'group':
      return sentence(`The purpose ${what} moved to another list.`)
    case 'parent': {
      const parentText = (document: PolicyDocument, id: unknown) => document.purposes.find((item) => item.id === id)?.text
      const parent = parentText(to, field.to)
      return sentence(`The purpose ${what} is now listed `, parent === undefined ? 'on its own' : `under ${quote(parent)}`, '.')
    }
    default:
      return sentence(`The ${field.field} of the purpose ${what} changed from `, value(field.from), ' to ', value(field.to), '.')
  }
}

const sourceWords: Readonly<Record<DataSource, string>> = { 'data-subject': 'from you', automatic: 'automatically', 'third-party': 'from third parties', public: 'from public sources' }
const contextWords: Readonly<Record<DataContext, string>> = {
  website: 'through the website',
  services: 'through the services',
  email: 'by email',
  telephone: 'by telephone',
  post: 'by post',
  'social-media': 'through social media',
}
const wordsOf = (table: Readonly<Record<string, string>>, items: readonly unknown[]) => list(items.map((item) => [table[String(item)] ?? quote(String(item))]))

function categoryAdded(category: PolicyDocument['dataCategories'][number]): ReaderWords {
  return sentence(`We now collect your ${category.label}`, category.sources.length > 0 ? [' ', ...wordsOf(sourceWords, category.sources)] : '', category.contexts.length > 0 ? [' ', ...wordsOf(contextWords, category.contexts)] : '', '.')
}

function categoryChanged(field: FieldChange, old: PolicyDocument['dataCategories'][number], category: PolicyDocument['dataCategories'][number]): ReaderWords {
  const label = category.label
  switch (field.field) {
    case 'sources':
    case 'contexts': {
      const table = field.field === 'sources' ? sourceWords : contextWords
      const added = difference(asList(field.to), asList(field.from))
      const removed = difference(asList(field.from), asList(field.to))
      if (added.length === 0 && removed.length === 0) return sentence(`The order of the ${field.field === 'sources' ? 'sources' : 'ways'} of your ${label} changed.`)
      return sentences(
        added.length > 0 ? sentence(`We now also collect your ${label} `, wordsOf(table, added), '.') : null,
        removed.length > 0 ? sentence(`The policy no longer says that we collect your ${label} `, wordsOf(table, removed), '.') : null,
      )
    }
    case 'label':
      return sentence(`The information ${quote(old.label)} is now called ${quote(label)}.`)
    case 'description':
      return sentence(`The description of your ${label} changed from `, value(field.from), ' to ', value(field.to), '.')
    case 'dpv':
      // The term's IRI: an address, shown as written.
      return sentence(`The classification of your ${label} in the Data Privacy Vocabulary changed from `, address(field.from), ' to ', address(field.to), '.')
    default:
      return sentence(`The ${field.field} of your ${label} changed from `, value(field.from), ' to ', value(field.to), '.')
  }
}

const recipientKinds: Readonly<Record<RecipientKind, string>> = {
  'service-provider': 'a service provider',
  'public-authority': 'a public authority',
  'group-company': 'a company of the group',
  'professional-adviser': 'a professional adviser',
  other: 'another kind of recipient',
}

function recipientChanged(field: FieldChange, old: PolicyDocument['recipients'][number], recipient: PolicyDocument['recipients'][number]): ReaderWords {
  const name = quote(recipient.label)
  switch (field.field) {
    case 'kind':
      return sentence(`The recipient ${name} is now ${recipientKinds[recipient.kind]} (it was ${recipientKinds[old.kind]}).`)
    case 'label':
      return sentence(`The recipient ${quote(old.label)} is now called ${name}.`)
    default:
      return sentence(`The ${field.field === 'description' ? 'description' : field.field} of the recipient ${name} changed from `, value(field.from), ' to ', value(field.to), '.')
  }
}

function statementOf(item: Right): string {
  return item.text === null ? '' : `, in its own words: ${quote(item.text)}`
}

function rightChanged(field: FieldChange, old: Right, item: Right, to: PolicyDocument): ReaderWords {
  switch (field.field) {
    case 'right':
      return sentence('A right the policy tells you of is now ', right(item.right), ' (it was ', right(old.right), ').')
    case 'text':
      return item.text === null
        ? sentence('The policy no longer gives its own statement of ', right(item.right), '.')
        : old.text === null
          ? sentence('The policy now gives its own statement of ', right(item.right), `: ${quote(item.text)}.`)
          : sentence('The policy’s statement of ', right(item.right), ` changed from ${quote(old.text)} to ${quote(item.text)}.`)
    case 'clause':
      return sentence('The policy now tells you of ', right(item.right), ` in ${section(to.clauses.find((clause) => clause.id === item.clause)?.title ?? null, to.clauses.findIndex((clause) => clause.id === item.clause))}.`)
    default:
      return sentence(`The ${field.field} of `, right(item.right), ' changed from ', value(field.from), ' to ', value(field.to), '.')
  }
}

const contactFields: Readonly<Record<string, string>> = { email: 'email address', telephone: 'telephone number', postalAddress: 'postal address', url: 'web address', description: 'description' }
const controllerFields: Readonly<Record<string, string>> = {
  legalName: 'legal name',
  name: 'name',
  companyNumber: 'company number',
  registry: 'registry',
  postalAddress: 'postal address',
  website: 'website',
  country: 'country',
}
const authorityFields: Readonly<Record<string, string>> = { name: 'name', shortName: 'short name', url: 'website', country: 'country' }
const policyFields: Readonly<Record<string, string>> = { title: 'title', language: 'language', dateFormat: 'date format' }
// Addresses a reader might follow: shown as written, never as a live link (they come from the policy).
const addressFields: ReadonlySet<string> = new Set(['email', 'url', 'website', 'telephone'])

function shown(field: FieldChange['field'], content: unknown): Part[] {
  return addressFields.has(field) ? address(content) : value(content)
}

function contactDetails(contact: PolicyDocument['contacts'][number]): Part[] {
  const details = (['email', 'telephone', 'postalAddress', 'url'] as const).filter((field) => contact[field] !== undefined).map((field) => [`${contactFields[field]} `, ...shown(field, contact[field])])
  return details.length > 0 ? [': ', ...list(details)] : [', with no address given']
}

/** A section of the policy (a clause) as a reader sees it: by its heading, or by its place. */
function section(title: string | null, position: number): string {
  return title ? `the section ${quote(title)}` : `the untitled section at position ${position + 1}`
}

/**
 * The reader's words for one change of the structured data: a field of an entry changed (`field`),
 * or the entry added or removed (`field` null).
 */
export function readerOfData(change: DataChange, field: FieldChange | null, from: PolicyDocument, to: PolicyDocument): ReaderWords {
  const find = <T extends { readonly id: string }>(entries: readonly T[]) => entries.find((entry) => entry.id === change.id)
  const fieldChange = field ?? { field: '', from: null, to: null }
  switch (change.collection) {
    case 'purposes': {
      const [old, item] = [find(from.purposes), find(to.purposes)]
      if (change.status === 'added' && item) return purposeAdded(item, to)
      if (change.status === 'removed' && old) return sentence('The policy no longer says that we use ', yourData(from, old.dataCategories), ` ${quote(old.text)}.`)
      if (old && item) return purposeChanged(fieldChange, old, item, from, to)
      break
    }
    case 'dataCategories': {
      const [old, item] = [find(from.dataCategories), find(to.dataCategories)]
      if (change.status === 'added' && item) return categoryAdded(item)
      if (change.status === 'removed' && old) return sentence(`The policy no longer says that we collect your ${old.label}.`)
      if (old && item) return categoryChanged(fieldChange, old, item)
      break
    }
    case 'recipients': {
      const [old, item] = [find(from.recipients), find(to.recipients)]
      if (change.status === 'added' && item) return sentence(`The policy now names ${quote(item.label)}, ${recipientKinds[item.kind]}, as a recipient of your information.`)
      if (change.status === 'removed' && old) return sentence(`The policy no longer names ${quote(old.label)} as a recipient of your information.`)
      if (old && item) return recipientChanged(fieldChange, old, item)
      break
    }
    case 'rights': {
      const [old, item] = [find(from.rights), find(to.rights)]
      if (change.status === 'added' && item) return sentence('The policy now tells you of ', right(item.right), `${statementOf(item)}.`)
      if (change.status === 'removed' && old) return sentence('The policy no longer tells you of ', right(old.right), '.')
      if (old && item) return rightChanged(fieldChange, old, item, to)
      break
    }
    case 'contacts': {
      const [old, item] = [find(from.contacts), find(to.contacts)]
      if (change.status === 'added' && item) return sentence(`New contact, ${quote(item.description)}`, contactDetails(item), '.')
      if (change.status === 'removed' && old) return sentence(`The contact ${quote(old.description)} was removed.`)
      if (old && item) {
        if (fieldChange.field === 'description') return sentence(`The contact ${quote(old.description)} is now described as ${quote(item.description)}.`)
        return sentence(`The ${contactFields[fieldChange.field] ?? fieldChange.field} of the contact ${quote(item.description)} changed from `, shown(fieldChange.field, fieldChange.from), ' to ', shown(fieldChange.field, fieldChange.to), '.')
      }
      break
    }
    case 'controller':
      return sentence(`The controller’s ${controllerFields[fieldChange.field] ?? fieldChange.field} changed from `, shown(fieldChange.field, fieldChange.from), ' to ', shown(fieldChange.field, fieldChange.to), '.')
    case 'supervisoryAuthority':
      return sentence(`The supervisory authority’s ${authorityFields[fieldChange.field] ?? fieldChange.field} changed from `, shown(fieldChange.field, fieldChange.from), ' to ', shown(fieldChange.field, fieldChange.to), '.')
    case 'policy':
      // An id is for tools: a reader is told it changed, never shown it.
      if (fieldChange.field === 'id') return sentence('The identifier that tools know the policy by changed (the JSON files give it).')
      return sentence(`The policy’s ${policyFields[fieldChange.field] ?? fieldChange.field} changed from `, value(fieldChange.from), ' to ', value(fieldChange.to), '.')
  }
  // An entry the diff found, missing from its document: only a diff of other documents than these.
  throw new Error(`no ${change.collection} entry ${change.id} to describe`)
}

/** The reader's words for one way a clause changed (a link's change has its own, readerOfTarget). */
export function readerOfClause(change: ClauseChange, status: Exclude<ClauseStatus, 'relinked'>): ReaderWords {
  const place = (side: ClauseChange['from']) => section(side?.title ?? null, side?.position ?? 0)
  const now = place(change.to ?? change.from)
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
  switch (status) {
    case 'added':
      return sentence(`${capital(now.replace(/^the /, 'a new '))}.`)
    case 'removed':
      return sentence(`${capital(now)} was removed.`)
    case 'moved':
      return sentence(`${capital(now)} moved from position ${(change.from?.position ?? 0) + 1} to position ${(change.to?.position ?? 0) + 1}.`)
    case 'retitled':
      return change.to?.title ? sentence(`${capital(place(change.from))} is now titled ${quote(change.to.title)}.`) : sentence(`${capital(place(change.from))} no longer has a title.`)
    case 'changed':
      return sentence(`The wording of ${now} changed.`)
    case 'restructured':
      return sentence(`The layout of ${now} changed (its headings, paragraphs, lists, tables, emphasis or line breaks), not its words.`)
  }
}

/** The reader's words for a link or image whose target changed, was added or removed. */
export function readerOfTarget(change: TargetChange, to: PolicyDocument): ReaderWords {
  const place = (): Part[] => {
    if (change.collection === 'clauses') {
      const position = to.clauses.findIndex((clause) => clause.id === change.id)
      return [section(to.clauses[position]?.title ?? null, position)]
    }
    if (change.collection === 'purposes') return [`the purpose ${quote(to.purposes.find((purpose) => purpose.id === change.id)?.text ?? '')}`]
    const item = to.rights.find((entry) => entry.id === change.id)
    return item ? ['the statement of ', ...right(item.right)] : ['a statement of a right']
  }
  const what = `${change.element === 'link' ? 'link' : 'image'} ${quote(change.text)}`
  const [now, was] = change.element === 'link' ? ['leads to', 'led to'] : ['shows', 'showed']
  if (change.from === null) return sentence(`New ${what} in `, place(), `, ${change.element === 'link' ? 'to' : 'of'} `, address(change.to), '.')
  if (change.to === null) return sentence(`The ${what} in `, place(), `, ${change.element === 'link' ? 'to' : 'of'} `, address(change.from), ', was removed.')
  return sentence(`The ${what} in `, place(), ` now ${now} `, address(change.to), ` (it ${was} `, address(change.from), ').')
}

/** The last-updated date, in the policy's own format (each version's). */
export function readerOfDate(from: PolicyDocument, to: PolicyDocument): ReaderWords {
  return sentence(`The last-updated date changed from ${formatDate(from.lastUpdated, from.language, dateFormatOf(from))} to ${formatDate(to.lastUpdated, to.language, dateFormatOf(to))}.`)
}

/** A change of the content that the diff cannot show. */
export const readerOfUnshown: ReaderWords = sentence('Something changed that this comparison cannot show: the content’s digest differs.')
