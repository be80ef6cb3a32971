import { execFile } from 'node:child_process'
import { printable } from '../diagnostics/format.ts'
import type { HistoryVersion } from '../history/replay-history.ts'
import { isCalendarDate } from '../model/calendar-date.ts'
import { findCharacterProblems } from '../source/find-invisible-characters.ts'
import { UsageError } from './shared.ts'

/** The most versions a history may have: GitHub's statement has 88 in nine years. */
const maxVersions = 5000

/** The largest version of a policy read from a history, as `import` reads a file. */
const maxVersionBytes = 4 * 1024 * 1024

// Nothing of the user's or the repository's configuration that could run a program or ask a
// question: no pager, no prompt, no system configuration, no signature verified (gpg.program), no
// object fetched from a partial clone's promisor remote (its upload-pack); output in plain bytes.
// The caller's GIT_* variables (GIT_DIR in a hook) would name another repository than `-C`'s.
const gitEnvironment = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_NO_LAZY_FETCH: '1',
  GIT_PROTOCOL_FROM_USER: '0',
  LC_ALL: 'C',
}
// On the command line, so that they override the repository's own configuration.
const gitSettings = ['core.fsmonitor=false', 'log.showSignature=false', 'protocol.allow=never', ...['file', 'git', 'ssh', 'http', 'https', 'ext'].map((name) => `protocol.${name}.allow=never`)].flatMap((setting) => ['-c', setting])

function git(repository: string, args: readonly string[], maxBuffer = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', repository, '--no-pager', ...gitSettings, ...args], { encoding: 'buffer', maxBuffer, env: gitEnvironment, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: stderr.toString('utf8') }))
      else resolve(stdout)
    })
  })
}

/** A commit that changed the file, newest first as git lists it. */
interface Change {
  readonly commit: string
  readonly committed: string
  readonly subject: string
  readonly path: string
}

/**
 * Every version of one file in a git repository, oldest first: the commits of the first-parent
 * history (what the branch published: a merged pull request is one version) that changed it,
 * following its renames; a commit that deleted it has no version. Versions committed before
 * `since` are left out.
 */
export async function readGitHistory(repository: string, file: string, options: { readonly since?: string } = {}): Promise<HistoryVersion[]> {
  const shown = printable(repository)
  await git(repository, ['rev-parse', '--git-dir']).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new UsageError('cannot run git: is it installed?')
    throw new UsageError(`${shown} is not a git repository (${printable(firstLine((error as { stderr?: string }).stderr ?? ''))})`)
  })
  // A literal pathspec: the path is a file's name, never a pattern or a magic word.
  const log = await git(repository, ['log', '--first-parent', '--follow', '-z', '--format=%x01%H%x00%cI%x00%s', '--name-only', '--', `:(literal)${file}`]).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw new UsageError(`refusing the history of ${printable(file)} in ${shown}: its log is longer than 64 MiB (--since YYYY-MM-DD takes the later commits)`)
    throw new UsageError(`git log of ${printable(file)} in ${shown} failed: ${printable(firstLine((error as { stderr?: string }).stderr ?? ''))}`)
  })
  const changes = parseLog(log.toString('utf8'), file)
  // Every version, its import and its release are held at once: a history longer than any policy's
  // is refused before its texts are read (--since takes a part of it).
  const since = options.since
  const kept = since === undefined ? changes : changes.filter((change) => change.committed >= since)
  if (kept.length > maxVersions) throw new UsageError(`refusing the history of ${printable(file)}: ${kept.length} commits changed it, more than the ${maxVersions} a policy's history may have (--since YYYY-MM-DD takes the later ones)`)
  if (changes.length === 0) throw new UsageError(`no commit of ${shown} changed ${printable(file)} (the path is relative to the repository's top directory)`)
  const versions: HistoryVersion[] = []
  for (const change of kept.reverse()) {
    const blob = await readFileAt(repository, change)
    if (blob === null) continue
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(blob)
    } catch {
      throw new UsageError(`refusing ${printable(change.path)} at commit ${change.commit}: it is not UTF-8 text`)
    }
    versions.push({ ...change, text })
  }
  return versions
}

/**
 * The file's bytes at a commit: null where the commit deleted it or left a directory of its name;
 * refused where it is a symbolic link (its text would be the link's target) or a submodule.
 */
async function readFileAt(repository: string, change: Change): Promise<Buffer | null> {
  const failed = (error: unknown) => new UsageError(`cannot read ${printable(change.path)} at commit ${change.commit}: ${printable(firstLine((error as { stderr?: string }).stderr ?? ''))}`)
  // Paths from the top directory, as git log names them.
  const listing = await git(repository, ['ls-tree', '-z', '--full-tree', change.commit, '--', `:(literal)${change.path}`]).catch((error: unknown) => {
    throw failed(error)
  })
  const entry = listing
    .toString('utf8')
    .split('\0')
    .map((line) => /^(\d{6}) \w+ ([0-9a-f]{40,64})\t(.*)$/s.exec(line))
    .find((match) => match?.[3] === change.path)
  const [, mode = '', object = ''] = entry ?? []
  if (entry === undefined || mode === '040000') return null
  if (mode === '120000') throw new UsageError(`refusing ${printable(change.path)} at commit ${change.commit}: it is a symbolic link, not a file`)
  if (mode !== '100644' && mode !== '100755') throw new UsageError(`refusing ${printable(change.path)} at commit ${change.commit}: it is no file (mode ${mode})`)
  return git(repository, ['cat-file', 'blob', object], maxVersionBytes).catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') throw new UsageError(`refusing ${printable(change.path)} at commit ${change.commit}: more than ${maxVersionBytes} bytes`)
    // Such as a partial clone's missing object, never fetched.
    throw failed(error)
  })
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}

/**
 * `git log -z --format=%x01%H%x00%cI%x00%s --name-only`: per commit, \x01, its id, its date, its
 * subject and, after a line break, the paths it changed that the pathspec matched, each ended by
 * NUL: the file's (its name then, following renames), and those of files inside a directory of
 * the same name (where the file became a directory), which are no version of it.
 */
export function parseLog(output: string, file: string): Change[] {
  const tokens = output.split('\0')
  const isRecord = (token: string) => token.replace(/^\n/, '').startsWith('\u0001')
  const changes: Change[] = []
  let tracked = file
  let index = 0
  while (index + 2 < tokens.length) {
    const [marker = '', date = '', subject = ''] = tokens.slice(index, index + 3)
    index += 3
    const names: string[] = []
    for (; index < tokens.length && !isRecord(tokens[index] ?? ''); index += 1) {
      const name = (tokens[index] ?? '').replace(/^\n/, '')
      if (name !== '') names.push(name)
    }
    // The record's marker, \x01, then the commit's id (SHA-1 or SHA-256).
    const record = marker.replace(/^\n/, '')
    const commit = record.startsWith('\u0001') ? /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.exec(record.slice(1))?.[0] : undefined
    const committed = date.slice(0, 10)
    const own = names.filter((name) => !name.startsWith(`${tracked}/`) && !names.some((other) => name.startsWith(`${other}/`)))
    if (commit === undefined || !isCalendarDate(committed) || own.length > 1 || (own.length === 0 && names.length === 0)) throw new UsageError(`unexpected output of git log near \`${printable(marker.slice(0, 60))}\``)
    // A commit that changed only files inside a directory of the file's name.
    const [path] = own
    if (path === undefined) continue
    tracked = path
    // git gives a path's bytes as they are: one that is not UTF-8 could not be read back by its
    // decoded name, and its versions would pass for deleted ones.
    if (path.includes('\ufffd')) throw new UsageError(`refusing the history: at commit ${commit} the file's path \`${printable(path.slice(0, 200))}\` is not UTF-8`)
    // The path is recorded in each release (`imported.path`) and its summary, which check holds to
    // the rules of policy text: one plain line, no bidirectional or zero-width character.
    // Nor markup: the JSON files publish it as it is, and another system could show it as HTML.
    if (/[\p{Cc}\u2028\u2029<>]/u.test(path) || findCharacterProblems(path).length > 0 || path.length > 1000) {
      throw new UsageError(`refusing the history: at commit ${commit} the file's path \`${printable(path.slice(0, 200))}\` holds a control or invisible character, < or >, or is longer than 1000 characters`)
    }
    changes.push({ commit, committed, subject, path })
  }
  return changes
}
