import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from './fixture-policy.ts'
import type { TestCommit } from './git-repository.ts'

/** GitHub's privacy statement, every published version 2017–2026 (../shared/corpus, beside the repository). */
export const corpusDirectory = path.join(repoRoot, '..', 'shared', 'corpus', 'github-privacy-statement')

// `2019-07-02.md`, then `2019-07-02.2.md`: the order the versions were committed in.
const order = (name: string) => ({ date: name.slice(0, 10), n: Number(name.slice(11, -3) || '1') })

/** The corpus's files, in the order they were committed; none when the corpus is not there. */
export const corpusVersions: readonly string[] = (existsSync(corpusDirectory) ? readdirSync(corpusDirectory).filter((name) => name.endsWith('.md')) : []).sort((a, b) =>
  order(a).date < order(b).date ? -1 : order(a).date > order(b).date ? 1 : order(a).n - order(b).n,
)

/** The file's paths, as in github/site-policy (the corpus's README); the dates of the two moves are ours. */
export const corpusPaths = ['Policies/github-privacy-statement.md', 'Policies/privacy-policies/github-privacy-statement.md', 'Policies/privacy-policies/github-general-privacy-statement.md'] as const
const pathOn = (date: string): 0 | 1 | 2 => (date < '2021-01-01' ? 0 : date < '2024-02-01' ? 1 : 2)

/** The corpus as a git history: one commit a version, dated, and the file moved twice (a commit of its own each). */
export function corpusHistory(): TestCommit[] {
  const commits: TestCommit[] = []
  let at: 0 | 1 | 2 = 0
  for (const name of corpusVersions) {
    const { date, n } = order(name)
    if (pathOn(date) !== at) {
      commits.push({ path: corpusPaths[pathOn(date)], from: corpusPaths[at], date, message: `Move the privacy statement to ${corpusPaths[pathOn(date)]}` })
      at = pathOn(date)
    }
    commits.push({ path: corpusPaths[at], text: readFileSync(path.join(corpusDirectory, name), 'utf8'), date, minute: n, message: `Privacy statement of ${name.slice(0, -3)}` })
  }
  return commits
}
