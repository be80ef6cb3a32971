import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'

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

/**
 * A git repository in `directory` whose branch `main` has the given commits, in order, each dated
 * as given: written by one `git fast-import` (a process per commit took seconds for a long history).
 */
export function makeGitRepository(directory: string, commits: readonly TestCommit[]): void {
  mkdirSync(directory, { recursive: true })
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
  execFileSync('git', ['-C', directory, 'init', '-q', '-b', 'main'], { env, stdio: 'ignore' })
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
  // fast-import's quoted paths are C-style: a backslash, a quote and a control character escaped (octal).
  // eslint-disable-next-line no-control-regex
  const quoted = (file: string) => `"${file.replace(/["\\]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (character) => `\\${character.charCodeAt(0).toString(8).padStart(3, '0')}`)}"`
  const stream = commits
    .map((commit, index) => {
      const seconds = Date.parse(`${commit.date}T12:${String(commit.minute ?? 0).padStart(2, '0')}:00Z`) / 1000
      const who = `Test <test@example.com> ${seconds} +0000`
      return [
        `commit refs/heads/main\nmark :${index + 1}\nauthor ${who}\ncommitter ${who}\n${data(commit.message)}`,
        index > 0 ? `from :${index}\n` : '',
        commit.from !== undefined ? `R ${quoted(commit.from)} ${quoted(commit.path)}\n` : '',
        commit.text !== undefined ? `M 100644 inline ${quoted(commit.path)}\n${data(commit.text)}` : '',
        '\n',
      ].join('')
    })
    .join('')
  execFileSync('git', ['-C', directory, 'fast-import', '--quiet'], { env, input: stream, stdio: ['pipe', 'ignore', 'pipe'] })
}
