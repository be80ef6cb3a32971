import { execFile } from 'node:child_process'
import { printable } from '../diagnostics/format.ts'
import type { HistoryVersion } from '../history/replay-history.ts'
import { isCalendarDate } from '../model/calendar-date.ts'
import { splitCatFileBatch } from '../source/cat-file-batch.ts'
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

function git(repository: string, args: readonly string[], options: { readonly maxBuffer?: number; readonly input?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-C', repository, '--no-pager', ...gitSettings, ...args], { encoding: 'buffer', maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, env: gitEnvironment, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: stderr.toString('utf8') }))
      else resolve(stdout)
    })
    // A git that ends early closes its input: its exit status reports that, not an EPIPE thrown here.
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(options.input ?? '')
  })
}

/** A commit that changed the file, newest first as git lists it. */
interface Change {
  readonly commit: string
  readonly committed: string
  readonly subject: string
  readonly path: string
  /** What the commit left at the file's path: its mode and object, or null where it deleted the file. */
  readonly entry: { readonly mode: string; readonly object: string } | null
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
  const log = await git(repository, ['log', '--first-parent', '--follow', '-z', '--format=%x01%H%x00%cI%x00%s', '--raw', '--no-abbrev', '--', `:(literal)${file}`]).catch((error: unknown) => {
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
  return readVersions(repository, kept.reverse())
}

/**
 * The texts of the versions, oldest first, read with one `git cat-file --batch-check` (each
 * object's size, to refuse one too large before it is read) and one `git cat-file --batch`: two
 * processes for the whole history, where reading each version with processes of its own cost two
 * a version. A commit that deleted the file has no version. A symbolic link is refused (its text
 * would be the link's target), and so is a submodule: only a file's text is a version.
 */
async function readVersions(repository: string, changes: readonly Change[]): Promise<HistoryVersion[]> {
  const present = changes.flatMap((change) => (change.entry === null ? [] : [{ ...change, entry: change.entry }]))
  for (const { path, commit, entry } of present) {
    if (entry.mode === '120000') throw new UsageError(`refusing ${printable(path)} at commit ${commit}: it is a symbolic link, not a file`)
    if (entry.mode !== '100644' && entry.mode !== '100755') throw new UsageError(`refusing ${printable(path)} at commit ${commit}: it is no file (mode ${entry.mode})`)
  }
  if (present.length === 0) return []
  const objects = `${present.map((change) => change.entry.object).join('\n')}\n`
  const failed = (error: unknown) => new UsageError(`cannot read the history's texts: ${printable(firstLine((error as { stderr?: string }).stderr ?? ''))}`)
  const sizes = (await git(repository, ['cat-file', '--batch-check'], { input: objects }).catch((error: unknown) => Promise.reject(failed(error)))).toString('utf8').split('\n')
  let total = 0
  present.forEach(({ path, commit, entry }, index) => {
    const [object, type, size] = (sizes[index] ?? '').split(' ')
    // Such as a partial clone's missing object, never fetched.
    if (object !== entry.object || type !== 'blob' || !/^\d+$/.test(size ?? '')) throw new UsageError(`cannot read ${printable(path)} at commit ${commit}: git has no text for it (${printable(sizes[index] ?? '')})`)
    if (Number(size) > maxVersionBytes) throw new UsageError(`refusing ${printable(path)} at commit ${commit}: more than ${maxVersionBytes} bytes`)
    total += Number(size) + (sizes[index]?.length ?? 0) + 2
  })
  const texts = await git(repository, ['cat-file', '--batch'], { input: objects, maxBuffer: total + 1 }).catch((error: unknown) => Promise.reject(failed(error)))
  const unexpected = (header: string) => new UsageError(`unexpected output of git cat-file near \`${printable(header.slice(0, 60))}\``)
  const batch = splitCatFileBatch(texts, present.length)
  if ('unexpected' in batch) throw unexpected(batch.unexpected)
  // The answer to the same objects as the check's: the same header lines, in order.
  const changed = batch.blobs.find((blob, index) => blob.header !== sizes[index])
  if (changed) throw unexpected(changed.header)
  return present.map(({ commit, committed, subject, path }, index) => {
    const blob = batch.blobs[index]?.content ?? Buffer.alloc(0)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(blob)
    } catch {
      throw new UsageError(`refusing ${printable(path)} at commit ${commit}: it is not UTF-8 text`)
    }
    return { commit, committed, subject, path, text }
  })
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}

/**
 * `git log -z --format=%x01%H%x00%cI%x00%s --raw --no-abbrev`: per commit, \x01, its id, its date
 * and its subject, each ended by NUL, then, after a line break, an entry for each path it changed
 * that the pathspec matched: `:<old mode> <new mode> <old object> <new object> <status>`, then
 * the path (two paths, the old and the new, for a rename or copy), each ended by NUL. The paths
 * are the file's (its name then, following renames) and those of files inside a directory of the
 * same name (where the file became a directory), which are no version of it.
 */
export function parseLog(output: string, file: string): Change[] {
  const tokens = output.split('\0')
  const changes: Change[] = []
  let tracked = file
  let index = 0
  const unexpected = (near: string) => new UsageError(`unexpected output of git log near \`${printable(near.slice(0, 60))}\``)
  while (index + 2 < tokens.length) {
    const [marker = '', date = '', subject = ''] = tokens.slice(index, index + 3)
    index += 3
    const entries: Array<{ readonly path: string; readonly mode: string; readonly object: string; readonly deleted: boolean }> = []
    // The entries, each a token of modes, objects and status, then its one or two paths: read by
    // position, so that no path is ever taken for the next commit's marker.
    for (;;) {
      const raw = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) ([ACDMRTUX])\d*$/.exec(tokens[index] ?? '')
      if (!raw) break
      const [, , mode = '', , object = '', status = ''] = raw
      const paths = status === 'R' || status === 'C' ? 2 : 1
      const path = tokens[index + paths]
      if (path === undefined || index + paths >= tokens.length - 1) throw unexpected(tokens[index] ?? '')
      entries.push({ path, mode, object, deleted: status === 'D' })
      index += 1 + paths
    }
    // The record's marker, \x01, then the commit's id (SHA-1 or SHA-256); after the entries, the next record or the end.
    const record = marker.replace(/^\n/, '')
    const commit = record.startsWith('\u0001') ? /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.exec(record.slice(1))?.[0] : undefined
    const committed = date.slice(0, 10)
    const next = tokens[index] ?? ''
    const own = entries.filter((entry) => !entry.path.startsWith(`${tracked}/`) && !entries.some((other) => entry.path.startsWith(`${other.path}/`)))
    if (commit === undefined || !isCalendarDate(committed) || own.length > 1 || entries.length === 0 || !(next.replace(/^\n/, '').startsWith('\u0001') || (next === '' && index === tokens.length - 1))) throw unexpected(marker)
    // A commit that changed only files inside a directory of the file's name.
    const [changed] = own
    if (changed === undefined) continue
    const path = changed.path
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
    changes.push({ commit, committed, subject, path, entry: changed.deleted ? null : { mode: changed.mode, object: changed.object } })
  }
  return changes
}
