import { execFileSync } from 'node:child_process'
import { link, mkdir, mkdtemp, readdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { isInside, placePath, readFileInside } from '../../src/source/read-inside.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// The reader of every policy file: what it reads, and each way it refuses, one case at a time on a
// real directory (test/hostile/symlinks.test.ts attacks it through the whole check).
const temporary = removedAfterAll()
let root: string
let policy: string
let outside: string

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'clausewright-read-inside-')))
  temporary.push(root)
  policy = path.join(root, 'policy')
  outside = path.join(root, 'outside')
  await mkdir(path.join(policy, 'clauses'), { recursive: true })
  await mkdir(outside)
  await writeFile(path.join(policy, 'policy.yaml'), 'title: Privacy policy\n')
  await writeFile(path.join(policy, 'empty.md'), '')
  await writeFile(path.join(outside, 'secret.txt'), 'secret\n')
  await symlink(path.join(outside, 'secret.txt'), path.join(policy, 'to-secret'))
  await symlink('policy.yaml', path.join(policy, 'to-policy'))
  await symlink(outside, path.join(policy, 'to-outside'))
  await symlink(path.join(policy, 'nowhere'), path.join(policy, 'dangling'))
  await writeFile(path.join(policy, 'linked.md'), 'two names\n')
  await link(path.join(policy, 'linked.md'), path.join(outside, 'linked.md'))
  execFileSync('mkfifo', [path.join(policy, 'fifo')])
})

describe('placePath', () => {
  test('a file inside is placed at its real path', async () => {
    expect(await placePath(policy, path.join(policy, 'policy.yaml'))).toEqual({ kind: 'inside', real: path.join(policy, 'policy.yaml') })
  })

  test('a link to a file inside is placed at the file it leads to', async () => {
    expect(await placePath(policy, path.join(policy, 'to-policy'))).toEqual({ kind: 'inside', real: path.join(policy, 'policy.yaml') })
  })

  test('the root itself is inside', async () => {
    expect(await placePath(policy, policy)).toEqual({ kind: 'inside', real: policy })
  })

  test('a link leading outside is outside, with no path given', async () => {
    expect(await placePath(policy, path.join(policy, 'to-secret'))).toEqual({ kind: 'outside' })
    expect(await placePath(policy, path.join(policy, 'to-outside', 'secret.txt'))).toEqual({ kind: 'outside' })
  })

  test('a link to nothing is dangling, and nothing at all is missing', async () => {
    expect(await placePath(policy, path.join(policy, 'dangling'))).toEqual({ kind: 'dangling' })
    expect(await placePath(policy, path.join(policy, 'absent.md'))).toEqual({ kind: 'missing' })
  })
})

describe('readFileInside', () => {
  test('a file inside is read whole, and an empty one as no bytes', async () => {
    const read = await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)
    expect(read).toEqual({ bytes: Buffer.from('title: Privacy policy\n') })
    expect(await readFileInside(policy, path.join(policy, 'empty.md'), 1000)).toEqual({ bytes: Buffer.alloc(0) })
  })

  test('a file of exactly the budget is read; one byte more is too large, with its size', async () => {
    const size = 'title: Privacy policy\n'.length
    expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), size)).toEqual({ bytes: Buffer.from('title: Privacy policy\n') })
    expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), size - 1)).toEqual({ problem: 'too-large', size })
  })

  test('a file far over the budget is too large with its own size, read no further', async () => {
    expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 5)).toEqual({ problem: 'too-large', size: 'title: Privacy policy\n'.length })
  })

  test('every handle opened is closed again, whatever the answer', async () => {
    const open = async () => (await readdir('/proc/self/fd')).length
    const before = await open()
    for (let round = 0; round < 20; round++) {
      await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)
      await readFileInside(policy, path.join(policy, 'policy.yaml'), 5)
      await readFileInside(policy, path.join(policy, 'clauses'), 1000)
      await readFileInside(policy, path.join(policy, 'linked.md'), 1000)
    }
    expect(await open()).toBe(before)
  })

  test('a symbolic link is not followed, whether it leads inside or outside', async () => {
    expect(await readFileInside(policy, path.join(policy, 'to-policy'), 1000)).toEqual({ problem: 'link' })
    expect(await readFileInside(policy, path.join(policy, 'to-secret'), 1000)).toEqual({ problem: 'link' })
  })

  test('a file reached through a linked directory that leads outside is refused as outside', async () => {
    expect(await readFileInside(policy, path.join(policy, 'to-outside', 'secret.txt'), 1000)).toEqual({ problem: 'outside' })
  })

  test('a missing file, and a path through a file, are missing', async () => {
    expect(await readFileInside(policy, path.join(policy, 'absent.md'), 1000)).toEqual({ problem: 'missing' })
    expect(await readFileInside(policy, path.join(policy, 'policy.yaml', 'below'), 1000)).toEqual({ problem: 'missing' })
  })

  test('a directory and a FIFO are not files (the FIFO opens at once and is refused, not waited on)', async () => {
    expect(await readFileInside(policy, path.join(policy, 'clauses'), 1000)).toEqual({ problem: 'not-a-file' })
    expect(await readFileInside(policy, path.join(policy, 'fifo'), 1000)).toEqual({ problem: 'not-a-file' })
  })

  test('a file with a second name is refused with its number of names', async () => {
    expect(await readFileInside(policy, path.join(policy, 'linked.md'), 1000)).toEqual({ problem: 'hard-link', links: 2 })
  })

  test('an error that is no refusal is thrown as it is', async () => {
    await expect(readFileInside(policy, path.join(policy, 'x'.repeat(300)), 1000)).rejects.toThrow(expect.objectContaining({ code: 'ENAMETOOLONG' }))
  })

  // A file of /proc reports size 0 and holds more: what a file that grew after its size was read looks like.
  test('a file that holds more than its size said is read to its end, within the budget', async () => {
    const proc = await realpath('/proc/self')
    const cmdline = await readFile(path.join(proc, 'cmdline'))
    expect(cmdline.length).toBeGreaterThan(3)
    expect(await readFileInside(proc, path.join(proc, 'cmdline'), 1_000_000)).toEqual({ bytes: cmdline })
    expect(await readFileInside(proc, path.join(proc, 'cmdline'), cmdline.length)).toEqual({ bytes: cmdline })
  })

  test('a file that grew past the budget after its size was read is too large, counted to one byte past the budget', async () => {
    const proc = await realpath('/proc/self')
    expect(await readFileInside(proc, path.join(proc, 'cmdline'), 0)).toEqual({ problem: 'too-large', size: 1 })
    expect(await readFileInside(proc, path.join(proc, 'cmdline'), 2)).toEqual({ problem: 'too-large', size: 3 })
  })
})

describe('isInside', () => {
  test.each([
    ['/a/policy', '/a/policy', true],
    ['/a/policy', '/a/policy/clauses/x.md', true],
    ['/a/policy', '/a/policy/..x', true],
    ['/a/policy', '/a/policy/..', false],
    ['/a/policy', '/a', false],
    ['/a/policy', '/a/policy-other/x', false],
    ['/a/policy', '/a/other', false],
    ['/a/policy', '/b', false],
  ])('%s holds %s: %s', (rootPath, target, expected) => {
    expect(isInside(rootPath, target)).toBe(expected)
  })
})
