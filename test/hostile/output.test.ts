import { execFile } from 'node:child_process'
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { outputMarker, outputMarkerText, replaceDirectory } from '../../src/emit/write-output.ts'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { replayedAstro, replayedToday } from '../helpers/replayed-astro.ts'
import { runCli } from '../helpers/run-cli.ts'
import { readTree } from '../helpers/site.ts'

// `--out` is replaced as a whole, so it must be an earlier output and nothing else: each attack
// below exited 0 and destroyed what it named. Every refusal happens before anything is written,
// and leaves each directory exactly as it was.
const temporary = removedAfterAll()

async function project(): Promise<string> {
  const cwd = await makePolicy()
  temporary.push(cwd)
  return cwd
}

/** Every entry below a directory with its type, mode, modification time and content or link target. */
async function snapshot(directory: string): Promise<Record<string, string>> {
  const names = await readdir(directory, { recursive: true })
  const entries = await Promise.all(
    ['.', ...names].sort().map(async (name) => {
      const file = path.join(directory, name)
      const stats = await lstat(file)
      const content = stats.isSymbolicLink() ? `-> ${await readlink(file)}` : stats.isFile() ? (await readFile(file)).toString('base64') : 'directory'
      return [name, `${stats.mode.toString(8)} ${stats.mtimeMs} ${content}`] as const
    }),
  )
  return Object.fromEntries(entries)
}

async function build(cwd: string, args: readonly string[]) {
  return runCli(['build', '--quiet', '--today', '2026-11-25', ...args], cwd)
}

test('`--dir plink --out policy`, plink a link to policy, is refused: the output would replace the policy', async () => {
  const cwd = await project()
  await symlink('policy', path.join(cwd, 'plink'))
  const before = await snapshot(cwd)
  const result = await build(cwd, ['--dir', 'plink', '--out', 'policy'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: refusing to write the output to `policy` \(.*\/policy\): it is the policy directory `plink` \(.*\/policy\)/)
  expect(await snapshot(cwd)).toEqual(before)
})

test('`--out p2/clauses`, p2 a link to policy, is refused: the output would lie inside the policy', async () => {
  const cwd = await project()
  await symlink('policy', path.join(cwd, 'p2'))
  const before = await snapshot(cwd)
  const result = await build(cwd, ['--out', 'p2/clauses'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: refusing to write the output to `p2\/clauses` \(.*\/policy\/clauses\): it lies inside the policy directory `policy`/)
  expect(await snapshot(cwd)).toEqual(before)
})

test('`--out .git` inside a repository is refused, and so is a directory inside .git', async () => {
  const cwd = await project()
  await promisify(execFile)('git', ['init', '--quiet'], { cwd })
  const before = await snapshot(cwd)
  for (const out of ['.git', '.git/hooks', '.git/site']) {
    const result = await build(cwd, ['--out', out])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`refusing to write the output to \`${out}\``)
    expect(result.stderr).toContain('a Git directory')
  }
  expect(await snapshot(cwd)).toEqual(before)
})

test('`--out src`, a directory that is not an earlier output, is refused; the message says how to migrate an old dist', async () => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'src', 'lib'), { recursive: true })
  await writeFile(path.join(cwd, 'src', 'lib', 'code.ts'), 'export const code = 1\n')
  const before = await snapshot(cwd)
  const result = await build(cwd, ['--out', 'src'])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: refusing to write the output to `src` \(.*\/src\): it is not empty and holds no \.clausewright-output, so it is not an earlier output of `clausewright build`/)
  expect(result.stderr).toContain('rm -r src')
  expect(await snapshot(cwd)).toEqual(before)
})

test.each([
  ['the working directory', '.', []],
  ['an ancestor of the working directory', '..', []],
  ['the root', '/', []],
  ['a directory holding the policy', 'site', ['--dir', 'site/policy']],
])('--out at %s is refused', async (named, out, dir) => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'site'))
  await rename(path.join(cwd, 'policy'), path.join(cwd, 'site', 'policy'))
  const before = await snapshot(cwd)
  const result = await build(cwd, ['--out', out, ...dir])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(`refusing to write the output to \`${out}\``)
  expect(result.stderr).toContain(named === 'a directory holding the policy' ? 'it holds the policy directory `site/policy`' : 'the working directory')
  expect(await snapshot(cwd)).toEqual(before)
})

test('an output that is a symbolic link Clausewright did not make is refused, and the link and its target stay', async () => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'public'))
  await writeFile(path.join(cwd, 'public', 'keep.html'), 'mine')
  await symlink('public', path.join(cwd, 'dist'))
  const before = await snapshot(cwd)
  const result = await build(cwd, [])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: refusing to write the output to `dist` \(.*\/dist\): it is a symbolic link that `clausewright build` did not make \(to `public`\)/)
  expect(await snapshot(cwd)).toEqual(before)
})

test('a file where the output directory should be is refused and kept', async () => {
  const cwd = await project()
  await writeFile(path.join(cwd, 'dist'), 'a file')
  const result = await build(cwd, [])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('refusing to write the output to `dist`')
  expect(await readFile(path.join(cwd, 'dist'), 'utf8')).toBe('a file')
})

test('an earlier output that holds a file its build did not write (a gh-pages checkout, a CNAME added by hand) is refused and kept', async () => {
  const cwd = await project()
  await replaceDirectory('dist', { cwd, policyDirectory: 'policy' }, async (staging) => {
    await writeFile(path.join(staging, 'index.html'), 'the previous build')
  })
  await mkdir(path.join(cwd, 'dist', '.git'))
  await writeFile(path.join(cwd, 'dist', '.git', 'HEAD'), 'ref: refs/heads/gh-pages\n')
  await writeFile(path.join(cwd, 'dist', 'CNAME'), 'policy.example.com\n')
  const before = await snapshot(cwd)
  const result = await build(cwd, [])
  expect(result.code).toBe(2)
  expect(result.stderr).toMatch(/^clausewright: refusing to write the output to `dist` \(.*\/dist\): it holds 2 files that `clausewright build` did not write \(`.git\/HEAD`, `CNAME`\), which replacing it would lose/)
  expect(await snapshot(cwd)).toEqual(before)
})

test('a link named like an output that points at a directory without the marker is refused, and so is --out naming a generation', async () => {
  const cwd = await project()
  await mkdir(path.join(cwd, '.dist-1-deadbeef'))
  await writeFile(path.join(cwd, '.dist-1-deadbeef', 'keep.txt'), 'mine')
  await symlink('.dist-1-deadbeef', path.join(cwd, 'dist'))
  const before = await snapshot(cwd)
  const forged = await build(cwd, [])
  expect(forged.code).toBe(2)
  expect(forged.stderr).toContain('it is a symbolic link that `clausewright build` did not make (to `.dist-1-deadbeef`)')
  const generation = await build(cwd, ['--out', '.dist-1-deadbeef'])
  expect(generation.code).toBe(2)
  expect(generation.stderr).toContain('it is named as the work of a build')
  expect(await snapshot(cwd)).toEqual(before)
})

/**
 * `build` of the base fixture, whole, in this process; Astro's part of it is a real build of the
 * same policy, recorded once and replayed (test/helpers/replayed-astro.ts).
 */
async function replayedBuild(cwd: string, args: readonly string[] = []) {
  return runCli(['build', '--quiet', '--today', replayedToday, ...args], cwd, {}, await replayedAstro(temporary))
}

/** A `dist` as an earlier build left it: its pages and the marker that lists them. */
async function previousOutput(cwd: string, pages: readonly string[] = ['index.html']): Promise<void> {
  await mkdir(path.join(cwd, 'dist'))
  for (const page of pages) await writeFile(path.join(cwd, 'dist', page), page === 'index.html' ? 'the previous build' : 'from an older build')
  await writeFile(path.join(cwd, 'dist', outputMarker), outputMarkerText(pages))
}

test('a policy with errors writes nothing and leaves the previous output untouched', async () => {
  const cwd = await makePolicy({ description: 'a broken reference', replace: [{ file: 'data.yaml', find: 'dataCategories: [email-address]', with: 'dataCategories: [nothing]' }] })
  temporary.push(cwd)
  await previousOutput(cwd)
  const result = await replayedBuild(cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('policy/data.yaml:16:22 error Unexpected data category `nothing`')
  expect(result.stderr).toContain('nothing was written to dist')
  expect(await readTree(path.join(cwd, 'dist'))).toEqual({ 'index.html': 'the previous build', [outputMarker]: outputMarkerText(['index.html']) })
  expect((await readdir(cwd)).sort()).toEqual(['dist', 'policy'])
})

test('a successful build replaces the previous output as a whole', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await previousOutput(cwd, ['index.html', 'stale.html'])
  const result = await replayedBuild(cwd)
  expect(result).toEqual({ code: 0, stdout: '', stderr: '' })
  expect(Object.keys(await readTree(path.join(cwd, 'dist')))).not.toContain('stale.html')
  // dist is now a link to the generation beside it; the directory it was stays beside it, for
  // readers that had just opened it, until the next build.
  const [first, second, ...rest] = (await readdir(cwd)).sort()
  expect(rest).toEqual(['dist', 'policy'])
  const current = await readlink(path.join(cwd, 'dist'))
  const retired = current === first ? second : first
  expect([current, retired]).toEqual(expect.arrayContaining([expect.stringMatching(/^\.dist-\d+-[0-9a-f]{8}$/)]))
  expect(Object.keys(await readTree(path.join(cwd, retired ?? '')))).toEqual([outputMarker, 'index.html', 'stale.html'])
})

test.each([['.'], ['policy'], ['policy/out'], ['..']])('--out %s is refused, exit 2', async (out) => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  const result = await replayedBuild(cwd, ['--out', out])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(`refusing to write the output to \`${out}\``)
})

test('a build that fails half-way leaves the previous output as it was', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await previousOutput(cwd)
  const failing = replaceDirectory('dist', { cwd, policyDirectory: 'policy' }, async (staging) => {
    await writeFile(path.join(staging, 'index.html'), 'half a build')
    throw new Error('a page threw')
  })
  await expect(failing).rejects.toThrow('a page threw')
  expect(await readTree(path.join(cwd, 'dist'))).toEqual({ 'index.html': 'the previous build', [outputMarker]: outputMarkerText(['index.html']) })
  expect((await readdir(cwd)).sort()).toEqual(['dist', 'policy'])
})

test('an empty directory is an output to be: it becomes the link to the new site', async () => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'dist'))
  expect(await replayedBuild(cwd)).toEqual({ code: 0, stdout: '', stderr: '' })
  const generation = await readlink(path.join(cwd, 'dist'))
  const [retired, ...rest] = (await readdir(cwd)).filter((name) => name !== generation).sort()
  expect(rest).toEqual(['dist', 'policy'])
  // The empty directory it was stays beside it until the next build.
  expect(await readdir(path.join(cwd, retired ?? ''))).toEqual([])
  expect(await readFile(path.join(cwd, 'dist', outputMarker), 'utf8')).toContain('\nindex.html\n')
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])
})

test.each([
  ['a name starting with two dots inside the policy', 'policy/..site', 'it lies inside the policy directory'],
  ['a path through a file', 'notes.txt/a/b', '/notes.txt` is a file, not a directory'],
  ['a name carrying a terminal escape', 'dist\u001b[31m/..', 'the working directory'],
])('--out at %s is refused', async (_, out, reason) => {
  const cwd = await project()
  await writeFile(path.join(cwd, 'notes.txt'), 'notes')
  const before = await snapshot(cwd)
  const result = await build(cwd, ['--out', out])
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(reason)
  expect(result.stderr).not.toContain('\u001b')
  expect(await snapshot(cwd)).toEqual(before)
})

test.each([['policy/releases'], ['policy'], ['dist/cache']])('a cache directory at %s, in the policy or the output, is refused before anything is written', async (cache) => {
  const cwd = await project()
  const before = await snapshot(cwd)
  const result = await runCli(['build', '--quiet', '--today', '2026-11-25'], cwd, { CLAUSEWRIGHT_CACHE_DIR: cache })
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('CLAUSEWRIGHT_CACHE_DIR')
  expect(await snapshot(cwd)).toEqual(before)
})

// Found by an attack on the hardened main: `--out lnk/site` judged with lnk → A, then lnk turned to
// B (with a link in B to the generation being filled in A) while the site was built: the switch
// renamed B/site, which no build had written, and the next build deleted it.
test.each([
  ['a directory no build wrote', 'not an output', /refusing to write the output to `lnk\/site` \(.*\/B\/site\): it is not empty and holds no \.clausewright-output/],
  ['an empty directory', undefined, /the output `lnk\/site` moved while the site was built \(it led to .*\/A\/site, now to .*\/B\/site\); nothing was switched/],
])('an output whose path is redirected to %s while the site is built is not switched, and nothing there is touched', async (_, victim, refusal) => {
  const cwd = await project()
  await mkdir(path.join(cwd, 'A', 'site'), { recursive: true })
  await mkdir(path.join(cwd, 'B', 'site'), { recursive: true })
  if (victim !== undefined) await writeFile(path.join(cwd, 'B', 'site', 'victim.txt'), victim)
  await symlink('A', path.join(cwd, 'lnk'))
  const before = await snapshot(path.join(cwd, 'B', 'site'))
  const redirect = async (generation: string) => {
    await writeFile(path.join(generation, 'index.html'), 'site')
    await rm(path.join(cwd, 'lnk'))
    await symlink('B', path.join(cwd, 'lnk'))
    await symlink(path.join('..', 'A', path.basename(generation)), path.join(cwd, 'B', path.basename(generation)))
  }
  await expect(replaceDirectory('lnk/site', { cwd, policyDirectory: 'policy' }, redirect)).rejects.toThrow(refusal)
  // B/site is as it was; A keeps no generation.
  expect(await snapshot(path.join(cwd, 'B', 'site'))).toEqual(before)
  expect(await readdir(path.join(cwd, 'A'))).toEqual(['site'])
})
