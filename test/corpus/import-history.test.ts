import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { diffArrays } from 'diff'
import { fromHtml } from 'hast-util-from-html'
import { toText } from 'hast-util-to-text'
import { beforeAll, describe, expect, test } from 'vitest'
import type { PolicyDiff } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import type { Release } from '../../src/model/release.ts'
import { compareVersionIds } from '../../src/versions/version-id.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'
import { corpusDirectory, corpusHistory, corpusPaths, corpusVersions } from '../helpers/corpus-history.ts'
import { fillPlaceholders } from '../helpers/placeholders.ts'
import { makeGitRepository } from '../helpers/git-repository.ts'
import { runCli } from '../helpers/run-cli.ts'

// The whole published history of GitHub's privacy statement (../shared/corpus: 88 versions,
// 2017–2026), committed one version a commit, dated, and moved twice as the real file was; then
// replayed by `clausewright import --git` and built.
const temporary = removedAfterAll()
const versions = corpusVersions
const paths = corpusPaths

/** The words a reader reads in a clause: its HTML as a browser renders it (hast-util-to-text), in runs of letters and digits. */
const wordsOfHtml = (html: string) => wordsOf(toText(fromHtml(html, { fragment: true })))
const wordsOf = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? []
const clauseWords = (document: PolicyDocument) => new Map(document.clauses.map((clause) => [clause.id, wordsOfHtml(clause.html)]))

/** Words counted: added ones count up, removed ones down. */
function tally(added: readonly string[], removed: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const word of added) counts.set(word, (counts.get(word) ?? 0) + 1)
  for (const word of removed) counts.set(word, (counts.get(word) ?? 0) - 1)
  return new Map([...counts].filter(([, count]) => count !== 0).sort(([a], [b]) => (a < b ? -1 : 1)))
}

describe('the history of GitHub’s privacy statement, replayed by import --git', () => {
  let cwd = ''
  let releases: Release[] = []
  let imported = { code: -1, stderr: '' }
  let built = { code: -1, stderr: '' }
  const dist = () => path.join(cwd, 'dist')

  beforeAll(async () => {
    expect(versions, `the corpus in ${corpusDirectory}`).toHaveLength(88)
    cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-corpus-history-'))
    temporary.push(cwd)
    const repository = path.join(cwd, 'site-policy')
    makeGitRepository(repository, corpusHistory())
    const run = (...more: string[]) =>
      runCli(['import', '--git', repository, '--path', paths[2], '--name', 'GitHub, Inc.', '--language', 'en-US', '--base-url', 'https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement', '--today', '2026-11-30', ...more], cwd)
    expect((await run()).code).toBe(0)
    // What a person adds that the text does not say: the newest version links to no email
    // address, and names no supervisory authority.
    await fillPlaceholders(cwd)
    imported = await run('--report', 'report.json')
    const directory = path.join(cwd, 'policy', 'releases')
    releases = (await Promise.all((await readdir(directory)).map(async (name) => JSON.parse(await readFile(path.join(directory, name), 'utf8')) as Release))).sort((a, b) => compareVersionIds(a.version, b.version))
    built = await runCli(['build', '--out', dist(), '--today', '2026-11-30'], cwd)
  }, 600_000)

  test('every version is a release, none refused; the two moves are none', async () => {
    expect(imported.stderr).not.toContain('refused')
    expect(imported.code).toBe(0)
    expect(releases).toHaveLength(88)
    const report = JSON.parse(await readFile(path.join(cwd, 'report.json'), 'utf8')) as { versions: Array<{ outcome: string; path: string }> }
    expect(report.versions.map((version) => version.outcome).filter((outcome) => outcome !== 'released')).toEqual(['unchanged', 'unchanged'])
    expect(new Set(releases.map((release) => release.imported?.path))).toEqual(new Set(paths))
    // Each version's text, as committed, is the release's: its commit is its source.
    expect(releases.map((release) => release.imported?.committed)).toEqual(versions.map((name) => name.slice(0, 10)))
  })

  test('a retitled clause keeps its id: "Our use of cookies and tracking" gained "technologies"', () => {
    const retitles = releases.flatMap((release) =>
      (JSON.parse(readFileSync(path.join(dist(), 'changes', `${release.version}.json`), 'utf8')) as PolicyDiff).clauses.filter((change) => change.status.includes('retitled')).map((change) => `${change.id}: ${change.from?.title ?? ''} → ${change.to?.title ?? ''}`),
    )
    expect(retitles).toContain('our-use-of-cookies-and-tracking: Our use of cookies and tracking → Our use of cookies and tracking technologies')
  })

  test('the site builds, with a page for every version and every change', () => {
    expect(built.stderr).not.toMatch(/:\d+:\d+ error /)
    expect(built.code).toBe(0)
    for (const release of releases) {
      expect(existsSync(path.join(dist(), 'versions', release.version, 'index.html')), release.version).toBe(true)
      expect(existsSync(path.join(dist(), 'changes', `${release.version}.json`)), release.version).toBe(true)
    }
  })

  test('for every consecutive pair, the change record’s words added and removed are those of a word diff of the two texts', () => {
    const wrong: string[] = []
    releases.slice(1).forEach((release, index) => {
      const before = releases[index]
      if (!before) return
      const record = JSON.parse(readFileSync(path.join(dist(), 'changes', `${release.version}.json`), 'utf8')) as PolicyDiff
      const [wordsBefore, wordsAfter] = [clauseWords(before.document), clauseWords(release.document)]
      const added: string[] = []
      const removed: string[] = []
      const recorded = new Map(record.clauses.map((change) => [change.id, change]))
      for (const id of new Set([...wordsBefore.keys(), ...wordsAfter.keys()])) {
        const change = recorded.get(id)
        const [from, to] = [wordsBefore.get(id), wordsAfter.get(id)]
        if (change?.status.includes('added')) added.push(...(to ?? []))
        else if (change?.status.includes('removed')) removed.push(...(from ?? []))
        else if (change?.words) {
          // The runs spell both texts: equal and deleted words the one before, equal and inserted the one after.
          const runs = change.words
          const spelled = (kind: 'delete' | 'insert') => runs.filter((run) => run.type === 'equal' || run.type === kind).flatMap((run) => wordsOf(run.text))
          if (spelled('delete').join(' ') !== from?.join(' ')) wrong.push(`${release.version} ${id}: the record's text before is not the release's`)
          if (spelled('insert').join(' ') !== to?.join(' ')) wrong.push(`${release.version} ${id}: the record's text after is not the release's`)
          added.push(...runs.filter((run) => run.type === 'insert').flatMap((run) => wordsOf(run.text)))
          removed.push(...runs.filter((run) => run.type === 'delete').flatMap((run) => wordsOf(run.text)))
        } else if (from?.join(' ') !== to?.join(' ')) {
          wrong.push(`${release.version} ${id}: its words changed, and the record shows none`)
        }
      }
      // Independently: a word diff (jsdiff) of the two whole texts, clause after clause.
      const text = (document: PolicyDocument) => document.clauses.flatMap((clause) => wordsOfHtml(clause.html))
      const parts = diffArrays(text(before.document), text(release.document))
      const expected = tally(parts.filter((part) => part.added).flatMap((part) => part.value), parts.filter((part) => part.removed).flatMap((part) => part.value))
      const actual = tally(added, removed)
      if (JSON.stringify([...actual]) !== JSON.stringify([...expected])) wrong.push(`${release.version}: words added less removed ${JSON.stringify([...actual].slice(0, 8))}, a word diff gives ${JSON.stringify([...expected].slice(0, 8))}`)
    })
    expect(wrong).toEqual([])
  })
})
