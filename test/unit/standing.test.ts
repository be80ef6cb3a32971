import { expect, test } from 'vitest'
import type { Release } from '../../src/model/release.ts'
import { standingsOn, versionInForce, wasInForce } from '../../src/versions/standing.ts'

// A history of four releases: the first without a recorded release day (format /1), two on one
// date, and one announced ahead of its date.
const release = (version: string, released?: string) => ({ version, effective: version.slice(0, 10), ...(released && { released }) }) as Release
const history = [release('2019-01-25'), release('2020-06-01', '2020-05-01'), release('2020-06-01.2', '2020-05-20'), release('2027-03-01', '2027-01-30')]

test.each([
  ['2019-01-24', undefined],
  ['2019-01-25', '2019-01-25'],
  ['2020-05-31', '2019-01-25'],
  // Of two releases on one date, the last released applies.
  ['2020-06-01', '2020-06-01.2'],
  ['2027-02-28', '2020-06-01.2'],
  ['2027-03-01', '2027-03-01'],
  ['2099-12-31', '2027-03-01'],
])('on %s the version in force is %s', (date, version) => {
  expect(versionInForce(history, date)?.version).toBe(version)
})

test('no version is in force without releases', () => {
  expect(versionInForce([], '2020-01-01')).toBeUndefined()
})

test('each release stands superseded, current or upcoming on a date, with its dates and what replaces it', () => {
  expect(standingsOn(history, '2027-02-01')).toEqual([
    { version: '2019-01-25', status: 'superseded', validFrom: '2019-01-25', validUntil: '2020-06-01', replacedBy: '2020-06-01', released: null },
    // In force for no day: replaced on its own date.
    { version: '2020-06-01', status: 'superseded', validFrom: '2020-06-01', validUntil: '2020-06-01', replacedBy: '2020-06-01.2', released: '2020-05-01' },
    { version: '2020-06-01.2', status: 'current', validFrom: '2020-06-01', validUntil: null, replacedBy: '2027-03-01', released: '2020-05-20' },
    { version: '2027-03-01', status: 'upcoming', validFrom: '2027-03-01', validUntil: null, replacedBy: null, released: '2027-01-30' },
  ])
  // On its date the upcoming release becomes current, and the one before it superseded.
  expect(standingsOn(history, '2027-03-01').map((item) => [item.version, item.status, item.validUntil])).toEqual([
    ['2019-01-25', 'superseded', '2020-06-01'],
    ['2020-06-01', 'superseded', '2020-06-01'],
    ['2020-06-01.2', 'superseded', '2027-03-01'],
    ['2027-03-01', 'current', null],
  ])
  // On the date two releases share, the first of them is already replaced, not still to come.
  expect(standingsOn(history, '2020-06-01').map((item) => item.status)).toEqual(['superseded', 'superseded', 'current', 'upcoming'])
  // Before the first release took effect, none is current.
  expect(standingsOn(history, '2019-01-01').map((item) => item.status)).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming'])
})

test('a release replaced on its own date was never in force, as versionInForce says of that date (its page said "in force from 1 June until 1 June")', () => {
  const standings = standingsOn(history, '2027-02-01')
  expect(standings.map((standing) => [standing.version, wasInForce(standing)])).toEqual([
    ['2019-01-25', true],
    ['2020-06-01', false],
    ['2020-06-01.2', true],
    ['2027-03-01', false],
  ])
  expect(versionInForce(history, '2020-06-01')?.version).not.toBe('2020-06-01')
})
