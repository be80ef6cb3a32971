import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'

export interface OutputGuard {
  readonly cwd: string
  readonly policyDirectory: string
}

/**
 * Fills a fresh directory beside the output, then swaps it into place: a reader, or a build that
 * fails half-way (a page that throws), never sees a half-written output, and the previous output
 * stays as it was until the new one is complete.
 */
export async function replaceDirectory(outDirectory: string, guard: OutputGuard, fill: (staging: string) => Promise<void>): Promise<void> {
  const out = assertSafeOutput(outDirectory, guard)
  const existing = await stat(out).catch(() => undefined)
  if (existing && !existing.isDirectory()) throw new ClausewrightError('unsafe-output', `refusing to replace the file \`${outDirectory}\` with the output directory`)

  const parent = path.dirname(out)
  await mkdir(parent, { recursive: true })
  const staging = await mkdtemp(path.join(parent, `.${path.basename(out)}-building-`))
  try {
    // mkdtemp makes the directory private; the output is for publishing.
    await chmod(staging, 0o755)
    await fill(staging)
    if (existing) {
      const retired = `${staging}-previous`
      await rename(out, retired)
      await rename(staging, out)
      await rm(retired, { recursive: true, force: true })
    } else {
      await rename(staging, out)
    }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** The absolute output directory, unless it would replace the working directory, the policy or a root. */
export function assertSafeOutput(outDirectory: string, guard: OutputGuard): string {
  const out = path.resolve(guard.cwd, outDirectory)
  const policy = path.resolve(guard.cwd, guard.policyDirectory)
  if (out === path.parse(out).root || isInsideOrSame(out, guard.cwd) || isInsideOrSame(out, policy) || isInsideOrSame(policy, out)) {
    throw new ClausewrightError('unsafe-output', `refusing to write the output to \`${outDirectory}\`: it would replace the working directory or the policy; choose a directory of its own, such as dist`)
  }
  return out
}

/** Writes files (paths relative to `directory`, `/`-separated) into a directory. */
export async function writeFiles(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  const directories = new Set([...files.keys()].map((name) => path.dirname(path.join(directory, name))))
  for (const parent of [...directories].sort()) await mkdir(parent, { recursive: true })
  // A few writes at a time: one after the other, a thousand files of a long history took a second.
  const queue = [...files]
  const writeNext = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await writeFile(path.join(directory, next[0]), next[1])
  }
  await Promise.all(Array.from({ length: 8 }, writeNext))
}

/** Every file below a directory, relative and `/`-separated, sorted. */
export async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

/** True when `inner` is `outer` or lies inside it. */
function isInsideOrSame(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
