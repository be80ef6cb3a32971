import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { compile } from '../../compile/compile.ts'
import { todayInUtc } from '../../model/calendar-date.ts'
import { readPolicy, releasesDirectoryName } from '../../source/read-policy.ts'
import { decideKind, type EditorKind, editorKinds } from '../../versions/release-kind.ts'
import { diffDocuments } from '../../versions/diff.ts'
import { kindLabel } from '../../versions/kind-label.ts'
import { createRelease, currentDigestOf, serializeRelease } from '../../versions/release.ts'
import { compareVersionIds, isVersionId, nextVersionId, versionDate } from '../../versions/version-id.ts'
import { assertPlainText, type Io, isVersionDate, printErrors, UsageError } from '../shared.ts'
import { printable } from '../../diagnostics/format.ts'

/** The longest `--source` recorded: a commit, a ticket or a URL, not a story. */
const maxSourceLength = 200

export const releaseHelp = `Usage: clausewright release --summary "…" [--kind editorial|substantive] [--version ID] [--effective YYYY-MM-DD] [--source TEXT] [--dir policy]

Records the working source as a new released version: policy/releases/<version>.json holds the
policy document as it is now, the summary, the kind of change and who decided it, the effective
date, the day it was recorded (\`released\`), and digests that make any later edit visible to
\`check\`. Commit the file.

The kind is proved from the diff with the previous release where the tool can: substantive (a new
purpose, recipient, lawful basis…), editorial (clauses moved, a new date). A change of wording or of
a link's target the tool cannot judge: read it with \`clausewright diff\`, then give your judgement
with --kind, which the release records as the editor's.

Options:
  --summary <text>    One paragraph for readers: what changed and why (required)
  --kind <kind>       The editor's judgement: editorial (it changes nothing the policy says) or
                      substantive (readers must be told). Required for a reworded change; never
                      editorial where the tool proved the change substantive
  --effective <date>  The date the version takes effect (default: lastUpdated in policy.yaml, which
                      it must equal): today, an earlier date, or a later one up to a year ahead (an
                      announced change); never before the last release's
  --version <id>      The version id (default: the effective date, or <date>.2 for a second release
                      on one date); it must sort after every existing release
  --source <text>     Where the release came from (a commit, a ticket): one line of at most ${maxSourceLength}
                      characters, recorded as \`source\` (optional)
  --dir <path>        The policy directory (default: policy)
  --today <date>      The day the release is recorded (\`released\`), and that "in the future" is
                      judged against (default: today, UTC)
  -h, --help          Show this help

Refuses, writing nothing, when an option holds a control or invisible character (as policy
files may not), when check reports errors, when nothing changed since the last release,
when the version exists or does not sort after the last one, when lastUpdated is not the
effective date, or when that date is before the last release's (exit 1); when a reworded change
has no --kind, or --kind editorial is given for a proved substantive change or for the first
release (exit 2). Exit status: 0 when released, 1 when refused, 2 on a usage error or a refused kind.
`

export async function runRelease(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      summary: { type: 'string' },
      kind: { type: 'string' },
      effective: { type: 'string' },
      version: { type: 'string' },
      source: { type: 'string' },
      dir: { type: 'string', default: 'policy' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(releaseHelp)
    return 0
  }
  // Before anything else reads or echoes them (trim() would drop a leading vertical tab).
  assertPlainText({ summary: values.summary, kind: values.kind, effective: values.effective, version: values.version, source: values.source, dir: values.dir, today: values.today })
  const summary = values.summary?.trim()
  if (!summary) throw new UsageError('missing --summary "…": say in one paragraph what changed and why')
  if (values.effective !== undefined && !isVersionDate(values.effective)) throw new UsageError(`unexpected --effective \`${values.effective}\`, expected a date that exists, YYYY-MM-DD`)
  if (values.version !== undefined && !isVersionId(values.version)) throw new UsageError(`unexpected --version \`${values.version}\`, expected YYYY-MM-DD or YYYY-MM-DD.N`)
  const editor = values.kind as EditorKind | undefined
  if (editor !== undefined && !editorKinds.includes(editor)) throw new UsageError(`unexpected --kind \`${values.kind}\`, expected \`editorial\` or \`substantive\``)
  if (values.today !== undefined && !isVersionDate(values.today)) throw new UsageError(`unexpected --today \`${values.today}\`, expected a date that exists, YYYY-MM-DD`)
  const source = values.source === undefined ? undefined : sourceText(values.source)
  const today = values.today ?? todayInUtc()

  const refuse = (message: string): number => {
    io.stderr(`clausewright: nothing released: ${printable(message)}\n`)
    return 1
  }
  const result = compile(await readPolicy(values.dir, { cwd: io.cwd }), { today })
  if (!result.output) {
    printErrors(io, result)
    return refuse('the policy has errors (above)')
  }
  const draft = result.output.draft
  const releases = result.releases
  const last = releases.at(-1)
  const existing = releases.map((release) => release.version)
  const effective = values.effective ?? draft.lastUpdated
  if (draft.lastUpdated !== effective) return refuse(`lastUpdated in policy.yaml is ${draft.lastUpdated}, but the release takes effect on ${effective}; set lastUpdated to ${effective}`)
  if (last && effective < last.effective) return refuse(`the release would take effect on ${effective}, before the last release, ${last.version}, took effect; set lastUpdated to ${last.effective} or later`)
  const version = values.version ?? nextVersionId(effective, existing)
  if (versionDate(version) !== effective) return refuse(`the version id ${version} is not of the effective date ${effective}`)
  if (existing.includes(version)) return refuse(`version ${version} exists already`)
  if (last && compareVersionIds(version, last.version) <= 0) return refuse(`version ${version} does not come after the last release, ${last.version}`)
  if (last && currentDigestOf(last) === draft.digest) return refuse(`nothing changed since the last release, ${last.version}`)

  // The kind needs no word runs: its reasons name what changed.
  const decision = decideKind(diffDocuments(last?.document ?? null, draft, { from: last?.version ?? null, to: version }, { words: false }), editor)
  if ('refusal' in decision) {
    io.stderr(`clausewright: nothing released: ${printable(decision.refusal)}\n`)
    return 2
  }
  const { kind, decidedBy } = decision
  const release = createRelease({ version, effective, released: today, ...(source !== undefined && { source }), summary, kind, decidedBy, previous: last ?? null, document: draft })
  const directory = path.resolve(io.cwd, values.dir, releasesDirectoryName)
  const target = path.join(directory, `${version}.json`)
  if (await stat(target).catch(() => undefined)) return refuse(`${path.relative(io.cwd, target)} exists already`)
  await mkdir(directory, { recursive: true })
  // Written beside its final name, then renamed: a release file is never seen half-written.
  const temporary = `${target}.${process.pid}.tmp`
  try {
    await writeFile(temporary, serializeRelease(release), { flag: 'wx' })
    await rename(temporary, target)
  } finally {
    await rm(temporary, { force: true })
  }
  io.stdout(`Released ${version} (${kindLabel(kind, decidedBy, { short: true })}): ${printable(path.relative(io.cwd, target).split(path.sep).join('/'))}\n`)
  return 0
}

/** `--source` as recorded: one line of text, trimmed, not empty, at most `maxSourceLength` characters. */
function sourceText(value: string): string {
  const text = value.trim()
  // assertPlainText has refused the other control characters already.
  // U+2028 and U+2029 are line and paragraph separators, line breaks to an editor or a JSON reader.
  if (/[\t\n\r\u2028\u2029]/.test(text)) throw new UsageError('unexpected line break or tab in --source, expected one line of text')
  if (text === '') throw new UsageError('unexpected empty --source, expected where the release came from (a commit, a ticket)')
  const length = [...text].length
  if (length > maxSourceLength) throw new UsageError(`unexpected --source of ${length} characters, expected at most ${maxSourceLength}`)
  return text
}
