import { expect, test } from 'vitest'
import { codeList, editDistance, suggest } from '../src/diagnostics/words.ts'
function full(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return Math.min(previous[b.length] ?? 0, 3)
}
// The banded edit distance answers what the whole table answers, up to the bound it needs (3).
test('the banded edit distance equals the full table\'s, capped at 3, on 50,000 pairs of words', () => {
  let seed = 7
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const word = () => Array.from({ length: Math.floor(rnd() * 8) }, () => 'abc'[Math.floor(rnd() * 3)]).join('')
  for (let k = 0; k < 50_000; k++) { const a = word(), b = word(); expect(editDistance(a, b), `${a} ${b}`).toBe(full(a, b)) }
})

test('codeList writes each item as inline code, comma-separated', () => {
  expect(codeList(new Set(['consent', 'contract']))).toBe('`consent`, `contract`')
  expect(codeList([])).toBe('')
})

test('suggest gives the hint and the expected values of the closest candidate, or nothing', () => {
  expect(suggest('consnt', ['consent', 'contract'])).toEqual({ hint: 'Did you mean `consent`?', expected: ['consent'] })
  expect(suggest('rigths', ['rights'], '#')).toEqual({ hint: 'Did you mean `#rights`?', expected: ['#rights'] })
  expect(suggest('unrelated', ['consent'])).toEqual({ hint: undefined, expected: [] })
  // The same word is no typo; the same word in other case is.
  expect(suggest('consent', ['consent'])).toEqual({ hint: undefined, expected: [] })
  expect(suggest('Consent', ['consent'])).toEqual({ hint: 'Did you mean `consent`?', expected: ['consent'] })
})
