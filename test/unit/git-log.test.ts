import { expect, test } from 'vitest'
import { parseLog } from '../../src/cli/git-history.ts'
import { UsageError } from '../../src/cli/shared.ts'

// `git log -z --format=%x01%H%x00%cI%x00%s --name-only` as git writes it: per commit \x01, its id,
// its date and its subject, each ended by NUL, then a line break and the paths, each ended by NUL.
const a = 'a'.repeat(40)
const b = 'b'.repeat(40)
const c = 'c'.repeat(64)
const record = (commit: string, date: string, subject: string, ...paths: string[]) => `\u0001${commit}\u0000${date}\u0000${subject}\u0000\n${paths.map((file) => `${file}\u0000`).join('')}`

test('each commit with its date, subject and the file’s path then, newest first, following a rename back', () => {
  const output = record(c, '2021-03-01T23:30:00-08:00', 'Move it', 'legal/privacy.md') + record(a, '2020-01-10T12:00:00+00:00', 'First: one', 'privacy.md')
  expect(parseLog(output, 'legal/privacy.md')).toEqual([
    { commit: c, committed: '2021-03-01', subject: 'Move it', path: 'legal/privacy.md' },
    { commit: a, committed: '2020-01-10', subject: 'First: one', path: 'privacy.md' },
  ])
})

test('files inside a directory of the file’s name are no version of it: a commit that changed only them is none', () => {
  const output = record(b, '2020-02-10T12:00:00+00:00', 'A directory', 'privacy.md/inner.md') + record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md', 'privacy.md/other.md')
  expect(parseLog(output, 'privacy.md').map((change) => [change.commit, change.path])).toEqual([[a, 'privacy.md']])
})

test('nothing changed it: no commit', () => {
  expect(parseLog('', 'privacy.md')).toEqual([])
})

test.each([
  ['a record without its marker', record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md').slice(1)],
  ['an id that is no commit’s', record('a'.repeat(39), '2020-01-10T12:00:00+00:00', 'First', 'privacy.md')],
  ['an id with more after it', record(`${a}x`, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md')],
  ['an id with more before it', record(`x${a}`, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md')],
  ['a date that is none', record(a, '2020-02-30T12:00:00+00:00', 'First', 'privacy.md')],
  ['two paths of its own', record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md', 'terms.md')],
  ['no path at all', record(a, '2020-01-10T12:00:00+00:00', 'First')],
])('unexpected output, a usage error naming where: %s', (_case, output) => {
  expect(() => parseLog(output, 'privacy.md')).toThrow(UsageError)
  expect(() => parseLog(output, 'privacy.md')).toThrow(/^unexpected output of git log near `/)
})

test.each([
  ['not UTF-8', 'priv\ufffdacy.md', 'is not UTF-8'],
  ['markup', 'a<b>.md', 'holds a control or invisible character, < or >, or is longer than 1000 characters'],
  ['a line break', 'a\u2028b.md', 'holds a control or invisible character, < or >, or is longer than 1000 characters'],
  ['more than 1000 characters', `${'p'.repeat(998)}.md`, 'holds a control or invisible character, < or >, or is longer than 1000 characters'],
])('a path the releases could not record is refused, named with its commit: %s', (_case, file, why) => {
  expect(() => parseLog(record(a, '2020-01-10T12:00:00+00:00', 'First', file), file)).toThrow(`refusing the history: at commit ${a} the file's path`)
  expect(() => parseLog(record(a, '2020-01-10T12:00:00+00:00', 'First', file), file)).toThrow(why)
})

test('a path of 1000 characters is recorded', () => {
  const file = `${'p'.repeat(997)}.md`
  expect(parseLog(record(a, '2020-01-10T12:00:00+00:00', 'First', file), file).map((change) => change.path)).toEqual([file])
})
