import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'
import { repoRoot, temporaryDirectories } from '../helpers/fixture-policy.ts'
import { makeGitRepository } from '../helpers/git-repository.ts'
import { fillPlaceholders } from '../helpers/placeholders.ts'
import { runCli } from '../helpers/run-cli.ts'

// `import --git` reads a repository someone else may have made: its configuration is theirs, and
// nothing in it may run a program.
const workspace = temporaryDirectories('clausewright-hostile-git-')

const text = `# Privacy notice

Last updated: January 5, 2020

## Who we are

Example Ltd runs example.com and keeps the data of its customers safe from anyone else.
`


const git = (repository: string, ...args: string[]) => execFileSync('git', ['-C', repository, ...args], { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } }).trim()

/** A program that leaves `marker` behind when run, and fails. */
function trap(directory: string, marker: string): string {
  const program = path.join(directory, 'trap.sh')
  writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`)
  chmodSync(program, 0o755)
  return program
}

test('a signed commit and log.showSignature with its own gpg.program: the program is never run', async () => {
  const cwd = await workspace()
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [{ path: 'privacy.md', text, date: '2020-01-10', message: 'First' }])
  // The same commit, signed (git verifies a signature by running gpg.program on it).
  const tree = git(repository, 'rev-parse', 'HEAD^{tree}')
  const signed = `tree ${tree}\nauthor T <t@example.com> 1578657600 +0000\ncommitter T <t@example.com> 1578657600 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n AAAA\n -----END PGP SIGNATURE-----\n\nSigned\n`
  const commit = execFileSync('git', ['-C', repository, 'hash-object', '-t', 'commit', '-w', '--stdin'], { input: signed, encoding: 'utf8' }).trim()
  git(repository, 'update-ref', 'refs/heads/main', commit)
  const marker = path.join(cwd, 'ran')
  const program = trap(cwd, marker)
  git(repository, 'config', 'log.showSignature', 'true')
  for (const key of ['gpg.program', 'gpg.openpgp.program', 'gpg.ssh.program', 'gpg.x509.program']) git(repository, 'config', key, program)
  const result = await runCli(['import', '--git', repository, '--path', 'privacy.md'], cwd)
  expect(existsSync(marker)).toBe(false)
  expect(result.code).toBe(0)
  expect(result.stderr).toContain(`(commit ${commit.slice(0, 12)}) into policy/.`)
})

test('a partial clone whose promisor remote names its own upload-pack: no object is fetched, the history is refused', async () => {
  const cwd = await workspace()
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [{ path: 'privacy.md', text, date: '2020-01-10', message: 'First' }])
  // The file's text is missing, as in a partial clone: git would fetch it from the promisor remote,
  // running the upload-pack program its configuration names.
  // fast-import leaves a history this small as loose objects: one is removed.
  const blob = git(repository, 'rev-parse', 'HEAD:privacy.md')
  rmSync(path.join(repository, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
  const marker = path.join(cwd, 'ran')
  const program = trap(cwd, marker)
  git(repository, 'config', 'core.repositoryformatversion', '1')
  git(repository, 'config', 'extensions.partialClone', 'origin')
  git(repository, 'config', 'remote.origin.promisor', 'true')
  git(repository, 'config', 'remote.origin.url', repository)
  git(repository, 'config', 'remote.origin.uploadpack', program)
  git(repository, 'config', 'protocol.file.allow', 'always')
  const result = await runCli(['import', '--git', repository, '--path', 'privacy.md'], cwd)
  expect(existsSync(marker)).toBe(false)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toMatch(new RegExp(`^clausewright: cannot read privacy\\.md at commit ${git(repository, 'rev-parse', 'HEAD')}: `))
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('a commit message with bidirectional and zero-width characters, cut at 200 characters inside an emoji: the releases hold none of them, and check passes them', async () => {
  const cwd = await workspace()
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [
    { path: 'privacy.md', text, date: '2020-01-10', message: 'First' },
    { path: 'privacy.md', text: text.replace('anyone else', 'anybody else'), date: '2020-02-10', message: 'Reword \u202eevil\u202c and\u200b hide\ufeff' },
    // The summary keeps 200 characters of the message: here the 200th is one of two UTF-16 units.
    { path: 'privacy.md', text: text.replace('anyone else', 'anybody at all'), date: '2020-04-10', message: `${'a'.repeat(199)}\u{1f600}\u{1f600}` },
  ])
  const run = () => runCli(['import', '--git', repository, '--path', 'privacy.md', '--name', 'Example Ltd', '--today', '2026-11-30'], cwd)
  expect((await run()).code).toBe(0)
  await fillPlaceholders(cwd)
  const imported = await run()
  expect(imported.stderr).toContain('as 3 releases into policy/releases/')
  expect(imported.code).toBe(0)
  const check = await runCli(['check', '--today', '2026-11-30'], cwd)
  expect(check.stdout + check.stderr).not.toMatch(/:\d+:\d+ error /)
  expect(check.code).toBe(0)
  const summaries = await Promise.all(['2020-01-05.2', '2020-01-05.3'].map(async (version) => (JSON.parse(await readFile(path.join(cwd, 'policy', 'releases', `${version}.json`), 'utf8')) as { summary: string }).summary))
  expect(summaries.map((summary) => /\(“(.*)”\)/u.exec(summary)?.[1])).toEqual(['Reword evil and hide', `${'a'.repeat(199)}\u{1f600}`])
})

test('a history in which the file had a path with a bidirectional or zero-width character (recorded in each release) is refused, named with its commit', async () => {
  const cwd = await workspace()
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [
    { path: 'pri\u202evacy\u200b.md', text, date: '2020-01-10', message: 'First' },
    { path: 'privacy.md', from: 'pri\u202evacy\u200b.md', date: '2020-03-10', message: 'Move' },
  ])
  const result = await runCli(['import', '--git', repository, '--path', 'privacy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing the history: at commit ${git(repository, 'rev-list', '--max-parents=0', 'HEAD')} the file's path \`pri\ufffdvacy\u200b.md\` holds a control or invisible character, < or >, or is longer than 1000 characters`)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('a history in which the file had a path that is not UTF-8 is refused, named with its commit, not read as a version deleted', async () => {
  const cwd = await workspace()
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [{ path: 'privacy.md', text, date: '2020-01-10', message: 'First' }])
  // Moved to a name in Latin-1 (0xE9, é, octal 351 in fast-import's quoting), changed, and moved back.
  const commit = (message: string, change: string, from = '') => `commit refs/heads/main\ncommitter T <t@example.com> 1580000000 +0000\ndata ${message.length}\n${message}\n${from}${change}\n`
  const changed = text.replace('anyone else', 'anybody else')
  const stream = [commit('Latin-1', 'R "privacy.md" "priv\\351.md"\n', 'from refs/heads/main^0\n'), commit('Reword', `M 100644 inline "priv\\351.md"\ndata ${Buffer.byteLength(changed)}\n${changed}\n`), commit('Back', 'R "priv\\351.md" "privacy.md"\n')].join('')
  execFileSync('git', ['-C', repository, 'fast-import', '--quiet'], { input: stream, stdio: ['pipe', 'ignore', 'pipe'] })
  const result = await runCli(['import', '--git', repository, '--path', 'privacy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing the history: at commit ${git(repository, 'rev-parse', 'HEAD~1')} the file's path \`priv\ufffd.md\` is not UTF-8`)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

/** A repository made by git itself, one commit a step: a step changes the work tree, then all of it is committed. */
function repositoryOf(directory: string, steps: ReadonlyArray<readonly [string, (tree: string) => void]>): string[] {
  const repository = path.join(directory, 'repository')
  execFileSync('git', ['init', '-q', '-b', 'main', repository])
  for (const [message, step] of steps) {
    step(repository)
    git(repository, 'add', '-A')
    git(repository, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', message)
  }
  return git(repository, 'rev-list', '--reverse', 'HEAD').split('\n')
}

test('a file that became a directory, and a file again: the directory’s files are no version of it', async () => {
  const cwd = await workspace()
  const commits = repositoryOf(cwd, [
    ['File', (tree) => writeFileSync(path.join(tree, 'privacy.md'), text)],
    ['Directory', (tree) => {
      rmSync(path.join(tree, 'privacy.md'))
      mkdirSync(path.join(tree, 'privacy.md'))
      writeFileSync(path.join(tree, 'privacy.md', 'inside.md'), '# Not the policy\n\nInjected text.\n')
    }],
    ['Changed inside', (tree) => writeFileSync(path.join(tree, 'privacy.md', 'inside.md'), '# Not the policy\n\nMore injected text.\n')],
    ['File again', (tree) => {
      rmSync(path.join(tree, 'privacy.md'), { recursive: true })
      writeFileSync(path.join(tree, 'privacy.md'), text.replace('anyone else', 'anybody else'))
    }],
  ])
  const result = await runCli(['import', '--git', path.join(cwd, 'repository'), '--path', 'privacy.md'], cwd)
  expect(result.stderr).toContain(`imported the newest of 2 commits of privacy.md in ${path.join(cwd, 'repository')} (commit ${commits[3]?.slice(0, 12)}) into policy/.`)
  expect(result.code).toBe(0)
})

test('a file that became a symbolic link is refused, named with its commit: its text would be the link’s target', async () => {
  const cwd = await workspace()
  const commits = repositoryOf(cwd, [
    ['File', (tree) => writeFileSync(path.join(tree, 'privacy.md'), text)],
    ['Link', (tree) => {
      rmSync(path.join(tree, 'privacy.md'))
      symlinkSync('/etc/passwd', path.join(tree, 'privacy.md'))
    }],
    ['File again', (tree) => {
      rmSync(path.join(tree, 'privacy.md'))
      writeFileSync(path.join(tree, 'privacy.md'), text)
    }],
  ])
  const result = await runCli(['import', '--git', path.join(cwd, 'repository'), '--path', 'privacy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing privacy.md at commit ${commits[1]}: it is a symbolic link, not a file`)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('GIT_DIR and the other GIT_* variables of the caller (a hook sets them) do not make git read another repository than --git', async () => {
  const cwd = await workspace()
  const wanted = path.join(cwd, 'wanted')
  const other = path.join(cwd, 'other')
  makeGitRepository(wanted, [{ path: 'privacy.md', text, date: '2020-01-10', message: 'Wanted' }])
  makeGitRepository(other, [{ path: 'privacy.md', text: text.replace('Privacy notice', 'Another notice'), date: '2020-01-10', message: 'Other' }])
  const cli = path.join(repoRoot, 'bin', 'clausewright.js')
  const { stderr } = await promisify(execFile)(process.execPath, [cli, 'import', '--git', wanted, '--path', 'privacy.md'], { cwd, env: { ...process.env, GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other } })
  expect(stderr).toContain(`(commit ${git(wanted, 'rev-parse', 'HEAD').slice(0, 12)}) into policy/.`)
})

test('a file that became a submodule is refused, named with its commit: a submodule has no text of its own', async () => {
  const cwd = await workspace()
  const commits = repositoryOf(cwd, [
    ['File', (tree) => writeFileSync(path.join(tree, 'privacy.md'), text)],
    ['Submodule', (tree) => {
      rmSync(path.join(tree, 'privacy.md'))
      // A repository of its own at the path: git records it as a gitlink, the tree entry of a
      // submodule (mode 160000), naming a commit of that other repository.
      const inner = path.join(tree, 'privacy.md')
      execFileSync('git', ['init', '-q', '-b', 'main', inner])
      writeFileSync(path.join(inner, 'other.md'), text)
      git(inner, 'add', '-A')
      git(inner, '-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'Inner')
    }],
  ])
  const result = await runCli(['import', '--git', path.join(cwd, 'repository'), '--path', 'privacy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing privacy.md at commit ${commits[1]}: it is no file (mode 160000)`)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('a version over 4 MiB is refused before it is read, named with its commit; one of exactly 4 MiB is read', async () => {
  const cwd = await workspace()
  const limit = 4 * 1024 * 1024
  const padded = (size: number) => `${text}\n${'x'.repeat(size - Buffer.byteLength(text) - 2)}\n`
  const repository = path.join(cwd, 'repository')
  makeGitRepository(repository, [
    { path: 'privacy.md', text: padded(limit + 1), date: '2020-01-10', message: 'Over it' },
    { path: 'privacy.md', text: padded(limit), date: '2020-02-10', message: 'At the budget' },
  ])
  const over = await runCli(['import', '--git', repository, '--path', 'privacy.md'], cwd)
  expect(over.code).toBe(2)
  expect(over.stderr.split('\n')[0]).toBe(`clausewright: refusing privacy.md at commit ${git(repository, 'rev-parse', 'HEAD~1')}: more than ${limit} bytes`)
  // The version at the budget alone is read, and imported: the report says what its text gave.
  const at = await runCli(['import', '--git', repository, '--path', 'privacy.md', '--since', '2020-02-01'], cwd)
  expect(at.stderr.split('\n')[0]).toBe(`${git(repository, 'rev-parse', 'HEAD').slice(0, 12)}:privacy.md:1: The title is the first heading, “Privacy notice”. [title]`)
  expect(at.stderr).not.toContain('bytes')
})
