import { diffArrays, diffWords } from 'diff'
import { canonicalJson, digestOf } from '../compile/digest.ts'
import { type ReadableTarget, readableContent, targetsIn } from '../compile/readable-content.ts'
import type { ClauseChange, ClauseStatus, Collection, DataChange, FieldChange, PolicyDiff, Reason, ReasonKind, Singleton, TargetChange, WordRun } from '../model/diff.ts'
import { dateFormatOf, type PolicyDocument } from '../model/policy-document.ts'
import type { ProvedKind } from '../model/release.ts'
import { formatDate } from '../render/format-date.ts'
import { readerOfClause, readerOfData, readerOfDate, readerOfTarget, readerOfUnshown } from './reader-words.ts'

const collections: readonly Collection[] = ['contacts', 'dataCategories', 'purposes', 'recipients', 'rights']
// Fields whose change alters what the policy says about the processing: readers must be told.
const substantiveFields: Readonly<Record<Collection | Singleton, ReadonlySet<string>>> = {
  contacts: new Set(['email', 'postalAddress', 'telephone', 'url', 'description']),
  dataCategories: new Set(['sources', 'contexts', 'dpv']),
  purposes: new Set(['lawfulBasis', 'legitimateInterest', 'dataCategories', 'recipients']),
  recipients: new Set(['kind']),
  rights: new Set(['right', 'text']),
  controller: new Set(['legalName', 'name', 'companyNumber', 'registry', 'postalAddress', 'website']),
  supervisoryAuthority: new Set(['name', 'shortName', 'url', 'country']),
  policy: new Set(['id']),
}
// Data text that readers read: a change of it not listed above is a change of wording, which the
// tool cannot judge (`reworded`). A change of any other field (an order, a group) is editorial.
const wordingFields: ReadonlySet<string> = new Set(['label', 'description', 'text', 'title'])
const labels: Record<Collection | Singleton, string> = {
  contacts: 'contact',
  dataCategories: 'data category',
  purposes: 'purpose',
  recipients: 'recipient',
  rights: 'right',
  controller: 'controller',
  supervisoryAuthority: 'supervisory authority',
  policy: 'policy',
}
const fieldLabels: Readonly<Record<string, string>> = {
  dateFormat: 'date format',
  lawfulBasis: 'lawful basis',
  legitimateInterest: 'legitimate interest',
  dataCategories: 'data categories',
  legalName: 'legal name',
  companyNumber: 'company number',
  postalAddress: 'postal address',
  shortName: 'short name',
  text: 'wording',
}

// Fields not compared: derived from others (html from text), or metadata of the version.
const ignoredFields = new Set([
  'html',
  'article',
  'iri',
  // The document's own metadata: no entry or singleton has these fields, and of the document's top
  // level only id, title, language and the date format are compared (pickTop), so emptying one is equivalent; they
  // stay listed as a guard should pickTop widen.
  // Stryker disable StringLiteral: equivalent (above)
  'digest',
  'version',
  'lastUpdated',
  'format',
  'clauses',
  'compliance',
])
// Stryker restore StringLiteral

/**
 * Diffs two versions: clauses matched by id (then words inside a changed clause), structured data
 * matched by id field by field, and the change classified with its reasons. Its cost follows the
 * size of the policy plus the size of the change: ids are matched through maps, orders and words
 * through Myers' O(ND) diff. Without `words` (for the kind alone, which they do not change), a
 * changed clause has no word runs (`words: null`), and most of the cost is saved.
 */
export function diffDocuments(from: PolicyDocument | null, to: PolicyDocument, ids: { from: string | null; to: string }, options: { readonly words?: boolean } = {}): PolicyDiff {
  if (from === null) return { format: 'clausewright-diff/2', from: null, to: ids.to, kind: 'initial', recorded: null, reasons: [], clauses: [], data: [], targets: [] }
  const targets: TargetChange[] = []
  const clauses = diffClauses(from, to, options.words ?? true, targets)
  for (const collection of ['purposes', 'rights'] as const) targets.push(...diffItemTargets(collection, from[collection], to[collection]))
  const data = [
    ...diffSingleton('policy', ...pickTop(from, to)),
    ...diffSingleton('controller', from.controller, to.controller),
    ...diffSingleton('supervisoryAuthority', from.supervisoryAuthority, to.supervisoryAuthority),
    ...collections.flatMap((collection) => diffCollection(collection, from[collection], to[collection])),
  ]
  const reasons = [...classifyData(data, from, to), ...classifyClauses(clauses), ...classifyTargets(targets, to)]
  // `technical` means the published document is the same: a change the diff does not show (the date, say) is still a change.
  // Digested again by the current rules: a release of an older format records a digest of other rules.
  if (reasons.length === 0 && digestOf(from) !== digestOf(to)) reasons.push(...unshownChanges(from, to))
  return { format: 'clausewright-diff/2', from: ids.from, to: ids.to, kind: provedKindOf(reasons), recorded: null, reasons, clauses, data, targets }
}

/**
 * The kind the reasons prove: `substantive` by any one; else `reworded` by any one (the editor
 * judges it); else `editorial`; `technical` only when nothing changed (the digests are equal).
 */
function provedKindOf(reasons: readonly Reason[]): ProvedKind {
  const has = (kind: ReasonKind) => reasons.some((reason) => reason.kind === kind)
  return has('substantive') ? 'substantive' : has('reworded') ? 'reworded' : reasons.length > 0 ? 'editorial' : 'technical'
}

/**
 * What changed that the diff does not show: the last-updated date, and anything else the digest
 * sees. The date alone is editorial only if the old version, given the new date, digests as the new
 * one: a new date does not prove editorial a change beside it that the diff cannot show (a
 * purpose's HTML that differs from its text, in a forged release). Called only when the diff found
 * no reason, so each clause is the same but for the date it shows (`:last-updated`): the new
 * clauses stand for the old.
 */
function unshownChanges(from: PolicyDocument, to: PolicyDocument): Reason[] {
  const base = { collection: 'policy', id: 'policy' } as const
  // What the diff does not show, the tool cannot judge.
  const unshown: Reason = { ...base, kind: 'reworded', code: 'content-changed', field: null, message: 'The content changed (its digest differs) in a part that the diff does not show', reader: readerOfUnshown }
  if (from.lastUpdated === to.lastUpdated) return [unshown]
  const dateChanged: Reason = { ...base, kind: 'editorial', code: 'last-updated-date-changed', field: 'lastUpdated', message: `The last-updated date changed from ${from.lastUpdated} to ${to.lastUpdated}`, reader: readerOfDate(from, to) }
  return digestOf({ ...from, lastUpdated: to.lastUpdated, clauses: to.clauses }) === digestOf(to) ? [dateChanged] : [dateChanged, unshown]
}

function pickTop(from: PolicyDocument, to: PolicyDocument): [Record<string, unknown>, Record<string, unknown>] {
  const top = (document: PolicyDocument) => ({ id: document.id, title: document.title, language: document.language })
  // The format dates are written in, as each document says or implies it (dateFormatOf): a change
  // of its own only within one language, since a new language implies its own.
  if (from.language !== to.language) return [top(from), top(to)]
  return [{ ...top(from), dateFormat: dateFormatOf(from) }, { ...top(to), dateFormat: dateFormatOf(to) }]
}

function diffClauses(from: PolicyDocument, to: PolicyDocument, words: boolean, targets: TargetChange[]): ClauseChange[] {
  // A clause that shows the last-updated date (:last-updated) changes with it: that is the date's
  // change (its own reason), not the clause's. So the new clause is also read with the old date
  // where the directive shows it: in the HTML, its <time> (which nothing else makes); in the text,
  // the new date only if each of its occurrences is one of those. A date written in the prose
  // leaves the text as it is, and its change shows (for the editor to judge). Read from the new
  // side, this holds against an old version made before the <time> existed (format /1).
  const oldDate = formatDate(from.lastUpdated, from.language, dateFormatOf(from))
  const newDate = formatDate(to.lastUpdated, to.language, dateFormatOf(to))
  const oldTime = `<time datetime="${from.lastUpdated}">${oldDate}</time>`
  const newTime = `<time datetime="${to.lastUpdated}">${newDate}</time>`
  const undatedHtml = (html: string) => html.replaceAll(newTime, oldTime)
  // The old version shows the directive's date as often as the new one (or was made before the
  // <time>): a <time> written by hand in a forged release, around a date of the prose, is not
  // taken for the directive's.
  const undatedText = (text: string, html: string, oldHtml: string) =>
    text.split(newDate).length === html.split(newTime).length && (!oldHtml.includes('<time') || oldHtml.split(oldTime).length === html.split(newTime).length) ? text.replaceAll(newDate, oldDate) : text
  const before = new Map(from.clauses.map((clause, position) => [clause.id, { clause, position }]))
  // Stryker disable next-line ObjectLiteral: equivalent, `after` is only asked which ids it has
  const after = new Map(to.clauses.map((clause, position) => [clause.id, { clause, position }]))
  // Clauses kept in the same relative order are not "moved"; the rest of the common ones are.
  // Stryker disable next-line MethodExpression: equivalent in effect, an id on one side only is never in the common subsequence (no input found where the filter changes which clauses stay)
  const common = (list: PolicyDocument['clauses'], other: Map<string, unknown>) => list.map((clause) => clause.id).filter((id) => other.has(id))
  const stayed = new Set<string>()
  for (const part of diffArrays(common(from.clauses, after), common(to.clauses, before))) {
    if (!part.added && !part.removed) for (const id of part.value) stayed.add(id)
  }
  const changes: ClauseChange[] = []
  for (const { clause, position } of from.clauses.map((item, index) => ({ clause: item, position: index }))) {
    if (!after.has(clause.id)) changes.push({ id: clause.id, status: ['removed'], from: { title: clause.title, position }, to: null, words: null })
  }
  for (const { clause, position } of to.clauses.map((item, index) => ({ clause: item, position: index }))) {
    const old = before.get(clause.id)
    if (!old) {
      changes.push({ id: clause.id, status: ['added'], from: null, to: { title: clause.title, position }, words: null })
      continue
    }
    const status: ClauseStatus[] = []
    if (!stayed.has(clause.id)) status.push('moved')
    if (old.clause.title !== clause.title) status.push('retitled')
    const sameText = (text: string) => normaliseText(old.clause.text) === normaliseText(text)
    const textChanged = !sameText(clause.text) && !sameText(undatedText(clause.text, clause.html, old.clause.html))
    if (textChanged) status.push('changed')
    // The HTML is read only where it differs: most clauses of consecutive versions are the same.
    if (old.clause.html !== clause.html && old.clause.html !== undatedHtml(clause.html)) {
      const before = readableContent(old.clause.html)
      const after = readableContent(undatedHtml(clause.html))
      const changed = diffTargets('clauses', clause.id, targetsIn(before), targetsIn(after))
      targets.push(...changed)
      if (changed.length > 0) status.push('relinked')
      else if (!textChanged && canonicalJson(before) !== canonicalJson(after)) status.push('restructured')
    }
    if (status.length === 0) continue
    changes.push({
      id: clause.id,
      status,
      from: { title: old.clause.title, position: old.position },
      to: { title: clause.title, position },
      words: textChanged && words ? wordDiff(old.clause.text, clause.text) : null,
    })
  }
  const placeOf = (change: ClauseChange) =>
    change.to?.position ??
    // Stryker disable next-line OptionalChaining: equivalent, a change without `to` is a removal, which always has `from`
    change.from?.position ??
    0
  // A removed clause before the one added at its place. The removals are pushed first and sort is
  // stable, so this tie-break only restates their order: its mutants are equivalent.
  // Stryker disable next-line ArithmeticOperator: equivalent (above), no order differed in 20,000 random lists of up to 600 changes
  return changes.sort((a, b) => placeOf(a) - placeOf(b) || (a.to ? 1 : 0) - (b.to ? 1 : 0))
}

function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Word-level runs, adjacent runs of one type merged. */
export function wordDiff(before: string, after: string): WordRun[] {
  const runs: WordRun[] = []
  for (const part of diffWords(normaliseText(before), normaliseText(after))) {
    const type = part.added ? 'insert' : part.removed ? 'delete' : 'equal'
    const last = runs.at(-1)
    // jsdiff 9 already merges adjacent parts of one type (none in 200,000 random pairs of texts), so
    // this guard against another version never runs: its mutants are equivalent.
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator,ObjectLiteral: equivalent (above)
    if (last?.type === type) runs[runs.length - 1] = { type, text: last.text + part.value }
    else runs.push({ type, text: part.value })
  }
  return runs
}

/** The links and images of the purposes and rights (matched by id) whose target changed. */
function diffItemTargets(collection: 'purposes' | 'rights', from: ReadonlyArray<{ readonly id: string; readonly html: string | null }>, to: ReadonlyArray<{ readonly id: string; readonly html: string | null }>): TargetChange[] {
  const before = new Map(from.map((item) => [item.id, item.html]))
  return to.flatMap((item) => {
    const old = before.get(item.id)
    if (old === undefined || old === item.html) return []
    return diffTargets(collection, item.id, targetsIn(readableContent(old ?? '')), targetsIn(readableContent(item.html ?? '')))
  })
}

/**
 * The links and images whose target changed, in the order a reader meets them: the two lists are
 * aligned (Myers' diff), and where some were replaced, each is paired with its replacement in turn.
 * One whose words changed but whose target did not is no change of target: its words are listed.
 */
function diffTargets(collection: TargetChange['collection'], id: string, from: readonly ReadableTarget[], to: readonly ReadableTarget[]): TargetChange[] {
  const changes: TargetChange[] = []
  const element = (target: ReadableTarget) => (target.element === 'a' ? 'link' : 'image')
  const same = (a: ReadableTarget, b: ReadableTarget) => a.element === b.element && a.text === b.text && a.target === b.target
  let removed: ReadableTarget[] = []
  const flush = (added: readonly ReadableTarget[]) => {
    const paired = Math.min(removed.length, added.length)
    for (let index = 0; index < Math.max(removed.length, added.length); index++) {
      const old = removed[index]
      const replacement = added[index]
      if (index < paired && old && replacement && old.element === replacement.element) {
        if (old.target !== replacement.target) changes.push({ collection, id, element: element(replacement), text: replacement.text, from: old.target, to: replacement.target })
        continue
      }
      if (old) changes.push({ collection, id, element: element(old), text: old.text, from: old.target, to: null })
      if (replacement) changes.push({ collection, id, element: element(replacement), text: replacement.text, from: null, to: replacement.target })
    }
    removed = []
  }
  for (const part of diffArrays([...from], [...to], { comparator: same })) {
    if (part.removed) removed.push(...part.value)
    else flush(part.added ? part.value : [])
  }
  flush([])
  return changes
}

function diffSingleton(collection: Singleton, from: object, to: object): DataChange[] {
  const fields = diffFields(from, to)
  return fields.length > 0 ? [{ collection, id: collection, status: 'changed', fields }] : []
}

function diffCollection(collection: Collection, from: ReadonlyArray<{ readonly id: string }>, to: ReadonlyArray<{ readonly id: string }>): DataChange[] {
  const before = new Map(from.map((item) => [item.id, item]))
  const after = new Set(to.map((item) => item.id))
  const changes: DataChange[] = []
  // An item added or removed carries its fields, new or old: what a reviewer needs to read it.
  const whole = (item: object, side: 'from' | 'to') => diffFields(side === 'from' ? item : {}, side === 'to' ? item : {}).filter((field) => field.field !== 'id')
  for (const item of from) if (!after.has(item.id)) changes.push({ collection, id: item.id, status: 'removed', fields: whole(item, 'from') })
  for (const item of to) {
    const old = before.get(item.id)
    if (!old) {
      changes.push({ collection, id: item.id, status: 'added', fields: whole(item, 'to') })
      continue
    }
    const fields = diffFields(old, item)
    if (fields.length > 0) changes.push({ collection, id: item.id, status: 'changed', fields })
  }
  return changes
}

function diffFields(from: object, to: object): FieldChange[] {
  const before = from as Record<string, unknown>
  const after = to as Record<string, unknown>
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !ignoredFields.has(key))
  return keys.flatMap((field) => {
    const a = simplify(before[field])
    const b = simplify(after[field])
    return canonicalJson(a ?? null) === canonicalJson(b ?? null) ? [] : [{ field, from: a ?? null, to: b ?? null }]
  })
}

/** Lawful bases are compared (and shown) by their id; the article and IRI follow from it. */
function simplify(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => (item !== null && typeof item === 'object' && 'id' in item && 'iri' in item ? (item as { id: unknown }).id : item))
  return value
}

function classifyData(changes: readonly DataChange[], from: PolicyDocument, to: PolicyDocument): Reason[] {
  // A right added tells readers of a right the law gives them; its own statement is wording.
  const statements = new Set(to.rights.filter((right) => right.text !== null).map((right) => right.id))
  return changes.flatMap((change): Reason[] => {
    const label = labels[change.collection]
    const base = { collection: change.collection, id: change.id }
    const whole = () => ({ ...base, reader: readerOfData(change, null, from, to) })
    if (change.status === 'added') {
      if (change.collection === 'rights' && statements.has(change.id)) return [{ ...whole(), kind: 'reworded', code: 'right-added', field: null, message: `New right \`${change.id}\`, with its own statement` }]
      const kind = change.collection === 'rights' ? 'editorial' : 'substantive'
      return [{ ...whole(), kind, code: `${codeOf(change.collection)}-added`, field: null, message: `New ${label} \`${change.id}\`` }]
    }
    if (change.status === 'removed') {
      return [{ ...whole(), kind: 'substantive', code: `${codeOf(change.collection)}-removed`, field: null, message: `The ${label} \`${change.id}\` was removed` }]
    }
    return change.fields.map((field): Reason => {
      const substantive = substantiveFields[change.collection].has(field.field)
      const subject = change.collection === change.id ? `The ${label}’s` : `The ${label} \`${change.id}\`:`
      return {
        ...base,
        kind: substantive ? 'substantive' : wordingFields.has(field.field) ? 'reworded' : 'editorial',
        code: field.field === 'lawfulBasis' ? 'lawful-basis-changed' : `${codeOf(change.collection)}-changed`,
        field: field.field,
        message: `${subject} ${fieldLabels[field.field] ?? field.field} changed from ${describe(field.from)} to ${describe(field.to)}`,
        reader: readerOfData(change, field, from, to),
      }
    })
  })
}

function classifyClauses(changes: readonly ClauseChange[]): Reason[] {
  return changes.flatMap((change): Reason[] => {
    const base = { collection: 'clauses' as const, id: change.id, field: null }
    const title = change.to?.title ?? change.from?.title
    const named = title ? `\`${change.id}\` (${title})` : `\`${change.id}\``
    return change.status.flatMap((status): Reason[] => {
      switch (status) {
        case 'added':
          return [{ ...base, kind: 'substantive', code: 'clause-added', reader: readerOfClause(change, 'added'), message: `New clause ${named}` }]
        case 'removed':
          return [{ ...base, kind: 'substantive', code: 'clause-removed', reader: readerOfClause(change, 'removed'), message: `The clause ${named} was removed` }]
        case 'moved':
          // Stryker disable next-line OptionalChaining: equivalent, a moved clause has both `from` and `to`
          return [{ ...base, kind: 'editorial', code: 'clause-moved', reader: readerOfClause(change, 'moved'), message: `The clause ${named} moved from position ${(change.from?.position ?? 0) + 1} to ${(change.to?.position ?? 0) + 1}` }]
        case 'retitled':
          // Stryker disable next-line OptionalChaining: equivalent, a retitled clause has both `from` and `to`
          return [{ ...base, kind: 'reworded', code: 'clause-retitled', reader: readerOfClause(change, 'retitled'), message: `The clause \`${change.id}\` was retitled from ${describe(change.from?.title ?? null)} to ${describe(change.to?.title ?? null)}` }]
        case 'changed':
          return [{ ...base, kind: 'reworded', code: 'clause-changed', reader: readerOfClause(change, 'changed'), message: `The wording of the clause ${named} changed` }]
        case 'restructured':
          return [{ ...base, kind: 'reworded', code: 'clause-restructured', reader: readerOfClause(change, 'restructured'), message: `The structure of the clause ${named} changed (its headings, paragraphs, lists, tables, emphasis or line breaks), not its words` }]
        case 'relinked':
          // Each link whose target changed has its own reason (classifyTargets).
          return []
      }
    })
  })
}

function classifyTargets(changes: readonly TargetChange[], to: PolicyDocument): Reason[] {
  const titles = new Map(to.clauses.map((clause) => [clause.id, clause.title]))
  return changes.map((change): Reason => {
    const title = change.collection === 'clauses' ? titles.get(change.id) : undefined
    const place = `${{ clauses: 'clause', purposes: 'purpose', rights: 'right' }[change.collection]} \`${change.id}\`${title ? ` (${title})` : ''}`
    const what = `${change.element} ${describe(change.text)}`
    const base = { kind: 'reworded', collection: change.collection, id: change.id, field: null, reader: readerOfTarget(change, to) } as const
    const code = (event: 'changed' | 'added' | 'removed') => (event === 'changed' ? (change.element === 'link' ? 'link-target-changed' : 'image-source-changed') : `${change.element}-${event}`)
    if (change.from === null) return { ...base, code: code('added'), message: `New ${what} in the ${place}, to ${target(change.to)}` }
    if (change.to === null) return { ...base, code: code('removed'), message: `The ${what} in the ${place}, to ${target(change.from)}, was removed` }
    return { ...base, code: code('changed'), message: `The ${what} in the ${place} changed its ${change.element === 'link' ? 'target' : 'source'}: ${target(change.from)} → ${target(change.to)}` }
  })
}

/** A target in a message, as code; a backtick in it (which would end the code) percent-encoded. */
function target(value: string | null): string {
  return value === null ? 'nothing' : `\`${value.replaceAll('`', '%60')}\``
}

/** An item of the policy in words: "the clause `a` (Title)", "the purpose `b`", "the policy". */
export function describeItem(collection: Reason['collection'], id: string, title: string | null): string {
  if (collection === 'clauses') return `the clause \`${id}\`${title ? ` (${title})` : ''}`
  if (collection === id) return `the ${labels[collection]}`
  return `the ${labels[collection]} \`${id}\``
}

function codeOf(collection: Collection | Singleton): string {
  return { contacts: 'contact', dataCategories: 'data-category', purposes: 'purpose', recipients: 'recipient', rights: 'right', controller: 'controller', supervisoryAuthority: 'authority', policy: 'policy' }[collection]
}

function describe(value: unknown): string {
  if (
    value === null ||
    // Stryker disable next-line ConditionalExpression: equivalent when forced false, every caller passes null for a missing value (`?? null`)
    value === undefined
  )
    return 'nothing'
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((item) => `\`${String(item)}\``).join(', ')
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`
}
