import { expect, test } from 'vitest'
import { compareVersionIds, isVersionId, nextVersionId, versionDate } from '../../src/versions/version-id.ts'

// Version ids: an effective date, `.N` for the N-th release of that date (no `.1`, no `.0`, no
// leading zero), ordered by date and then by N as a number.

test.each(['2026-01-01', '2026-01-01.2', '2026-01-01.9', '2026-01-01.10', '2026-01-01.123'])('%s is a version id', (id) => {
  expect(isVersionId(id)).toBe(true)
})

test.each(['2026-01-01.1', '2026-01-01.0', '2026-01-01.01', '2026-01-01.', 'x2026-01-01', '2026-01-01x', '2026-1-01', '26-01-01', '2026-01-01.2.3', ''])('%s is not', (id) => {
  expect(isVersionId(id)).toBe(false)
})

test('ids are ordered by date, then by their number (none counts as 1), as numbers, not text', () => {
  const ids = ['2026-01-01.10', '2026-02-01', '2026-01-01.2', '2025-12-31', '2026-01-01', '2026-01-01.9']
  expect([...ids].sort(compareVersionIds)).toEqual(['2025-12-31', '2026-01-01', '2026-01-01.2', '2026-01-01.9', '2026-01-01.10', '2026-02-01'])
  expect(compareVersionIds('2026-01-01', '2026-01-01')).toBe(0)
  expect(compareVersionIds('2026-01-01.2', '2026-01-01')).toBe(1)
  expect(compareVersionIds('2026-01-01', '2026-01-01.2')).toBe(-1)
  expect(compareVersionIds('2026-01-01.10', '2026-01-01.2')).toBe(8)
  expect(compareVersionIds('2026-01-02', '2026-01-01.10')).toBe(1)
  expect(compareVersionIds('2026-01-01.10', '2026-01-02')).toBe(-1)
})

test('what is no version id sorts before every one, and equal to another of its kind', () => {
  expect(compareVersionIds('draft', '2026-01-01')).toBe(-1)
  expect(compareVersionIds('2026-01-01', 'draft')).toBe(1)
  expect(compareVersionIds('draft', 'other')).toBe(0)
})

test('the date of an id is its first part; what is no id is itself', () => {
  expect(versionDate('2026-01-01.3')).toBe('2026-01-01')
  expect(versionDate('2026-01-01')).toBe('2026-01-01')
  expect(versionDate('draft')).toBe('draft')
})

test('the next id of a date: the date while it is free, then .2, .3 … past every one taken', () => {
  expect(nextVersionId('2026-01-01', [])).toBe('2026-01-01')
  expect(nextVersionId('2026-01-01', ['2025-12-31', '2026-01-01.2'])).toBe('2026-01-01')
  expect(nextVersionId('2026-01-01', ['2026-01-01'])).toBe('2026-01-01.2')
  expect(nextVersionId('2026-01-01', ['2026-01-01', '2026-01-01.2', '2026-01-01.3'])).toBe('2026-01-01.4')
  expect(nextVersionId('2026-01-01', ['2026-01-01', '2026-01-01.3'])).toBe('2026-01-01.2')
})
