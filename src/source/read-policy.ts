import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { budgets } from './budgets.ts'
import { type InsideRead, type Placement, placePath, readFileInside } from './read-inside.ts'
import type { SourceFile } from './source-file.ts'

export const policyFileName = 'policy.yaml'
export const dataFileName = 'data.yaml'
export const complianceFileName = 'compliance.yaml'
export const clausesDirectoryName = 'clauses'
export const releasesDirectoryName = 'releases'

export interface PolicySources {
  readonly policy?: SourceFile
  readonly data?: SourceFile
  /** compliance.yaml: rule severities changed or turned off, with justifications (optional). */
  readonly compliance?: SourceFile
  /** Clause files, sorted by name. */
  readonly clauses: readonly SourceFile[]
  /** Release files (`releases/*.json`), sorted by name; none before the first release. */
  readonly releases: readonly SourceFile[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface ReadOptions {
  /** Directory that display paths are relative to. */
  readonly cwd?: string
}

/**
 * Reads every file of a policy directory, checking the budgets and the encoding before anything
 * is parsed. This (with read-inside.ts) and the CLI are the only modules that touch the disk.
 */
export async function readPolicy(directory: string, options: ReadOptions = {}): Promise<PolicySources> {
  const cwd = options.cwd ?? process.cwd()
  const root = path.resolve(cwd, directory)
  const diagnostics: Diagnostic[] = []
  const display = (absolute: string): string => toDisplayPath(cwd, absolute)

  const rootStat = await stat(root).catch(() => undefined)
  if (!rootStat?.isDirectory()) {
    diagnostics.push(diagnostic('policy-dir-missing', display(root), undefined, rootStat ? `Unexpected file \`${display(root)}\`, expected a policy directory` : `Cannot find the policy directory \`${display(root)}\``, { hint: 'Pass the directory that holds policy.yaml with `--dir`.' }))
    return { clauses: [], releases: [], diagnostics }
  }
  const realRoot = await realpath(root)

  // Files are read concurrently (a history of 500 releases read one by one took 0.3 s); each keeps
  // its own diagnostics, reported in the order of the files.
  const readMany = async (directory: string, names: readonly string[], maxBytes?: number): Promise<SourceFile[]> => {
    const results = await Promise.all(
      names.map(async (name) => {
        const found: Diagnostic[] = []
        return { file: await readOne(name, directory, true, found, maxBytes), found }
      }),
    )
    for (const { found } of results) for (const item of found) diagnostics.push(item)
    return results.flatMap(({ file }) => (file ? [file] : []))
  }

  /** Where the link `name` leads; one that leaves the policy (or leads nowhere) is reported, never followed. */
  const place = async (name: string, absolute: string, expected: 'file' | 'directory', found: Diagnostic[]): Promise<Placement> => {
    const placement = await placePath(realRoot, absolute)
    if (placement.kind === 'outside' || placement.kind === 'dangling') {
      // The message names neither where the link leads nor anything behind it: CI logs are public.
      found.push(diagnostic('path-outside-policy', display(path.join(root, name)), undefined, placement.kind === 'outside'
            ? `Unexpected \`${name}\`, a symbolic link that leads outside the policy directory, expected a ${expected} inside it`
            : `Unexpected \`${name}\`, a symbolic link that leads nowhere (to a missing file, or in a loop), expected a ${expected} inside the policy directory`, { hint: `Replace the link with the ${expected} itself; nothing behind the link was read.` }))
    }
    return placement
  }

  /**
   * Reads one file of the policy (`name`, relative to the policy) from `directory`, the real path
   * of its directory; its problems are added to `found`. A link is followed only to a real path
   * inside the policy, and the file is read through the handle that was checked.
   */
  const readOne = async (name: string, directory: string, required: boolean, found: Diagnostic[], maxBytes: number = budgets.maxFileBytes): Promise<SourceFile | undefined> => {
    const file = display(path.join(root, name))
    const attempt = async (absolute: string): Promise<InsideRead | undefined> => {
      try {
        return await readFileInside(realRoot, absolute, maxBytes)
      } catch (error) {
        found.push(diagnostic('file-unreadable', file, undefined, `Cannot read \`${name}\`: ${(error as Error).message}`))
        return undefined
      }
    }
    const absolute = path.join(directory, path.posix.basename(name))
    let read = await attempt(absolute)
    if (read && 'problem' in read && read.problem === 'link') {
      const placement = await place(name, absolute, 'file', found)
      if (placement.kind !== 'inside') return undefined
      read = await attempt(placement.real)
    }
    if (!read) return undefined
    if ('problem' in read) {
      if (read.problem === 'missing') {
        if (required) {
          found.push(diagnostic('file-missing', file, undefined, `Cannot find \`${name}\` in the policy directory`, { hint: `Create \`${file}\`; README.md describes what it holds.` }))
        }
      } else if (read.problem === 'outside' || read.problem === 'link') {
        found.push(diagnostic('path-outside-policy', file, undefined, `Unexpected \`${name}\`, which changed into a symbolic link while it was read, expected a file inside the policy directory`))
      } else if (read.problem === 'hard-link') {
        found.push(diagnostic('path-outside-policy', file, undefined, `Unexpected \`${name}\`, a file with ${read.links} names (hard links), expected a file of the policy alone: another name may lie outside the policy directory`, { hint: 'Replace it with a copy of its own (`cp`); nothing of it was read.' }))
      } else if (read.problem === 'not-a-file') {
        found.push(diagnostic('file-unreadable', file, undefined, `Unexpected \`${name}\`, expected a regular file`))
      } else if (read.problem === 'too-large') {
        found.push(diagnostic('file-too-large', file, undefined, `Unexpected file of ${read.size} bytes, expected at most ${maxBytes} bytes`, { hint: 'Split the text into several clauses.' }))
      }
      return undefined
    }
    const text = decodeText(read.bytes)
    if (text === undefined) {
      found.push(diagnostic('file-binary', file, undefined, 'Unexpected binary content, expected UTF-8 text', { hint: 'Save the file as UTF-8 text.' }))
      return undefined
    }
    if (text.trim() === '') {
      found.push(diagnostic('file-empty', file, undefined, `Unexpected empty file \`${name}\``, { hint: 'Write its content, or delete it.' }))
      return undefined
    }
    return { path: file, name, text }
  }

  /** The real path of a directory of the policy and its names, or why there are none (a refusal is reported). */
  const list = async (name: string): Promise<{ readonly directory: string; readonly names: string[] } | 'missing' | 'refused'> => {
    const placement = await place(name, path.join(realRoot, name), 'directory', diagnostics)
    if (placement.kind !== 'inside') return placement.kind === 'missing' ? 'missing' : 'refused'
    // Each file listed is opened and checked on its own, so a directory swapped for a link after
    // this check yields at most names, never content.
    const names = await readdir(placement.real).catch(() => undefined)
    return names ? { directory: placement.real, names } : 'missing'
  }

  const policy = await readOne(policyFileName, realRoot, true, diagnostics)
  const data = await readOne(dataFileName, realRoot, true, diagnostics)
  const compliance = await readOne(complianceFileName, realRoot, false, diagnostics)

  const clauses: SourceFile[] = []
  const clausesDirectory = path.join(root, clausesDirectoryName)
  const listed = await list(clausesDirectoryName)
  if (listed === 'missing') {
    diagnostics.push(diagnostic('file-missing', display(clausesDirectory), undefined, `Cannot find the \`${clausesDirectoryName}/\` directory of clause files`, { hint: 'Create it, with one Markdown file per clause.' }))
  } else if (listed !== 'refused') {
    const markdown = listed.names.filter((name) => name.endsWith('.md')).sort()
    if (markdown.length > budgets.maxClauseFiles) {
      diagnostics.push(diagnostic('file-too-large', display(clausesDirectory), undefined, `Unexpected ${markdown.length} clause files, expected at most ${budgets.maxClauseFiles}`))
    } else {
      const read = await readMany(listed.directory, markdown.map((name) => `${clausesDirectoryName}/${name}`))
      const total = [policy, data, compliance, ...read].reduce((sum, file) => sum + (file ? Buffer.byteLength(file.text) : 0), 0)
      if (total > budgets.maxPolicyBytes) {
        diagnostics.push(diagnostic('file-too-large', display(clausesDirectory), undefined, `Unexpected ${total} bytes of policy files together, expected at most ${budgets.maxPolicyBytes}`, { hint: 'A privacy notice is read by people: shorten it, or publish the longer texts elsewhere and link to them.' }))
      } else {
        clauses.push(...read)
      }
    }
  }

  const releases: SourceFile[] = []
  const releaseFiles = await list(releasesDirectoryName)
  if (typeof releaseFiles !== 'string') {
    const names = releaseFiles.names.filter((item) => item.endsWith('.json')).sort()
    if (names.length > budgets.maxReleaseFiles) {
      diagnostics.push(diagnostic('file-too-large', display(path.join(root, releasesDirectoryName)), undefined, `Unexpected ${names.length} release files, expected at most ${budgets.maxReleaseFiles}`))
    } else {
      releases.push(...(await readMany(releaseFiles.directory, names.map((name) => `${releasesDirectoryName}/${name}`), budgets.maxReleaseBytes)))
    }
  }

  return { ...(policy && { policy }), ...(data && { data }), ...(compliance && { compliance }), clauses, releases, diagnostics }
}

/** UTF-8 without NUL bytes, or undefined. A leading byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    // Stryker disable next-line BlockStatement: an empty block returns undefined too
  } catch {
    return undefined
  }
}

export function toDisplayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || '.'
  return relative.split(path.sep).join('/')
}

