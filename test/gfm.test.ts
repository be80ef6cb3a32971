import { HtmlValidate } from 'html-validate'
import { describe, expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { digestOf } from '../src/compile/digest.ts'
import { readableContent, wordsOf } from '../src/compile/readable-content.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { sanitizeHtml } from '../src/render/sanitize-html.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy } from './helpers/fixture-policy.ts'

// GitHub Flavored Markdown in clauses (tables, footnotes, strikethrough, autolink literals) and in
// the texts of data.yaml (strikethrough and autolink literals), compiled in process: the clauses'
// HTML exactly, its ids, the rules that read it, the digest and the diff.
const today = '2026-11-25'

interface Compiled {
  readonly ruleIds: string[]
  readonly messages: string[]
  readonly html: (id: string) => string
  readonly text: (id: string) => string
  readonly document: NonNullable<ReturnType<typeof compile>['output']>['document'] | undefined
  readonly jsonLd: object | undefined
}

/** The base policy with clauses of its own (`id` → body) after its two, and data.yaml's texts changed. */
async function compileWith(clauses: Readonly<Record<string, string>>, replace: ReadonlyArray<{ file: string; find: string; with: string }> = []): Promise<Compiled> {
  const ids = Object.keys(clauses)
  const directory = await makePolicy({
    description: 'GFM clauses',
    replace: [{ file: 'policy.yaml', find: '  - rights\n', with: `  - rights\n${ids.map((id) => `  - ${id}\n`).join('')}` }, ...replace],
    add: Object.fromEntries(ids.map((id) => [`clauses/${id}.md`, `---\nid: ${id}\ntitle: Clause ${id}\n---\n\n${clauses[id]}`])),
  })
  const result = compile(await readPolicy('policy', { cwd: directory }), { today })
  const document = result.output?.document
  const clause = (id: string) => document?.clauses.find((item) => item.id === id)
  return {
    ruleIds: result.diagnostics.map((item) => item.ruleId),
    messages: result.diagnostics.map((item) => `${item.ruleId} ${item.span?.start.line}:${item.span?.start.column} ${item.message}`),
    html: (id) => clause(id)?.html ?? '',
    text: (id) => clause(id)?.text ?? '',
    document,
    jsonLd: result.output?.jsonLd,
  }
}

const idsOf = (html: string) => [...html.matchAll(/ id="([^"]*)"/g)].map((match) => match[1] ?? '')
const anchorsOf = (html: string) => [...html.matchAll(/ href="#([^"]*)"/g)].map((match) => match[1] ?? '')

describe('tables', () => {
  test('a table with its alignment, as text-align (the obsolete align attribute never), sanitised as written', async () => {
    const { ruleIds, html, text } = await compileWith({ kept: '| Data | Kept for |\n| :--- | ---: |\n| Email | 2 *years* |\n| Logs |\n' })
    expect(ruleIds).toEqual([])
    expect(html('kept')).toBe(
      '<section aria-labelledby="kept" class="cw-clause"><h2 id="kept">Clause kept</h2>\n' +
        '<table>\n<thead>\n<tr>\n<th style="text-align: left">Data</th>\n<th style="text-align: right">Kept for</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td style="text-align: left">Email</td>\n<td style="text-align: right">2 <em>years</em></td>\n</tr>\n' +
        '<tr>\n<td style="text-align: left">Logs</td>\n<td style="text-align: right"></td>\n</tr>\n</tbody>\n</table></section>',
    )
    expect(text('kept')).toBe('Clause kept\nData\tKept for\nEmail\t2 years\nLogs')
    expect(sanitizeHtml(html('kept'))).toBe(html('kept'))
  })

  test('a style other than the three alignments, or on another element, is dropped by the sanitiser', () => {
    expect(sanitizeHtml('<table><tbody><tr><td style="text-align: left; background: url(https://x.example/)">a</td><td style="color: red">b</td></tr></tbody></table><p style="text-align: left">c</p>')).toBe(
      '<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table><p>c</p>',
    )
  })

  test('a page with a table and footnotes is valid HTML (html-validate)', async () => {
    const { html } = await compileWith({ kept: '| Data | Kept for[^1] |\n| :--- | :---: |\n| Email | 2 years |\n\n[^1]: From ~~collection~~ your last visit.\n', other: 'See www.example.com[^1].\n\n[^1]: Or https://example.org.\n' })
    const page = `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<title>Policy</title>\n</head>\n<body>\n<main>\n${html('kept')}\n${html('other')}\n</main>\n</body>\n</html>\n`
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off', 'no-trailing-whitespace': 'off' } }).validateString(page)
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`))).toEqual([])
  })
})

describe('footnotes', () => {
  const clauses = {
    first: 'We keep it[^1] and share it[^note].\n\nAgain[^1].\n\n[^1]: For two years.\n[^note]: With our host.\n',
    second: 'Also here[^1], see [the first note](#first---fn-1) and [ours](#second---fn-1).\n\n[^1]: Another note.\n',
  }

  test('each clause numbers its own, with ids prefixed by the clause id: exact HTML', async () => {
    const { ruleIds, html } = await compileWith(clauses)
    expect(ruleIds).toEqual([])
    expect(html('second')).toBe(
      '<section aria-labelledby="second" class="cw-clause"><h2 id="second">Clause second</h2>\n' +
        '<p>Also here<sup><a href="#second---fn-1" id="second---fnref-1" data-footnote-ref="" aria-describedby="second---footnote-label">1</a></sup>, see <a href="#first---fn-1">the first note</a> and <a href="#second---fn-1">ours</a>.</p>\n' +
        '<section data-footnotes="" class="footnotes"><h3 id="second---footnote-label">Footnotes</h3>\n<ol>\n' +
        '<li id="second---fn-1">\n<p>Another note. <a href="#second---fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p>\n</li>\n' +
        '</ol>\n</section></section>',
    )
    // Rendered HTML is the sanitiser's fixed point, as a release's HTML must be.
    expect(sanitizeHtml(html('first'))).toBe(html('first'))
    expect(sanitizeHtml(html('second'))).toBe(html('second'))
  })

  test('every id on the page is unique, and every in-page link and back-link leads to one', async () => {
    const { html } = await compileWith(clauses)
    const page = ['intro', 'rights', 'first', 'second'].map(html).join('\n')
    const ids = idsOf(page)
    expect(ids.filter((id) => id.includes('---'))).toEqual([
      'first---fnref-1',
      'first---fnref-note',
      'first---fnref-1-2',
      'first---footnote-label',
      'first---fn-1',
      'first---fn-note',
      'second---fnref-1',
      'second---footnote-label',
      'second---fn-1',
    ])
    expect(new Set(ids).size).toBe(ids.length)
    expect(anchorsOf(page).filter((anchor) => !ids.includes(anchor))).toEqual([])
    expect(anchorsOf(html('first'))).toEqual(['first---fn-1', 'first---fn-note', 'first---fn-1', 'first---fnref-1', 'first---fnref-1-2', 'first---fnref-note'])
  })

  test('a link to a footnote that does not exist is a broken anchor; to one defined but never referenced too (it is not published)', async () => {
    const { messages } = await compileWith({ only: 'A note[^1]. See [two](#only---fn-2), [unused](#only---fn-unused), [one](#only---fn-1) and [back](#only---fnref-1).\n\n[^1]: One.\n[^unused]: Never shown.\n' })
    expect(messages.filter((message) => message.startsWith('broken-anchor'))).toEqual([
      'broken-anchor 6:17 Unexpected link to `#only---fn-2`, expected the id of a clause or heading',
      'broken-anchor 6:38 Unexpected link to `#only---fn-unused`, expected the id of a clause or heading',
    ])
  })

  test('a footnote in a table cell, and a reference used twice, back-link to each place', async () => {
    const { ruleIds, html } = await compileWith({ cell: '| a |\n| - |\n| b[^x] and c[^x] |\n\n[^x]: Note.\n' })
    expect(ruleIds).toEqual([])
    expect(html('cell')).toContain('<td>b<sup><a href="#cell---fn-x" id="cell---fnref-x" data-footnote-ref="" aria-describedby="cell---footnote-label">1</a></sup> and c<sup><a href="#cell---fn-x" id="cell---fnref-x-2"')
    expect(html('cell')).toContain('<a href="#cell---fnref-x-2" data-footnote-backref="" aria-label="Back to reference 1-2" class="data-footnote-backref">↩<sup>2</sup></a>')
  })
})

describe('strikethrough and autolink literals', () => {
  test('`~~` strikes out, a single `~` is an approximation; http, https, www. and email addresses are links', async () => {
    const { ruleIds, html } = await compileWith({ inline: 'We ~~sell~~ keep ~50 records ~for~ you. See https://example.com/a?b=1, http://example.org, www.example.net/x. or write to privacy@example.com.\n' })
    expect(ruleIds).toEqual([])
    expect(html('inline')).toBe(
      '<section aria-labelledby="inline" class="cw-clause"><h2 id="inline">Clause inline</h2>\n' +
        '<p>We <del>sell</del> keep ~50 records ~for~ you. See <a href="https://example.com/a?b=1">https://example.com/a?b=1</a>, <a href="http://example.org">http://example.org</a>, <a href="http://www.example.net/x">www.example.net/x</a>. or write to <a href="mailto:privacy@example.com">privacy@example.com</a>.</p></section>',
    )
  })

  test('`mailto:` and `xmpp:` before an address are part of its link, never a directive; an unsafe scheme is reported as a link is', async () => {
    const mailto = await compileWith({ schemes: 'Write to mailto:privacy@example.com or mailto:nobody.\n' })
    expect(mailto.ruleIds).toEqual([])
    expect(mailto.html('schemes')).toContain('<p>Write to <a href="mailto:privacy@example.com">mailto:privacy@example.com</a> or mailto:nobody.</p>')
    const xmpp = await compileWith({ schemes: 'Write to mailto:privacy@example.com or xmpp:privacy@example.com.\n' })
    expect(xmpp.messages).toEqual(['unsafe-url 6:40 Unexpected link URL with the scheme `xmpp:`, expected https:, http:, mailto:, #anchor or /path'])
  })

  test('a character written as a reference beside an autolink literal is reported where it is written', async () => {
    // micromark links the first address itself; the second (after a `-`) and the third (after
    // `mailto:`) only GFM's pass over the text, which leaves the text around them without a position.
    const { messages } = await compileWith({ escaped: '&#x202E; see https://example.com &amp; *www.example.org &#x200B;*.\n\n&#x202E;-https://example.com and mailto:a@example.com &#x200B;x.\n' })
    expect(messages).toEqual([
      'invisible-character 6:1 Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE, written as an escape, expected text',
      'invisible-character 6:57 Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text',
      'invisible-character 8:1 Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE, written as an escape, expected text',
      'invisible-character 8:55 Unexpected invisible character U+200B ZERO WIDTH SPACE, written as an escape, expected text',
    ])
  })

  test('a bare `javascript:` or `data:` is text, never a link', async () => {
    const { ruleIds, html } = await compileWith({ bare: 'Never javascript://%0Aalert(1) nor JavaScript://x.com nor data:,alert(1).\n' })
    expect(ruleIds.filter((id) => id === 'unsafe-url')).toEqual([])
    expect(html('bare')).not.toContain('<a')
    expect(html('bare')).toContain('Never javascript://%0Aalert(1) nor JavaScript://x.com nor data:,alert(1).')
  })

  test('an address in the label of a link directive is its text, never a link in a link', async () => {
    const { ruleIds, html } = await compileWith({ label: 'Complain at :authority[www.ico.org.uk/concerns or ~~post~~].\n' })
    expect(ruleIds).toEqual([])
    expect(html('label')).toContain('<p>Complain at <a href="https://ico.org.uk/make-a-complaint/">www.ico.org.uk/concerns or <del>post</del></a>.</p>')
  })

  test('the texts of data.yaml have strikethrough and autolink literals, and neither tables nor footnotes', async () => {
    const { ruleIds, document, html } = await compileWith({}, [
      { file: 'data.yaml', find: 'text: to send you our newsletter;', with: 'text: to send you our ~~weekly~~ newsletter from news@example.com;' },
      { file: 'data.yaml', find: 'text: to keep our [rights](#rights) and website secure.', with: 'text: "to keep www.example.com secure[^1] | a |"' },
    ])
    expect(ruleIds).toEqual([])
    expect(html('intro')).toContain('<li>to send you our <del>weekly</del> newsletter from <a href="mailto:news@example.com">news@example.com</a>;</li>')
    expect(html('intro')).toContain('<li>to keep <a href="http://www.example.com">www.example.com</a> secure[^1] | a |</li>')
    // policy.json's fragment (whose phrasing the renderer writes a line apart, as before GFM).
    expect(document?.purposes.find((purpose) => purpose.id === 'newsletter')?.html).toBe('to send you our \n<del>weekly</del>\n newsletter from \n<a href="mailto:news@example.com">news@example.com</a>\n;')
  })
})

describe('published everywhere', () => {
  const table = '| Data | Kept for |\n| --- | --- |\n| Email | 2 years |\n\nKept[^1].\n\n[^1]: Unless you ask.\n'

  test('policy.json and the JSON-LD carry a table cell’s and a footnote’s words', async () => {
    const { document, jsonLd } = await compileWith({ kept: table })
    const clause = document?.clauses.find((item) => item.id === 'kept')
    expect(clause?.text).toBe('Clause kept\nData\tKept for\nEmail\t2 years\n\nKept1.\n\nFootnotes\n\nUnless you ask. ↩')
    expect(JSON.stringify(jsonLd)).toContain(JSON.stringify(clause?.text))
  })

  test('readable content: a table row is a block of cells, a footnote reference a link in a `sup`, a note a list item', async () => {
    const { html } = await compileWith({ kept: table })
    const content = readableContent(html('kept'))
    expect(content).toEqual([
      ['h2', {}, 'Clause kept'],
      ['table', {}, ['thead', {}, ['tr', {}, ['th', {}, 'Data'], ['th', {}, 'Kept for']]], ['tbody', {}, ['tr', {}, ['td', {}, 'Email'], ['td', {}, '2 years']]]],
      ['p', {}, 'Kept', ['sup', {}, ['a', { href: '#kept---fn-1' }, '1']], '.'],
      ['h3', {}, 'Footnotes'],
      ['ol', {}, ['li', {}, ['p', {}, 'Unless you ask. ', ['a', { href: '#kept---fnref-1' }, '↩']]]],
    ])
    expect(wordsOf(content)).toBe('Clause kept Data Kept for Email 2 years Kept1. Footnotes Unless you ask. ↩')
  })

  test('the digest changes with a table cell, a footnote’s words and the place of a reference', async () => {
    const digest = async (body: string) => {
      const { document } = await compileWith({ kept: body })
      return document && digestOf(document)
    }
    const base = await digest(table)
    const changed = await Promise.all([
      digest(table.replace('2 years', '3 years')),
      digest(table.replace('Unless you ask.', 'Unless you object.')),
      digest(table.replace('Kept[^1].', 'Kept.[^1]')),
      digest(table.replace('| Email |', '| Phone |')),
    ])
    expect(new Set([base, ...changed]).size).toBe(5)
    // The alignment of a column is presentation: the words are the same.
    expect(await digest(table.replace('| --- | --- |', '| :-- | --: |'))).toBe(base)
  })

  test('the diff of a changed table cell and footnote: the clause is changed, the word diff reads their words', async () => {
    const from = (await compileWith({ kept: table })).document
    const to = (await compileWith({ kept: table.replace('2 years', '3 years').replace('Unless you ask.', 'Unless you object.') })).document
    if (!from || !to) throw new Error('not compiled')
    const change = diffDocuments(from, to, { from: '1', to: '2' }).clauses.find((item) => item.id === 'kept')
    expect(change?.status).toEqual(['changed'])
    expect(change?.words?.filter((run) => run.type !== 'equal')).toEqual([
      { type: 'delete', text: '2' },
      { type: 'insert', text: '3' },
      { type: 'delete', text: 'ask' },
      { type: 'insert', text: 'object' },
    ])
  })
})
