import { randomUUID } from 'node:crypto'
import { lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { parse } from 'yaml'
import { printable } from '../../diagnostics/format.ts'
import { isCalendarDate, todayInUtc } from '../../model/calendar-date.ts'
import { newPolicyFiles, schemaDirectory } from '../../source/new-policy.ts'
import { getValidator } from '../../validate/schemas.ts'
import { assertPlainText, type Io, UsageError } from '../shared.ts'

export const initHelp = `Usage: clausewright init --name <legal name> [--dir policy] [--language en-GB] [--country GB] [--email <address>]

Writes a new policy into a directory that does not exist or is empty: policy.yaml, data.yaml and
seven clauses. It passes the schemas, but its legal content is the placeholder TODO, which check
reports as an error (placeholder-left) until each is replaced with your own words: init never
writes legal content, and nothing with a TODO left can be released or built.

Options:
  --name <text>        The controller's legal name (required), e.g. "Acme Ltd"
  --dir <path>         The directory to write (default: policy)
  --language <tag>     The BCP 47 language tag of the policy (default: en-GB)
  --country <code>     The ISO 3166-1 alpha-2 country of the supervisory authority, e.g. GB
  --email <address>    The address people write to about their data
  --today <date>       The policy's last-updated date, YYYY-MM-DD (default: today, UTC)
  -h, --help           Show this help

Exit status: 0 when the policy was written; 2 on a usage error or when the directory is not empty;
1 when the machine refused a write.
`

const maxNameLength = 200
// The schema's own patterns (schema/policy.schema.json): refused here, named, rather than written
// into a policy that check would then refuse.
const languagePattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/
const countryPattern = /^[A-Z]{2}$/
const emailPattern = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\]+$/

export async function runInit(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      name: { type: 'string' },
      dir: { type: 'string', default: 'policy' },
      language: { type: 'string', default: 'en-GB' },
      country: { type: 'string' },
      email: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(initHelp)
    return 0
  }
  assertPlainText({ name: values.name, dir: values.dir, language: values.language, country: values.country, email: values.email, today: values.today })
  const name = values.name?.trim()
  if (name === undefined || name === '') throw new UsageError('missing --name, expected the controller’s legal name (`--name "Acme Ltd"`)')
  if (name.length > maxNameLength) throw new UsageError(`unexpected --name of ${name.length} characters, expected at most ${maxNameLength}`)
  if (/[\n\r\u2028\u2029]/.test(name)) throw new UsageError('unexpected line break in --name, expected one line')
  if (!languagePattern.test(values.language)) throw new UsageError(`unexpected --language \`${values.language}\`, expected a BCP 47 language tag such as en-GB`)
  if (values.country !== undefined && !countryPattern.test(values.country)) throw new UsageError(`unexpected --country \`${values.country}\`, expected an ISO 3166-1 alpha-2 code in capitals, such as GB`)
  if (values.email !== undefined && !emailPattern.test(values.email)) throw new UsageError(`unexpected --email \`${values.email}\`, expected an address such as privacy@example.com`)
  const today = values.today ?? todayInUtc()
  if (!isCalendarDate(today)) throw new UsageError(`unexpected --today \`${today}\`, expected a date that exists, YYYY-MM-DD`)
  if (values.dir === '') throw new UsageError('unexpected empty --dir, expected a directory')

  const directory = path.resolve(io.cwd, values.dir)
  const shown = printable(values.dir)
  const refuse = (why: string) => new UsageError(`refusing to write a policy into ${shown}: ${why}`)
  const existing = await entriesOf(directory)
  if (existing === 'symbolic link') throw refuse('it is a symbolic link (init writes only into a new or empty directory, and never replaces a file)')
  if (existing === 'not a directory') throw refuse('it is a file, not a directory')
  if (existing === 'under a file') throw refuse('a directory above it is a file')
  if (existing !== 'absent' && existing.length > 0) throw refuse('it is not empty (init writes only into a new or empty directory, and never replaces a file)')

  const relativeSchemas = path.relative(directory, schemaDirectory).split(path.sep).join('/')
  const files = newPolicyFiles({
    name,
    language: values.language,
    today,
    ...(values.country !== undefined && { country: values.country }),
    ...(values.email !== undefined && { email: values.email }),
    // A path that is not plain text would break the comment's line: left out.
    ...(!/[\p{Cc}\u2028\u2029]/u.test(relativeSchemas) && { schemaDirectory: relativeSchemas }),
  })
  assertPassesSchema(files.get('policy.yaml') ?? '', values)

  try {
    if (existing === 'absent') await writeNewDirectory(directory, files)
    else await writeIntoEmptyDirectory(directory, files)
  } catch (error) {
    if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST') || isCode(error, 'ENOTDIR')) throw refuse('it is no longer empty')
    if (isCode(error, 'ENAMETOOLONG')) throw refuse('its name is too long for the file system')
    throw error
  }
  const clauses = [...files.keys()].filter((file) => file.startsWith('clauses/')).length
  io.stderr(`clausewright: wrote ${shown}/ (policy.yaml, data.yaml and ${clauses} clauses). Each TODO marks a place for your own words; \`clausewright check${values.dir === 'policy' ? '' : ` --dir ${printable(shellWord(values.dir))}`}\` lists them.\n`)
  return 0
}

/**
 * The policy written is checked against the schema before anything is written: the patterns above
 * name the option at fault in plain words, and this catches what they let through (an address that
 * the schema's `format: email` refuses, `é@acme.example` or `a..b@acme.example`).
 */
function assertPassesSchema(policyYaml: string, values: { readonly email?: string | undefined }): void {
  const validate = getValidator('policy')
  if (validate(parse(policyYaml))) return
  const paths = (validate.errors ?? []).map((error) => error.instancePath)
  if (values.email !== undefined && paths.some((where) => where.endsWith('/email'))) throw new UsageError(`unexpected --email \`${values.email}\`, expected an address such as privacy@example.com`)
  throw new Error(`the policy init would write does not pass its schema (${paths.join(', ')})`)
}

/**
 * A directory that did not exist: written beside it and moved into place at once, so that a
 * policy is there whole or not at all (a full disk half-way leaves nothing behind). The directories
 * made above it for the purpose are removed again when that fails.
 */
async function writeNewDirectory(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(directory)
  const madeAbove = await mkdir(parent, { recursive: true })
  // Not mkdtemp: its 0700 would stay the policy directory's mode; this one has the umask's, as any.
  const staging = path.join(parent, `.clausewright-init-${randomUUID()}`)
  try {
    await mkdir(staging)
    try {
      await writeFiles(staging, files)
      // Refused when a directory that is not empty, or a file, appeared there meanwhile.
      await rename(staging, directory)
    } catch (error) {
      await rm(staging, { recursive: true, force: true })
      throw error
    }
  } catch (error) {
    if (madeAbove !== undefined) await removeEmptyDirectories(parent, madeAbove)
    throw error
  }
}

/**
 * An empty directory (`--dir .`, one made for the policy) is written into, not replaced: it keeps
 * its owner and mode, a shell standing in it sees the policy, and its parent need not be writable.
 * Each file is created only where nothing is (`wx`); on a failure what was written is removed.
 */
async function writeIntoEmptyDirectory(directory: string, files: ReadonlyMap<string, string>): Promise<void> {
  const written: string[] = []
  try {
    await writeFiles(directory, files, written)
  } catch (error) {
    for (const made of written.reverse()) await rm(made, { recursive: true, force: true })
    throw error
  }
}

/** Writes the files under `directory`, never replacing one; `written` gets each file and directory made, in order. */
async function writeFiles(directory: string, files: ReadonlyMap<string, string>, written: string[] = []): Promise<void> {
  // policy.yaml last: a directory without it is not taken for a policy.
  const order = [...files.keys()].sort((a, b) => Number(a === 'policy.yaml') - Number(b === 'policy.yaml'))
  for (const file of order) {
    const target = path.join(directory, file)
    const folder = path.dirname(target)
    if (folder !== directory && !written.includes(folder)) {
      await mkdir(folder)
      written.push(folder)
    }
    await writeFile(target, files.get(file) ?? '', { flag: 'wx' })
    written.push(target)
  }
}

/** Removes `from` and the directories above it up to `top`, while each is empty (never one that is not). */
async function removeEmptyDirectories(from: string, top: string): Promise<void> {
  for (let current = from; current.startsWith(top); current = path.dirname(current)) {
    try {
      await rmdir(current)
    } catch {
      return
    }
    if (current === top) return
  }
}

/** An argument as a POSIX shell reads it back: quoted where it holds more than a path's usual characters. */
function shellWord(text: string): string {
  const word = text.startsWith('-') ? `./${text}` : text
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`
}

/** What is at `directory`: its entries, or why it cannot be written into. */
async function entriesOf(directory: string): Promise<string[] | 'absent' | 'symbolic link' | 'not a directory' | 'under a file'> {
  try {
    // Not followed: a link is replaced by a rename, and what it points to is not ours to write.
    const entry = await lstat(directory)
    if (entry.isSymbolicLink()) return 'symbolic link'
    if (!entry.isDirectory()) return 'not a directory'
    return await readdir(directory)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return 'absent'
    if (isCode(error, 'ENOTDIR')) return 'under a file'
    throw error
  }
}

const isCode = (error: unknown, code: string) => (error as { code?: unknown } | null)?.code === code
