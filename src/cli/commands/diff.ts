import { parseArgs } from 'node:util'
import { compile } from '../../compile/compile.ts'
import type { PolicyDocument } from '../../model/policy-document.ts'
import { readPolicy } from '../../source/read-policy.ts'
import { diffDocuments } from '../../versions/diff.ts'
import { recordedKind } from '../../versions/release.ts'
import { type DiffFormat, diffFormats, formatDiff } from '../../versions/format-diff.ts'
import { type Io, printErrors, UsageError } from '../shared.ts'
import { printable } from '../../diagnostics/format.ts'

export const diffHelp = `Usage: clausewright diff [FROM] [TO] [--dir policy] [--format text|markdown|json]

Shows what changed between two versions of the policy: clauses added, removed, moved, retitled or
reworded (with a word-level diff), links whose target changed (old → new), structured data changed
field by field, and the kind of change the tool proves with the reasons for it: substantive,
reworded (a change of wording or of a link that only the editor can judge: \`release --kind\`),
editorial or technical. Between a release and the one before it, also the kind its record holds
and who decided it.

FROM and TO are version ids (see policy/releases/) or \`draft\`, the working source. By default FROM is
the latest release and TO is \`draft\`: what readers will see change.

Options:
  --dir <path>        The policy directory (default: policy)
  --format <name>     text:     for a terminal; [-deleted-] and {+inserted+} words (default)
                      markdown: for a pull request
                      json:     the diff as data (schema/diff.schema.json)
  --color, --no-color Colour the text format (default: on a terminal, unless NO_COLOR is set)
  -h, --help          Show this help

Exit status: 0 whether or not there are changes; 1 when a version is unknown or the draft has
errors; 2 on a usage error.
`

export async function runDiff(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    allowNegative: true,
    options: {
      dir: { type: 'string', default: 'policy' },
      format: { type: 'string', default: 'text' },
      color: { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(diffHelp)
    return 0
  }
  const format = values.format as DiffFormat
  if (!diffFormats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${diffFormats.join(', ')}`)
  if (positionals.length > 2) throw new UsageError(`unexpected \`${positionals.slice(2).join(' ')}\`: diff takes at most FROM and TO`)

  const result = compile(await readPolicy(values.dir, { cwd: io.cwd }))
  const versions = result.releases.map((release) => release.version)
  const [from = versions.at(-1), to = 'draft'] = positionals
  if (from === undefined) {
    io.stderr('clausewright: there is no release yet to compare the draft with; name two versions, or release one with `clausewright release`\n')
    return 1
  }
  const resolve = (id: string): PolicyDocument | undefined => {
    if (id === 'draft') return result.output?.draft
    return result.releases.find((release) => release.version === id)?.document
  }
  for (const id of [from, to]) {
    if (id !== 'draft' && !versions.includes(id)) {
      io.stderr(`clausewright: unknown version \`${printable(id)}\`; the versions are: ${[...versions, 'draft'].join(', ')}\n`)
      return 1
    }
    if (id === 'draft' && !result.output) {
      printErrors(io, result)
      io.stderr('clausewright: the draft has errors, so it cannot be compared\n')
      return 1
    }
  }
  const before = resolve(from)
  const after = resolve(to)
  if (!before || !after) throw new Error('a resolved version has no document')
  const color = values.color ?? (io.isTty === true && io.env['NO_COLOR'] === undefined)
  // A release compared with the one before it: its record says what kind it was released as.
  const released = result.releases.find((release) => release.version === to)
  const recorded = released && released.previous === from ? recordedKind(released) : null
  io.stdout(formatDiff({ ...diffDocuments(before, after, { from, to }), recorded }, format, { color }))
  return 0
}
