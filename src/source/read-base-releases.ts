import { execFile, spawn } from 'node:child_process'
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { ClausewrightError } from '../diagnostics/diagnostic.ts'
import { splitCatFileBatch } from './cat-file-batch.ts'
import { releasesDirectoryName } from './read-policy.ts'

const run = promisify(execFile)

/** The release files of the policy directory as they are in a commit of its git repository. */
export interface BaseReleases {
  /** The ref as given (`origin/main`). */
  readonly ref: string
  /** The commit it names. */
  readonly commit: string
  /** The content of each release file at that commit, by its name in the policy (`releases/2019-01-25.json`). */
  readonly files: ReadonlyMap<string, Buffer>
}

interface GitOptions {
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * Reads the release files that `policyDirectory` held at `ref`, with git itself (no shell): the
 * base of a pull request, so that check can prove no release was changed or removed since. The
 * ref comes from the command line and is untrusted: it can never be read as an option.
 * Throws a ClausewrightError (exit status 2) when git is missing, the directory is not in a git
 * repository, or the ref names no commit.
 */
export async function readBaseReleases(policyDirectory: string, ref: string, env: Readonly<Record<string, string | undefined>>): Promise<BaseReleases> {
  if (ref === '' || ref.startsWith('-')) throw new ClausewrightError('base-ref-invalid', `unexpected --base \`${ref}\`, expected a git ref (a branch, a tag or a commit), which never starts with \`-\``)
  let directory: string
  try {
    directory = await realpath(policyDirectory)
  } catch {
    throw new ClausewrightError('base-no-repository', `cannot compare with --base: the policy directory \`${policyDirectory}\` does not exist`)
  }
  const options: GitOptions = { cwd: directory, env: { ...env, GIT_LITERAL_PATHSPECS: '1' } }
  // The policy directory's place in the repository, as git sees it (real paths on both sides).
  const [toplevel, prefix = ''] = (await git(['rev-parse', '--show-toplevel', '--show-prefix'], options, () => `cannot compare with --base: the policy directory \`${policyDirectory}\` is not in a git repository`)).split('\n')
  const commit = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], options, () => `cannot compare with --base: the git ref \`${ref}\` does not exist (or names no commit); fetch it first (\`git fetch origin <branch>\`)`)).trim()
  // The directory as named, too: a pull request can turn \`policy\` into a link to a new directory,
  // whose real path has no history at the base. The releases the base holds under either name count.
  const named = await namedPrefix(policyDirectory, toplevel ?? '', env)
  const blobs: Array<{ name: string; object: string }> = []
  for (const place of [...new Set([...(named === undefined ? [] : [named]), prefix])]) {
    const releasesPath = `${place}${releasesDirectoryName}/`
    const listing = await git(['ls-tree', '-z', '--full-tree', commit, '--', releasesPath], options, () => `cannot list \`${releasesPath}\` at ${ref}`)
    // The empty string after the last NUL has no tab and no type: it is no blob.
    for (const line of listing.split('\0')) {
      const tab = line.indexOf('\t')
      const [, type, object] = line.slice(0, tab).split(' ')
      const name = line.slice(tab + 1).slice(place.length)
      // What check reads of releases/ now: its .json files.
      if (type === 'blob' && object !== undefined && name.endsWith('.json') && !blobs.some((blob) => blob.name === name)) blobs.push({ name, object })
    }
  }
  const contents = await catBlobs(
    blobs.map((blob) => blob.object),
    options,
  )
  return { ref, commit, files: new Map(blobs.map((blob, index) => [blob.name, contents[index] ?? Buffer.alloc(0)])) }
}

/** The prefix in the repository of the policy directory as named (its last component not followed), if it lies in `toplevel`'s repository. */
async function namedPrefix(policyDirectory: string, toplevel: string, env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const parent = await realpath(path.dirname(policyDirectory)).catch(() => undefined)
  if (parent === undefined) return undefined
  const answer = await git(['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: parent, env: { ...env, GIT_LITERAL_PATHSPECS: '1' } }, () => '').catch(() => undefined)
  const [parentToplevel, parentPrefix = ''] = answer?.split('\n') ?? []
  return parentToplevel === toplevel ? `${parentPrefix}${path.basename(policyDirectory)}/` : undefined
}

async function git(args: readonly string[], options: GitOptions, failure: () => string): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    return stdout
  } catch (error) {
    throw gitError(error, failure)
  }
}

function gitError(error: unknown, failure: () => string): ClausewrightError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new ClausewrightError('git-missing', 'cannot compare with --base: git is not installed (no `git` on PATH)')
  const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
  return new ClausewrightError('git-failed', `${failure()}${stderr ? ` (git: ${stderr.split('\n')[0]})` : ''}`, { cause: error })
}

/** The content of each blob, in order, from one `git cat-file --batch`. */
function catBlobs(objects: readonly string[], options: GitOptions): Promise<Buffer[]> {
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: only saves starting git, which would answer nothing
  if (objects.length === 0) return Promise.resolve([])
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', (error) => reject(gitError(error, () => 'cannot read the base releases')))
    child.on('close', (code) => {
      if (code !== 0) return reject(new ClausewrightError('git-failed', `cannot read the base releases (git cat-file: ${stderr.trim() || `exit status ${code}`})`))
      try {
        resolve(parseBatch(Buffer.concat(chunks), objects.length))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    // A git that exits early closes its input: its exit status reports that, not an EPIPE thrown here.
    child.stdin.on('error', () => undefined)
    child.stdin.end(`${objects.join('\n')}\n`)
  })
}

/** The blobs' contents, in order; git's answer for an object that is no blob (or missing) is refused. */
function parseBatch(output: Buffer, count: number): Buffer[] {
  const batch = splitCatFileBatch(output, count)
  if ('unexpected' in batch) throw new ClausewrightError('git-failed', `cannot read the base releases (git cat-file answered \`${batch.unexpected}\`)`)
  return batch.blobs.map((blob) => blob.content)
}
