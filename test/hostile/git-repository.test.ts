import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { removedAfterAll } from '../helpers/fixture-policy.ts'
import { makeGitRepository } from '../helpers/git-repository.ts'
import { runCli } from '../helpers/run-cli.ts'

// `import --git` reads a repository someone else may have made: its configuration is theirs, and
// nothing in it may run a program.
const temporary = removedAfterAll()

const text = `# Privacy notice

Last updated: January 5, 2020

## Who we are

Example Ltd runs example.com and keeps the data of its customers safe from anyone else.
`

async function workspace(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-hostile-git-'))
  temporary.push(directory)
  return directory
}

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
