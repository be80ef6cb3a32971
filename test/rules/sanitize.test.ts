import { describe, expect, test } from 'vitest'
import { sanitizeHtml } from '../../src/render/sanitize-html.ts'

// The sanitiser in the typescript-eslint rule-tester style: HTML kept as it is, then HTML with the
// exact safe form it becomes, one case per element, attribute and URL the schema decides on.
const kept: readonly string[] = [
  '<a href="https://example.org/">x</a>',
  '<a href="http://example.org/">x</a>',
  '<a href="mailto:privacy@example.org">x</a>',
  '<a href="#your-rights">x</a>',
  '<blockquote cite="https://example.org/">q</blockquote>',
  '<q cite="http://example.org/">q</q>',
  '<h2 id="your-rights">Your rights</h2>',
  '<a href="https://example.org/" id="rights" name="rights">x</a>',
  '<section aria-labelledby="your-rights" class="cw-clause">s</section>',
  '<em class="cw-missing">missing</em>',
  '<p action="https://example.org/">ok</p>',
]

const changed: ReadonlyArray<{ readonly html: string; readonly output: string }> = [
  { html: '<a href="//evil.example/x">x</a>', output: '<a>x</a>' },
  { html: '<a href="\\\\evil.example/x">x</a>', output: '<a>x</a>' },
  { html: '<a href="relative.html">x</a>', output: '<a>x</a>' },
  { html: '<a href="javascript:alert(1)">x</a>', output: '<a>x</a>' },
  { html: '<a href="ftp://example.org/">x</a>', output: '<a>x</a>' },
  { html: '<blockquote cite="//evil.example/">q</blockquote>', output: '<blockquote>q</blockquote>' },
  { html: '<blockquote cite="mailto:privacy@example.org">q</blockquote>', output: '<blockquote>q</blockquote>' },
  { html: '<del cite="relative.html">d</del>', output: '<del>d</del>' },
  // GitHub's schema allows `action` on every element and checks no protocol on it: the allow-list does.
  { html: '<p action="javascript:alert(1)">ok</p>', output: '<p>ok</p>' },
  { html: '<div action="//evil.example/">ok</div>', output: '<div>ok</div>' },
  { html: '<section class="other">s</section>', output: '<section class="">s</section>' },
  { html: '<em class="other">m</em>', output: '<em class="">m</em>' },
  { html: '<img src="https://tracker.example/p.gif">', output: '' },
  { html: '<picture><source srcset="https://tracker.example/p.gif"></picture>', output: '' },
  { html: '<input type="checkbox" checked>', output: '' },
  { html: '<details><summary>s</summary>d</details>', output: 'sd' },
  { html: '<script>alert(1)</script><p onclick="alert(1)">ok</p>', output: '<p>ok</p>' },
]

describe('sanitizeHtml', () => {
  test.each(kept)('kept: %s', (html) => {
    expect(sanitizeHtml(html)).toBe(html)
  })

  test.each(changed)('changed: $html', ({ html, output }) => {
    expect(sanitizeHtml(html)).toBe(output)
    // Idempotent: the safe form is a fixed point.
    expect(sanitizeHtml(output)).toBe(output)
  })
})
