import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { editPolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

const temporary = removedAfterAll()

// A clause that check accepts: a quote in the text, then a link whose title holds markup. Each is
// escaped by the renderer; removing ids from the HTML with a pattern took the text's `id="` as the
// start of an attribute and ended it inside the title, which freed the markup on the change page.
const clause = `---
id: extra
title: Extra
---

Hello id="[our site](https://example.com "<img src=x onerror=document.body.className='PWNED'>")
`

test('an added clause whose text looks like an attribute runs nothing on its change page', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-change-page-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-01-01')
  await editPolicy(cwd, 'policy.yaml', '  - complaints\n', '  - complaints\n  - extra\n')
  await writeFile(path.join(cwd, 'policy/clauses/extra.md'), clause)

  const released = await runCli(['release', '--summary', 'A clause added.', '--today', '2026-11-29'], cwd)
  expect(released.code, released.stderr).toBe(0)
  const built = await runCli(['build', '--quiet', '--today', '2026-11-29'], cwd)
  expect(built.code, built.stderr).toBe(0)
  expect(await findExecutableVectors(path.join(cwd, 'dist'))).toEqual([])
})
