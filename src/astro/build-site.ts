import { spawn } from 'node:child_process'
import { cp, lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import module, { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { CompiledPolicy } from '../compile/compile.ts'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { removeLeftovers, workName } from '../emit/leftovers.ts'
import { headersFile, headersFileName } from '../emit/web-files.ts'
import { listFiles, writeFiles } from '../emit/write-output.ts'
import type { PageCache } from './page-cache.ts'
import { buildSiteEntries } from './site-data.ts'

/** The Astro project of the site: this repository's root (astro.config.mjs, site/), or lib/ in the installed package (scripts/compile-package.ts). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Refuses a build where Astro is not installed: the package leaves `astro` to the site (an optional
 * peer dependency), so that `check`, `diff`, `release` and the rest install without it. Said before
 * anything starts, not as the Astro child's stack trace. `from` is where Astro is looked for (the
 * project's root, where the child runs; a test's directory).
 */
export function assertAstroInstalled(from: string = projectRoot): void {
  try {
    createRequire(path.join(from, 'package.json')).resolve('astro/package.json')
  } catch {
    throw new ClausewrightError('astro-missing', 'building the site needs Astro, which is not installed: `npm install astro@7` beside clausewright, then build again. `check`, `diff`, `release`, `show`, `import` and `init` work without it.')
  }
}

export interface SiteBuildOptions {
  /** Absolute path of the policy directory. */
  readonly policyDirectory: string
  readonly quiet: boolean
  /** The site URL of `--site` (normalised by `parseSiteUrl`), set as Astro's `site` for this build. */
  readonly site?: string | undefined
}

/** An Astro build of the site, started before the policy is compiled: its pages wait for it. */
export interface SiteBuild {
  /** Where Astro builds, inside the project (removed when the build finishes or is cancelled). */
  readonly workDirectory: string
  /**
   * Where the policy's pages are published (policy-address.ts), as the integration read it from
   * Astro's configuration: a URL with a site URL, else a path. Rejected when the site URL is
   * refused, or when the build failed before it was read.
   */
  readonly policyRoot: Promise<string>
  /**
   * Hands the pages the compiled policy (its entries, in a file: the content loader does not
   * compile it a second time, and nothing passes through Astro's content store) and writes its
   * machine files (policy.json, versions/<id>.json…) byte for byte into `outDirectory`, then
   * moves the pages in beside them. `outDirectory` is filled, never swapped, here. The pages of
   * releases in `pageCache` are not rendered again but put back from it.
   */
  finish(output: CompiledPolicy, outDirectory: string, pageCache?: PageCache): Promise<string[]>
  /** Stops the build (the policy has errors, or the output was refused) and removes its work. */
  cancel(): Promise<void>
}

/**
 * Starts building the Astro site into a directory of its own. Astro empties its output directory
 * first, so it is never pointed at the published output: the caller swaps the result into place.
 * It starts at once, so that Astro starts up (about 1.5 s) while the policy compiles on the other
 * core; its pages wait for the entries file (site/lib/site.ts).
 */
export async function startSiteBuild(options: SiteBuildOptions, runAstro: AstroRunner = runAstroBuild): Promise<SiteBuild> {
  // Astro prerenders from chunks that import the project's packages, and places some of its work
  // by the working directory: so it runs as a child process in the project, building inside it,
  // and the result is moved out.
  const workspace = path.join(projectRoot, 'node_modules', '.clausewright')
  await mkdir(workspace, { recursive: true })
  // A build killed (even by SIGKILL) leaves its work here: removed by the next one.
  await removeLeftovers(workspace, 'site-', workSuffixes)
  const astroOut = path.join(workspace, workName('site-'))
  await mkdir(astroOut)
  const entriesFile = `${astroOut}-entries.json`
  const astro = runAstro(astroOut, entriesFile, options)
  // A failure before `finish` is reported by `finish`; `cancel` ignores it.
  astro.done.catch(() => undefined)
  astro.policyRoot.catch(() => undefined)
  const cleanUp = async () => {
    await rm(astroOut, { recursive: true, force: true })
    await rm(`${astroOut}-cache`, { recursive: true, force: true })
    await rm(entriesFile, { force: true })
  }
  return {
    workDirectory: astroOut,
    policyRoot: astro.policyRoot,
    async finish(output, outDirectory, pageCache) {
      try {
        // Written aside and renamed: the pages never read half a file.
        const entries = buildSiteEntries(output, { ...(pageCache && { skip: pageCache.cached }) }).filter((entry) => !entry.id.startsWith('file/'))
        await writeFile(`${entriesFile}.partial`, JSON.stringify(entries))
        await rename(`${entriesFile}.partial`, entriesFile)
        astro.showLog()
        // The machine files are written while Astro renders the pages (a thousand files of a long
        // history took 0.6 s written after it), then the pages are moved in beside them. Should
        // they fail (a full disk), Astro is stopped: its pages would go nowhere.
        const writing = writeFiles(outDirectory, output.files).catch(async (error: unknown) => {
          await astro.stop()
          throw error
        })
        const [built, written] = await Promise.allSettled([astro.done, writing])
        if (written.status === 'rejected') throw written.reason
        if (built.status === 'rejected') throw built.reason
        await mergeInto(astroOut, outDirectory)
        await pageCache?.restore(outDirectory)
      } finally {
        await rm(`${entriesFile}.partial`, { force: true })
        await cleanUp()
      }
      const files = await listFiles(outDirectory)
      // A static policy site carries no source maps, no server code and no client scripts.
      const unexpected = files.filter((file) => file.endsWith('.map') || file.endsWith('.js') || file.endsWith('.mjs') || file.startsWith('server/') || file.startsWith('.prerender/'))
      if (unexpected.length > 0) throw new ClausewrightError('unexpected-output', `the site build produced files a static policy site must not have: ${unexpected.slice(0, 5).join(', ')}`)
      // The hosts' header rules, made from the names of the files the build wrote.
      const headers = headersFile(files)
      if (headers === undefined) return files
      if (files.includes(headersFileName)) throw new ClausewrightError('unexpected-output', `the site build and the compiler both produced \`${headersFileName}\``)
      await writeFile(path.join(outDirectory, headersFileName), headers)
      return [...files, headersFileName].sort()
    },
    async cancel() {
      await astro.stop()
      await cleanUp()
    },
  }
}

/** Astro's output `site-<pid>-<hex>` and the files beside it (see startSiteBuild and finish). */
const workSuffixes = ['', '-cache', '-entries.json', '-entries.json.partial']

/**
 * Moves what Astro built into the output directory, beside the machine files: by renaming each
 * entry (a copy only across file systems), directories present in both merged. A page and a
 * machine file at one path is a fault, never an overwrite.
 */
export async function mergeInto(from: string, to: string, root = to): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true })
  await Promise.all(
    entries.map(async (entry) => {
      const source = path.join(from, entry.name)
      const target = path.join(to, entry.name)
      const existing = await lstat(target).catch(() => undefined)
      if (!existing) return moveEntry(source, target)
      if (entry.isDirectory() && existing.isDirectory()) return mergeInto(source, target, root)
      throw new ClausewrightError('unexpected-output', `the site build and the compiler both produced \`${path.relative(root, target).split(path.sep).join('/')}\``)
    }),
  )
}

async function moveEntry(source: string, target: string): Promise<void> {
  try {
    await rename(source, target)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await cp(source, target, { recursive: true })
  }
}

/**
 * Astro's failure, with its log. A fault of the machine that Astro met (a full disk under its work
 * directory) is named as the cause, so that it is reported as the machine's, not as ours.
 */
export function siteBuildFailure(how: string, log: string): ClausewrightError {
  const fault = /\b(ENOSPC|EDQUOT|EROFS|EACCES|EPERM|EIO)\b[^\n']*(?:'([^'\n]+)')?/.exec(log)
  const cause = fault?.[1] ? Object.assign(new Error(fault[0]), { code: fault[1], ...(fault[2] && { path: fault[2] }) }) : undefined
  const message = `the Astro build of the site failed (${how}); the previous output is untouched${log ? `:\n${log.trim()}` : ''}`
  return new ClausewrightError('site-build-failed', message, cause ? { cause } : undefined)
}

/**
 * Astro's build of the site into `outDirectory`, which renders the pages once the entries are in
 * `entriesFile` (see SiteBuild): `runAstroBuild`, a child process. The tests of what the CLI does
 * around the build (where the output goes, a full disk, builds at the same time) replay a recorded
 * one (test/helpers/replayed-astro.ts).
 */
export type AstroRunner = (outDirectory: string, entriesFile: string, options: SiteBuildOptions) => AstroRun

export interface AstroRun {
  readonly done: Promise<void>
  /** The root the child's integration read (see SiteBuild). */
  readonly policyRoot: Promise<string>
  /** Prints Astro's log so far, and from now on, unless quiet (before, it would interleave with the diagnostics). */
  showLog(): void
  stop(): Promise<void>
}

/**
 * The CLI keeps V8's compiled code of its modules between runs (bin/clausewright.js); Astro's
 * child, which loads many more, keeps it beside (Node's own variable: the child would not inherit
 * a cache enabled by a call). A fifth of a small site's build (bench/results.md).
 */
function compileCacheOfChild(): { NODE_COMPILE_CACHE?: string } {
  // Node gives the directory of its own version inside the one it was given.
  const directory = module.getCompileCacheDir?.()
  return directory ? { NODE_COMPILE_CACHE: path.dirname(directory) } : {}
}

/** The message of the child's integration (policy-root.ts), if `message` is one. */
function policyRootMessage(message: unknown): { root: string } | { problem: string } | undefined {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'clausewright:policy-root') return undefined
  const { root, problem } = message as { root?: unknown; problem?: unknown }
  if (typeof root === 'string') return { root }
  if (typeof problem === 'string') return { problem }
  return undefined
}

export function runAstroBuild(outDirectory: string, entriesFile: string, options: SiteBuildOptions): AstroRun {
  // The child watches its parent: it ends when the CLI dies, even by SIGKILL (watch-parent.mjs).
  const watchParent = pathToFileURL(path.join(projectRoot, 'src', 'astro', 'watch-parent.mjs')).href
  const astroBuild = path.join(projectRoot, 'src', 'astro', 'astro-build.mjs')
  const args = ['--import', watchParent, astroBuild, projectRoot, outDirectory, options.quiet ? 'silent' : 'info']
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: { ...process.env, ...compileCacheOfChild(), CLAUSEWRIGHT_PARENT_PID: String(process.pid), CLAUSEWRIGHT_POLICY_DIR: options.policyDirectory, CLAUSEWRIGHT_SITE_ENTRIES: entriesFile, CLAUSEWRIGHT_ASTRO_CACHE_DIR: `${outDirectory}-cache`, ASTRO_TELEMETRY_DISABLED: '1', CLAUSEWRIGHT_SITE: options.site ?? '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  // Astro's log is progress: it goes to standard error, like ours, and stdout stays clean.
  let held: Buffer[] | undefined = []
  const log = (chunk: Buffer) => {
    if (options.quiet) return
    if (held) held.push(chunk)
    else process.stderr.write(chunk)
  }
  let errors = ''
  child.stdout?.on('data', log)
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
    log(chunk)
  })
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve()
      else reject(siteBuildFailure(signal ?? `exit ${code}`, errors))
    })
  })
  const policyRoot = new Promise<string>((resolve, reject) => {
    child.on('message', (message: unknown) => {
      const reading = policyRootMessage(message)
      if (reading === undefined) return
      if ('root' in reading) resolve(reading.root)
      else reject(new ClausewrightError('site-url', reading.problem))
    })
    // Ended before it said: its failure (once ended, `done` is settled).
    child.on('close', () => {
      done.then(() => reject(new ClausewrightError('site-build-failed', 'the Astro build of the site ended without reading where the policy is published')), reject)
    })
  })
  return {
    done,
    policyRoot,
    showLog() {
      for (const chunk of held ?? []) process.stderr.write(chunk)
      held = undefined
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await done.catch(() => undefined)
    },
  }
}
