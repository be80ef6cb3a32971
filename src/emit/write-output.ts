import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'

/**
 * Writes the artefacts into a fresh directory beside the output, then swaps it into place, so a
 * reader (or a failed build) never sees a half-written output.
 */
export async function writeOutput(outDirectory: string, files: ReadonlyMap<string, string>, guard: { readonly cwd: string; readonly policyDirectory: string }): Promise<void> {
  const out = path.resolve(guard.cwd, outDirectory)
  const policy = path.resolve(guard.cwd, guard.policyDirectory)
  if (out === path.parse(out).root || isInsideOrSame(out, guard.cwd) || isInsideOrSame(out, policy) || isInsideOrSame(policy, out)) {
    throw new ClausewrightError('unsafe-output', `refusing to write the output to \`${outDirectory}\`: it would replace the working directory or the policy; choose a directory of its own, such as dist`)
  }
  const existing = await stat(out).catch(() => undefined)
  if (existing && !existing.isDirectory()) throw new ClausewrightError('unsafe-output', `refusing to replace the file \`${outDirectory}\` with the output directory`)

  const parent = path.dirname(out)
  await mkdir(parent, { recursive: true })
  const staging = await mkdtemp(path.join(parent, `.${path.basename(out)}-building-`))
  try {
    // mkdtemp makes the directory private; the output is for publishing.
    await chmod(staging, 0o755)
    for (const [name, text] of files) {
      const target = path.join(staging, name)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, text)
    }
    if (existing) {
      const retired = `${staging}-previous`
      await rename(out, retired)
      await rename(staging, out)
      await rm(retired, { recursive: true, force: true })
    } else {
      await rename(staging, out)
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
}

/** True when `inner` is `outer` or lies inside it. */
function isInsideOrSame(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
