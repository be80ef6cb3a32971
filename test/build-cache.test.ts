import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { removedAfterAll } from './helpers/fixture-policy.ts'
import { buildInProcess, optsmCopy } from './helpers/shared-builds.ts'

// What `clausewright build` keeps for the next build (the pages of the releases) when a kept page
// was changed. A file of its own beside build.test.ts, so that the two run at the same time: a build
// mostly waits for its Astro process, which leaves a core to the other. (A cache that cannot be
// written: build.test.ts.)
const temporary = removedAfterAll()

const build = buildInProcess
const copyOfOptsm = () => optsmCopy(temporary)

test.concurrent('a kept page edited in place through the output is not used again: the release is rendered anew', async () => {
  const cwd = await copyOfOptsm()
  const cache = await mkdtemp(path.join(tmpdir(), 'clausewright-cache-'))
  temporary.push(cache)
  const env = { CLAUSEWRIGHT_CACHE_DIR: cache }
  await build(cwd, ['--out', 'first'], env)
  const page = path.join(cwd, 'first', 'versions', '2019-01-25', 'index.html')
  const original = await readFile(page, 'utf8')
  // The output's page is a hard link to the kept one: writing into it changes both.
  await writeFile(page, original.replace('</main>', '<p>tampered</p></main>'))
  const again = await build(cwd, ['--out', 'second'], env)
  expect(again.stderr).toMatch(/\(\d+ ms; 1 of 1 diffs from the cache\)\n/)
  expect(await readFile(path.join(cwd, 'second', 'versions', '2019-01-25', 'index.html'), 'utf8')).toBe(original)
  const third = await build(cwd, ['--out', 'third'], env)
  expect(third.stderr).toMatch(/the pages of 1 release from the cache\)\n/)
  expect(await readFile(path.join(cwd, 'third', 'versions', '2019-01-25', 'index.html'), 'utf8')).toBe(original)
}, 120_000)
