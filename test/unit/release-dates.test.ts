import { expect, test } from 'vitest'
import type { Release } from '../../src/model/release.ts'
import type { SourceFile } from '../../src/source/source-file.ts'
import { checkReleaseDates } from '../../src/versions/release-dates.ts'

// The day each release was recorded (`released`), held to what `clausewright release` writes,
// without a policy: the releases and their files are written out here.
const release = (version: string, released?: string) => ({ version, effective: version.slice(0, 10), ...(released !== undefined && { released }) }) as Release
const fileOf = (item: Release): SourceFile => ({
  path: `policy/releases/${item.version}.json`,
  name: `releases/${item.version}.json`,
  text: `{\n  "version": "${item.version}",\n${item.released === undefined ? '' : `  "released": "${item.released}",\n`}  "kind": "editorial"\n}\n`,
})
const check = (releases: readonly Release[], today = '2026-06-01', files = releases.map(fileOf)) => checkReleaseDates(files, releases, today)
const hint = 'A release records the day it was made (`clausewright release`, in UTC). Remove this release file and release the change again.'

test('days as release records them are no problem, and a release that did not record its day is not judged', () => {
  expect(check([release('2019-01-25'), release('2026-01-01', '2025-12-01'), release('2026-03-01', '2026-03-01'), release('2026-06-01', '2026-06-01')])).toEqual([])
})

test('a release day after today, at the day written in the file', () => {
  expect(check([release('2026-07-01', '2026-06-02')])).toEqual([
    {
      ruleId: 'release-date-false',
      severity: 'error',
      file: 'policy/releases/2026-07-01.json',
      span: { start: { line: 3, column: 15 }, end: { line: 3, column: 27 } },
      message: 'Unexpected release day 2026-06-02 of release 2026-07-01, expected today (2026-06-01) or earlier',
      hint,
    },
  ])
})

test('a release day before the day of the release before it; the first release has none before it', () => {
  const found = check([release('2026-01-01', '2026-02-01'), release('2026-03-01', '2026-01-31')])
  expect(found.map((item) => [item.file, item.message])).toEqual([
    ['policy/releases/2026-03-01.json', 'Unexpected release day 2026-01-31 of release 2026-03-01, expected 2026-02-01 or later, the day release 2026-01-01, before it, was recorded'],
  ])
  // The day of a release before that did not record its own is not known: nothing to compare.
  expect(check([release('2025-12-01'), release('2026-03-01', '2025-11-01')])).toEqual([])
})

test('a release day more than a year before the release takes effect; a year exactly is allowed', () => {
  expect(check([release('2027-01-10', '2026-01-10')])).toEqual([])
  expect(check([release('2027-01-11', '2026-01-10')]).map((item) => item.message)).toEqual([
    'Unexpected release day 2026-01-10 of release 2027-01-11, expected a day at most a year before it takes effect (2027-01-11): a release recorded on 2026-01-10 takes effect by 2027-01-10',
  ])
})

test('a release without its file is not reported; a file without the field is reported at its first line', () => {
  const future = release('2026-07-01', '2026-06-02')
  expect(check([future], '2026-06-01', [])).toEqual([])
  const [found] = check([future], '2026-06-01', [{ ...fileOf(future), text: '{}' }])
  expect(found?.span).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 2 } })
})
