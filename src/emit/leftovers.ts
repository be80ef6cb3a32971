import { randomBytes } from 'node:crypto'
import { lstat, readdir, rm } from 'node:fs/promises'
import path from 'node:path'

/**
 * The work of a build (a staging directory, Astro's output) carries the builder's process id in
 * its name, so that the next build can tell what a killed build left from what a running one is
 * still writing: `<prefix><pid>-<8 hex digits><suffix>`.
 */
export function workName(prefix: string): string {
  return `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`
}

/** The process id in a name made by `workName` with this prefix and one of these suffixes. */
export function builderOf(name: string, prefix: string, suffixes: readonly string[] = ['']): number | undefined {
  return parseWorkName(name, prefix, suffixes)?.pid
}

/** The builder's process id, and the name as `workName` made it (without the suffix). */
function parseWorkName(name: string, prefix: string, suffixes: readonly string[]): { pid: number; stem: string } | undefined {
  if (!name.startsWith(prefix)) return undefined
  for (const suffix of [...suffixes].sort((a, b) => b.length - a.length)) {
    if (!name.endsWith(suffix)) continue
    const stem = name.slice(0, name.length - suffix.length)
    const match = /^([1-9]\d{0,9})-[0-9a-f]{8}$/.exec(stem.slice(prefix.length))
    if (match) return { pid: Number(match[1]), stem }
  }
  return undefined
}

/** True unless the process is provably gone (a process we may not signal is alive). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/**
 * Removes the work of builds in a directory (the entries named by `workName` with this prefix)
 * that no build needs any more: those of ended processes, and this process's own unless `mine`
 * still holds them (without `mine`, this process's are left alone), except what `keep` names (read
 * again before each removal: the output's current generation may change under us). Links are
 * removed, never followed. What cannot be removed stays for a later build: clearing up never fails
 * the one that runs.
 */
export async function removeLeftovers(
  directory: string,
  prefix: string,
  suffixes: readonly string[],
  options: { readonly keep?: () => Promise<ReadonlySet<string>>; readonly mine?: ReadonlySet<string> } = {},
): Promise<string[]> {
  const names = await readdir(directory).catch(() => [])
  const done = names.filter((name) => {
    const work = parseWorkName(name, prefix, suffixes)
    if (work === undefined) return false
    // A generation of this process and its link on the way: both in use while it is in `mine`.
    return work.pid === process.pid ? options.mine !== undefined && !options.mine.has(work.stem) : !isAlive(work.pid)
  })
  const removed: string[] = []
  for (const name of done.sort()) {
    if ((await options.keep?.())?.has(name)) continue
    const entry = path.join(directory, name)
    const stats = await lstat(entry).catch(() => undefined)
    if (!stats) continue
    const gone = await rm(entry, { recursive: stats.isDirectory(), force: true }).then(
      () => true,
      () => false,
    )
    if (gone) removed.push(name)
  }
  return removed
}
