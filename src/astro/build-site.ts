import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { listFiles, writeFiles } from '../emit/write-output.ts'

/** The Astro project of the site: this repository's root (astro.config.mjs, site/). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

export interface SiteBuildOptions {
  /** Absolute path of the policy directory. */
  readonly policyDirectory: string
  /** The directory to build into; it is filled, never swapped, here. */
  readonly outDirectory: string
  readonly quiet: boolean
  /** The compiler's machine files (policy.json, versions/<id>.json…), written beside the pages. */
  readonly files: ReadonlyMap<string, string>
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
    await runAstroBuild(astroOut, options)
    await writeFiles(astroOut, options.files)
    await cp(astroOut, options.outDirectory, { recursive: true })
  } finally {
    await rm(astroOut, { recursive: true, force: true })
    await rm(`${astroOut}-cache`, { recursive: true, force: true })
  }
  const files = await listFiles(options.outDirectory)
  // A static policy site carries no source maps, no server code and no client scripts.
  const unexpected = files.filter((file) => file.endsWith('.map') || file.endsWith('.js') || file.endsWith('.mjs') || file.startsWith('server/') || file.startsWith('.prerender/'))
  if (unexpected.length > 0) throw new ClausewrightError('unexpected-output', `the site build produced files a static policy site must not have: ${unexpected.slice(0, 5).join(', ')}`)
  return files
}

function runAstroBuild(outDirectory: string, options: SiteBuildOptions): Promise<void> {
  // The CLI file is not among the package's exports: find it beside its package.json.
  const astro = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs')
  const args = [astro, 'build', '--root', projectRoot, '--outDir', outDirectory, ...(options.quiet ? ['--silent'] : [])]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: { ...process.env, CLAUSEWRIGHT_POLICY_DIR: options.policyDirectory, CLAUSEWRIGHT_EXTERNAL_FILES: '1', ASTRO_TELEMETRY_DISABLED: '1' },
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
