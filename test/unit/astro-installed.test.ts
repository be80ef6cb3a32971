import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { assertAstroInstalled } from '../../src/astro/build-site.ts'
import { ClausewrightError } from '../../src/diagnostics/diagnostic.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

const temporary = removedAfterAll()

// astro is an optional peer dependency of the package: `build` looks for it where the Astro child
// would run, before it starts anything (the whole install without it: test/package/).
test('build refuses, naming what to install, where astro cannot be found; and goes on where it can', async () => {
  const project = await mkdtemp(path.join(tmpdir(), 'clausewright-no-astro-'))
  temporary.push(project)
  const refusal = (() => {
    try {
      assertAstroInstalled(project)
    } catch (error) {
      return error
    }
    return undefined
  })()
  expect(refusal).toBeInstanceOf(ClausewrightError)
  expect(refusal).toMatchObject({ code: 'astro-missing', message: expect.stringMatching(/^building the site needs Astro, which is not installed: `npm install astro@7` beside clausewright/) })
  // A package named astro beside the project is enough: it is what the child would import.
  await mkdir(path.join(project, 'node_modules', 'astro'), { recursive: true })
  await writeFile(path.join(project, 'node_modules', 'astro', 'package.json'), '{ "name": "astro", "version": "7.0.0", "exports": { "./package.json": "./package.json" } }\n')
  expect(() => assertAstroInstalled(project)).not.toThrow()
  // This repository's own astro (a devDependency, so that its site builds).
  expect(() => assertAstroInstalled()).not.toThrow()
})
