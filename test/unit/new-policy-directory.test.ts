import { mkdir, mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { writePolicyDirectory } from '../../src/cli/new-directory.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// Writing a new policy into an empty directory (`init --dir .`, `import`): a write that fails half
// way leaves the directory as empty as it was, the files and folders written before it removed.
const temporary = removedAfterAll()

test('a file that cannot be written into an empty directory: refused, named, and everything written before it removed', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-new-directory-'))
  temporary.push(cwd)
  const directory = path.join(cwd, 'policy')
  await mkdir(directory)
  // A name longer than a file system allows (255 bytes), in a folder written first.
  const files = new Map([
    ['data.yaml', 'dataCategories: []\n'],
    ['clauses/a.md', 'A'],
    [`clauses/${'x'.repeat(300)}.md`, 'B'],
    ['policy.yaml', 'id: p\n'],
  ])
  await expect(writePolicyDirectory(directory, 'policy', files)).rejects.toThrow('refusing to write a policy into policy: its name is too long for the file system')
  expect(await readdir(directory)).toEqual([])
})
