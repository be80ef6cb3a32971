import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { editPolicy } from './fixture-policy.ts'
import { runCli } from './run-cli.ts'

// Release histories of the base fixture made as an editor makes them: with `clausewright release`,
// and committed to git for `check --base`.
const run = promisify(execFile)

/** The date the releases are made on, and checked against. */
export const releaseToday = '2026-01-01'

// Commits of a fixed author and date, so that the commit ids that messages quote do not change.
const gitEnv = { PATH: process.env['PATH'] ?? '', GIT_AUTHOR_DATE: '2020-02-29T12:00:00Z', GIT_COMMITTER_DATE: '2020-02-29T12:00:00Z', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }
export const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env: gitEnv })

export async function releaseAs(root: string, summary: string, ...options: string[]): Promise<void> {
  const result = await runCli(['release', '--summary', summary, '--today', releaseToday, ...options], root)
  if (result.code !== 0) throw new Error(`release failed: ${result.stderr}`)
}

/** The base fixture released (2020-02-29), a clause reworded and released again (2020-06-01), judged editorial by the editor. */
export async function twoReleases(root: string): Promise<void> {
  await releaseAs(root, 'First.')
  await editPolicy(root, 'clauses/rights.md', 'Write to', 'Please write to')
  await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
  await releaseAs(root, 'Clearer.', '--kind', 'editorial')
}

/** `root` as a git repository whose branch `main` holds the policy as `prepare` left it. */
export async function committed(root: string, prepare: (root: string) => Promise<void>): Promise<void> {
  await git(root, 'init', '--quiet', '--initial-branch=main')
  await prepare(root)
  await git(root, 'add', '.')
  await git(root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'The base')
}

/** A purpose added to the base fixture's data.yaml: a change the tool proves substantive. */
async function addPurpose(root: string, id: string): Promise<void> {
  await editPolicy(root, 'data.yaml', 'recipients:\n', `  - id: ${id}\n    group: main\n    text: to ${id} the website;\n    lawfulBasis: [consent]\n    retention: One year.\nrecipients:\n`)
}

async function releaseOn(root: string, today: string, summary: string): Promise<void> {
  const result = await runCli(['release', '--summary', summary, '--today', today], root)
  if (result.code !== 0) throw new Error(`release failed: ${result.stderr}`)
}

/** The day the four releases below are looked at: the fourth is announced, not yet in force. */
export const fourReleasesToday = '2027-02-01'

/**
 * Four releases of the base fixture: 2020-02-29 (released 2020-02-20), two on 2020-06-01 (released
 * 2020-05-15 and 2020-06-01), and 2027-03-01, announced on 2027-01-30: upcoming on 2027-02-01.
 */
export async function fourReleases(root: string): Promise<void> {
  await releaseOn(root, '2020-02-20', 'First.')
  await addPurpose(root, 'measure')
  await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
  await releaseOn(root, '2020-05-15', 'We measure the website.')
  await addPurpose(root, 'count')
  await releaseOn(root, '2020-06-01', 'We count visits too.')
  await addPurpose(root, 'improve')
  await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-06-01', 'lastUpdated: 2027-03-01')
  await releaseOn(root, '2027-01-30', 'We will improve the website.')
}
