import { describe, expect, test } from 'vitest'
import { digestOfFormat1 } from '../../src/compile/digest.ts'
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import type { ChangeKind, DecidedBy, Release } from '../../src/model/release.ts'
import { budgets } from '../../src/source/budgets.ts'
import type { SourceFile } from '../../src/source/source-file.ts'
import { loadReleases } from '../../src/versions/load-releases.ts'
import { createRelease, integrityOf, serializeRelease } from '../../src/versions/release.ts'
import { policyDocument } from '../helpers/policy-document.ts'

// Release files read and proved without a policy directory: each release is made as `release`
// makes it (createRelease), then forged where a case needs it; its file is its JSON.
const document = (edit: Partial<PolicyDocument> = {}): PolicyDocument => policyDocument(edit)
const newPurpose = { purposes: [{ id: 'profiling', group: null, parent: null, html: '<p>to profile you</p>', text: 'to profile you', lawfulBasis: [], legitimateInterest: null, dataCategories: [], recipients: [] }] } as Partial<PolicyDocument>

const make = (version: string, previous: Release | null, doc: PolicyDocument, kind: ChangeKind = previous ? 'editorial' : 'initial', decidedBy: DecidedBy = 'computed') =>
  createRelease({ version, effective: version.slice(0, 10), released: version.slice(0, 10), summary: `Release ${version}`, kind, decidedBy, previous, document: doc })
/** A release changed after it was made, its hashes made again (as a forger would). */
const forge = (release: Release, edit: (record: Record<string, unknown>) => void): Release => {
  const record = structuredClone(release) as unknown as Record<string, unknown>
  edit(record)
  const { integrity: _integrity, ...rest } = record
  void _integrity
  return { ...(rest as Omit<Release, 'integrity'>), integrity: integrityOf(rest as Omit<Release, 'integrity'>) }
}
const fileOf = (release: Release, name = `releases/${release.version}.json`): SourceFile => ({ path: `policy/${name}`, name, text: serializeRelease(release) })
const load = (...files: SourceFile[]) => loadReleases(files)
const brief = (diagnostics: readonly Diagnostic[]) => diagnostics.map((item) => [item.ruleId, item.file, item.message])

const first = make('2026-01-01', null, document())
const second = make('2026-02-01', first, document({ lastUpdated: '2026-02-01' }))
const restoreHint = 'A release is a legal record and never changes. Restore the file from version control, and release the change as a new version with `clausewright release`.'
const kindHint =
  'The kind tells readers whether they must be told of the change; `clausewright release` proves it from the diff, or asks the editor (`--kind`) where it cannot judge. Remove this release file and release the change again.'
const notWritten = 'A release file holds only what `clausewright release` wrote, and its hashes do not make it safe. Restore the file from version control.'

describe('a history as release writes it', () => {
  test('is loaded oldest first, whatever the order of its files, with no diagnostic', () => {
    const third = make('2026-02-01.2', second, document({ lastUpdated: '2026-02-01', ...newPurpose }), 'substantive')
    const loaded = load(fileOf(third), fileOf(first), fileOf(second))
    expect(loaded.diagnostics).toEqual([])
    expect(loaded.releases.map((release) => release.version)).toEqual(['2026-01-01', '2026-02-01', '2026-02-01.2'])
  })
})

describe('a release file that is not one', () => {
  test('a release file of YAML without the fields of a release: the schema names each missing one', () => {
    const yaml = `format: ${first.format}\nversion: ${first.version}\n`
    const { diagnostics, releases } = load({ ...fileOf(first), text: yaml })
    expect(releases).toEqual([])
    expect(diagnostics.length).toBeGreaterThan(0)
    expect(diagnostics.every((item) => item.ruleId === 'schema-required')).toBe(true)
  })

  test('a release the YAML parser reads but JSON does not (a comment before it) is no release file', () => {
    const { diagnostics, releases } = load({ ...fileOf(first), text: `# a comment\n${serializeRelease(first)}` })
    expect(releases).toEqual([])
    expect(brief(diagnostics)).toEqual([['release-modified', 'policy/releases/2026-01-01.json', 'Unexpected release file that is not valid JSON of a release']])
    expect(diagnostics[0]?.span).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 2 } })
  })

  test('JSON that is not a release, reported by the schema at its place', () => {
    const { diagnostics } = load({ ...fileOf(first), text: '{\n  "format": "clausewright-release/2"\n}\n' })
    expect(diagnostics.length).toBeGreaterThan(0)
    expect(diagnostics.every((item) => item.file === 'policy/releases/2026-01-01.json')).toBe(true)
  })

  test('a release over the tag budget is refused before its HTML is read, and breaks no chain', () => {
    // Its hashes are not made again: the budget is met before they are read.
    const huge = { ...second, document: { ...second.document, clauses: [{ id: 'intro', title: 'Introduction', html: '<br>'.repeat(budgets.maxReleaseTags + 1), text: '' }] } }
    const { diagnostics, releases } = load(fileOf(first), fileOf(huge))
    expect(brief(diagnostics)).toEqual([['file-too-large', 'policy/releases/2026-02-01.json', `Unexpected release with ${budgets.maxReleaseTags + 1} HTML tags, expected at most ${budgets.maxReleaseTags}`]])
    expect(diagnostics[0]?.hint).toBe(notWritten)
    expect(diagnostics[0]?.span).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 2 } })
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01'])
  })
})

describe('a release changed after it was made', () => {
  test('a document that differs from its digest is modified, and the release after it is not judged', () => {
    const edited = { ...second, document: { ...second.document, title: 'Another title' } }
    // Its kind claims less than the change from the edited release: it is not compared with that.
    const third = make('2026-03-01', second, document({ lastUpdated: '2026-03-01' }), 'technical')
    const { diagnostics, releases } = load(fileOf(first), fileOf(edited), fileOf(third))
    expect(brief(diagnostics)).toEqual([['release-modified', 'policy/releases/2026-02-01.json', 'Unexpected change to the released version 2026-02-01: its document differs from the digest recorded in it']])
    expect(diagnostics[0]?.hint).toBe(restoreHint)
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01', '2026-03-01'])
  })

  test('a file under another name, or a version whose date is not its effective date, is out of order', () => {
    const order = (diagnostics: readonly Diagnostic[]) => brief(diagnostics).filter(([rule]) => rule === 'release-order')
    const misnamed = load(fileOf(first), fileOf(second, 'releases/2026-02-02.json')).diagnostics
    expect(misnamed[0]?.hint).toBe('Restore the file under its own name from version control.')
    expect(order(misnamed)).toEqual([
      ['release-order', 'policy/releases/2026-02-02.json', 'Unexpected file name or date for release 2026-02-01, expected `releases/2026-02-01.json` effective 2026-02-01'],
    ])
    const late = forge(second, (record) => {
      record['effective'] = '2026-02-05'
    })
    const { diagnostics, releases } = load(fileOf(first), fileOf(late))
    expect(order(diagnostics)).toEqual([['release-order', 'policy/releases/2026-02-01.json', 'Unexpected file name or date for release 2026-02-01, expected `releases/2026-02-01.json` effective 2026-02-01']])
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01'])
  })

  test('a release rewritten with its hashes made again breaks the link of the release after it', () => {
    const rewritten = forge(second, (record) => {
      record['summary'] = 'Another summary'
    })
    const third = make('2026-03-01', second, document({ lastUpdated: '2026-03-01' }))
    const { diagnostics, releases } = load(fileOf(first), fileOf(rewritten), fileOf(third))
    expect(brief(diagnostics)).toEqual([
      [
        'release-link-broken',
        'policy/releases/2026-03-01.json',
        `Unexpected integrity of release 2026-02-01: release 2026-03-01 records \`${second.integrity}\` for it, but 2026-02-01 now has \`${rewritten.integrity}\`, so 2026-02-01 was rewritten after 2026-03-01 was released`,
      ],
    ])
    expect(diagnostics[0]?.hint).toBe('Releases are chained by hash. Restore 2026-02-01 from version control; a change to the policy is a new release.')
    expect(diagnostics[0]?.span?.start.line).toBe(fileOf(third).text.split('\n').findIndex((line) => line.includes('"previousIntegrity"')) + 1)
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01', '2026-02-01'])
  })

  test('a release removed from the middle, and one that claims to be the first after another', () => {
    // Its kind is not judged against the release before it here, which it does not follow.
    const third = make('2026-03-01', second, document({ lastUpdated: '2026-03-01' }), 'technical')
    expect(brief(load(fileOf(first), fileOf(third)).diagnostics)).toEqual([
      ['release-order', 'policy/releases/2026-03-01.json', 'Missing release 2026-02-01, which release 2026-03-01 follows (the release before it here is 2026-01-01)'],
    ])
    expect(brief(load(fileOf(second)).diagnostics)).toEqual([['release-order', 'policy/releases/2026-02-01.json', 'Missing release 2026-01-01, which release 2026-02-01 follows']])
    // Its kind is not judged as a first release's: it is not the first.
    const alone = make('2026-02-01', null, document({ lastUpdated: '2026-02-01' }), 'editorial')
    const found = load(fileOf(first), fileOf(alone)).diagnostics
    expect(brief(found)).toEqual([['release-order', 'policy/releases/2026-02-01.json', 'Unexpected release 2026-02-01 that claims to be the first, after 2026-01-01']])
    expect(found[0]?.hint).toBe('A release was removed, renamed or reordered: restore it from version control.')
  })

  test('a release of format /1 after one of /2 is modified, at its format', () => {
    // The forger makes it a /1 release whole: its digest by the rule of /1, without what /1 did not record.
    const older = forge(second, (record) => {
      record['format'] = 'clausewright-release/1'
      delete record['released']
      delete record['decidedBy']
      const doc = record['document'] as PolicyDocument
      const digest = digestOfFormat1(doc)
      record['document'] = { ...doc, digest }
      record['digest'] = digest
    })
    const found = load(fileOf(first), fileOf(older)).diagnostics.filter((item) => item.message.includes('a format never goes back'))
    expect(found.map((item) => [item.ruleId, item.span?.start.line, item.hint])).toEqual([['release-modified', 2, restoreHint]])
    expect(load(fileOf(first), fileOf(older)).releases.map((release) => release.version)).toEqual(['2026-01-01'])
    expect(found[0]?.message).toBe(
      'Unexpected format `clausewright-release/1` of release 2026-02-01, after release 2026-01-01 of format `clausewright-release/2`, expected `clausewright-release/2`: a format never goes back, and `/1` records neither the day of a release nor who decided its kind',
    )
  })
})

describe('a release’s kind', () => {
  test('the first release is initial', () => {
    const claimed = make('2026-01-01', null, document(), 'editorial')
    const { diagnostics, releases } = load(fileOf(claimed))
    expect(brief(diagnostics)).toEqual([['release-kind-false', 'policy/releases/2026-01-01.json', 'Unexpected kind `editorial` of release 2026-01-01, expected `initial`: it is the first release']])
    expect(diagnostics[0]?.hint).toBe(kindHint)
    expect(diagnostics[0]?.span?.start.line).toBe(7)
    // Still verified: its kind is false, not its record.
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01'])
  })

  test('initial after a release, with its content, is less than technical, which has no reason to give', () => {
    const again = make('2026-02-01', first, { ...first.document }, 'initial')
    expect(load(fileOf(first), fileOf(again)).diagnostics.map((item) => item.message)).toEqual(['Unexpected kind `initial` of release 2026-02-01, expected `technical`: the change from release 2026-01-01 is technical'])
  })

  test('a kind less than proved, at the kind', () => {
    const less = make('2026-02-01', first, document({ lastUpdated: '2026-02-01', ...newPurpose }), 'editorial')
    const { diagnostics } = load(fileOf(first), fileOf(less))
    expect(brief(diagnostics)).toEqual([
      ['release-kind-false', 'policy/releases/2026-02-01.json', 'Unexpected kind `editorial` of release 2026-02-01, expected `substantive`: the change from release 2026-01-01 is substantive (New purpose `profiling`)'],
    ])
    expect(diagnostics[0]?.span?.start.line).toBe(7)
  })

  test('a reworded change recorded as the tool’s, at who decided', () => {
    const reworded = document({ lastUpdated: '2026-02-01', clauses: [{ id: 'intro', title: 'Introduction', html: '<p>We are Example Limited.</p>', text: 'We are Example Limited.' }] })
    const computed = make('2026-02-01', first, reworded, 'editorial', 'computed')
    const { diagnostics } = load(fileOf(first), fileOf(computed))
    expect(brief(diagnostics)).toEqual([
      [
        'release-kind-false',
        'policy/releases/2026-02-01.json',
        'Unexpected kind `editorial` of release 2026-02-01 recorded as `computed`, expected `decidedBy: editor`: the change from release 2026-01-01 is reworded (The wording of the clause `intro` (Introduction) changed), which the tool cannot judge',
      ],
    ])
    expect(diagnostics[0]?.span?.start.line).toBe(8)
    const judged = make('2026-02-01', first, reworded, 'editorial', 'editor')
    expect(load(fileOf(first), fileOf(judged)).diagnostics).toEqual([])
  })

  test('a reworded change claimed technical expects the editor’s kinds', () => {
    const reworded = document({ lastUpdated: '2026-02-01', clauses: [{ id: 'intro', title: 'Introduction', html: '<p>We are Example Limited.</p>', text: 'We are Example Limited.' }] })
    const technical = make('2026-02-01', first, reworded, 'technical', 'editor')
    expect(load(fileOf(first), fileOf(technical)).diagnostics.map((item) => item.message)).toEqual([
      'Unexpected kind `technical` of release 2026-02-01, expected `editorial` or `substantive`: the change from release 2026-01-01 is reworded (The wording of the clause `intro` (Introduction) changed)',
    ])
  })
})

describe('what the renderer could not have written', () => {
  test('unsafe HTML, a refused URL and a hidden character, each at its string', () => {
    const unsafe = make(
      '2026-02-01',
      first,
      document({
        lastUpdated: '2026-02-01',
        supervisoryAuthority: { name: 'ICO', url: 'javascript:alert(1)', country: 'GB' },
        clauses: [{ id: 'intro', title: 'Intro\u202E', html: '<p onclick="x">We are Example.</p>', text: 'We are Example.' }],
      }),
      'substantive',
    )
    const { diagnostics, releases } = load(fileOf(first), fileOf(unsafe))
    expect(diagnostics.map((item) => [item.ruleId, item.message, item.hint === notWritten])).toEqual([
      ['invisible-character', 'Unexpected invisible character U+202E RIGHT-TO-LEFT OVERRIDE in `document.clauses[0].title`', true],
      ['release-unsafe-html', 'Unexpected HTML in `document.clauses[0].html` that the sanitizer changes at " onclick=\\"x\\">We are Example.</p>", expected the HTML that `clausewright release` writes', true],
      ['unsafe-url', 'Unexpected URL in `document.supervisoryAuthority.url` with the scheme `javascript:`, expected https:, http: or mailto:', true],
    ])
    expect(diagnostics.every((item) => item.span !== undefined && item.span.start.line > 1)).toBe(true)
    // Not verified: its kind is not judged, and it is not published.
    expect(releases.map((release) => release.version)).toEqual(['2026-01-01'])
  })

  test('a hidden character alone is enough', () => {
    const hidden = make('2026-02-01', first, document({ lastUpdated: '2026-02-01', title: 'Privacy\u200B policy' }), 'substantive')
    const { diagnostics, releases } = load(fileOf(first), fileOf(hidden))
    expect(diagnostics.map((item) => item.ruleId)).toEqual(['invisible-character'])
    expect(releases).toHaveLength(1)
  })
})
