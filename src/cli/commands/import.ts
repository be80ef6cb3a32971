import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { printable } from '../../diagnostics/format.ts'
import { type ImportNote, type ImportOptions, ImportRefusal, type ImportResult, importPublished } from '../../source/import-markdown.ts'
import { formatNotes, reportFile } from '../import-report.ts'
import { schemasFrom, writePolicyDirectory } from '../new-directory.ts'
import { importHistory } from './import-history.ts'
import { assertPlainText, type Io, isVersionDate, newPolicyOptions, UsageError } from '../shared.ts'

export const importHelp = `Usage: clausewright import <file.md|file.html> [--dir policy] [--split-level auto|1-6] [--base-url URL] [--name <legal name>] [--language en-GB] [--report FILE]
       clausewright import --git <repository> --path <file> [--since YYYY-MM-DD] [--dir policy] [--split-level auto|1-6] [--base-url URL] [--name <legal name>] [--language en-GB] [--report FILE]

Turns one published policy, as Markdown or as an HTML page (its <main>), into a policy directory:
the front matter and HTML comments removed, inline HTML written as Markdown, the text split into clauses at its headings,
links to the page's anchors led to the clauses, relative links resolved against --base-url. The
text stays the text: each change of form is a note of the report. Nothing legal is guessed: the
structured data (data.yaml) starts empty, and what the text does not say (the controller's legal
name without --name, the supervisory authority, what an address is for) is TODO, which check
reports until it is replaced. The directory must not exist or be empty.

With --git, the policy's whole history in a git repository: every commit of the branch's
first-parent history that changed the file (following its renames), oldest first. A clause keeps
its id through the history when its heading changes (matched by its text). Into a directory that
does not exist or is empty, the newest version is written as above, with those ids: replace its
TODOs, then run the same command again. Into a policy directory without releases, each version
becomes a release: its text from the commit, everything else (controller, contacts, supervisory
authority, data.yaml) from the directory; its effective date the one its text states, else (or
when that is more than a year after the commit) the commit's; its source the commit's id; its kind the one the tool proves, "reworded, not reviewed"
where it cannot judge. Nothing is written when a version has errors (each is listed), and a policy
that has releases is refused.

Options:
  --dir <path>         The directory to write (default: policy)
  --split-level <n>    Headings of this level and above start a clause (default: auto, the
                       highest level used twice or more)
  --base-url <url>     Where the policy was published (https:), to resolve its relative links
  --name <text>        The controller's legal name
  --language <tag>     The BCP 47 language tag of the policy (default: en-GB)
  --report <file>      Also write the notes as JSON to this file (a new file)
  --today <date>       The last-updated date when the text states none, and the day releases are
                       recorded (default: today, UTC)
  --git <repository>   Read the history of --path in this git repository
  --path <file>        The policy's file, relative to the repository's top directory (with --git)
  --since <date>       Only the versions committed on this date or later (with --git)
  -h, --help           Show this help

Exit status: 0 when the policy (or its history) was written; 1 when the policy directory or a
version of the history has errors; 2 on a usage error or when the directory is not empty.
`

const maxSourceBytes = 4 * 1024 * 1024

export async function runImport(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      dir: { type: 'string', default: 'policy' },
      'split-level': { type: 'string', default: 'auto' },
      'base-url': { type: 'string' },
      name: { type: 'string' },
      language: { type: 'string', default: 'en-GB' },
      report: { type: 'string' },
      today: { type: 'string' },
      git: { type: 'string' },
      path: { type: 'string' },
      since: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(importHelp)
    return 0
  }
  assertPlainText({ dir: values.dir, 'split-level': values['split-level'], 'base-url': values['base-url'], name: values.name, language: values.language, report: values.report, today: values.today, git: values.git, path: values.path, since: values.since, file: positionals[0] })
  if (values.git === undefined && (values.path !== undefined || values.since !== undefined)) throw new UsageError(`unexpected ${values.path !== undefined ? '--path' : '--since'} without --git <repository>`)
  if (values.git !== undefined && positionals.length > 0) throw new UsageError('expected either a file to import or --git <repository>, not both')
  if (values.git === undefined && positionals.length !== 1) throw new UsageError(`expected one file to import, got ${positionals.length}`)
  if (values.git !== undefined && (values.path === undefined || values.path.trim() === '')) throw new UsageError('missing --path <file>: the policy’s file in the repository')
  if (values.since !== undefined && !isVersionDate(values.since)) throw new UsageError(`unexpected --since \`${values.since}\`, expected a date that exists, YYYY-MM-DD`)
  const file = positionals[0] ?? ''
  const splitLevel = values['split-level'] === 'auto' ? 'auto' : Number(values['split-level'])
  if (splitLevel !== 'auto' && !(Number.isInteger(splitLevel) && splitLevel >= 1 && splitLevel <= 6)) throw new UsageError(`unexpected --split-level \`${values['split-level']}\`, expected auto or a heading level from 1 to 6`)
  const baseUrl = values['base-url']
  if (baseUrl !== undefined && !(/^https:\/\/[^/?#]+/.test(baseUrl) && URL.canParse(baseUrl))) throw new UsageError(`unexpected --base-url \`${baseUrl}\`, expected an https: URL`)
  newPolicyOptions.language(values.language)
  const name = values.name === undefined ? undefined : newPolicyOptions.name(values.name)
  const today = newPolicyOptions.today(values.today)
  if (values.git !== undefined) {
    return importHistory({ repository: path.resolve(io.cwd, values.git), shownRepository: values.git, file: values.path ?? '', ...(values.since !== undefined && { since: values.since }), dir: values.dir, splitLevel, ...(baseUrl !== undefined && { baseUrl }), ...(name !== undefined && { name }), language: values.language, today, ...(values.report !== undefined && { report: values.report }) }, io)
  }

  const buffer = await readFile(path.resolve(io.cwd, file)).catch((error: unknown) => {
    throw new UsageError(`cannot read ${printable(file)}: ${(error as { code?: string }).code ?? 'error'}`)
  })
  if (buffer.length > maxSourceBytes) throw new UsageError(`refusing ${printable(file)}: ${buffer.length} bytes, expected at most ${maxSourceBytes}`)
  let source: string
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
  } catch {
    throw new UsageError(`refusing ${printable(file)}: it is not UTF-8 text (save it as UTF-8 first)`)
  }
  const directory = path.resolve(io.cwd, values.dir)
  const importOptions: ImportOptions = { splitLevel, language: values.language, today, ...(baseUrl !== undefined && { baseUrl }), ...(name !== undefined && { name }), ...schemasFrom(directory) }
  let result: ImportResult
  try {
    result = importPublished(source, file, importOptions)
  } catch (error) {
    if (error instanceof ImportRefusal) throw new UsageError(`refusing ${printable(file)}: ${error.message}`)
    throw error
  }
  const shown = printable(values.dir)
  const report = await reportFile(values.report, io)
  await writePolicyDirectory(directory, shown, result.files)
  await report?.write({ source: file, notes: result.notes })
  io.stderr(formatNotes(file, result.notes))
  const clauses = [...result.files.keys()].filter((name) => name.startsWith('clauses/')).length
  io.stderr(`clausewright: imported ${printable(file)} into ${shown}/ (${clauses} clauses, ${count(result.notes)}). \`clausewright check\` lists what is left to do.\n`)
  return 0
}

function count(notes: readonly ImportNote[]): string {
  return `${notes.length} ${notes.length === 1 ? 'note' : 'notes'}`
}
