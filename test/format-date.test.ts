import { expect, test } from 'vitest'
import { formatDate } from '../src/render/format-date.ts'

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
  ['2019-01-25', 'de-DE', '25. Januar 2019'],
  ['2019-01-25', 'fr', '25 janvier 2019'],
])('%s in %s is %s, in any time zone', (date, language, expected) => {
  expect(formatDate(date, language)).toBe(expected)
})
