import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { digestOf } from '../../src/compile/digest.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { diffDocuments } from '../../src/versions/diff.ts'
import { proveKind } from '../../src/versions/release-kind.ts'
import { forgeRelease } from '../helpers/forge-release.ts'
import { editPolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// A release's `kind` tells readers whether they must be told of the change (substantive) or not.
// Its hashes prove that a release is unchanged, not that its kind is true: a new release file
// written by hand, hashes recomputed, could call a new purpose `editorial`. check works out the
// change from each release to the one before it and holds the claim to it.
const temporary = removedAfterAll()
const today = '2026-11-25'

interface JsonDiagnostic {
  readonly ruleId: string
  readonly severity: string
  readonly file: string
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
  readonly message: string
}

/** The OPTSM policy with one more release, of the change `change` makes; returns the project directory. */
async function releasedChange(version: string, change: (project: string) => Promise<void>, ...options: string[]): Promise<string> {
  const project = await mkdtemp(path.join(tmpdir(), 'clausewright-kind-'))
  temporary.push(project)
  await cp(path.join(repoRoot, 'policy'), path.join(project, 'policy'), { recursive: true, filter: (source) => !path.basename(source).startsWith('pages-') })
  await change(project)
  await editPolicy(project, 'policy.yaml', 'lastUpdated: 2019-01-25', `lastUpdated: ${version}`)
  const result = await runCli(['release', '--summary', 'A change.', '--today', today, ...options], project)
  expect(result.code, result.stderr).toBe(0)
  return project
}

async function check(project: string) {
  const result = await runCli(['check', '--format', 'json', '--today', today], project)
  return { code: result.code, errors: (JSON.parse(result.stdout) as JsonDiagnostic[]).filter((item) => item.severity === 'error') }
}

/** The span of the value of `kind` in a release file, as the JSON holds it. */
async function kindSpan(project: string, version: string) {
  const lines = (await readFile(path.join(project, 'policy', 'releases', `${version}.json`), 'utf8')).split('\n')
  const line = lines.findIndex((text) => text.includes('"kind":')) + 1
  const column = (lines[line - 1] ?? '').indexOf('"', (lines[line - 1] ?? '').indexOf(':')) + 1
  return { line, column }
}

const newPurpose = async (project: string) => {
  await editPolicy(project, 'data.yaml', 'purposes:\n', 'purposes:\n  - id: profiling\n    group: services\n    text: to build a profile of your interests;\n    lawfulBasis: [contract]\n    dataCategories: [name]\n')
}
const newWording = async (project: string) => {
  await editPolicy(project, 'clauses/sharing.md', 'We do not sell your Personal Information', 'We do not sell or rent your Personal Information')
}

test('a release as `release` wrote it passes, whatever its kind', async () => {
  for (const [version, change, ...options] of [['2020-03-01', newPurpose], ['2020-04-01', newWording, '--kind', 'editorial']] as const) {
    const project = await releasedChange(version, change, ...options)
    expect((await check(project)).errors).toEqual([])
  }
})

test.each([
  ['a new purpose', 'editorial', 'substantive', '`substantive`', 'New purpose `profiling`', newPurpose],
  ['a new purpose', 'technical', 'substantive', '`substantive`', 'New purpose `profiling`', newPurpose],
  ['a new purpose', 'initial', 'substantive', '`substantive`', 'New purpose `profiling`', newPurpose],
  // The editor judges a reworded change editorial or substantive, never technical.
  ['new wording', 'technical', 'reworded', '`editorial` or `substantive`', 'The wording of the clause', newWording],
])('a release of %s forged to claim `%s` is an error at its kind', async (_, claimed, proved, expected, reason, change) => {
  const project = await releasedChange('2020-03-01', change, ...(change === newWording ? ['--kind', 'editorial'] : []))
  const forged = await forgeRelease(project, '2020-03-01', (release) => {
    release['kind'] = claimed
  })
  expect(forged).toContain(`"kind": "${claimed}"`)
  const result = await check(project)
  expect(result.code).toBe(1)
  const { line, column } = await kindSpan(project, '2020-03-01')
  expect(result.errors).toEqual([
    expect.objectContaining({ ruleId: 'release-kind-false', file: 'policy/releases/2020-03-01.json', line, column, endLine: line, endColumn: column + claimed.length + 2 }),
  ])
  expect(result.errors[0]?.message).toContain(`Unexpected kind \`${claimed}\` of release 2020-03-01, expected ${expected}: the change from release 2019-01-25 is ${proved}`)
  expect(result.errors[0]?.message).toContain(reason)
})

test('a release whose content differs only where the diff does not look (the date) is not `technical`', async () => {
  const project = await releasedChange('2020-03-01', async () => {})
  const first = JSON.parse(await readFile(path.join(project, 'policy', 'releases', '2019-01-25.json'), 'utf8')) as { document: Record<string, unknown> }
  await forgeRelease(project, '2020-03-01', (release) => {
    release['kind'] = 'technical'
    release.document = { ...first.document, version: '2020-03-01', lastUpdated: '2020-03-01' }
  })
  const result = await check(project)
  expect(result.code).toBe(1)
  const kind = result.errors.filter((item) => item.ruleId === 'release-kind-false')
  expect(kind).toHaveLength(1)
  expect(kind[0]?.message).toBe('Unexpected kind `technical` of release 2020-03-01, expected `editorial`: the change from release 2019-01-25 is editorial (The last-updated date changed from 2019-01-25 to 2020-03-01)')
})

test('the kind `release` records and check proves is the diff\'s, which `diff` and the pages show: never `technical` for changed content', async () => {
  const release = JSON.parse(await readFile(path.join(repoRoot, 'policy', 'releases', '2019-01-25.json'), 'utf8')) as { document: PolicyDocument }
  const before = release.document
  const dated = { ...before, lastUpdated: '2020-03-01' }
  const after = { ...dated, digest: digestOf(dated) }
  expect(diffDocuments(before, after, { from: 'a', to: 'b' }).kind).toBe('editorial')
  expect(proveKind(before, after, { from: 'a', to: 'b' })).toEqual({ kind: 'editorial', reason: 'The last-updated date changed from 2019-01-25 to 2020-03-01' })
  // The digests are worked out again by the current rules: a changed digest field is no change of content.
  expect(proveKind(before, { ...before, digest: 'sha256:0' }, { from: 'a', to: 'b' })).toEqual({ kind: 'technical', reason: undefined })
  const redigested = { ...before, format: 'clausewright-policy/0' as PolicyDocument['format'] }
  // What the diff does not show, the tool cannot judge.
  expect(proveKind(before, redigested, { from: 'a', to: 'b' })).toEqual({ kind: 'reworded', reason: 'The content changed (its digest differs) in a part that the diff does not show' })
  expect(proveKind(before, { ...before }, { from: 'a', to: 'b' })).toEqual({ kind: 'technical', reason: undefined })
  expect(proveKind(null, before, { from: null, to: 'b' })).toEqual({ kind: 'initial', reason: undefined })
})

test('the kind is proved without the word runs, which change neither the kind nor the reasons', async () => {
  const { document: before } = JSON.parse(await readFile(path.join(repoRoot, 'policy', 'releases', '2019-01-25.json'), 'utf8')) as { document: PolicyDocument }
  const after: PolicyDocument = { ...before, clauses: before.clauses.map((clause, index) => (index === 1 ? { ...clause, text: `${clause.text} One more sentence.` } : clause)).filter((_, index) => index !== 2) }
  const full = diffDocuments(before, after, { from: 'a', to: 'b' })
  const quick = diffDocuments(before, after, { from: 'a', to: 'b' }, { words: false })
  expect(full.clauses.some((change) => change.words !== null)).toBe(true)
  expect(quick.clauses.every((change) => change.words === null)).toBe(true)
  expect({ kind: quick.kind, reasons: quick.reasons }).toEqual({ kind: full.kind, reasons: full.reasons })
  expect(full.kind).toBe('substantive')
})
