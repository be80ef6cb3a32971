import type * as fsPromises from 'node:fs/promises'
import { mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, beforeEach, expect, test, vi } from 'vitest'
import { readFileInside } from '../../src/source/read-inside.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// Where /proc does not name the file a handle holds (macOS, Windows), the reader follows the path
// again and must find the very file it opened. Here /proc is taken away: `readlink` of a handle
// answers what `held` says, and may first change the disk, as a link swapped between the open and
// the check would.
const proc = vi.hoisted(() => ({ held: undefined as string | undefined, meanwhile: async (): Promise<void> => {} }))

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof fsPromises>()
  const readlink = async (target: string) => {
    if (!String(target).startsWith('/proc/self/fd/')) return original.readlink(target)
    await proc.meanwhile()
    if (proc.held === undefined) throw Object.assign(new Error('no /proc'), { code: 'ENOENT' })
    return proc.held
  }
  return { ...original, default: { ...original, readlink }, readlink }
})

const temporary = removedAfterAll()
let policy: string
let outside: string

beforeAll(async () => {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'clausewright-without-proc-')))
  temporary.push(root)
  policy = path.join(root, 'policy')
  outside = path.join(root, 'outside')
  await mkdir(policy)
  await mkdir(outside)
  await writeFile(path.join(outside, 'secret.txt'), 'secret\n')
  await symlink(outside, path.join(policy, 'to-outside'))
})

beforeEach(async () => {
  proc.held = undefined
  proc.meanwhile = async () => {}
  await writeFile(path.join(policy, 'policy.yaml'), 'title: Privacy policy\n')
})

test('a file inside, found again at the same place, is read', async () => {
  expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)).toEqual({ bytes: Buffer.from('title: Privacy policy\n') })
})

test('a handle /proc names with no path (a pipe) is placed by its path instead', async () => {
  proc.held = 'pipe:[4026531840]'
  expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)).toEqual({ bytes: Buffer.from('title: Privacy policy\n') })
})

test('a file whose path leads outside is refused', async () => {
  expect(await readFileInside(policy, path.join(policy, 'to-outside', 'secret.txt'), 1000)).toEqual({ problem: 'outside' })
})

test('a file swapped for another after it was opened is refused: the path no longer leads to the file opened', async () => {
  proc.meanwhile = async () => {
    await rename(path.join(policy, 'policy.yaml'), path.join(policy, 'opened.yaml'))
    await writeFile(path.join(policy, 'policy.yaml'), 'title: Swapped in\n')
  }
  expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)).toEqual({ problem: 'outside' })
})

test('a file removed after it was opened is refused: the path leads nowhere', async () => {
  proc.meanwhile = async () => {
    await rm(path.join(policy, 'policy.yaml'))
  }
  expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)).toEqual({ problem: 'outside' })
})

test('where /proc names the handle, its word is taken', async () => {
  proc.held = path.join(outside, 'secret.txt')
  expect(await readFileInside(policy, path.join(policy, 'policy.yaml'), 1000)).toEqual({ problem: 'outside' })
})
