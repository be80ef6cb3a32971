import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { expect, test, vi } from 'vitest'
import { type AstroRunner, mergeInto, startSiteBuild } from '../src/astro/build-site.ts'
import { compile } from '../src/compile/compile.ts'
import { listFiles } from '../src/emit/write-output.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

/** The site builds the CLI started in this file, and whether each was stopped. */
const started: Array<{ workDirectory: string; cancelled: boolean }> = []

/**
 * Astro's build as the CLI starts it for a policy that turns out to have errors: it waits for the
 * entries, which never come, until it is stopped (the real child's part of that is killed-build.test.ts's).
 */
const waitingAstro: AstroRunner = (workDirectory) => {
  const record = { workDirectory, cancelled: false }
  started.push(record)
  let stop: () => void = () => undefined
  const done = new Promise<void>((_resolve, reject) => {
    stop = () => reject(new Error('stopped'))
  })
  done.catch(() => undefined)
  return {
    done,
    policyRoot: Promise.resolve('/'),
    showLog: () => undefined,
    async stop() {
      record.cancelled = true
      stop()
      await done.catch(() => undefined)
    },
  }
}

const temporary = removedAfterAll()

async function tree(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-merge-'))
  temporary.push(directory)
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(directory, name)), { recursive: true })
    await writeFile(path.join(directory, name), text)
  }
  return directory
}

test('the pages are moved in beside the machine files, directories merged', async () => {
  const pages = await tree({ 'index.html': 'page', 'versions/a/index.html': 'version a', 'changes/a/index.html': 'change a' })
  const output = await tree({ 'policy.json': '{}', 'versions/a.json': 'a', 'versions.json': '[]' })
  await mergeInto(pages, output)
  expect(await listFiles(output)).toEqual(['changes/a/index.html', 'index.html', 'policy.json', 'versions.json', 'versions/a.json', 'versions/a/index.html'])
  expect(await readFile(path.join(output, 'versions/a/index.html'), 'utf8')).toBe('version a')
})

test('a page and a machine file at one path is a fault, not an overwrite', async () => {
  const pages = await tree({ 'versions/a.json': 'from Astro' })
  const output = await tree({ 'versions/a.json': 'from the compiler' })
  await expect(mergeInto(pages, output)).rejects.toThrow(/both produced `versions\/a.json`/)
  expect(await readFile(path.join(output, 'versions/a.json'), 'utf8')).toBe('from the compiler')
})

test('a site build started for a policy that turns out to have errors is stopped, and leaves nothing', async () => {
  const cwd = await makePolicy({ description: 'a broken reference', replace: [{ file: 'data.yaml', find: 'dataCategories: [email-address]', with: 'dataCategories: [nothing]' }] })
  temporary.push(cwd)
  started.length = 0
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd, {}, waitingAstro)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('nothing was written to dist')
  // The CLI starts Astro before it compiles: that build was started, and stopped and removed.
  expect(started).toHaveLength(1)
  const [site] = started
  expect(site?.cancelled).toBe(true)
  expect(existsSync(site?.workDirectory ?? '')).toBe(false)
  expect(existsSync(`${site?.workDirectory}-entries.json`)).toBe(false)
  expect(existsSync(`${site?.workDirectory}-cache`)).toBe(false)
})

test('build --format github writes its diagnostics to the job summary too, and ends its report with the count', async () => {
  const cwd = await makePolicy({ description: 'a broken reference', replace: [{ file: 'data.yaml', find: 'dataCategories: [email-address]', with: 'dataCategories: [nothing]' }] })
  temporary.push(cwd)
  const file = path.join(cwd, 'summary.md')
  const result = await runCli(['build', '--format', 'github', '--today', '2026-11-25'], cwd, { GITHUB_STEP_SUMMARY: file }, waitingAstro)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('\n1 error.\nclausewright: the policy has errors; nothing was written to dist\n')
  const summary = await readFile(file, 'utf8')
  expect(summary.startsWith('### clausewright build: 1 error.\n')).toBe(true)
  expect(summary).toContain('| 16:22 | error | `unknown-reference` | Unexpected data category `nothing`, expected one of the data categories defined: `email-address`<br>Define `nothing` first, or fix the reference. |')
})

test('Astro’s log is held while the policy compiles (it would mix with the diagnostics), then shown', async () => {
  const output = compile(await readPolicy('policy', { cwd: repoRoot }), { today: '2026-11-25' }).output
  if (!output) throw new Error('the OPTSM policy did not compile')
  const out = await mkdtemp(path.join(tmpdir(), 'clausewright-log-'))
  temporary.push(out)
  const written: string[] = []
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0)
  try {
    const site = await startSiteBuild({ policyDirectory: path.join(repoRoot, 'policy'), quiet: false })
    // Astro has bundled the pages (which it logs) when its prerender chunks appear; the pages
    // then wait for the compiled entries.
    await vi.waitFor(
      () => {
        if (!existsSync(path.join(site.workDirectory, '.prerender'))) throw new Error('Astro has not bundled the pages')
      },
      { timeout: 50_000, interval: 20 },
    )
    expect(written.join('')).toBe('')
    // It has no content store to fill (src/astro/astro-build.mjs): the pages take the entries
    // the CLI hands them.
    expect(existsSync(`${site.workDirectory}-cache/data-store.json`)).toBe(false)
    await site.finish(output, out)
  } finally {
    spy.mockRestore()
  }
  // Astro colours its log where it sees CI or a terminal.
  const log = stripVTControlCharacters(written.join(''))
  expect(log).toContain('[build] Building static entrypoints...')
  expect(log).toContain('[build] Complete!')
  expect(log).not.toContain('[content]')
}, 60_000)
