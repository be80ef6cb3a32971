import { parseArgs } from 'node:util'
import { formatDiagnostics, printable, sourceTexts } from '../../diagnostics/format.ts'
import { hasErrors } from '../../diagnostics/diagnostic.ts'
import { isCalendarDate, todayInUtc } from '../../model/calendar-date.ts'
import { readPolicy } from '../../source/read-policy.ts'
import { loadReleases } from '../../versions/load-releases.ts'
import { checkReleaseDates } from '../../versions/release-dates.ts'
import { versionInForce } from '../../versions/standing.ts'
import { assertPlainText, type Io, UsageError } from '../shared.ts'

export const showHelp = `Usage: clausewright show [--as-of YYYY-MM-DD] [--format text|json] [--dir policy] [--today YYYY-MM-DD]

Prints the version of the policy in force on a date: its id, effective date, the day it was
released, its digest, and where the site publishes it (its page and its JSON). The version in
force on a date is the release with the greatest effective date on or before it, and of several
releases on that date the last. Only the release files are read (the draft does not matter).

Options:
  --as-of <date>      The date, YYYY-MM-DD, a calendar date of the policy (default: today, UTC)
  --format <name>     text (default) or json
  --dir <path>        The policy directory (default: policy)
  --today <date>      The day the release files are judged on: none may say it was recorded
                      after it, as check holds them (default: today, UTC)
  -h, --help          Show this help

Exit status: 0 when a version was in force; 3 when no version was in force on that date (before
the first release took effect, or with none released); 1 when a release file has errors (as
check reports them: edited, unchained, or dated after today); 2 on a usage error.
`

const showFormats = ['text', 'json'] as const

export async function runShow(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      'as-of': { type: 'string' },
      format: { type: 'string', default: 'text' },
      dir: { type: 'string', default: 'policy' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(showHelp)
    return 0
  }
  assertPlainText({ 'as-of': values['as-of'], format: values.format, dir: values.dir, today: values.today })
  const format = values.format as (typeof showFormats)[number]
  if (!showFormats.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${showFormats.join(', ')}`)
  const asOf = values['as-of'] ?? todayInUtc()
  if (!isCalendarDate(asOf)) throw new UsageError(`unexpected --as-of \`${asOf}\`, expected a date, YYYY-MM-DD`)
  const today = values.today ?? todayInUtc()
  if (!isCalendarDate(today)) throw new UsageError(`unexpected --today \`${today}\`, expected a date, YYYY-MM-DD`)

  const sources = await readPolicy(values.dir, { cwd: io.cwd })
  const loaded = loadReleases(sources.releases)
  // A record is shown only as check would accept it: a forged release day is no fact.
  const problems = [...sources.diagnostics, ...loaded.diagnostics, ...checkReleaseDates(sources.releases, loaded.releases, today)].filter((item) => item.severity === 'error')
  if (hasErrors(problems)) {
    io.stderr(formatDiagnostics(problems, 'pretty', { texts: sourceTexts(sources.releases) }))
    io.stderr('clausewright: the release files have errors (above); no version is shown\n')
    return 1
  }
  const { releases } = loaded
  const release = versionInForce(releases, asOf)
  if (!release) {
    const first = releases[0]
    if (format === 'json') io.stdout(`${JSON.stringify({ asOf, version: null }, null, 2)}\n`)
    else io.stdout(`No version was in force on ${asOf}: ${first ? `the first release, ${printable(first.version)}, took effect on ${printable(first.effective)}` : 'nothing has been released'}.\n`)
    return 3
  }
  const shown = { asOf, version: release.version, effective: release.effective, released: release.released ?? null, digest: release.digest, page: `versions/${release.version}/`, document: `versions/${release.version}.json` }
  if (format === 'json') {
    io.stdout(`${JSON.stringify(shown, null, 2)}\n`)
    return 0
  }
  const lines = [
    `In force on ${asOf}: version ${shown.version}`,
    `  effective  ${shown.effective}`,
    `  released   ${shown.released ?? '(not recorded)'}`,
    `  digest     ${shown.digest}`,
    `  page       ${shown.page}`,
    `  document   ${shown.document}`,
  ]
  io.stdout(`${printable(lines.join('\n'))}\n`)
  return 0
}
