import { afterEach, expect, test, vi } from 'vitest'
import { diagnostic } from '../src/diagnostics/diagnostic.ts'
import { formatDiagnostics } from '../src/diagnostics/format.ts'

const found = [diagnostic('broken-anchor', 'policy/clauses/a.md', { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } }, 'Unexpected link', { hint: 'Link to a clause.' })]
const texts = new Map([['policy/clauses/a.md', 'A [b](#c).\n']])

afterEach(() => {
  vi.unstubAllEnvs()
})

test('the pretty format colours what --color asks for, whatever the environment says', () => {
  vi.stubEnv('NO_COLOR', '1')
  vi.stubEnv('FORCE_COLOR', '0')
  expect(formatDiagnostics(found, 'pretty', { texts, color: true })).toBe(
    [
      '\u001b[1mpolicy/clauses/a.md:1:3\u001b[22m \u001b[31merror\u001b[39m Unexpected link \u001b[2m[broken-anchor]\u001b[22m',
      '\u001b[2m> 1 | A [b](#c).\u001b[22m',
      '\u001b[2m    |   ^^\u001b[22m',
      '\u001b[2m  2 | \u001b[22m',
      '  hint: Link to a clause.',
      '',
      'How to fix each kind of problem:',
      '  docs/rules/broken-anchor.md',
      '',
      '1 error.',
      '',
    ].join('\n'),
  )
})

test('the pretty format has no colour when --no-color says so, whatever the environment says', () => {
  vi.stubEnv('FORCE_COLOR', '3')
  expect(formatDiagnostics(found, 'pretty', { texts, color: false })).toBe('policy/clauses/a.md:1:3 error Unexpected link [broken-anchor]\n> 1 | A [b](#c).\n    |   ^^\n  2 | \n  hint: Link to a clause.\n\nHow to fix each kind of problem:\n  docs/rules/broken-anchor.md\n\n1 error.\n')
})
