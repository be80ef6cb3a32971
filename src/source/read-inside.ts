import { constants } from 'node:fs'
import { type FileHandle, lstat, open, readlink, realpath, stat } from 'node:fs/promises'
import path from 'node:path'

/** Where a path of the policy leads, judged by its real path (every link on the way followed). */
export type Placement = { readonly kind: 'inside'; readonly real: string } | { readonly kind: 'outside' } | { readonly kind: 'dangling' } | { readonly kind: 'missing' }

/** Follows `absolute` to its real path and says whether that lies inside `realRoot` (itself a real path). */
export async function placePath(realRoot: string, absolute: string): Promise<Placement> {
  const entry = await lstat(absolute).catch(() => undefined)
  if (!entry) return { kind: 'missing' }
  const real = await realpath(absolute).catch(() => undefined)
  if (real === undefined) return { kind: 'dangling' }
  return isInside(realRoot, real) ? { kind: 'inside', real } : { kind: 'outside' }
}

export type InsideRead =
  | { readonly bytes: Buffer }
  | { readonly problem: 'missing' | 'link' | 'outside' | 'not-a-file' }
  | { readonly problem: 'hard-link'; readonly links: number }
  | { readonly problem: 'too-large'; readonly size: number }

// O_NOFOLLOW: a last component that is a link (or was swapped for one since it was checked) fails
// to open instead of being followed. O_NONBLOCK: a FIFO opens at once (and is refused) instead of
// hanging the read.
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/**
 * Reads a file through one handle, and only if the file that handle holds lies inside `realRoot`:
 * a check of the path followed by a read of the path would follow a link swapped in between. A
 * link is not followed (`link`): the caller places it with `placePath` and reads its real path.
 */
export async function readFileInside(realRoot: string, absolute: string, maxBytes: number): Promise<InsideRead> {
  let handle: FileHandle
  try {
    handle = await open(absolute, openFlags)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') return { problem: 'link' }
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' }
    throw error
  }
  try {
    const stats = await handle.stat()
    if (!(await handleIsInside(realRoot, handle, absolute, stats))) return { problem: 'outside' }
    if (!stats.isFile()) return { problem: 'not-a-file' }
    // A file with another name may have it outside the policy (a secret linked in): no path tells.
    // Git never checks out hard links, so a policy file has one name.
    if (stats.nlink > 1) return { problem: 'hard-link', links: stats.nlink }
    if (stats.size > maxBytes) return { problem: 'too-large', size: stats.size }
    return await readAtMost(handle, stats.size, maxBytes)
  } finally {
    await handle.close()
  }
}

/**
 * Whether the file open in `handle` is inside `realRoot`. On Linux, /proc names the file the handle
 * holds, whatever happened to the path since; elsewhere the path is followed again and must still
 * lead to the same file (device and inode), which leaves a narrow window for a link swapped back
 * and forth between the open and this check.
 */
async function handleIsInside(realRoot: string, handle: FileHandle, absolute: string, stats: { dev: number; ino: number }): Promise<boolean> {
  const held = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined)
  if (held !== undefined && path.isAbsolute(held)) return isInside(realRoot, held)
  const real = await realpath(absolute).catch(() => undefined)
  if (real === undefined || !isInside(realRoot, real)) return false
  const now = await stat(real).catch(() => undefined)
  return now !== undefined && now.dev === stats.dev && now.ino === stats.ino
}

/** The file's bytes, or too-large when it grew past the budget since its size was read. */
async function readAtMost(handle: FileHandle, size: number, maxBytes: number): Promise<InsideRead> {
  // One byte more than the size read, so that a file that grew since is noticed.
  // Stryker disable next-line MethodExpression: only how large the first buffer is; the reads fill it and the result is cut to what they read
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1)
  let total = 0
  for (;;) {
    if (total === buffer.length) {
      if (total > maxBytes) return { problem: 'too-large', size: total }
      // Stryker disable next-line MethodExpression: only how much the buffer grows; the budget is checked on what was read
      buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, maxBytes + 1 - total))])
    }
    const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total)
    if (bytesRead === 0) return { bytes: buffer.subarray(0, total) }
    total += bytesRead
  }
}

/** True when `target` is `root` (the relative path '') or lies inside it (`..x` is a name inside it, not a way out). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}
