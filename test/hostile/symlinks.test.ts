import { link, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { readPolicy } from '../../src/source/read-policy.ts'
import { readFileInside } from '../../src/source/read-inside.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// An attacker with commit access to a policy repository commits symbolic links (git stores them)
// so that a build in CI reads, and publishes or prints, files of the machine outside the policy.
// Any file or directory whose real path leaves the policy is refused, and nothing behind it is read.
const temporary = removedAfterAll()

const today = '2026-01-01'
const secret = 'npm_0utsideSecretToken4Clausewright'
const outsideText = 'Published from outside the policy'

/** The base policy in a temporary directory, with `outside/` beside `policy/`. */
async function workspace(): Promise<{ root: string; policy: string; outside: string }> {
  const root = await makePolicy()
  temporary.push(root)
  const outside = path.join(root, 'outside')
  await mkdir(outside)
  return { root, policy: path.join(root, 'policy'), outside }
}

/** The diagnostics of `check --format json`, reduced to what the tests compare. */
async function checkJson(root: string, dir = 'policy') {
  const result = await runCli(['check', '--format', 'json', '--today', today, '--dir', dir], root)
  const diagnostics = JSON.parse(result.stdout) as Array<{ ruleId: string; file: string; message: string }>
  return { ...result, diagnostics, outside: diagnostics.filter((item) => item.ruleId === 'path-outside-policy').map((item) => item.file) }
}

test('clauses/ moved outside and linked back is refused, and no clause behind it is read', async () => {
  const { root, policy, outside } = await workspace()
  // mv policy/clauses ../outside; ln -s ../outside/clauses policy/clauses
  await rename(path.join(policy, 'clauses'), path.join(outside, 'clauses'))
  await writeFile(path.join(outside, 'clauses', 'intro.md'), `---\nid: intro\n---\n\n${outsideText}.\n`)
  await symlink(path.join('..', 'outside', 'clauses'), path.join(policy, 'clauses'))

  const result = await checkJson(root)
  expect(result.code).toBe(1)
  expect(result.outside).toEqual(['policy/clauses'])
  expect(result.diagnostics.find((item) => item.ruleId === 'path-outside-policy')?.message).toBe(
    'Unexpected `clauses`, a symbolic link that leads outside the policy directory, expected a directory inside it',
  )
  expect(result.stdout).not.toContain(outside)
  const sources = await readPolicy('policy', { cwd: root })
  expect(sources.clauses).toEqual([])
  expect(JSON.stringify(sources)).not.toContain(outsideText)
})

test('releases/ linked to a directory holding a config.json prints none of it, in any format', async () => {
  const { root, policy, outside } = await workspace()
  await writeFile(path.join(outside, 'config.json'), `{\n  "registry": "https://registry.example/",\n  "token": "${secret}"\n}\n`)
  await symlink(outside, path.join(policy, 'releases'))

  for (const format of ['pretty', 'json', 'github']) {
    const result = await runCli(['check', '--format', format, '--today', today], root)
    expect(result.code, format).toBe(1)
    expect(result.stdout, format).toContain('path-outside-policy')
    expect(result.stdout, format).toContain('policy/releases')
    expect(`${result.stdout}${result.stderr}`, format).not.toContain(secret)
    expect(`${result.stdout}${result.stderr}`, format).not.toContain('registry.example')
  }
  const build = await runCli(['build', '--format', 'pretty', '--today', today, '--out', 'dist'], root)
  expect(build.code).toBe(1)
  expect(`${build.stdout}${build.stderr}`).not.toContain(secret)
  expect((await readPolicy('policy', { cwd: root })).releases).toEqual([])
})

test('a symbolic link in clauses/ to an outside directory is outside, not merely unreadable', async () => {
  const { root, policy, outside } = await workspace()
  await symlink(outside, path.join(policy, 'clauses', 'extra.md'))
  expect((await checkJson(root)).outside).toEqual(['policy/clauses/extra.md'])
})

test('a chain of links that ends outside is followed to its end', async () => {
  const { root, policy, outside } = await workspace()
  await mkdir(path.join(outside, 'clauses'))
  await writeFile(path.join(outside, 'clauses', 'intro.md'), `---\nid: intro\n---\n\n${outsideText}.\n`)
  await writeFile(path.join(outside, 'data.yaml'), `# ${secret}\n`)
  // policy/clauses → policy/alias → ../outside/clauses; policy/data.yaml → policy/hop.yaml → outside/data.yaml
  await rm(path.join(policy, 'clauses'), { recursive: true })
  await symlink(path.join('..', 'outside', 'clauses'), path.join(policy, 'alias'))
  await symlink('alias', path.join(policy, 'clauses'))
  await rm(path.join(policy, 'data.yaml'))
  await symlink(path.join(outside, 'data.yaml'), path.join(policy, 'hop.yaml'))
  await symlink('hop.yaml', path.join(policy, 'data.yaml'))

  const result = await checkJson(root)
  expect(result.outside).toEqual(['policy/clauses', 'policy/data.yaml'])
  expect(result.stdout).not.toContain(secret)
})

test('a link to nothing and a loop of links are refused, not followed for ever', async () => {
  const { root, policy } = await workspace()
  await symlink('loop.md', path.join(policy, 'clauses', 'loop.md'))
  await symlink('gone.md', path.join(policy, 'clauses', 'dangling.md'))
  await symlink('releases', path.join(policy, 'releases'))
  const result = await checkJson(root)
  expect(result.outside).toEqual(['policy/clauses/dangling.md', 'policy/clauses/loop.md', 'policy/releases'])
  expect(result.diagnostics.find((item) => item.file === 'policy/clauses/loop.md')?.message).toBe(
    'Unexpected `clauses/loop.md`, a symbolic link that leads nowhere (to a missing file, or in a loop), expected a file inside the policy directory',
  )
})

test('a link to a file in a subdirectory of an outside directory', async () => {
  const { root, policy, outside } = await workspace()
  await mkdir(path.join(outside, 'deep', 'er'), { recursive: true })
  await writeFile(path.join(outside, 'deep', 'er', 'rights.md'), `---\nid: rights\ntitle: Rights\n---\n\n${outsideText}.\n`)
  // policy/shared is a link to the outside directory; the clause links through it.
  await symlink(outside, path.join(policy, 'shared'))
  await rm(path.join(policy, 'clauses', 'rights.md'))
  await symlink(path.join('..', 'shared', 'deep', 'er', 'rights.md'), path.join(policy, 'clauses', 'rights.md'))
  const result = await checkJson(root)
  expect(result.outside).toEqual(['policy/clauses/rights.md'])
  expect(result.stdout).not.toContain(outsideText)
})

test('a policy directory given through a symbolic link is read as its real path', async () => {
  const { root, policy } = await workspace()
  await symlink('policy', path.join(root, 'plink'))
  // A clause linked to a file of the real policy directory, by a path through the link.
  await mkdir(path.join(policy, 'shared'))
  await rename(path.join(policy, 'clauses', 'rights.md'), path.join(policy, 'shared', 'rights.md'))
  await symlink(path.join(root, 'plink', 'shared', 'rights.md'), path.join(policy, 'clauses', 'rights.md'))

  const result = await checkJson(root, 'plink')
  expect(result.code).toBe(0)
  expect(result.outside).toEqual([])
  const sources = await readPolicy('plink', { cwd: root })
  expect(sources.clauses.map((clause) => clause.path)).toEqual(['plink/clauses/intro.md', 'plink/clauses/rights.md'])
  expect(sources.policy?.path).toBe('plink/policy.yaml')
})

test('a file swapped for a link after the check is not followed when it is read', async () => {
  const { policy, outside } = await workspace()
  await writeFile(path.join(outside, 'data.yaml'), `# ${secret}\n`)
  const realRoot = policy
  // What readPolicy checked was a file inside; what is there when it is opened is a link.
  const swapped = path.join(policy, 'data.yaml')
  await rm(swapped)
  await symlink(path.join(outside, 'data.yaml'), swapped)
  expect(await readFileInside(realRoot, swapped, 1024)).toEqual({ problem: 'link' })

  // A directory on the way swapped for a link: the opened file's own path is checked.
  await rename(path.join(policy, 'clauses'), path.join(outside, 'clauses'))
  await writeFile(path.join(outside, 'clauses', 'intro.md'), secret)
  await symlink(path.join(outside, 'clauses'), path.join(policy, 'clauses'))
  expect(await readFileInside(realRoot, path.join(policy, 'clauses', 'intro.md'), 1024)).toEqual({ problem: 'outside' })

  // A FIFO swapped in for a file is not waited on.
  const fifo = path.join(policy, 'compliance.yaml')
  const { execFileSync } = await import('node:child_process')
  execFileSync('mkfifo', [fifo])
  expect(await readFileInside(realRoot, fifo, 1024)).toEqual({ problem: 'not-a-file' })

  expect(await readFileInside(realRoot, path.join(policy, 'policy.yaml'), 1024 * 1024)).toEqual({ bytes: await readFile(path.join(policy, 'policy.yaml')) })
  const bytes = await readFile(path.join(policy, 'policy.yaml'))
  expect(await readFileInside(realRoot, path.join(policy, 'policy.yaml'), bytes.length)).toEqual({ bytes })
  expect(await readFileInside(realRoot, path.join(policy, 'policy.yaml'), bytes.length - 1)).toEqual({ problem: 'too-large', size: bytes.length })
  expect(await readFileInside(realRoot, path.join(policy, 'nothing.yaml'), 10)).toEqual({ problem: 'missing' })
})

// Found by an attack on the hardened main: a hard link has no path that leads outside, but the
// same file has another name there (an unpacked archive or a local user can make one; git cannot).
test('a hard-linked file is refused and none of it is quoted, in any format', async () => {
  const { root, policy, outside } = await workspace()
  await mkdir(path.join(policy, 'releases'))
  await writeFile(path.join(outside, 'npmrc'), `//registry.example/:_authToken=${secret}\n`)
  await link(path.join(outside, 'npmrc'), path.join(policy, 'releases', 'config.json'))
  await writeFile(path.join(outside, 'notes.md'), `---\nid: notes\n---\n\n${outsideText} ${secret}\n`)
  await link(path.join(outside, 'notes.md'), path.join(policy, 'clauses', 'notes.md'))
  for (const format of ['pretty', 'json', 'github']) {
    const result = await runCli(['check', '--format', format, '--today', today], root)
    expect(result.code, format).toBe(1)
    expect(`${result.stdout}${result.stderr}`, format).not.toContain(secret)
  }
  const { diagnostics, outside: refused } = await checkJson(root)
  expect(refused).toEqual(['policy/clauses/notes.md', 'policy/releases/config.json'])
  expect(diagnostics.find((item) => item.file === 'policy/clauses/notes.md')?.message).toBe('Unexpected `clauses/notes.md`, a file with 2 names (hard links), expected a file of the policy alone: another name may lie outside the policy directory')
})
