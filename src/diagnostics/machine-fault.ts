/**
 * Faults of the machine rather than of Clausewright or the policy: a full disk, a read-only file
 * system, a directory the user may not write. They are reported as what they are, with the path,
 * never as a bug.
 */
const machineFaults: Readonly<Record<string, string>> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EIO: 'the device reported an input/output error',
}

export type MachineFault = NodeJS.ErrnoException & { readonly code: string }

/** The error itself, or the error it was caused by, when it is a fault of the machine. */
export function machineFaultOf(error: unknown): MachineFault | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    const code = (current as NodeJS.ErrnoException).code
    if (typeof code === 'string' && Object.hasOwn(machineFaults, code)) return current as MachineFault
  }
  return undefined
}

/**
 * "no space is left on the device (ENOSPC) at `/srv/.dist-1-…`", for a message. A fault of a
 * write to an open file carries no path: `within` names the directory being written then.
 */
export function describeMachineFault(fault: MachineFault, within?: string): string {
  const where = typeof fault.path === 'string' ? fault.path : within
  return `${machineFaults[fault.code] ?? fault.code} (${fault.code})${where === undefined ? '' : ` at \`${where}\``}`
}
