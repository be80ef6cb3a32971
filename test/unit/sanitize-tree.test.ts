import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { expect, test } from 'vitest'
import { sanitizeTree } from '../../src/render/sanitize.ts'

// sanitizeTree takes any hast tree, not only one parsed from HTML: a plugin can set a URL property
// to a number, a list or a boolean. GitHub's schema lets such an `action` through (it checks no
// protocol on it); the URL allow-list judges only strings, so anything else is dropped.
const paragraphWithAction = (action: unknown): Root => ({
  type: 'root',
  children: [{ type: 'element', tagName: 'p', properties: { action: action as string, id: 'kept' }, children: [{ type: 'text', value: 'ok' }] }],
})

test.each<[string, unknown]>([
  ['a number', 5],
  ['a list of URLs', ['https://example.org/']],
  ['a boolean', true],
])('a URL property holding %s is dropped', (_name, action) => {
  expect(toHtml(sanitizeTree(paragraphWithAction(action)))).toBe('<p id="kept">ok</p>')
})

test('a URL property holding a safe URL string is kept', () => {
  expect(toHtml(sanitizeTree(paragraphWithAction('https://example.org/')))).toBe('<p action="https://example.org/" id="kept">ok</p>')
})
