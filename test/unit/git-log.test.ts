import { expect, test } from 'vitest'
import { parseLog } from '../../src/cli/git-history.ts'
import { UsageError } from '../../src/cli/shared.ts'

// `git log -z --format=%x01%H%x00%cI%x00%s --raw --no-abbrev` as git writes it: per commit \x01,
// its id, its date and its subject, each ended by NUL, then a line break and an entry for each path
// (`:<old mode> <new mode> <old object> <new object> <status>`, then the path, or the old and the
// new path of a rename), each ended by NUL.
const a = 'a'.repeat(40)
const b = 'b'.repeat(40)
const c = 'c'.repeat(64)
const before = '1'.repeat(40)
const after = '2'.repeat(40)
const none = '0'.repeat(40)
type Entry = string | { readonly status: string; readonly paths: readonly string[]; readonly mode?: string; readonly object?: string }
const entryOf = (entry: Entry) => {
  const { status, paths, mode = status === 'D' ? '000000' : '100644', object = status === 'D' ? none : after } = typeof entry === 'string' ? { status: 'M', paths: [entry] } : entry
  return `:100644 ${mode} ${before} ${object} ${status}\u0000${paths.map((file) => `${file}\u0000`).join('')}`
}
const record = (commit: string, date: string, subject: string, ...entries: Entry[]) => `\u0001${commit}\u0000${date}\u0000${subject}\u0000\n${entries.map(entryOf).join('')}`

test('each commit with its date, subject and the file’s path then, newest first, following a rename back', () => {
  const output = record(c, '2021-03-01T23:30:00-08:00', 'Move it', 'legal/privacy.md') + record(a, '2020-01-10T12:00:00+00:00', 'First: one', 'privacy.md')
  expect(parseLog(output, 'legal/privacy.md')).toEqual([
    { commit: c, committed: '2021-03-01', subject: 'Move it', path: 'legal/privacy.md', entry: { mode: '100644', object: after } },
    { commit: a, committed: '2020-01-10', subject: 'First: one', path: 'privacy.md', entry: { mode: '100644', object: after } },
  ])
})

test('a rename gives the new path, and the commits before it are followed under the old one; a deletion is a change without a text; each entry keeps its mode and object', () => {
  const link = 'e'.repeat(40)
  const output =
    record(c, '2022-01-01T00:00:00+00:00', 'Linked', { status: 'T', paths: ['legal/privacy.md'], mode: '120000', object: link }) +
    record(b, '2021-06-01T00:00:00+00:00', 'Renamed', { status: 'R100', paths: ['privacy.md', 'legal/privacy.md'] }) +
    record(a, '2021-01-01T00:00:00+00:00', 'Deleted', { status: 'D', paths: ['privacy.md'] })
  expect(parseLog(output, 'legal/privacy.md').map((change) => [change.commit, change.path, change.entry])).toEqual([
    [c, 'legal/privacy.md', { mode: '120000', object: link }],
    [b, 'legal/privacy.md', { mode: '100644', object: after }],
    [a, 'privacy.md', null],
  ])
})

test('a path is read by its place after its entry, never taken for the next commit: a name that starts with the marker is a name', () => {
  const output = record(b, '2020-02-10T12:00:00+00:00', 'Second', '\u0001weird.md') + record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md')
  // The name itself is then refused for its control character, naming its commit.
  expect(() => parseLog(output, '\u0001weird.md')).toThrow(`refusing the history: at commit ${b} the file's path`)
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
  ['an entry without its path', record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md').slice(0, -'privacy.md\u0000'.length)],
  ['a rename without its new path', `${record(a, '2020-01-10T12:00:00+00:00', 'First', { status: 'R100', paths: ['old.md'] })}`],
  ['an entry of no known status', record(a, '2020-01-10T12:00:00+00:00', 'First', { status: 'Z', paths: ['privacy.md'] })],
  ['something else after the entries', `${record(a, '2020-01-10T12:00:00+00:00', 'First', 'privacy.md')}stray\u0000`],
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
