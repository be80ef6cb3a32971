import { describe, expect, test } from 'vitest'
import { blockDiffHtml, collapsedHtml, tooDeepHtml, unchangedSummary } from '../../src/versions/block-diff.ts'

// What the change page shows of each kind of block and of each kind of change inside one, exactly
// (src/versions/block-diff.ts): the kinds of blocks the policy's HTML holds, which blocks are paired
// as one changed, the words and markup of a changed block, and what a folded run says it holds.
// test/unit/block-diff.test.ts has the first cases; test/change-blocks.test.ts the OPTSM policy's.

const clause = (body: string) => `<section aria-labelledby="c" class="cw-clause"><h2 id="c">Title</h2>\n${body}</section>`
const diff = (before: string, after: string, context?: number) => blockDiffHtml(clause(before), clause(after), { clauseId: 'c', ...(context !== undefined && { context }) })

describe('each kind of block is a block of its own, marked as itself', () => {
  test.each([
    ['a heading of each level', '<h1>alpha beta</h1>', '<h1>alpha gamma</h1>', '<h1 class="cw-changed">alpha <del>beta</del><ins>gamma</ins></h1>'],
    ['h2', '<h2>alpha beta</h2>', '<h2>alpha gamma</h2>', '<h2 class="cw-changed">alpha <del>beta</del><ins>gamma</ins></h2>'],
    ['h4', '<h4>alpha beta</h4>', '<h4>alpha gamma</h4>', '<h4 class="cw-changed">alpha <del>beta</del><ins>gamma</ins></h4>'],
    ['h5', '<h5>alpha beta</h5>', '<h5>alpha gamma</h5>', '<h5 class="cw-changed">alpha <del>beta</del><ins>gamma</ins></h5>'],
    ['h6', '<h6>alpha beta</h6>', '<h6>alpha gamma</h6>', '<h6 class="cw-changed">alpha <del>beta</del><ins>gamma</ins></h6>'],
    ['a block of code', '<pre><code>alpha beta</code></pre>', '<pre><code>alpha gamma</code></pre>', '<pre class="cw-changed"><code>alpha </code><code><del>beta</del></code><code><ins>gamma</ins></code></pre>'],
    ['a division', '<div>alpha beta</div>', '<div>alpha gamma</div>', '<div class="cw-changed">alpha <del>beta</del><ins>gamma</ins></div>'],
    ['a section', '<section>alpha beta</section>', '<section>alpha gamma</section>', '<section class="cw-changed">alpha <del>beta</del><ins>gamma</ins></section>'],
    ['a term and its description', '<dl>\n<dt>alpha beta</dt>\n<dd>one two</dd>\n</dl>', '<dl>\n<dt>alpha gamma</dt>\n<dd>one three</dd>\n</dl>', '<dl>\n<dt class="cw-changed">alpha <del>beta</del><ins>gamma</ins></dt>\n<dd class="cw-changed">one <del>two</del><ins>three</ins></dd>\n</dl>'],
  ])('%s', (_kind, before, after, expected) => {
    expect(diff(before, after)).toBe(expected)
  })

  test('a table’s head and foot: each row on its line, each header and cell changed in place', () => {
    const table = (head: string, foot: string) => `<table>\n<thead>\n<tr>\n<th>${head}</th>\n</tr>\n</thead>\n<tfoot>\n<tr>\n<td>${foot}</td>\n</tr>\n</tfoot>\n</table>`
    expect(diff(table('one two', 'three four'), table('one TWO', 'three FOUR'))).toBe(
      '<table>\n<thead>\n<tr>\n<th class="cw-changed">one <del>two</del><ins>TWO</ins></th>\n</tr>\n</thead>\n<tfoot>\n<tr>\n<td class="cw-changed">three <del>four</del><ins>FOUR</ins></td>\n</tr>\n</tfoot>\n</table>',
    )
  })

  test('a row inserted with an empty cell: the cell is marked, with nothing inside', () => {
    const rows = (extra: string) => `<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n${extra}</tbody>\n</table>`
    expect(diff(rows(''), rows('<tr>\n<td></td>\n<td>b</td>\n</tr>\n'))).toBe('<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n<tr class="cw-inserted">\n<td class="cw-inserted"></td>\n<td class="cw-inserted"><ins>b</ins></td>\n</tr>\n</tbody>\n</table>')
  })

  test('a thematic break inserted is a marked rule; the paragraphs around it are compared on their own', () => {
    expect(diff('<p>x</p>\n<hr>', '<p>y</p>\n<hr>\n<p>x</p>')).toBe('<p class="cw-removed"><del>x</del></p>\n<p class="cw-inserted"><ins>y</ins></p>\n<hr>\n<p class="cw-inserted"><ins>x</ins></p>')
    expect(diff('<p>x</p>', '<p>x</p>\n<hr>')).toBe('<p>x</p>\n<hr class="cw-inserted">')
  })

  test('rows of a changed table are never folded as a list’s items are', () => {
    const table = (first: string) => `<table>\n<tbody>\n${[first, 'a2 two', 'a3 three', 'a4 four', 'a5 five'].map((cell) => `<tr>\n<td>${cell}</td>\n</tr>\n`).join('')}</tbody>\n</table>`
    expect(diff(table('a1 one'), table('a1 ONE'))).toBe(
      '<table>\n<tbody>\n<tr>\n<td class="cw-changed">a1 <del>one</del><ins>ONE</ins></td>\n</tr>\n<tr>\n<td>a2 two</td>\n</tr>\n<tr>\n<td>a3 three</td>\n</tr>\n<tr>\n<td>a4 four</td>\n</tr>\n<tr>\n<td>a5 five</td>\n</tr>\n</tbody>\n</table>',
    )
  })

  test('a heading that is not the clause’s own stays; without the clause’s id, its own stays too', () => {
    expect(diff('<h2 id="other">Other</h2>\n<p>x y</p>', '<h2 id="other">Other</h2>\n<p>x z</p>')).toBe('<h2>Other</h2>\n<p class="cw-changed">x <del>y</del><ins>z</ins></p>')
    expect(collapsedHtml(clause('<p>x</p>'))).toBe('<details><summary>1 unchanged heading and 1 paragraph</summary>\n<h2>Title</h2>\n<p>x</p></details>')
  })
})

describe('which blocks are one block changed', () => {
  test('two blocks without words (a dash) are one changed; one without words and one with are not', () => {
    expect(diff('<p>—</p>', '<p>–</p>')).toBe('<p class="cw-changed"><del>—</del><ins>–</ins></p>')
    expect(diff('<p>—</p>', '<p>New words here.</p>')).toBe('<p class="cw-removed"><del>—</del></p>\n<p class="cw-inserted"><ins>New words here.</ins></p>')
  })

  test('one word in common of five, or the same letters in other words, is not enough', () => {
    expect(diff('<p>alpha beta gamma delta epsilon</p>', '<p>alpha zeta eta theta iota</p>')).toBe('<p class="cw-removed"><del>alpha beta gamma delta epsilon</del></p>\n<p class="cw-inserted"><ins>alpha zeta eta theta iota</ins></p>')
    expect(diff('<p>listen silent</p>', '<p>enlist tinsel</p>')).toBe('<p class="cw-removed"><del>listen silent</del></p>\n<p class="cw-inserted"><ins>enlist tinsel</ins></p>')
  })

  test('a bulleted list made numbered is one list removed and one inserted; an item’s words made a paragraph are marked so', () => {
    expect(diff('<ul>\n<li>alpha beta</li>\n</ul>', '<ol>\n<li>alpha beta</li>\n</ol>')).toBe(
      '<ul class="cw-removed">\n<li class="cw-removed"><del>alpha beta</del></li>\n</ul>\n<ol class="cw-inserted">\n<li class="cw-inserted"><ins>alpha beta</ins></li>\n</ol>',
    )
    expect(diff('<ul>\n<li>alpha beta gamma</li>\n</ul>', '<ul>\n<li>\n<p>alpha beta gamma</p>\n</li>\n</ul>')).toBe('<ul>\n<li><del>alpha beta gamma</del>\n<p class="cw-inserted"><ins>alpha beta gamma</ins></p></li>\n</ul>')
  })

  test('each inserted block is paired at most once: of two removed blocks like it, the second is removed', () => {
    expect(diff('<p>alpha beta gamma delta</p>\n<p>alpha beta gamma epsilon</p>', '<p>alpha beta gamma zeta</p>')).toBe('<p class="cw-changed">alpha beta gamma <del>delta</del><ins>zeta</ins></p>\n<p class="cw-removed"><del>alpha beta gamma epsilon</del></p>')
  })

  test('a block inserted before a changed one is shown inserted, in its place', () => {
    expect(diff('<p>Kept words.</p>\n<p>alpha beta gamma</p>', '<p>Kept words.</p>\n<p>Brand new.</p>\n<p>alpha beta delta</p>')).toBe('<p>Kept words.</p>\n<p class="cw-inserted"><ins>Brand new.</ins></p>\n<p class="cw-changed">alpha beta <del>gamma</del><ins>delta</ins></p>')
  })

  test('a removed block is compared with the next 50 inserted blocks, no further', () => {
    const fresh = (count: number) => Array.from({ length: count }, (_, index) => `<p>Fresh paragraph ${index}.</p>`).join('\n')
    expect(diff('<p>alpha beta gamma</p>', `${fresh(49)}\n<p>alpha beta delta</p>`)).toMatch(/^<p class="cw-inserted"><ins>Fresh paragraph 0\.<\/ins><\/p>\n[^]*<p class="cw-changed">alpha beta <del>gamma<\/del><ins>delta<\/ins><\/p>$/)
    const far = diff('<p>alpha beta gamma</p>', `${fresh(50)}\n<p>alpha beta delta</p>`)
    expect(far).toMatch(/^<p class="cw-removed"><del>alpha beta gamma<\/del><\/p>\n/)
    expect(far).toMatch(/\n<p class="cw-inserted"><ins>alpha beta delta<\/ins><\/p>$/)
  })
})

describe('what a reader cannot see is no change', () => {
  test('line breaks at the start and end of a paragraph, and a space doubled across emphasis, leave it unchanged (folded)', () => {
    expect(diff('<p>We keep your data.</p>\n<p>Old.</p>', '<p>\nWe keep your data.\n</p>\n<p>New.</p>', 0)).toBe(
      '<details><summary>1 unchanged paragraph</summary>\n<p>\nWe keep your data.\n</p></details>\n<p class="cw-removed"><del>Old.</del></p>\n<p class="cw-inserted"><ins>New.</ins></p>',
    )
    expect(diff('<p>We keep <em>your</em> data.</p>\n<p>Old.</p>', '<p>We keep <em> your</em> data.</p>\n<p>New.</p>', 0)).toBe(
      '<details><summary>1 unchanged paragraph</summary>\n<p>We keep <em> your</em> data.</p></details>\n<p class="cw-removed"><del>Old.</del></p>\n<p class="cw-inserted"><ins>New.</ins></p>',
    )
  })

  test('a paragraph of words replaced by one without any is one removed and one inserted', () => {
    expect(diff('<p>Words here.</p>', '<p>—</p>')).toBe('<p class="cw-removed"><del>Words here.</del></p>\n<p class="cw-inserted"><ins>—</ins></p>')
  })

  test('without the clause’s id, a heading without an id and the blocks stay; a section inside keeps no reference to an id', () => {
    expect(collapsedHtml('<h2>Plain heading</h2>\n<p>x</p>')).toBe('<details><summary>1 unchanged heading and 1 paragraph</summary>\n<h2>Plain heading</h2>\n<p>x</p></details>')
    expect(diff('<section aria-labelledby="s"><h3 id="s">S</h3><p>a b</p></section>', '<section aria-labelledby="s"><h3 id="s">S</h3><p>a c</p></section>')).toBe('<section><h3>S</h3>\n<p class="cw-changed">a <del>b</del><ins>c</ins></p></section>')
  })
})

describe('a list item with words and a list inside', () => {
  const item = (body: string) => `<ul>\n<li>${body}</li>\n</ul>`
  const nested = '\n<ul>\n<li>x</li>\n</ul>\n'

  test('its words changed, the list inside unchanged', () => {
    expect(diff(item(`alpha beta gamma${nested}`), item(`alpha beta delta${nested}`))).toBe('<ul>\n<li>alpha beta <del>gamma</del><ins>delta</ins>\n<ul>\n<li>x</li>\n</ul></li>\n</ul>')
  })

  test('its words removed', () => {
    expect(diff(item(`Top words${nested}`), item(nested))).toBe('<ul>\n<li><del>Top words</del>\n<ul>\n<li>x</li>\n</ul></li>\n</ul>')
  })

  test('the list inside removed', () => {
    expect(diff(item(`Top${nested}`), item('Top'))).toBe('<ul>\n<li>Top\n<ul class="cw-removed">\n<li class="cw-removed"><del>x</del></li>\n</ul></li>\n</ul>')
  })

  test('words after the list inside, and markup first', () => {
    expect(diff(item(`<strong>Top</strong> words${nested}after this`), item(`<strong>Top</strong> words${nested}after that`))).toBe('<ul>\n<li><strong>Top</strong> words\n<ul>\n<li>x</li>\n</ul>\nafter <del>this</del><ins>that</ins></li>\n</ul>')
  })

  test('the whole list removed: the item’s words and the list inside each marked', () => {
    expect(diff(`<p>Intro.</p>\n${item(`Top${nested}`)}`, '<p>Intro.</p>')).toBe('<p>Intro.</p>\n<ul class="cw-removed">\n<li class="cw-removed"><del>Top</del>\n<ul class="cw-removed">\n<li class="cw-removed"><del>x</del></li>\n</ul></li>\n</ul>')
  })
})

describe('the words of a changed block', () => {
  test('two changes with only a space between them read as one: the words deleted, then those inserted', () => {
    expect(diff('<p>one two x y z</p>', '<p>three four x y z</p>')).toBe('<p class="cw-changed"><del>one two</del><ins>three four</ins> x y z</p>')
  })

  test('a line break removed, and one inserted beside inserted words', () => {
    expect(diff('<p>We keep it.<br>\nAsk us.</p>', '<p>We keep it.\nAsk us.</p>')).toBe('<p class="cw-changed">We keep it.<del><br></del>\nAsk us.</p>')
    expect(diff('<p>We keep it.\nAsk us.</p>', '<p>We keep it.<br>\nAsk us today.</p>')).toBe('<p class="cw-changed">We keep it.<ins><br></ins>\nAsk us<ins> today</ins>.</p>')
  })

  test('a word changed inside nested markup keeps each element around it', () => {
    expect(diff('<p>We <em>keep <strong>your</strong> data</em> safe.</p>', '<p>We <em>keep <strong>our</strong> data</em> safe.</p>')).toBe(
      '<p class="cw-changed">We <em>keep </em><em><strong><del>your</del></strong></em><em><strong><ins>our</ins></strong></em><em> data</em> safe.</p>',
    )
  })

  test('links: two targets changed in one change are named together; words changed in a link that kept its target, or a link removed, have no note', () => {
    expect(diff('<p>See <a href="https://a.example/">one</a> <a href="https://b.example/">two</a> now.</p>', '<p>See <a href="https://c.example/">one</a> <a href="https://d.example/">two</a> now.</p>')).toBe(
      '<p class="cw-changed">See <a href="https://a.example/"><del>one</del></a><del> </del><a href="https://b.example/"><del>two</del></a><a href="https://c.example/"><ins>one</ins></a><ins> </ins><a href="https://d.example/"><ins>two</ins></a> <span class="cw-link-note">(link: <del>https://a.example/, https://b.example/</del> → <ins>https://c.example/, https://d.example/</ins>)</span> now.</p>',
    )
    expect(diff('<p>See <a href="https://a.example/">our page</a> now.</p>', '<p>See <a href="https://a.example/">our new page</a> now.</p>')).toBe('<p class="cw-changed">See <a href="https://a.example/">our </a><a href="https://a.example/"><ins>new </ins></a><a href="https://a.example/">page</a> now.</p>')
    expect(diff('<p>See <a href="https://a.example/">our page</a> now.</p>', '<p>See our page now.</p>')).toBe('<p class="cw-changed">See <a href="https://a.example/"><del>our page</del></a><del> </del><ins>our page </ins>now.</p>')
  })
})

describe('changes beside a line break or inside a link', () => {
  test('a line break between two changes stays between them: each change on its own side', () => {
    expect(diff('<p>x alpha<br>beta y</p>', '<p>x gamma<br>delta y</p>')).toBe('<p class="cw-changed">x <del>alpha</del><ins>gamma</ins><br><del>beta</del><ins>delta</ins> y</p>')
  })

  test('a word changed in a link that kept its target has no note; a link in emphasis whose target changed names only the link’s targets', () => {
    expect(diff('<p>See <a href="https://a.example/">our old page</a> now.</p>', '<p>See <a href="https://a.example/">our new page</a> now.</p>')).toBe(
      '<p class="cw-changed">See <a href="https://a.example/">our </a><a href="https://a.example/"><del>old</del></a><a href="https://a.example/"><ins>new</ins></a><a href="https://a.example/"> page</a> now.</p>',
    )
    expect(diff('<p>See <em><a href="https://a.example/">our page</a></em> now.</p>', '<p>See <em><a href="https://b.example/">our page</a></em> now.</p>')).toBe(
      '<p class="cw-changed">See <em><a href="https://a.example/"><del>our page</del></a></em><em><a href="https://b.example/"><ins>our page</ins></a></em> <span class="cw-link-note">(link: <del>https://a.example/</del> → <ins>https://b.example/</ins>)</span> now.</p>',
    )
  })
})

describe('what is folded says what it holds', () => {
  test('a clause of every kind of block, folded whole, counted by kind', () => {
    const body = 'loose words\n<h4>H</h4>\n<pre><code>x</code></pre>\n<hr>\n<hr>\n<table>\n<tbody>\n<tr>\n<td>a</td>\n</tr>\n</tbody>\n</table>\n<blockquote>\n<p>q</p>\n</blockquote>\n<blockquote>\n<p>r</p>\n</blockquote>\n<ol>\n<li>o</li>\n</ol>\n<dl>\n<dt>t</dt>\n</dl>\n<div>d</div>\n<pre><code>y</code></pre>'
    expect(collapsedHtml(clause(body), { clauseId: 'c' })).toBe(`<details><summary>1 unchanged line, 1 heading, 2 blocks of code, 2 rules, 1 table, 2 quotations, 2 lists and 1 block</summary>\n${body}</details>`)
  })

  test.each([
    [['#inline', '#inline'], '2 unchanged lines'],
    [['pre', 'hr'], '1 unchanged block of code and 1 rule'],
    [['table', 'table', 'tr', 'tr', 'blockquote'], '2 unchanged tables, 2 rows and 1 quotation'],
    [['block', 'block'], '2 unchanged blocks'],
    [[], ''],
  ])('%j is summed up as “%s”', (nouns, summary) => {
    expect(unchangedSummary(nouns)).toBe(summary)
  })

  test('the heading a change is under stays visible when it is the second block', () => {
    const body = (last: string) => `<p>Intro.</p>\n<h3>About</h3>\n<p>a</p>\n<p>b</p>\n<p>c</p>\n<p>d ${last}</p>`
    expect(diff(body('one'), body('two'))).toBe(
      '<details><summary>1 unchanged paragraph</summary>\n<p>Intro.</p></details>\n<h3>About</h3>\n<details><summary>2 unchanged paragraphs</summary>\n<p>a</p>\n<p>b</p></details>\n<p>c</p>\n<p class="cw-changed">d <del>one</del><ins>two</ins></p>',
    )
  })

  test('two blocks of context on each side when asked', () => {
    expect(diff('<p>a b</p>\n<p>c d</p>\n<p>e f</p>\n<p>g h</p>\n<p>i j</p>', '<p>a b</p>\n<p>c d</p>\n<p>e f</p>\n<p>g h</p>\n<p>i k</p>', 2)).toBe(
      '<details><summary>2 unchanged paragraphs</summary>\n<p>a b</p>\n<p>c d</p></details>\n<p>e f</p>\n<p>g h</p>\n<p class="cw-changed">i <del>j</del><ins>k</ins></p>',
    )
  })
})

describe('what the sanitiser leaves of a forged release’s clause', () => {
  // Both versions are sanitised before they are compared: comments are gone, text may lie straight
  // inside a list, and an id is kept as written.
  test('only the clause’s own heading is left out: another element with the clause’s id stays', () => {
    expect(diff('<p id="c">We keep it.</p>\n<p>We sell nothing.</p>', '<p id="c">We keep it.</p>\n<p>We sell nothing now.</p>')).toBe('<p>We keep it.</p>\n<p class="cw-changed">We sell nothing<ins> now</ins>.</p>')
  })

  test('the spaces a dropped comment leaves at either end of a run of words are trimmed as the run’s own', () => {
    expect(diff('<p>We keep it.</p>', '<p>We keep it.</p>\n<!-- note --> <em>Ask</em> us <!-- end -->\n')).toBe('<p>We keep it.</p>\n<ins><em>Ask</em> us</ins>')
  })

  test('text straight inside a list is left out of it, whether the list is removed, emptied or changed', () => {
    expect(diff('<p>Intro.</p>\n<ul>stray<li>We keep it.</li></ul>', '<p>Intro.</p>')).toBe('<p>Intro.</p>\n<ul class="cw-removed">\n<li class="cw-removed"><del>We keep it.</del></li>\n</ul>')
    expect(diff('<p>Intro.</p>\n<ul>stray</ul>', '<p>Intro.</p>')).toBe('<p>Intro.</p>\n<ul class="cw-removed"></ul>')
    expect(diff('<p>Intro.</p>\n<ul>\n</ul>', '<p>Intro.</p>')).toBe('<p>Intro.</p>\n<ul class="cw-removed"></ul>')
    expect(diff('<ul>stray<li>We keep it.</li></ul>', '<ul>stray<li>We keep all.</li></ul>')).toBe('<ul>\n<li class="cw-changed">We keep <del>it</del><ins>all</ins>.</li>\n</ul>')
  })

  test('a link whose target the sanitiser dropped (a `javascript:` one) is named by an empty target when another replaces it', () => {
    expect(diff('<p>See <a href="javascript:alert(1)">our page</a> now.</p>', '<p>See <a href="https://b.example/">our page</a> now.</p>')).toBe(
      '<p class="cw-changed">See <a><del>our page</del></a><a href="https://b.example/"><ins>our page</ins></a> <span class="cw-link-note">(link: <del></del> → <ins>https://b.example/</ins>)</span> now.</p>',
    )
  })

  test('after a fold, only a list item says its number: a paragraph inside the list does not', () => {
    const list = (last: string) => `<ol>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n<p>four</p>\n<li>five ${last}</li>\n</ol>`
    expect(diff(list('a'), list('b'))).toBe(
      '<ol>\n<li class="cw-folded"><details><summary>3 unchanged list items</summary>\n<ol start="1">\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ol></details></li>\n<p>four</p>\n<li class="cw-changed">five <del>a</del><ins>b</ins></li>\n</ol>',
    )
  })
})

describe('words and spaces', () => {
  test('words compare by their lower case: “Straße” and “Strasse” are other words (their capitals are not)', () => {
    expect(diff('<p>Straße</p>', '<p>Strasse</p>')).toBe('<p class="cw-removed"><del>Straße</del></p>\n<p class="cw-inserted"><ins>Strasse</ins></p>')
  })

  test('a block removed keeps its words as written, line breaks at its ends too', () => {
    expect(diff('<p>Kept.</p>\n<p>\nOld words.\n</p>', '<p>Kept.</p>')).toBe('<p>Kept.</p>\n<p class="cw-removed"><del>\nOld words.\n</del></p>')
  })

  test('a run of spaces left unchanged is written as it was', () => {
    expect(diff('<p>We keep  your data. Old.</p>', '<p>We keep  your data. New.</p>')).toBe('<p class="cw-changed">We keep  your data. <del>Old</del><ins>New</ins>.</p>')
  })

  test('a space replaced by a comma is the space deleted and the comma inserted', () => {
    expect(diff('<p>alpha beta gamma</p>', '<p>alpha beta,gamma</p>')).toBe('<p class="cw-changed">alpha beta<del> </del><ins>,</ins>gamma</p>')
  })

  test('a line break inside emphasis stays inside it', () => {
    expect(diff('<p>We <em>keep it.<br>\nAsk</em> us.</p>', '<p>We <em>keep it.<br>\nAsk</em> us now.</p>')).toBe('<p class="cw-changed">We <em>keep it.<br>\nAsk</em> us<ins> now</ins>.</p>')
  })

  test('a line of loose words that ends in markup is a line of its own', () => {
    expect(collapsedHtml(clause('<p>We keep it.</p>\nloose <em>words</em>'), { clauseId: 'c' })).toBe('<details><summary>1 unchanged paragraph and 1 line</summary>\n<p>We keep it.</p>\nloose <em>words</em></details>')
  })
})

test('what is nested too deeply to compare is said in words', () => {
  expect(tooDeepHtml).toBe('<p class="cw-changed">This clause is nested too deeply to be compared here: read the two versions in full.</p>')
})
