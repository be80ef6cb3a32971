import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const fixturesRoot = path.join(repoRoot, 'test', 'fixtures')
export const basePolicy = path.join(fixturesRoot, 'base', 'policy')

/** A change to the base fixture policy: text replacements, added or overwritten files, removed files. */
export interface PolicyCase {
  readonly description: string
  readonly replace?: ReadonlyArray<{ readonly file: string; readonly find: string; readonly with: string }>
  readonly add?: Readonly<Record<string, string>>
  readonly remove?: readonly string[]
}

/** Copies the base policy into a fresh temporary directory (as `<dir>/policy`) and applies a case. */
export async function makePolicy(change: PolicyCase = { description: 'base' }): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-'))
  const policy = path.join(directory, 'policy')
  await cp(basePolicy, policy, { recursive: true })
  for (const { file, find, with: replacement } of change.replace ?? []) {
    const target = path.join(policy, file)
    const text = await readFile(target, 'utf8')
    // A fixture whose text is not found would silently test the base policy.
    if (!text.includes(find)) throw new Error(`Fixture "${change.description}": ${file} does not contain ${JSON.stringify(find)}`)
    await writeFile(target, text.replace(find, replacement))
  }
  for (const [file, text] of Object.entries(change.add ?? {})) {
    await mkdir(path.dirname(path.join(policy, file)), { recursive: true })
    await writeFile(path.join(policy, file), text)
  }
  for (const file of change.remove ?? []) await rm(path.join(policy, file), { recursive: true })
  return directory
}

/** Replaces text in a file of `<directory>/policy`, failing loudly when the text is not there. */
export async function editPolicy(directory: string, file: string, find: string, replacement: string): Promise<void> {
  const target = path.join(directory, 'policy', file)
  const text = await readFile(target, 'utf8')
  if (!text.includes(find)) throw new Error(`${file} does not contain ${JSON.stringify(find)}`)
  await writeFile(target, text.replace(find, replacement))
}

/**
 * The environment a person's shell would give a child process (`astro dev`, `astro build`):
 * this one without vitest's (NODE_ENV=test, VITEST…), which changes how Astro and Vite behave.
 */
export function personEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'))), ...extra }
}

/** The directories a test file makes, removed after its tests: push each one made. */
export function removedAfterAll(): string[] {
  const directories: string[] = []
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })))
  })
  return directories
}

/** A maker of new temporary directories (`<tmp>/<prefix>…`), each removed after the file's tests. */
export function temporaryDirectories(prefix: string): () => Promise<string> {
  const directories = removedAfterAll()
  return async () => {
    const directory = await mkdtemp(path.join(tmpdir(), prefix))
    directories.push(directory)
    return directory
  }
}
