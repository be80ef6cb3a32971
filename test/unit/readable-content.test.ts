import { expect, test } from 'vitest'
import { readableContent, targetsIn, wordsOf } from '../../src/compile/readable-content.ts'

// What a reader can follow of an HTML fragment (the digest of format /2 and the diff's links read
// it), on small fragments written out here.

test('blocks and inline elements that a reader follows are kept, with their targets; wrappers give way to their content', () => {
  expect(readableContent('<p>We do <strong>not</strong> sell. <span>Ask</span> <a href="https://example.org/">us</a>.</p>')).toEqual([
    ['p', {}, 'We do ', ['strong', {}, 'not'], ' sell. Ask ', ['a', { href: 'https://example.org/' }, 'us'], '.'],
  ])
  expect(readableContent('<ol start="3"><li>one</li></ol><img src="https://example.org/a.png" alt="logo">')).toEqual([
    ['ol', { start: '3' }, ['li', {}, 'one']],
    ['img', { src: 'https://example.org/a.png', alt: 'logo' }],
  ])
})

test.each(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr'])('<%s> is a block', (tag) => {
  const [node] = readableContent(`<${tag}>x</${tag}>`)
  expect(Array.isArray(node) && node[0]).toBe(tag)
})

test('the parts of a table are blocks', () => {
  expect(readableContent('<table><caption>c</caption><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>')).toEqual([
    ['table', {}, ['caption', {}, 'c'], ['thead', {}, ['tr', {}, ['th', {}, 'h']]], ['tbody', {}, ['tr', {}, ['td', {}, 'd']]], ['tfoot', {}, ['tr', {}, ['td', {}, 'f']]]],
  ])
})

test.each(['del', 's', 'strike', 'ins', 'strong', 'b', 'em', 'i', 'code', 'kbd', 'samp', 'var', 'tt', 'sup', 'sub', 'q', 'mark', 'small'])('<%s> is kept inline', (tag) => {
  expect(readableContent(`<p>a <${tag}>x</${tag}> b</p>`)).toEqual([['p', {}, 'a ', [tag, {}, 'x'], ' b']])
})

test('a line break is kept', () => {
  expect(readableContent('<p>a<br>b</p>')).toEqual([['p', {}, 'a', ['br', {}], 'b']])
})

test('whitespace a reader cannot see goes: at the edges of blocks and between them; one space between words stays', () => {
  expect(readableContent('  <p>  a  \n b  </p>  \n  <p>c</p>  ')).toEqual([
    ['p', {}, 'a b'],
    ['p', {}, 'c'],
  ])
  // Text between two blocks, and inline runs at a block's edges.
  expect(readableContent('<ul> <li> x </li> text <li>y</li> </ul>')).toEqual([['ul', {}, ['li', {}, 'x'], 'text', ['li', {}, 'y']]])
  expect(readableContent('<p> <em> a </em> b </p>')).toEqual([['p', {}, ['em', {}, ' a '], ' b']])
})

test('text inside <pre> is kept as written', () => {
  expect(readableContent('<pre>  a\n   b  </pre>')).toEqual([['pre', {}, '  a\n   b  ']])
  expect(readableContent('<pre><code>  x  y </code></pre>')).toEqual([['pre', {}, ['code', {}, '  x  y ']]])
})

test('a link without a target has none; HTML nested deeper than the parser can follow is kept as it is', () => {
  expect(readableContent('<a>x</a>')).toEqual([['a', {}, 'x']])
  const deep = '<span>'.repeat(200_000)
  expect(readableContent(deep)).toEqual([['unreadable', {}, deep]])
})

test('the words of readable content, blocks apart, one space between words', () => {
  expect(wordsOf(readableContent('<h2>Title</h2><p>We  do <strong>not</strong>\nsell.</p><ul><li>a</li><li>b</li></ul>'))).toBe('Title We do not sell. a b')
  expect(wordsOf([])).toBe('')
  // A block begins and ends a run of words, whatever is beside it.
  expect(wordsOf(['x', ['p', {}, 'y'], 'z'])).toBe('x y z')
})

test('links and images in the order a reader meets them, an image by its text', () => {
  expect(targetsIn(readableContent('<p><a href="#a">one <em>two</em></a> <img src="x.png" alt="logo"> <img src="y.png"> <a>none</a></p>'))).toEqual([
    { element: 'a', text: 'one two', target: '#a' },
    { element: 'img', text: 'logo', target: 'x.png' },
    { element: 'img', text: '', target: 'y.png' },
    { element: 'a', text: 'none', target: null },
  ])
})
