import { expect, test } from 'vitest'
import { characterKind, findCharacterProblems } from '../../src/source/find-invisible-characters.ts'

// Every character of the Basic Multilingual Plane, one at a time between two letters.
const bmp = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code))

test('every invisible character of the Basic Multilingual Plane is named by its Unicode name in the message', () => {
  const invisible = bmp.flatMap((character) => findCharacterProblems(`a${character}b`).filter((problem) => problem.ruleId === 'invisible-character'))
  // The 33 of the pattern in the Basic Multilingual Plane (the tags and musical format controls lie beyond it).
  expect(invisible).toHaveLength(33)
  const unnamed = invisible.filter((problem) => !/^[A-Z][A-Z -]*[A-Z]$/.test(problem.name)).map((problem) => problem.code)
  expect(unnamed).toEqual([])
  // Each name is its own: a table with two characters under one name would mislead the reader.
  expect(new Set(invisible.map((problem) => problem.name)).size).toBe(invisible.length)
})

test('problems of both kinds come in the order of the text', () => {
  const problems = findCharacterProblems('a\u200bb\u000bc\u202ed\u0001')
  expect(problems.map((problem) => [problem.index, problem.ruleId, problem.code])).toEqual([
    [1, 'invisible-character', 'U+200B'],
    [3, 'forbidden-character', 'U+000B'],
    [5, 'invisible-character', 'U+202E'],
    [7, 'forbidden-character', 'U+0001'],
  ])
})

test('a lone surrogate is named as such, a surrogate pair is a character like any other', () => {
  const [high] = findCharacterProblems('a\ud800b')
  const [low] = findCharacterProblems('a\udfffb')
  expect([high && characterKind(high), low && characterKind(low)]).toEqual(['lone surrogate', 'lone surrogate'])
  expect(findCharacterProblems('a\ud83d\ude00b')).toEqual([])
  const [control] = findCharacterProblems('\u009f')
  const [noncharacter] = findCharacterProblems('\ufdd0')
  expect([control && characterKind(control), noncharacter && characterKind(noncharacter)]).toEqual(['control character', 'noncharacter'])
})
