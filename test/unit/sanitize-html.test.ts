import { expect, test } from 'vitest'
import { sanitizeHtml, withoutAnchors } from '../../src/render/sanitize-html.ts'

// HTML from outside the renderer, beyond the per-element cases of test/rules/sanitize.test.ts.

test('HTML is read as a fragment: text before the first element is kept, as the renderer writes it', () => {
  expect(sanitizeHtml('\n<p>x</p>')).toBe('\n<p>x</p>')
})

test('HTML nested deeper than the stack can follow is dropped whole', () => {
  expect(sanitizeHtml(`${'<div>'.repeat(50_000)}x`)).toBe('')
})

test('a clause shown a second time loses its ids and the references to them, and is sanitised', () => {
  expect(withoutAnchors('\n<h2 id="rights">Your rights</h2><section aria-labelledby="rights" class="cw-clause"><a href="#rights">x</a><a href="javascript:x">y</a></section>')).toBe(
    '\n<h2>Your rights</h2><section class="cw-clause"><a href="#rights">x</a><a>y</a></section>',
  )
})

test('a clause with footnotes shown a second time loses the ids of its notes and references, and the description its references name', () => {
  expect(
    withoutAnchors('<p>a<sup><a href="#c---fn-1" id="c---fnref-1" data-footnote-ref="" aria-describedby="c---footnote-label">1</a></sup></p><section data-footnotes="" class="footnotes"><h3 id="c---footnote-label">Footnotes</h3><ol><li id="c---fn-1"><p>n <a href="#c---fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p></li></ol></section>'),
  ).toBe('<p>a<sup><a href="#c---fn-1" data-footnote-ref="">1</a></sup></p><section data-footnotes="" class="footnotes"><h3>Footnotes</h3><ol><li><p>n <a href="#c---fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p></li></ol></section>')
})

test('a <time> (what :last-updated writes) is kept with its datetime, and loses what may run', () => {
  expect(sanitizeHtml('<p>on <time datetime="2019-01-25">25th January 2019</time></p>')).toBe('<p>on <time datetime="2019-01-25">25th January 2019</time></p>')
  expect(sanitizeHtml('<time datetime="2019-01-25" onclick="x()" style="color:red">x</time>')).toBe('<time datetime="2019-01-25">x</time>')
})
