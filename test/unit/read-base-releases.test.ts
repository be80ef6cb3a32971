import { execFile } from 'node:child_process'
import { chmod, mkdir, mkdtemp, realpath, rename, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, test } from 'vitest'
import { readBaseReleases } from '../../src/source/read-base-releases.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// What `check --base` reads of a commit: the release files of the policy directory, byte for byte,
// through git itself. A throwaway repository whose policy lies in a subdirectory (`site/policy`).
const run = promisify(execFile)
const gitEnv = { PATH: process.env['PATH'] ?? '', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2020-02-29T12:00:00Z', GIT_COMMITTER_DATE: '2020-02-29T12:00:00Z' }
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd, env: gitEnv })).stdout
const temporary = removedAfterAll()

// Contents chosen to catch an offset off by one in the batch reader: an empty file, line feeds
// inside and at the end, a file that ends without one, bytes that are not UTF-8.
const releases: Record<string, Buffer> = {
  'releases/2019-01-25.json': Buffer.from('{\n  "version": "2019-01-25"\n}\n'),
  'releases/2020-03-01.json': Buffer.from('{"version":"2020-03-01"}'),
  'releases/empty.json': Buffer.alloc(0),
  'releases/a name\twith a tab.json': Buffer.from('\n\n'),
  'releases/bytes.json': Buffer.from([0xff, 0x0a, 0x00, 0x0a, 0xfe]),
}

let repository: string
let project: string
let commit: string

function refusal(code: string, message: string) {
  return expect.objectContaining({ name: 'ClausewrightError', code, message })
}

beforeAll(async () => {
  repository = await realpath(await mkdtemp(path.join(tmpdir(), 'clausewright-base-')))
  temporary.push(repository)
  project = path.join(repository, 'site')
  await mkdir(path.join(project, 'policy', 'releases', 'nested'), { recursive: true })
  for (const [name, bytes] of Object.entries(releases)) await writeFile(path.join(project, 'policy', name), bytes)
  // Not read: what is not a .json file, what lies deeper, what lies outside releases/.
  await writeFile(path.join(project, 'policy', 'releases', 'notes.txt'), 'not a release\n')
  await writeFile(path.join(project, 'policy', 'releases', 'nested', 'deep.json'), '{}\n')
  await writeFile(path.join(project, 'policy', 'policy.yaml'), 'title: x\n')
  await writeFile(path.join(project, 'releases.json'), '{}\n')
  // A directory whose name ends in .json is no release file.
  await mkdir(path.join(project, 'policy', 'releases', 'folder.json'))
  await writeFile(path.join(project, 'policy', 'releases', 'folder.json', 'inner.json'), '{}\n')
  await git(repository, 'init', '--quiet', '--initial-branch=main')
  await git(repository, 'add', '.')
  await git(repository, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'The base')
  await git(repository, 'tag', 'published')
  commit = (await git(repository, 'rev-parse', 'HEAD')).trim()
  // After the base: a release added and one changed, which the base does not show.
  await writeFile(path.join(project, 'policy', 'releases', '2021-01-01.json'), '{}\n')
  await writeFile(path.join(project, 'policy', 'releases', '2020-03-01.json'), '{"forged":true}')
})

describe('the release files at a commit', () => {
  test('every .json file directly in releases/, byte for byte, by its name in the policy', async () => {
    const base = await readBaseReleases(path.join(project, 'policy'), 'main', gitEnv)
    expect(base.ref).toBe('main')
    expect(base.commit).toBe(commit)
    expect(new Map([...base.files].map(([name, bytes]) => [name, [...bytes]]))).toEqual(new Map(Object.entries(releases).map(([name, bytes]) => [name, [...bytes]])))
  })

  test('any ref that names a commit will do: a tag, a commit id, an expression', async () => {
    for (const ref of ['published', commit, 'main~0']) {
      const base = await readBaseReleases(path.join(project, 'policy'), ref, gitEnv)
      expect(base.ref).toBe(ref)
      expect(base.commit).toBe(commit)
      expect([...base.files.keys()].sort()).toEqual(Object.keys(releases).sort())
    }
  })

  test('a policy directory named relative to the working directory of the process is found as well', async () => {
    const relative = path.relative(process.cwd(), path.join(project, 'policy'))
    expect((await readBaseReleases(relative, 'main', gitEnv)).files.size).toBe(5)
  })

  test('a directory with no releases at the base reads as none', async () => {
    const other = path.join(project, 'other')
    await mkdir(other, { recursive: true })
    const base = await readBaseReleases(other, 'main', gitEnv)
    expect(base.files).toEqual(new Map())
  })

  test('where the base holds a release under both names of the policy directory, the name given wins', async () => {
    const other = await realpath(await mkdtemp(path.join(tmpdir(), 'clausewright-base-both-')))
    temporary.push(other)
    await mkdir(path.join(other, 'policy', 'releases'), { recursive: true })
    await mkdir(path.join(other, 'policy-new', 'releases'), { recursive: true })
    await writeFile(path.join(other, 'policy', 'releases', '2019-01-25.json'), 'under the name given\n')
    await writeFile(path.join(other, 'policy-new', 'releases', '2019-01-25.json'), 'under the real path\n')
    await git(other, 'init', '--quiet', '--initial-branch=main')
    await git(other, 'add', '.')
    await git(other, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'Both')
    await rename(path.join(other, 'policy'), path.join(other, 'policy-old'))
    await symlink('policy-new', path.join(other, 'policy'))
    const base = await readBaseReleases(path.join(other, 'policy'), 'main', gitEnv)
    expect(new Map([...base.files].map(([name, bytes]) => [name, bytes.toString()]))).toEqual(new Map([['releases/2019-01-25.json', 'under the name given\n']]))
  })

  test('a policy directory turned into a link to a new directory still finds the releases the base holds under its name', async () => {
    const clone = await mkdtemp(path.join(tmpdir(), 'clausewright-base-clone-'))
    temporary.push(clone)
    await git(clone, 'clone', '--quiet', repository, 'clone')
    const site = path.join(await realpath(clone), 'clone', 'site')
    await rename(path.join(site, 'policy'), path.join(site, 'policy-new'))
    await symlink('policy-new', path.join(site, 'policy'))
    const base = await readBaseReleases(path.join(site, 'policy'), 'origin/main', gitEnv)
    expect([...base.files.keys()].sort()).toEqual(Object.keys(releases).sort())
    expect(base.files.get('releases/2019-01-25.json')?.toString()).toBe('{\n  "version": "2019-01-25"\n}\n')
  })
})

describe('refusals', () => {
  test.each(['', '-', '--output=/tmp/x', '-h'])('a ref that could be read as an option is refused before git runs: %j', async (ref) => {
    await expect(readBaseReleases(path.join(project, 'policy'), ref, gitEnv)).rejects.toThrow(
      refusal('base-ref-invalid', `unexpected --base \`${ref}\`, expected a git ref (a branch, a tag or a commit), which never starts with \`-\``),
    )
  })

  test('a policy directory that does not exist', async () => {
    await expect(readBaseReleases(path.join(project, 'absent'), 'main', gitEnv)).rejects.toThrow(
      refusal('base-no-repository', `cannot compare with --base: the policy directory \`${path.join(project, 'absent')}\` does not exist`),
    )
  })

  test('a policy directory outside any git repository', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-no-git-'))
    temporary.push(directory)
    await expect(readBaseReleases(directory, 'main', { ...gitEnv, GIT_CEILING_DIRECTORIES: path.dirname(directory) })).rejects.toThrow(
      refusal('git-failed', `cannot compare with --base: the policy directory \`${directory}\` is not in a git repository (git: fatal: not a git repository (or any of the parent directories): .git)`),
    )
  })

  test('a ref that names no commit, with git\'s own first line', async () => {
    await expect(readBaseReleases(path.join(project, 'policy'), 'no-such-branch', gitEnv)).rejects.toThrow(
      refusal('git-failed', 'cannot compare with --base: the git ref `no-such-branch` does not exist (or names no commit); fetch it first (`git fetch origin <branch>`)'),
    )
  })

  test('a ref that names a tree, not a commit', async () => {
    await expect(readBaseReleases(path.join(project, 'policy'), 'main^{tree}', gitEnv)).rejects.toThrow(refusal('git-failed', expect.stringContaining('the git ref `main^{tree}` does not exist (or names no commit)')))
  })

  test('no git on PATH', async () => {
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', { ...gitEnv, PATH: '/nonexistent' })).rejects.toThrow(refusal('git-missing', 'cannot compare with --base: git is not installed (no `git` on PATH)'))
  })
})

describe('a git that answers what it should not', () => {
  // A `git` first on PATH that passes everything to the real one but `cat-file`, where it fails or talks nonsense.
  async function gitWhoseCatFile(script: string): Promise<Record<string, string>> {
    const bin = await mkdtemp(path.join(tmpdir(), 'clausewright-fake-git-'))
    temporary.push(bin)
    const real = (await run('sh', ['-c', 'command -v git'], { env: gitEnv })).stdout.trim()
    await writeFile(path.join(bin, 'git'), `#!/bin/sh\nif [ "$1" = cat-file ]; then\n${script}\nfi\nexec ${real} "$@"\n`)
    await chmod(path.join(bin, 'git'), 0o755)
    return { ...gitEnv, PATH: `${bin}:${gitEnv.PATH}` }
  }

  test('a cat-file that fails is reported with its own words', async () => {
    const env = await gitWhoseCatFile('cat >/dev/null; echo "fatal: object store broken" >&2; exit 3')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', 'cannot read the base releases (git cat-file: fatal: object store broken)'))
  })

  test('a cat-file that fails silently is reported with its exit status', async () => {
    const env = await gitWhoseCatFile('cat >/dev/null; exit 4')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', 'cannot read the base releases (git cat-file: exit status 4)'))
  })

  test('a cat-file that names an object missing is refused, quoting its answer', async () => {
    const env = await gitWhoseCatFile('read object; echo "$object missing"; cat >/dev/null; exit 0')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', expect.stringMatching(/^cannot read the base releases \(git cat-file answered `[0-9a-f]{40} missing`\)$/)))
  })

  test('a cat-file whose size is no number is refused', async () => {
    const env = await gitWhoseCatFile('read object; echo "$object blob many"; cat >/dev/null; exit 0')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', expect.stringMatching(/^cannot read the base releases \(git cat-file answered `[0-9a-f]{40} blob many`\)$/)))
  })

  test('a cat-file whose last header has no line end is refused', async () => {
    const env = await gitWhoseCatFile('read object; printf "%s blob 2\\n{}\\n%s blob 2" "$object" "$object"; cat >/dev/null; exit 0')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', expect.stringMatching(/^cannot read the base releases \(git cat-file answered `[0-9a-f]{40} blob ?2?`\)$/)))
  })

  test('a cat-file that answers with an object other than a blob is refused', async () => {
    const env = await gitWhoseCatFile('read object; printf "%s tree 2\\n{}\\n" "$object"; cat >/dev/null; exit 0')
    await expect(readBaseReleases(path.join(project, 'policy'), 'main', env)).rejects.toThrow(refusal('git-failed', expect.stringMatching(/^cannot read the base releases \(git cat-file answered `[0-9a-f]{40} tree 2`\)$/)))
  })
})
