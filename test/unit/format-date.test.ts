import { expect, test } from 'vitest'
import { formatDate, formatDateAsBefore } from '../../src/render/format-date.ts'

// Beyond test/format-date.test.ts: every English month, and a language code that only contains "en".

test.each([
  ['2019-01-05', '5th January 2019'],
  ['2019-02-05', '5th February 2019'],
  ['2019-03-05', '5th March 2019'],
  ['2019-04-05', '5th April 2019'],
  ['2019-05-05', '5th May 2019'],
  ['2019-06-05', '5th June 2019'],
  ['2019-07-05', '5th July 2019'],
  ['2019-08-05', '5th August 2019'],
  ['2019-09-05', '5th September 2019'],
  ['2019-10-05', '5th October 2019'],
  ['2019-11-05', '5th November 2019'],
  ['2019-12-05', '5th December 2019'],
])('%s in English with an ordinal is %s', (date, written) => {
  expect(formatDate(date, 'en-GB', 'ordinal')).toBe(written)
  expect(formatDateAsBefore(date, 'en-GB')).toBe(written)
})

test('a language whose code only ends in "en" (Kenyang, ken) was written by Intl, not as English', () => {
  expect(formatDateAsBefore('2019-01-25', 'ken')).toBe(new Intl.DateTimeFormat('ken', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2019-01-25T00:00:00Z')))
  expect(formatDateAsBefore('2019-01-25', 'ken')).not.toBe('25th January 2019')
})
