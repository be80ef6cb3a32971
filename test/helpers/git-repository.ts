import { execFileSync } from 'node:child_process'
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** One commit of a test repository: the file's text at a path, on a date (UTC noon, plus `minute`). */
export interface TestCommit {
  readonly path: string
  /** The file's text; absent for a commit that only moves the file from `from`. */
  readonly text?: string
  /** The path the file moves from in this commit (`git mv`). */
  readonly from?: string
  readonly date: string
  readonly minute?: number
  readonly message: string
}

/** A git repository in `directory` whose history is the given commits, in order, each dated as given. */
export function makeGitRepository(directory: string, commits: readonly TestCommit[]): void {
  mkdirSync(directory, { recursive: true })
  const git = (args: readonly string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-C', directory, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { env: { ...process.env, ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: ['ignore', 'pipe', 'pipe'] })
  git(['init', '-q', '-b', 'main'])
  for (const commit of commits) {
    const file = path.join(directory, commit.path)
    mkdirSync(path.dirname(file), { recursive: true })
    if (commit.from !== undefined) {
      renameSync(path.join(directory, commit.from), file)
      git(['add', '-A', '--', commit.from, commit.path])
    }
    if (commit.text !== undefined) {
      writeFileSync(file, commit.text)
      git(['add', '--', commit.path])
    }
    const date = `${commit.date}T12:${String(commit.minute ?? 0).padStart(2, '0')}:00+00:00`
    git(['commit', '-q', '--allow-empty', '-m', commit.message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  }
}
