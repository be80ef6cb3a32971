import GithubSlugger from 'github-slugger'

/**
 * Anchors come from clause ids, never from titles, so a retitled clause keeps its links.
 * A heading inside a clause gets `<clause id>--<slug of its text>`.
 *
 * Returns the anchor namer of one clause: call it on the clause's headings in document order.
 * A repeated heading gets `-1`, `-2`… as on GitHub (github-slugger counts the occurrences).
 * One namer per clause is enough for ids unique on the whole page: a clause id has no `--` and
 * does not end in `-`, so the first `--` of an anchor ends its clause id.
 *
 * The slug itself stays ours (accents folded, every other run of characters one `-`), not
 * github-slugger's (which keeps accented letters, drops `'`, `/` and `.`, and writes each space
 * as its own `-`): published anchors are links people keep, and they must not change.
 */
export function clauseAnchors(clauseId: string): (headingText: string) => string {
  const slugger = new GithubSlugger()
  // Our slug is made of [a-z0-9-] without a leading or trailing `-`: github-slugger leaves it as it is.
  return (headingText) => `${clauseId}--${slugger.slug(asciiSlug(headingText) || 'section')}`
}

/**
 * An id of the schemas' form (`[a-z0-9]+(-[a-z0-9]+)*`) from a name or a heading: the slug of
 * anchors, so that the id `import` or `init` writes is the slug a heading of the same words gets,
 * cut to at most `maxLength` characters (no `-` left at its end). Empty when the text has no ASCII
 * letter or digit.
 */
export function idFromText(text: string, maxLength: number): string {
  return asciiSlug(text).slice(0, maxLength).replace(/-+$/, '')
}

/**
 * `id`, or where `used` holds it the first of `id-2`, `id-3`… that it does not (the stem cut so
 * that the id stays within 64 characters); added to `used`.
 */
export function freeId(id: string, used: Set<string>): string {
  let free = id
  for (let count = 2; used.has(free); count += 1) free = `${id.slice(0, 60)}-${count}`
  used.add(free)
  return free
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The prefix of a clause's footnote anchors (`<clause id>---fn-1`, `---fnref-1`, `---footnote-label`),
 * so that `[^1]` in two clauses makes two anchors. A heading's slug never starts with `-`, and a
 * clause id has no `--`: no heading or clause anchor can be one of them.
 */
export function footnotePrefix(clauseId: string): string {
  return `${clauseId}---`
}

/**
 * The anchors of one footnote of a clause, as remark-rehype writes them: the note (`fn-<label>`)
 * and each of its references (`fnref-<label>`, then `-2`, `-3`…), the label case-folded.
 */
export function footnoteAnchors(clauseId: string, label: string, references: number): string[] {
  const safe = label.toUpperCase().toLowerCase()
  const prefix = footnotePrefix(clauseId)
  return [`${prefix}fn-${safe}`, ...Array.from({ length: references }, (_, index) => `${prefix}fnref-${safe}${index === 0 ? '' : `-${index + 1}`}`)]
}
