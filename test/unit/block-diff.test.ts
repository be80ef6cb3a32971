import { describe, expect, test } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { changeSchema, sanitizeTree } from '../../src/render/sanitize.ts'
import { blockDiffHtml, collapsedHtml, tooDeepHtml, unchangedSummary } from '../../src/versions/block-diff.ts'
import { vectorsInHtml } from '../helpers/executable-vectors.ts'

// The block diff of a clause's two versions (the change page's): each case a small clause. The
// cases on the OPTSM policy, made by `clausewright release`, are test/change-blocks.test.ts.

const clause = (body: string) => `<section aria-labelledby="c" class="cw-clause"><h2 id="c">Title</h2>\n${body}</section>`

describe('blocks aligned', () => {
  test('the clause’s own heading and its ids are left out: the page has its own', () => {
    const html = blockDiffHtml(clause('<h3 id="c--a">A</h3>\n<p>We keep one copy.</p>'), clause('<h3 id="c--a">A</h3>\n<p>We keep two copies.</p>'), { clauseId: 'c' })
    expect(html).toBe('<h3>A</h3>\n<p class="cw-changed">We keep <del>one copy</del><ins>two copies</ins>.</p>')
  })

  test('an item changed deep in a nested list stays in its list, in its item', () => {
    const before = clause('<ul>\n<li>Top\n<ul>\n<li>alpha beta gamma</li>\n<li>delta</li>\n</ul>\n</li>\n</ul>')
    const after = clause('<ul>\n<li>Top\n<ul>\n<li>alpha BETA gamma</li>\n<li>delta</li>\n</ul>\n</li>\n</ul>')
    expect(blockDiffHtml(before, after, { clauseId: 'c' })).toBe('<ul>\n<li>Top\n<ul>\n<li class="cw-changed">alpha <del>beta</del><ins>BETA</ins> gamma</li>\n<li>delta</li>\n</ul></li>\n</ul>')
  })

  test('a row inserted in a table is a row of that table, each cell’s words inserted', () => {
    const table = (rows: string) => clause(`<table>\n<thead>\n<tr>\n<th>Who</th>\n<th>Why</th>\n</tr>\n</thead>\n<tbody>\n${rows}</tbody>\n</table>`)
    const row = (a: string, b: string) => `<tr>\n<td>${a}</td>\n<td>${b}</td>\n</tr>\n`
    const html = blockDiffHtml(table(row('Bank', 'Payments')), table(row('Bank', 'Payments') + row('Mailer', 'Newsletters')), { clauseId: 'c' })
    expect(html).toContain('<tr class="cw-inserted">\n<td class="cw-inserted"><ins>Mailer</ins></td>\n<td class="cw-inserted"><ins>Newsletters</ins></td>\n</tr>')
    expect(html.match(/<table>/g)).toHaveLength(1)
    expect(html).toContain('<td>Bank</td>')
  })

  test('a block quite unlike the one it replaced is one removed and one inserted, not a change', () => {
    const html = blockDiffHtml(clause('<p>We keep your data.</p>'), clause('<p>Cookies are small files.</p>'), { clauseId: 'c' })
    expect(html).toBe('<p class="cw-removed"><del>We keep your data.</del></p>\n<p class="cw-inserted"><ins>Cookies are small files.</ins></p>')
  })

  test('a removed list keeps its items, each marked removed', () => {
    expect(blockDiffHtml(clause('<p>Intro.</p>\n<ol>\n<li>One</li>\n<li>Two</li>\n</ol>'), clause('<p>Intro.</p>'), { clauseId: 'c' })).toBe(
      '<p>Intro.</p>\n<ol class="cw-removed">\n<li class="cw-removed"><del>One</del></li>\n<li class="cw-removed"><del>Two</del></li>\n</ol>',
    )
  })

  test('a block whose HTML differs only in spaces and source line breaks is unchanged (folded, not marked)', () => {
    const before = clause('<p>We keep\nyour data.</p>\n<ul>\n<li>One  two</li>\n</ul>\n<p>Old words here.</p>')
    const after = clause('<p>We keep your data.</p>\n<ul>\n<li>One two</li>\n</ul>\n<p>New words here.</p>')
    expect(blockDiffHtml(before, after, { clauseId: 'c', context: 0 })).toBe(
      '<details><summary>1 unchanged paragraph and 1 list</summary>\n<p>We keep your data.</p>\n<ul>\n<li>One two</li>\n</ul></details>\n<p class="cw-changed"><del>Old</del><ins>New</ins> words here.</p>',
    )
  })

  test('emphasis and line breaks are kept in a changed block', () => {
    expect(blockDiffHtml(clause('<p>We <strong>never</strong> sell it.<br>\nAsk us.</p>'), clause('<p>We <strong>never</strong> rent it.<br>\nAsk us.</p>'), { clauseId: 'c' })).toBe(
      '<p class="cw-changed">We <strong>never</strong> <del>sell</del><ins>rent</ins> it.<br>\nAsk us.</p>',
    )
  })

  test('a link’s target changed: the old link deleted, the new inserted, and both targets written out', () => {
    const html = blockDiffHtml(clause('<p>See <a href="https://a.example/">our page</a>.</p>'), clause('<p>See <a href="https://b.example/">our page</a>.</p>'), { clauseId: 'c' })
    expect(html).toBe(
      '<p class="cw-changed">See <a href="https://a.example/"><del>our page</del></a><a href="https://b.example/"><ins>our page</ins></a> <span class="cw-link-note">(link: <del>https://a.example/</del> → <ins>https://b.example/</ins>)</span>.</p>',
    )
  })
})

describe('unchanged blocks folded', () => {
  const paragraphs = (count: number, changed = -1) => clause(Array.from({ length: count }, (_, index) => `<p>Paragraph ${index === changed ? 'changed' : 'number'} ${index}.</p>`).join('\n'))

  test('one block of context on each side of a change; the others behind a <details> that counts them', () => {
    const html = blockDiffHtml(paragraphs(16), paragraphs(16, 13), { clauseId: 'c' })
    expect(html).toMatch(/^<details><summary>12 unchanged paragraphs<\/summary>\n<p>Paragraph number 0\.<\/p>\n/)
    expect(html).toContain('</details>\n<p>Paragraph number 12.</p>\n<p class="cw-changed">Paragraph <del>number</del><ins>changed</ins> 13.</p>\n<p>Paragraph number 14.</p>\n<details><summary>1 unchanged paragraph</summary>\n<p>Paragraph number 15.</p></details>')
  })

  test('the heading a change is under stays, however far above it', () => {
    const html = blockDiffHtml(clause('<h3>About cookies</h3>\n<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>We keep four.</p>\n<h3>Other</h3>\n<p>Five.</p>'), clause('<h3>About cookies</h3>\n<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n<p>We keep five.</p>\n<h3>Other</h3>\n<p>Five.</p>'), { clauseId: 'c' })
    expect(html).toBe(
      '<h3>About cookies</h3>\n<details><summary>2 unchanged paragraphs</summary>\n<p>One.</p>\n<p>Two.</p></details>\n<p>Three.</p>\n<p class="cw-changed">We keep <del>four</del><ins>five</ins>.</p>\n<h3>Other</h3>\n<details><summary>1 unchanged paragraph</summary>\n<p>Five.</p></details>',
    )
  })

  test('with no context, only the change shows', () => {
    expect(blockDiffHtml(paragraphs(3), paragraphs(3, 1), { clauseId: 'c', context: 0 })).toBe(
      '<details><summary>1 unchanged paragraph</summary>\n<p>Paragraph number 0.</p></details>\n<p class="cw-changed">Paragraph <del>number</del><ins>changed</ins> 1.</p>\n<details><summary>1 unchanged paragraph</summary>\n<p>Paragraph number 2.</p></details>',
    )
  })

  test('in a changed list, two or more unchanged items far from the change fold into an item; an ordered list keeps its numbers', () => {
    const list = (third: string) => clause(`<ol start="3">\n${['alpha one', 'beta two', third, 'delta four', 'epsilon five', 'zeta six'].map((item) => `<li>${item}</li>`).join('\n')}\n</ol>`)
    expect(blockDiffHtml(list('gamma three'), list('gamma THREE'), { clauseId: 'c' })).toBe(
      '<ol start="3">\n<li>alpha one</li>\n<li>beta two</li>\n<li class="cw-changed">gamma <del>three</del><ins>THREE</ins></li>\n<li>delta four</li>\n' +
        '<li class="cw-folded"><details><summary>2 unchanged list items</summary>\n<ol start="7">\n<li>epsilon five</li>\n<li>zeta six</li>\n</ol></details></li>\n</ol>',
    )
    const longer = (last: string) => clause(`<ol>\n${['alpha', 'beta', 'gamma', 'delta', last].map((item) => `<li>${item}</li>`).join('\n')}\n</ol>`)
    expect(blockDiffHtml(longer('epsilon five'), longer('epsilon six'), { clauseId: 'c' })).toBe(
      '<ol>\n<li class="cw-folded"><details><summary>3 unchanged list items</summary>\n<ol start="1">\n<li>alpha</li>\n<li>beta</li>\n<li>gamma</li>\n</ol></details></li>\n' +
        '<li value="4">delta</li>\n<li class="cw-changed">epsilon <del>five</del><ins>six</ins></li>\n</ol>',
    )
  })

  test('a clause that did not change its body is folded whole', () => {
    expect(collapsedHtml(clause('<p>A.</p>\n<ul>\n<li>B</li>\n</ul>'), { clauseId: 'c' })).toBe('<details><summary>1 unchanged paragraph and 1 list</summary>\n<p>A.</p>\n<ul>\n<li>B</li>\n</ul></details>')
  })

  test.each([
    [['p'], '1 unchanged paragraph'],
    [['p', 'p'], '2 unchanged paragraphs'],
    [['heading', 'p', 'ul', 'p'], '1 unchanged heading, 2 paragraphs and 1 list'],
    [['table', 'tr', 'li', 'blockquote', 'block'], '1 unchanged table, 1 row, 1 list item, 1 quotation and 1 block'],
    [['ul', 'ul', 'heading', 'heading'], '2 unchanged lists and 2 headings'],
  ])('%j is summed up as “%s”', (nouns, summary) => {
    expect(unchangedSummary(nouns)).toBe(summary)
  })
})

describe('hostile HTML', () => {
  // A forged release's clause: the block diff is made from the HTML of two versions, and must not
  // let through what a sanitiser would drop, whichever side holds it, changed or not.
  const vectors = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)" onclick="alert(4)">x</a><details open ontoggle=alert(5)><summary>s</summary></details><iframe src="https://evil.example/"></iframe>'

  test.each([
    ['before', clause(`<p>Old words ${vectors}</p>\n<p>Kept.</p>`), clause('<p>New words</p>\n<p>Kept.</p>')],
    ['after', clause('<p>Old words</p>\n<p>Kept.</p>'), clause(`<p>New words ${vectors}</p>\n<p>Kept.</p>`)],
    ['an unchanged block', clause(`<p>Old</p>\n<p>Kept ${vectors}</p>\n<p>x</p>\n<p>y</p>`), clause(`<p>New</p>\n<p>Kept ${vectors}</p>\n<p>x</p>\n<p>y</p>`)],
    ['a block inserted', clause('<p>Old</p>'), clause(`<p>Old</p>\n<p class="cw-inserted" onmouseover="alert(6)">Mine ${vectors}</p>`)],
  ])('in the version %s: nothing that runs reaches the change page', (_where, before, after) => {
    const html = blockDiffHtml(before, after, { clauseId: 'c' })
    expect(vectorsInHtml(html, 'block diff', { fragment: true })).toEqual([])
    expect(html).not.toMatch(/script|onerror|onclick|ontoggle|iframe|javascript:/i)
    // Only the <details> the diff makes itself: none of the policy's.
    expect(html).not.toContain('<details open')
  })

  test('blocks nested deeper than the renderer nests are compared down to a depth, then shown removed and inserted whole', () => {
    // Each level compared costs the size of what it holds: a forged release's thousand levels would cost seconds.
    const nested = (depth: number, word: string) => `${'<blockquote>'.repeat(depth)}<p>deep ${word} text</p>${'</blockquote>'.repeat(depth)}`
    const shallow = blockDiffHtml(nested(16, 'one'), nested(16, 'two'))
    expect(shallow).toContain('<p class="cw-changed">deep <del>one</del><ins>two</ins> text</p>')
    const deep = blockDiffHtml(nested(1500, 'one'), nested(1500, 'two'))
    expect(deep).not.toContain('cw-changed')
    expect(deep.match(/<blockquote class="cw-removed">/g)).toHaveLength(1500 - 32)
    expect(deep).toContain('<p class="cw-removed"><del>deep one text</del></p>')
    expect(deep).toContain('<p class="cw-inserted"><ins>deep two text</ins></p>')
  })

  test('inline markup nested deeper than the stack can follow is said, not shown, and stops nothing', () => {
    const nested = (word: string) => `<p>${'<em>'.repeat(25000)}${word}${'</em>'.repeat(25000)}</p>`
    expect(blockDiffHtml(nested('one'), nested('two'))).toBe(tooDeepHtml)
    expect(collapsedHtml(`<p>${'<em>'.repeat(25000)}x${'</em>'.repeat(25000)}</p>`)).toBe(tooDeepHtml)
  })

  test('a forged class name is dropped: only the marks of the change', () => {
    expect(blockDiffHtml(clause('<p class="evil cw-inserted">A</p>'), clause('<p class="evil cw-inserted">A</p>\n<p>B</p>'), { clauseId: 'c' })).toBe('<p>A</p>\n<p class="cw-inserted"><ins>B</ins></p>')
  })
})

test('the schema of the change’s output allows the policy’s HTML, the marks of the change and <details>, nothing more', () => {
  // The block diff's second line of defence (the first sanitises each version before the diff):
  // what the diff builds goes through it, so that a bug in the diff cannot free what runs.
  const tree = fromHtml('<details open ontoggle="alert(1)"><summary onclick="alert(2)">s</summary><p class="cw-inserted evil" style="x">a</p></details><ul class="contains-task-list cw-folded"><li class="cw-removed task-list-item">b</li></ul><a href="javascript:alert(3)" class="cw-link-note">c</a><section class="cw-clause cw-changed">d</section>', { fragment: true })
  expect(toHtml(sanitizeTree(tree, changeSchema))).toBe(
    '<details open><summary>s</summary><p class="cw-inserted">a</p></details><ul class="contains-task-list cw-folded"><li class="cw-removed task-list-item">b</li></ul><a class="cw-link-note">c</a><section class="cw-clause cw-changed">d</section>',
  )
})
