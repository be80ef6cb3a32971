// A project that installs the packed package (its tarball), as another repository would: for the
// packed-tarball test (test/package/) and the install figures of `npm run bench`. Both run without
// network: npm installs from its cache, which `npm ci` of this repository filled with the tarball of
// every package in package-lock.json. What the cache lacks is the registry's metadata: `npm install
// <tarball> astro` resolves each range with the full document of the package (npm 11 asks for no
// other), and `npm ci` never fetches one, so an offline `npm install` stops at the first package
// (ENOTCACHED). The project is therefore given a lock file: the versions this repository locks,
// taken from its package-lock.json (the packages the installed ones need, where this repository has
// them), which `npm ci --offline` installs from the cache alone, as `npm install <tarball> astro`
// would have resolved them on the day the lock was written.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

interface LockEntry {
  version?: string
  integrity?: string
  resolved?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  dev?: boolean
  devOptional?: boolean
  optional?: boolean
  peer?: boolean
  bin?: Record<string, string>
  license?: string
  [key: string]: unknown
}

interface Lock {
  packages: Record<string, LockEntry>
}

/** Where Node finds `name` from the package at `from` (a lock path: '' or node_modules/a/node_modules/b). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`
    if (packages[candidate]) return candidate
    if (!base) return undefined
    const cut = base.lastIndexOf('/node_modules/')
    base = cut === -1 ? '' : base.slice(0, cut)
  }
}

export interface ConsumerOptions {
  /** The packed package. */
  readonly tarball: string
  /** Also install astro (the optional peer dependency), at the version this repository locks. */
  readonly withAstro: boolean
}

/**
 * Writes package.json and package-lock.json of a project depending on the tarball (and astro):
 * the lock holds the packages reachable from them in this repository's lock, at the same places.
 */
export function writeConsumerProject(directory: string, options: ConsumerOptions): void {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lock
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as LockEntry & { name: string; version: string; engines?: unknown }
  const relativeTarball = path.relative(directory, options.tarball).split(path.sep).join('/')
  const astroVersion = lock.packages['node_modules/astro']?.version
  if (!astroVersion) throw new Error('package-lock.json locks no astro')
  const dependencies: Record<string, string> = { [manifest.name]: `file:${relativeTarball}`, ...(options.withAstro && { astro: `^${astroVersion}` }) }

  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', dependencies },
    [`node_modules/${manifest.name}`]: {
      version: manifest.version,
      resolved: `file:${relativeTarball}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(options.tarball)).digest('base64')}`,
      ...(manifest.license !== undefined && { license: manifest.license }),
      dependencies: manifest.dependencies ?? {},
      ...(manifest.peerDependencies && { peerDependencies: manifest.peerDependencies }),
      ...(manifest.peerDependenciesMeta && { peerDependenciesMeta: manifest.peerDependenciesMeta }),
      ...(manifest.bin && { bin: manifest.bin }),
      ...(manifest.engines !== undefined && { engines: manifest.engines }),
    },
  }
  const queue: Array<[from: string, names: string[]]> = [['', [...Object.keys(manifest.dependencies ?? {}), ...(options.withAstro ? ['astro'] : [])]]]
  while (queue.length > 0) {
    const [from, names] = queue.shift() as [string, string[]]
    for (const name of names) {
      const found = resolveIn(lock.packages, from, name)
      if (!found || packages[found]) continue
      // The flags are this repository's (dev: a dependency of its tests); for the project, only
      // what is optional stays so (the packages of other platforms, which npm skips).
      const entry: LockEntry = Object.fromEntries(Object.entries(lock.packages[found] ?? {}).filter(([key]) => !['dev', 'devOptional', 'peer', 'optional'].includes(key)))
      const { optional, devOptional } = lock.packages[found] ?? {}
      packages[found] = { ...entry, ...((optional === true || devOptional === true) && { optional: true }) }
      const requiredPeers = Object.keys(entry.peerDependencies ?? {}).filter((peerName) => entry.peerDependenciesMeta?.[peerName]?.optional !== true)
      queue.push([found, [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...requiredPeers]])
    }
  }
  writeFileSync(path.join(directory, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2)}\n`)
  writeFileSync(path.join(directory, 'package-lock.json'), `${JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`)
}

/** `npm ci --offline` in the project: from npm's cache only. */
export function installConsumer(directory: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; output: string } {
  const result = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: directory, encoding: 'utf8', env })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** The files `npm pack` reads: the checkout's, without the compiled lib/ and the bundle. */
const packedFrom = ['bin', 'src', 'site', 'schema', 'scripts', 'docs', 'astro.config.mjs', 'package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', '.gitignore']

/**
 * `npm pack` (its prepack compiles the package) of a copy of this checkout in `work`, so that the
 * compiled lib/ and src/.bundle/ it makes stay out of the checkout. The copy uses this checkout's
 * node_modules. Returns the tarball and the files it holds.
 */
export function packCopy(work: string, env: NodeJS.ProcessEnv = process.env): { tarball: string; files: string[] } {
  const source = path.join(work, 'source')
  for (const entry of packedFrom) cpSync(path.join(root, entry), path.join(source, entry), { recursive: true, filter: (file) => !file.includes(`${path.sep}.bundle`) })
  symlinkSync(path.join(root, 'node_modules'), path.join(source, 'node_modules'), 'dir')
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, encoding: 'utf8', env })
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`)
  // Before the JSON report, npm prints what the scripts it ran printed.
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('\n[') + 1)) as Array<{ filename: string; files: Array<{ path: string }> }>
  if (!report) throw new Error(`npm pack reported no tarball: ${pack.stdout}`)
  return { tarball: path.join(work, report.filename), files: report.files.map((file) => file.path) }
}
