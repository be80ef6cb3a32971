import { expect, test } from 'vitest'
import { memoizeByText } from '../../src/render/memoize-by-text.ts'

/** A computation that records each text it was asked for. */
function counted(maxTotalLength?: number) {
  const asked: string[] = []
  const memo = memoizeByText((text) => {
    asked.push(text)
    return { length: text.length }
  }, maxTotalLength)
  return { asked, memo }
}

test('a text given again is answered with the same result, computed once', () => {
  const { asked, memo } = counted()
  const first = memo('<p>We do not sell</p>')
  expect(memo('<p>We do not sell</p>')).toBe(first)
  expect(memo('<p>We sell</p>')).toEqual({ length: 14 })
  expect(asked).toEqual(['<p>We do not sell</p>', '<p>We sell</p>'])
})

test('an empty text and a result that is undefined are remembered too', () => {
  const asked: string[] = []
  const memo = memoizeByText((text) => {
    asked.push(text)
    return undefined
  })
  memo('')
  memo('')
  expect(asked).toEqual([''])
})

test('the texts remembered are bounded by their total length, the least recently used forgotten first', () => {
  const { asked, memo } = counted(10)
  memo('aaaa')
  memo('bbbb')
  // Asked again, aaaa is the most recently used: the next text pushes bbbb out, not aaaa.
  memo('aaaa')
  memo('cccc')
  expect(asked).toEqual(['aaaa', 'bbbb', 'cccc'])
  memo('aaaa')
  memo('cccc')
  expect(asked).toEqual(['aaaa', 'bbbb', 'cccc'])
  memo('bbbb')
  expect(asked).toEqual(['aaaa', 'bbbb', 'cccc', 'bbbb'])
})

test('exactly at the bound everything is kept; a text longer than the bound is computed every time', () => {
  const { asked, memo } = counted(8)
  memo('aaaa')
  memo('bbbb')
  memo('aaaa')
  memo('bbbb')
  expect(asked).toEqual(['aaaa', 'bbbb'])
  memo('ccccccccc')
  memo('ccccccccc')
  expect(asked).toEqual(['aaaa', 'bbbb', 'ccccccccc', 'ccccccccc'])
  // The long text pushed nothing out.
  memo('aaaa')
  expect(asked).toHaveLength(4)
})

test('a computation that throws leaves nothing remembered', () => {
  let calls = 0
  const memo = memoizeByText((text) => {
    calls += 1
    if (calls === 1) throw new Error(`cannot read ${text}`)
    return text.toUpperCase()
  })
  expect(() => memo('x')).toThrow('cannot read x')
  expect(memo('x')).toBe('X')
  expect(memo('x')).toBe('X')
  expect(calls).toBe(2)
})
