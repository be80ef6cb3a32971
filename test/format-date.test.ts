import { expect, test } from 'vitest'
import { formatDate, formatDateAsBefore } from '../src/render/format-date.ts'

test('Node has the full ICU data: the languages of these tests are supported, not approximated', () => {
  expect(Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'en-GB', 'de-DE', 'fr'])).toEqual(['en-US', 'en-GB', 'de-DE', 'fr'])
})

test.each([
  ['2019-01-25', 'en-GB', '25th January 2019'],
  ['2020-02-29', 'en', '29th February 2020'],
  ['2021-03-01', 'en-US', '1st March 2021'],
  ['2021-05-02', 'en-GB', '2nd May 2021'],
  ['2021-06-03', 'en-GB', '3rd June 2021'],
  ['2021-12-11', 'en-GB', '11th December 2021'],
  ['2021-12-12', 'en-GB', '12th December 2021'],
  ['2021-12-13', 'en-GB', '13th December 2021'],
  ['2021-12-22', 'en-GB', '22nd December 2021'],
  ['2023-07-27', 'de-DE', '27th July 2023'],
])('%s in %s with dateFormat ordinal is %s, in any time zone', (date, language, expected) => {
  expect(formatDate(date, language, 'ordinal')).toBe(expected)
})

test.each([
  ['2023-07-27', 'en-US', 'July 27, 2023'],
  ['2023-07-27', 'en-GB', '27 July 2023'],
  ['2023-07-27', 'de-DE', '27. Juli 2023'],
  ['2019-01-25', 'de-DE', '25. Januar 2019'],
  ['2019-01-25', 'fr', '25 janvier 2019'],
  ['2021-12-01', 'en', 'December 1, 2021'],
])('%s in %s in the style of its language (the default) is %s, in any time zone', (date, language, expected) => {
  expect(formatDate(date, language)).toBe(expected)
  expect(formatDate(date, language, 'language')).toBe(expected)
})

test.each([
  ['2019-01-25', 'en-GB', '25th January 2019'],
  ['2023-07-27', 'en-US', '27th July 2023'],
  ['2019-01-25', 'de-DE', '25. Januar 2019'],
])('%s in %s as dates were written before dateFormat is %s', (date, language, expected) => {
  expect(formatDateAsBefore(date, language)).toBe(expected)
})
