import { chmod, lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { printable } from '../diagnostics/format.ts'
import { describeMachineFault, machineFaultOf } from '../diagnostics/machine-fault.ts'
import { isInside } from '../source/read-inside.ts'
import { builderOf, removeLeftovers, workName } from './leftovers.ts'

export interface OutputGuard {
  readonly cwd: string
  readonly policyDirectory: string
}

/**
 * The file every build writes into its output, and the proof that a directory is an earlier
 * output: a directory that is not empty and lacks it is never replaced, nor one that holds a file
 * it does not list (a `.git` of a gh-pages checkout, a CNAME added by hand). It is published with
 * the site, so it holds only what the site shows anyway: what it is, and the files of the output.
 */
export const outputMarker = '.clausewright-output'
const outputMarkerHeading = 'This directory is the output of `clausewright build`, which replaces it as a whole at every build. It wrote:\n'

/** The marker of an output of these files (relative, `/`-separated). */
export function outputMarkerText(files: readonly string[]): string {
  return outputMarkerHeading + [...files].sort().map((file) => `${file}\n`).join('')
}

/** An output that may be replaced: where it is, and what stands there now. */
export interface SafeOutput {
  /** Absolute, as given (symbolic links in it not followed): the name readers use. */
  readonly path: string
  /** Its real path: its parent's real path and its name. */
  readonly realPath: string
  /** Nothing yet (or an empty directory), an output directory of an earlier version, or our link to a generation. */
  readonly current: { readonly kind: 'none' } | { readonly kind: 'empty-directory' } | { readonly kind: 'directory' } | { readonly kind: 'link'; readonly generation: string }
}

/**
 * Fills a new generation directory beside the output, then switches the output to it in one
 * step: the output is a symbolic link to its generation (`dist` → `.dist-<pid>-<hex>`), replaced
 * by renaming a new link over it, so a reader sees the old site or the new one, never neither, and
 * a build that fails half-way (a page that throws) leaves the previous output as it was. The
 * generation it replaced stays until the next build (a reader that has just followed the old link
 * still finds its files); older ones, and what killed builds left beside the output, are removed.
 */
export async function replaceDirectory(outDirectory: string, guard: OutputGuard, fill: (staging: string) => Promise<void>): Promise<void> {
  const judged = await assertSafeOutput(outDirectory, guard)
  // Everything happens in the output's real directory: a link on the way, turned elsewhere while
  // the site is built, redirects no step.
  const out = { ...judged, path: judged.realPath }
  const parent = path.dirname(out.path)
  const prefix = generationPrefix(out.path)
  let generation: string | undefined
  let replaced: string | undefined
  try {
    await mkdir(parent, { recursive: true })
    generation = path.join(parent, workName(prefix))
    inProgress.add(path.basename(generation))
    await mkdir(generation)
    // The output is for publishing, whatever the umask.
    await chmod(generation, 0o755)
    await fill(generation)
    await writeFile(path.join(generation, outputMarker), outputMarkerText(await listFiles(generation)))
    // Judged again just before the switch: what stands there, and where the name leads, may have
    // changed while the site was built.
    const now = await judgeAgain(outDirectory, guard)
    if (now.realPath !== out.realPath) {
      throw new ClausewrightError('unsafe-output', `the output \`${printable(outDirectory)}\` moved while the site was built (it led to ${printable(out.realPath)}, now to ${printable(now.realPath)}); nothing was switched, build again`)
    }
    replaced = await switchOutput({ ...now, path: now.realPath }, generation)
  } catch (error) {
    if (generation) await rm(generation, { recursive: true, force: true }).catch(() => undefined)
    const fault = machineFaultOf(error)
    if (fault) throw new ClausewrightError('output-not-written', `could not write the output \`${outDirectory}\`: ${describeMachineFault(fault, generation ?? parent)}; the previous output is as it was`, { cause: error })
    throw error
  } finally {
    if (generation) inProgress.delete(path.basename(generation))
  }
  const keep = new Set(replaced === undefined ? [] : [replaced])
  await removeLeftovers(parent, prefix, generationSuffixes, { mine: inProgress, keep: async () => new Set([...keep, await linkTarget(out.path)]) })
}

/**
 * The output judged again before the switch. A build switching the same output at the same time
 * can move it away between two looks (a plain directory is renamed before its link takes its
 * place): such a look is taken again.
 */
async function judgeAgain(outDirectory: string, guard: OutputGuard): Promise<SafeOutput> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await assertSafeOutput(outDirectory, guard)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 5) throw error
    }
  }
}

/** The generations this process is filling (a library may build several outputs at once). */
const inProgress = new Set<string>()

const generationSuffixes = ['', '.link']

/** `.dist-` for `…/dist`: the generations of `dist` are `.dist-<pid>-<hex>`, beside it. */
function generationPrefix(out: string): string {
  return `.${path.basename(out)}-`
}

async function linkTarget(link: string): Promise<string> {
  return readlink(link).catch(() => '')
}

/** Points the output at the new generation; returns the name of what it replaced, if anything. */
async function switchOutput(out: SafeOutput, generation: string): Promise<string | undefined> {
  const parent = path.dirname(out.path)
  const link = path.join(parent, `${path.basename(generation)}.link`)
  // Relative, so that the project can be moved or mounted elsewhere.
  await symlink(path.basename(generation), link)
  try {
    if (out.current.kind === 'directory' || out.current.kind === 'empty-directory') {
      // A link cannot be renamed over a directory: the first switch from a plain directory (an
      // empty one, or an output copied with its marker) has a gap, once; every later one is atomic.
      const retired = workName(generationPrefix(out.path))
      const moved = await rename(out.path, path.join(parent, retired)).then(
        () => true,
        // A build running at the same time has switched it already: it is a link now.
        (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? false : Promise.reject(error)),
      )
      if (!moved) {
        await rename(link, out.path)
        return undefined
      }
      try {
        await rename(link, out.path)
      } catch (error) {
        await rename(path.join(parent, retired), out.path)
        throw error
      }
      return retired
    }
    await rename(link, out.path)
    return out.current.kind === 'link' ? out.current.generation : undefined
  } finally {
    await rm(link, { force: true })
  }
}

/**
 * Where the output goes, unless replacing it would destroy what is not an earlier output: the
 * policy (or what holds it, or lies inside it), the working directory or one of its ancestors, a
 * Git directory, a symbolic link or a file we did not make, a non-empty directory without the
 * marker. Paths are judged by their real paths, so a symbolic link on the way changes nothing.
 * Nothing is written here.
 */
export async function assertSafeOutput(outDirectory: string, guard: OutputGuard): Promise<SafeOutput> {
  const absolute = path.resolve(guard.cwd, outDirectory)
  const cwd = await realpath(guard.cwd)
  const policy = await realPathOf(path.resolve(guard.cwd, guard.policyDirectory))
  const { realPath, existingAncestor } = await realPathOfNew(absolute)
  const refuse = (reason: string): never => {
    throw new ClausewrightError('unsafe-output', `refusing to write the output to \`${printable(outDirectory)}\` (${printable(realPath)}): ${reason}`)
  }
  const ownDirectory = 'choose a directory of its own, such as dist'
  if (isInside(realPath, cwd)) refuse(`it ${realPath === cwd ? 'is' : 'holds'} the working directory (${cwd}); ${ownDirectory}`)
  const policyNamed = `the policy directory \`${printable(guard.policyDirectory)}\` (${printable(policy)})`
  if (realPath === policy) refuse(`it is ${policyNamed}; ${ownDirectory}`)
  if (isInside(policy, realPath)) refuse(`it lies inside ${policyNamed}; ${ownDirectory}`)
  if (isInside(realPath, policy)) refuse(`it holds ${policyNamed}; ${ownDirectory}`)
  if (realPath.split(path.sep).includes('.git')) refuse(`it is or lies inside a Git directory; ${ownDirectory}`)
  if (/^\..+-\d+-[0-9a-f]{8}(\.link)?$/.test(path.basename(realPath))) refuse(`it is named as the work of a build (\`.dist-<pid>-<hex>\` is what \`dist\` links to); give the output's own name`)
  const ancestor = await stat(existingAncestor)
  if (!ancestor.isDirectory()) refuse(`\`${existingAncestor}\` is a file, not a directory`)

  const existing = await lstat(absolute).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))
  if (!existing) return { path: absolute, realPath, current: { kind: 'none' } }
  if (existing.isSymbolicLink()) {
    const target = await readlink(absolute)
    const generation = path.join(path.dirname(absolute), target)
    const ours = builderOf(target, generationPrefix(absolute)) !== undefined && (await filesOfEarlierOutput(generation)) !== undefined
    if (!ours) refuse(`it is a symbolic link that \`clausewright build\` did not make (to \`${printable(target)}\`); remove it, or give its target as --out`)
    await refuseForeignFiles(generation, refuse)
    return { path: absolute, realPath, current: { kind: 'link', generation: target } }
  }
  if (!existing.isDirectory()) refuse(`it is a file, not a directory; ${ownDirectory}`)
  const entries = await readdir(absolute)
  if (entries.length === 0) return { path: absolute, realPath, current: { kind: 'empty-directory' } }
  if ((await filesOfEarlierOutput(absolute)) === undefined) {
    refuse(
      `it is not empty and holds no ${outputMarker}, so it is not an earlier output of \`clausewright build\`, which replaces its output as a whole. ` +
        `If it is the output of an earlier version of Clausewright (before ${outputMarker}), remove it once (\`rm -r ${printable(outDirectory)}\`) and build again; otherwise ${ownDirectory}`,
    )
  }
  await refuseForeignFiles(absolute, refuse)
  return { path: absolute, realPath, current: { kind: 'directory' } }
}

/** The files an earlier output's marker lists, or undefined when the directory holds no marker of ours. */
async function filesOfEarlierOutput(directory: string): Promise<Set<string> | undefined> {
  const marker = await readFile(path.join(directory, outputMarker), 'utf8').catch(() => undefined)
  if (marker === undefined || !marker.startsWith(outputMarkerHeading)) return undefined
  return new Set(marker.slice(outputMarkerHeading.length).split('\n').filter(Boolean))
}

/** Refuses an earlier output that holds what its build did not write: replacing it would lose that. */
async function refuseForeignFiles(directory: string, refuse: (reason: string) => never): Promise<void> {
  const written = (await filesOfEarlierOutput(directory)) ?? new Set()
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  const foreign = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== outputMarker && !written.has(file))
    .sort()
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((file) => `\`${printable(file)}\``).join(', ')
    refuse(`it holds ${foreign.length === 1 ? 'a file' : `${foreign.length} files`} that \`clausewright build\` did not write (${shown}${foreign.length > 3 ? ', …' : ''}), which replacing it would lose; move ${foreign.length === 1 ? 'it' : 'them'} elsewhere and build again`)
  }
}

/** The real path of a path that may not exist yet: its nearest existing ancestor's real path, and the rest. */
export async function realPathOfNew(absolute: string): Promise<{ realPath: string; existingAncestor: string }> {
  let existing = path.dirname(absolute)
  const rest = [path.basename(absolute)]
  for (;;) {
    // ENOTDIR: a file on the way, which the caller refuses once it is the nearest existing ancestor.
    const real = await realpath(existing).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error)))
    if (real !== undefined) return { realPath: path.join(real, ...rest), existingAncestor: real }
    rest.unshift(path.basename(existing))
    existing = path.dirname(existing)
  }
}

async function realPathOf(absolute: string): Promise<string> {
  return realpath(absolute).catch(async () => (await realPathOfNew(absolute)).realPath)
}

/**
 * Refuses (exit status 2) a directory that a build writes into besides its output, such as its
 * cache (`name` says what set it), when it lies in the policy or the output: the policy would
 * then hold files that check refuses, and the output files that the next build refuses to replace.
 */
export async function assertOutsidePolicyAndOutput(directory: string, name: string, places: { readonly policy: string; readonly out: string }): Promise<void> {
  const real = await realPathOf(directory)
  for (const [what, place] of [['the policy directory', places.policy], ['the output', places.out]] as const) {
    if (isInside(await realPathOf(place), real)) {
      throw new ClausewrightError('unsafe-cache', `refusing to write into \`${printable(name)}\` (${printable(real)}): it lies inside ${what}; choose a directory of its own`)
    }
  }
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
