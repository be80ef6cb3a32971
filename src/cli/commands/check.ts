import path from 'node:path'
import { parseArgs } from 'node:util'
import { checkPolicy } from '../../check.ts'
import { compareDiagnostics, hasErrors } from '../../diagnostics/diagnostic.ts'
import { formatDiagnostics, sourceTexts } from '../../diagnostics/format.ts'
import { ruleListText } from '../../diagnostics/rule-table.ts'
import { readBaseReleases } from '../../source/read-base-releases.ts'
import { readPolicy, toDisplayPath } from '../../source/read-policy.ts'
import { compareWithBase } from '../../versions/compare-base.ts'
import { type Io, policyOptions, reportingOptions, UsageError, writeJobSummary } from '../shared.ts'

export const checkHelp = `Usage: clausewright check [--dir policy] [--base <git-ref>] [--format pretty|json|github] [--today YYYY-MM-DD]

Reads every file of the policy (policy.yaml, data.yaml, clauses/*.md), validates it against the
schemas in schema/ and the semantic rules, and reports every problem with its file, line, column
and rule id.

Options:
  --dir <path>        The policy directory (default: policy)
  --base <git-ref>    Also compare the releases with those at a git ref (in CI, the pull
                      request's base branch): each release there must be here unchanged, byte
                      for byte, and a new release must come after the newest there
  --format <name>     pretty: messages with code frames (default on a terminal)
                      json:   an array of diagnostics, for tools
                      github: GitHub Actions annotations (default when GITHUB_ACTIONS=true)
  --today <date>      The date that "in the future" is judged against (default: today, UTC)
  --color, --no-color Colour the pretty output (default: on a terminal, unless NO_COLOR is set)
  --rules             List the rules with their ids and severities, and exit
  -h, --help          Show this help

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, 2 on a
usage error or an internal fault, or when --base cannot be read (no git, no repository, no such
ref).
`

export async function runCheck(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    allowNegative: true,
    options: { ...policyOptions, rules: { type: 'boolean', default: false }, base: { type: 'string' } },
  })
  if (values.help) {
    io.stdout(checkHelp)
    return 0
  }
  if (values.rules) {
    io.stdout(ruleListText())
    return 0
  }
  const { format, today, color } = reportingOptions(values, io)
  if (values.base !== undefined && (values.base === '' || values.base.startsWith('-'))) throw new UsageError(`unexpected --base \`${values.base}\`, expected a git ref (a branch, a tag or a commit), which never starts with \`-\``)
  const sources = await readPolicy(values.dir, { cwd: io.cwd })
  const checked = checkPolicy(sources, today === undefined ? {} : { today })
  const { files } = checked
  let diagnostics = checked.diagnostics
  // A missing policy directory is reported as such; there is nothing to compare.
  if (values.base !== undefined && !sources.diagnostics.some((item) => item.ruleId === 'policy-dir-missing')) {
    const policyDirectory = path.resolve(io.cwd, values.dir)
    const base = await readBaseReleases(policyDirectory, values.base, io.env)
    const display = (name: string) => toDisplayPath(io.cwd, path.join(policyDirectory, name))
    diagnostics = [...diagnostics, ...compareWithBase(base, sources, display)].sort(compareDiagnostics)
  }
  io.stdout(formatDiagnostics(diagnostics, format, { texts: sourceTexts(files), color }))
  await writeJobSummary(io, format, diagnostics, 'clausewright check')
  return hasErrors(diagnostics) ? 1 : 0
}

