import { expect, test } from 'vitest'
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts'
import type { SourceFile } from '../../src/source/source-file.ts'
import { compareWithBase } from '../../src/versions/compare-base.ts'

// The release history against the base of a pull request (check --base), without git: the base's
// files are given as bytes, the current ones as check read them.
const base = (files: Record<string, string | Uint8Array>) => ({
  ref: 'origin/main',
  commit: '0123456789abcdef0123',
  files: new Map(Object.entries(files).map(([name, content]) => [name, Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content)])),
})
const file = (name: string, text: string): SourceFile => ({ path: `policy/${name}`, name, text })
const display = (name: string) => `policy/${name}`
const compare = (files: Record<string, string | Uint8Array>, current: readonly SourceFile[], diagnostics: readonly Diagnostic[] = []) => compareWithBase(base(files), { releases: current, diagnostics }, display)
const at = 'origin/main (0123456789ab)'
const restore = 'A release is a legal record: restore the file from the base branch (`git checkout <base> -- <file>`), and release a change as a new version after the newest.'

test('the history as it is at the base, with a new release after the newest, is no problem', () => {
  const files = { 'releases/2026-01-01.json': '{"a":1}\n', 'releases/2026-02-01.json': '{"b":2}\n' }
  expect(compare(files, [file('releases/2026-01-01.json', '{"a":1}\n'), file('releases/2026-02-01.json', '{"b":2}\n'), file('releases/2026-03-01.json', '{}')])).toEqual([])
})

test('a release file of the base that is gone is removed, unless it could not be read (it has its error already)', () => {
  const files = { 'releases/2026-01-01.json': '{}', 'releases/2026-02-01.json': '{}' }
  expect(compare(files, [file('releases/2026-02-01.json', '{}')])).toEqual([
    expect.objectContaining({ ruleId: 'release-removed', file: 'policy/releases/2026-01-01.json', message: `Missing release file \`releases/2026-01-01.json\`, which exists at ${at}`, hint: restore }),
  ])
  const unread = [{ ruleId: 'file-too-large', file: 'policy/releases/2026-01-01.json' } as Diagnostic]
  expect(compare(files, [file('releases/2026-02-01.json', '{}')], unread)).toEqual([])
})

test('a rewritten release is reported where it first differs from the base, by line and column', () => {
  const files = { 'releases/2026-01-01.json': '{\n  "kind": "substantive"\n}\n' }
  const [found, ...rest] = compare(files, [file('releases/2026-01-01.json', '{\n  "kind": "editorial"\n}\n')])
  expect(rest).toEqual([])
  expect(found).toMatchObject({
    ruleId: 'release-rewritten',
    file: 'policy/releases/2026-01-01.json',
    span: { start: { line: 2, column: 12 }, end: { line: 2, column: 13 } },
    message: `Unexpected change to the release file \`releases/2026-01-01.json\`, expected it byte for byte as it is at ${at}`,
    hint: restore,
  })
})

test('a release cut short or made longer differs where the shorter one ends', () => {
  const files = { 'releases/2026-01-01.json': 'abcdef' }
  expect(compare(files, [file('releases/2026-01-01.json', 'abc')])[0]?.span).toEqual({ start: { line: 1, column: 4 }, end: { line: 1, column: 5 } })
  expect(compare(files, [file('releases/2026-01-01.json', 'abcdefgh')])[0]?.span).toEqual({ start: { line: 1, column: 7 }, end: { line: 1, column: 8 } })
})

test('a byte-order mark at the base changes no character; bytes that are no UTF-8 text differ from the first character', () => {
  const withMark = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('{}', 'utf8')])
  expect(compare({ 'releases/2026-01-01.json': withMark }, [file('releases/2026-01-01.json', '{}')])).toEqual([])
  const binary = Uint8Array.from([0x7b, 0x00, 0x7d])
  expect(compare({ 'releases/2026-01-01.json': binary }, [file('releases/2026-01-01.json', '{}')])).toEqual([
    expect.objectContaining({ ruleId: 'release-rewritten', span: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } }),
  ])
})

test('a new release before the newest at the base is inserted into a closed history; one after it (.2 of its date, or later) is not', () => {
  const files = { 'releases/2026-01-01.json': '{}', 'releases/2026-03-01.json': '{}', 'releases/notes.json': '{}' }
  const found = compare(files, [
    file('releases/2026-01-01.json', '{}'),
    file('releases/2026-03-01.json', '{}'),
    file('releases/notes.json', '{}'),
    file('releases/2026-02-01.json', '{}'),
    file('releases/2026-03-01.2.json', '{}'),
    file('releases/2026-03-01.json.bak', '{}'),
    file('releases/2026-04-01.json', '{}'),
  ])
  expect(found).toEqual([
    expect.objectContaining({
      ruleId: 'release-inserted',
      file: 'policy/releases/2026-02-01.json',
      span: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
      message: `Unexpected new release 2026-02-01 before the newest release at ${at}, 2026-03-01, expected new releases only after it`,
      hint: 'The history before the base is closed. Release the change as a new version after the newest (`clausewright release`).',
    }),
  ])
})

test('the newest at the base is found by version, not by name: .10 is after .9', () => {
  // Listed out of order: the newest is found by sorting, not by the order of the files.
  const files = { 'releases/2026-01-01.10.json': '{}', 'releases/2026-01-01.json': '{}', 'releases/2026-01-01.9.json': '{}' }
  const current = Object.keys(files).map((name) => file(name, '{}'))
  expect(compare(files, [...current, file('releases/2026-01-01.11.json', '{}')])).toEqual([])
  expect(compare(files, [...current, file('releases/2026-01-01.2.json', '{}')]).map((item) => item.message)).toEqual([
    `Unexpected new release 2026-01-01.2 before the newest release at ${at}, 2026-01-01.10, expected new releases only after it`,
  ])
})

test('a base without releases closes nothing', () => {
  expect(compare({ 'releases/notes.json': '{}' }, [file('releases/notes.json', '{}'), file('releases/2020-01-01.json', '{}')])).toEqual([])
  expect(compare({}, [file('releases/2020-01-01.json', '{}')])).toEqual([])
})
