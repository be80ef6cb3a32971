import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { budgets } from './budgets.ts'
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
 * is parsed. This and the CLI are the only modules that touch the disk.
 */
export async function readPolicy(directory: string, options: ReadOptions = {}): Promise<PolicySources> {
  const cwd = options.cwd ?? process.cwd()
  const root = path.resolve(cwd, directory)
  const diagnostics: Diagnostic[] = []
  const display = (absolute: string): string => toDisplayPath(cwd, absolute)

  const rootStat = await stat(root).catch(() => undefined)
  if (!rootStat?.isDirectory()) {
    diagnostics.push({
      ruleId: 'policy-dir-missing',
      severity: 'error',
      file: display(root),
      message: rootStat ? `Unexpected file \`${display(root)}\`, expected a policy directory` : `Cannot find the policy directory \`${display(root)}\``,
      hint: 'Pass the directory that holds policy.yaml with `--dir`.',
    })
    return { clauses: [], releases: [], diagnostics }
  }
  const realRoot = await realpath(root)

  // Files are read concurrently (a history of 500 releases read one by one took 0.3 s); each keeps
  // its own diagnostics, reported in the order of the files.
  const readMany = async (names: readonly string[], maxBytes?: number): Promise<SourceFile[]> => {
    const results = await Promise.all(
      names.map(async (name) => {
        const found: Diagnostic[] = []
        return { file: await readOne(name, true, found, maxBytes), found }
      }),
    )
    for (const { found } of results) diagnostics.push(...found)
    return results.flatMap(({ file }) => (file ? [file] : []))
  }

  /** Reads one file of the policy, its problems added to `found`. */
  const readOne = async (name: string, required: boolean, found: Diagnostic[], maxBytes: number = budgets.maxFileBytes): Promise<SourceFile | undefined> => {
    const absolute = path.join(root, name)
    const file = display(absolute)
    const entry = await lstat(absolute).catch(() => undefined)
    if (!entry) {
      if (required) {
        found.push({
          ruleId: 'file-missing',
          severity: 'error',
          file,
          message: `Cannot find \`${name}\` in the policy directory`,
          hint: `Create \`${file}\`; README.md describes what it holds.`,
        })
      }
      return undefined
    }
    if (entry.isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => undefined)
      if (!target || !isInside(realRoot, target)) {
        found.push({
          ruleId: 'path-outside-policy',
          severity: 'error',
          file,
          message: `Unexpected symbolic link \`${name}\` to ${target ? `\`${target}\`` : 'a missing file'}, expected a file inside the policy directory`,
          hint: 'Replace the link with the file itself.',
        })
        return undefined
      }
    }
    const target = await stat(absolute).catch(() => undefined)
    if (!target?.isFile()) {
      found.push({ ruleId: 'file-unreadable', severity: 'error', file, message: `Unexpected \`${name}\`, expected a regular file` })
      return undefined
    }
    if (target.size > maxBytes) {
      found.push({
        ruleId: 'file-too-large',
        severity: 'error',
        file,
        message: `Unexpected file of ${target.size} bytes, expected at most ${maxBytes} bytes`,
        hint: 'Split the text into several clauses.',
      })
      return undefined
    }
    let bytes: Buffer
    try {
      bytes = await readFile(absolute)
    } catch (error) {
      found.push({ ruleId: 'file-unreadable', severity: 'error', file, message: `Cannot read \`${name}\`: ${(error as Error).message}` })
      return undefined
    }
    const text = decodeText(bytes)
    if (text === undefined) {
      found.push({
        ruleId: 'file-binary',
        severity: 'error',
        file,
        message: 'Unexpected binary content, expected UTF-8 text',
        hint: 'Save the file as UTF-8 text.',
      })
      return undefined
    }
    if (text.trim() === '') {
      found.push({ ruleId: 'file-empty', severity: 'error', file, message: `Unexpected empty file \`${name}\``, hint: 'Write its content, or delete it.' })
      return undefined
    }
    return { path: file, name, text }
  }

  const policy = await readOne(policyFileName, true, diagnostics)
  const data = await readOne(dataFileName, true, diagnostics)
  const compliance = await readOne(complianceFileName, false, diagnostics)

  const clauses: SourceFile[] = []
  const clausesDirectory = path.join(root, clausesDirectoryName)
  const names = await readdir(clausesDirectory).catch(() => undefined)
  if (names === undefined) {
    diagnostics.push({
      ruleId: 'file-missing',
      severity: 'error',
      file: display(clausesDirectory),
      message: `Cannot find the \`${clausesDirectoryName}/\` directory of clause files`,
      hint: 'Create it, with one Markdown file per clause.',
    })
  } else {
    const markdown = names.filter((name) => name.endsWith('.md')).sort()
    if (markdown.length > budgets.maxClauseFiles) {
      diagnostics.push({
        ruleId: 'file-too-large',
        severity: 'error',
        file: display(clausesDirectory),
        message: `Unexpected ${markdown.length} clause files, expected at most ${budgets.maxClauseFiles}`,
      })
    } else {
      clauses.push(...(await readMany(markdown.map((name) => `${clausesDirectoryName}/${name}`))))
    }
  }

  const releases: SourceFile[] = []
  const releaseNames = await readdir(path.join(root, releasesDirectoryName)).catch(() => [] as string[])
  releases.push(...(await readMany(releaseNames.filter((item) => item.endsWith('.json')).sort().map((name) => `${releasesDirectoryName}/${name}`), budgets.maxReleaseBytes)))

  return { ...(policy && { policy }), ...(data && { data }), ...(compliance && { compliance }), clauses, releases, diagnostics }
}

/** UTF-8 without NUL bytes, or undefined. A leading byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return undefined
  }
}

export function toDisplayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || '.'
  return relative.split(path.sep).join('/')
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
