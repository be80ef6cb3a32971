import { spawn } from 'node:child_process'
import { chmod, cp, mkdir, mkdtemp, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CompiledPolicy } from '../compile/compile.ts'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { listFiles, writeFiles } from '../emit/write-output.ts'
import { buildSiteEntries } from './site-data.ts'

/** The Astro project of the site: this repository's root (astro.config.mjs, site/). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface SiteBuildOptions {
  /** Absolute path of the policy directory. */
  readonly policyDirectory: string
  /** The directory to build into; it is filled, never swapped, here. */
  readonly outDirectory: string
  readonly quiet: boolean
  /**
   * The compiled policy: Astro's content loader is handed its entries (it does not compile the
   * policy a second time), and its machine files (policy.json, versions/<id>.json…) are written
   * beside the pages, byte for byte, without passing through Astro's content store.
   */
  readonly output: CompiledPolicy
}

/**
 * Builds the Astro site into a directory of its own. Astro empties its output directory first,
 * so it is never pointed at the published output: the caller swaps the result into place.
 */
export async function buildSite(options: SiteBuildOptions): Promise<string[]> {
  // Astro prerenders from chunks that import the project's packages, and places some of its work
  // by the working directory: so it runs as a child process in the project, building inside it,
  // and the result is copied out.
  const workspace = path.join(projectRoot, 'node_modules', '.clausewright')
  await mkdir(workspace, { recursive: true })
  const astroOut = await mkdtemp(path.join(workspace, 'site-'))
  try {
    const entriesFile = `${astroOut}-entries.json`
    await writeFile(entriesFile, JSON.stringify(buildSiteEntries(options.output).filter((entry) => !entry.id.startsWith('file/'))))
    await runAstroBuild(astroOut, entriesFile, options)
    await writeFiles(astroOut, options.output.files)
    await moveInto(astroOut, options.outDirectory)
  } finally {
    await rm(astroOut, { recursive: true, force: true })
    await rm(`${astroOut}-cache`, { recursive: true, force: true })
    await rm(`${astroOut}-entries.json`, { force: true })
  }
  const files = await listFiles(options.outDirectory)
  // A static policy site carries no source maps, no server code and no client scripts.
  const unexpected = files.filter((file) => file.endsWith('.map') || file.endsWith('.js') || file.endsWith('.mjs') || file.startsWith('server/') || file.startsWith('.prerender/'))
  if (unexpected.length > 0) throw new ClausewrightError('unexpected-output', `the site build produced files a static policy site must not have: ${unexpected.slice(0, 5).join(', ')}`)
  return files
}

/**
 * Moves the built site into the (empty) output directory: a rename when both are on one file
 * system, a copy otherwise. (Copying 2,000 files took 1.5 s of a 500-release build.)
 */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rmdir(to)
    await rename(from, to)
    // mkdtemp made it private; the output is for publishing.
    await chmod(to, 0o755)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await mkdir(to, { recursive: true })
    await cp(from, to, { recursive: true })
  }
}

function runAstroBuild(outDirectory: string, entriesFile: string, options: SiteBuildOptions): Promise<void> {
  // The CLI file is not among the package's exports: find it beside its package.json.
  const astro = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs')
  const args = [astro, 'build', '--root', projectRoot, '--outDir', outDirectory, ...(options.quiet ? ['--silent'] : [])]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: { ...process.env, CLAUSEWRIGHT_POLICY_DIR: options.policyDirectory, CLAUSEWRIGHT_SITE_ENTRIES: entriesFile, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // Astro's log is progress: it goes to standard error, like ours, and stdout stays clean.
    child.stdout.on('data', (chunk: Buffer) => {
      if (!options.quiet) process.stderr.write(chunk)
    })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString()
      if (!options.quiet) process.stderr.write(chunk)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new ClausewrightError('site-build-failed', `the Astro build of the site failed (exit ${code}); the previous output is untouched${errors ? `:\n${errors.trim()}` : ''}`))
    })
  })
}
