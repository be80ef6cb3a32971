import { expect, test } from 'vitest'
import { memoizeBy, memoizeByText } from '../../src/model/memoize.ts'
import { parseClause } from '../../src/markdown/parse-clause.ts'
import { parseYaml } from '../../src/yaml/parse-yaml.ts'
import { digestOf } from '../../src/compile/digest.ts'
import { type ReadableNode, readableContent, wordsOf } from '../../src/compile/readable-content.ts'

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

test('a remembered result cannot be changed by a caller: it is frozen, to its depth', () => {
  const memo = memoizeByText((text) => ({ text, parts: [[text, { href: text }]] }))
  const first = memo('x')
  expect(() => {
    ;(first as { text: string }).text = 'y'
  }).toThrow(TypeError)
  expect(() => (first.parts as unknown[]).push('y')).toThrow(TypeError)
  expect(() => {
    ;(first.parts[0]?.[1] as { href: string }).href = 'https://tracker.example/'
  }).toThrow(TypeError)
  expect(memo('x')).toEqual({ text: 'x', parts: [['x', { href: 'x' }]] })
})

test('the readable content of a clause, remembered for the next reader, stays what its HTML reads: a caller that changes it throws, and the digest stays', () => {
  const html = '<p>We do <strong>not</strong> sell <a href="https://example.com/">your data</a>.</p>'
  const document = { clauses: [{ id: 'a', html, text: 'We do not sell your data.' }] }
  const digest = digestOf(document)
  const nodes = readableContent(html)
  expect(() => (nodes as ReadableNode[]).pop()).toThrow(TypeError)
  const paragraph = nodes[0] as unknown as [string, Record<string, string>, ...ReadableNode[]]
  expect(() => paragraph.splice(2)).toThrow(TypeError)
  const link = paragraph.find((node) => Array.isArray(node) && node[0] === 'a') as [string, Record<string, string>]
  expect(() => {
    link[1]['href'] = 'https://tracker.example/'
  }).toThrow(TypeError)
  expect(digestOf(document)).toBe(digest)
  expect(wordsOf(readableContent(html))).toBe('We do not sell your data.')
})

test('an input is known by the key made of it: inputs of one key share a result, and the keys count towards the bound', () => {
  const asked: string[] = []
  const memo = memoizeBy(
    (file: { path: string; text: string }) => `${file.path}\u0000${file.text}`,
    (file) => {
      asked.push(file.path)
      return { words: file.text.split(' ').length }
    },
    12,
  )
  const first = memo({ path: 'a.md', text: 'one two' })
  expect(memo({ path: 'a.md', text: 'one two' })).toBe(first)
  // The same text in another file is another input (a diagnostic names its file).
  expect(memo({ path: 'b.md', text: 'one two' })).not.toBe(first)
  expect(asked).toEqual(['a.md', 'b.md'])
  // Two keys of 12 characters: the first is forgotten.
  memo({ path: 'a.md', text: 'one two' })
  expect(asked).toEqual(['a.md', 'b.md', 'a.md'])
})

test('objects of classes in a result are left as they are, and what they hold is not reached: a library shares them', () => {
  class Shared {
    tags: string[] = ['int']
  }
  const shared = new Shared()
  const memo = memoizeByText((text) => ({ text, shared }))
  const result = memo('x')
  expect(Object.isFrozen(result)).toBe(true)
  expect(Object.isFrozen(shared) || Object.isFrozen(shared.tags)).toBe(false)
})

test('a file parsed again is answered from memory, by its path, name and text, and a caller cannot change what the next one reads', () => {
  const file = { path: 'policy/clauses/a.md', name: 'clauses/a.md', text: '---\nid: a\ntitle: A\n---\n\nWe do not sell.\n' }
  const clause = parseClause(file)
  expect(parseClause({ ...file })).toBe(clause)
  expect(parseClause({ ...file, path: 'other/clauses/a.md' }).diagnostics).toEqual(clause.diagnostics)
  expect(parseClause({ ...file, path: 'other/clauses/a.md' })).not.toBe(clause)
  expect(() => (clause.tree?.children as unknown[]).pop()).toThrow(TypeError)
  const yaml = { path: 'policy/policy.yaml', name: 'policy.yaml', text: 'title: A\n' }
  const parsed = parseYaml(yaml)
  expect(parseYaml({ ...yaml })).toBe(parsed)
  expect(parseYaml({ ...yaml, text: 'title: B\n' }).value).toEqual({ title: 'B' })
  expect(() => {
    ;(parsed.value as { title: string }).title = 'B'
  }).toThrow(TypeError)
})
