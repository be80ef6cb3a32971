import { stat } from 'node:fs/promises'
import path from 'node:path'
import { compile } from '../../compile/compile.ts'
import { printable } from '../../diagnostics/format.ts'
import { importVersions, replayHistory, type VersionOutcome } from '../../history/replay-history.ts'
import { ImportRefusal } from '../../source/import-markdown.ts'
import { readPolicy, releasesDirectoryName } from '../../source/read-policy.ts'
import { kindLabel } from '../../versions/kind-label.ts'
import { currentDigestOf, serializeRelease } from '../../versions/release.ts'
import { readGitHistory } from '../git-history.ts'
import { formatNotes, reportFile } from '../import-report.ts'
import { schemasFrom, writePolicyDirectory } from '../new-directory.ts'
import { type Io, printErrors, UsageError } from '../shared.ts'

export interface HistoryImport {
  readonly repository: string
  /** The repository as the command line named it, for messages. */
  readonly shownRepository: string
  readonly file: string
  readonly since?: string
  readonly dir: string
  readonly splitLevel: number | 'auto'
  readonly baseUrl?: string
  readonly name?: string
  readonly language: string
  readonly today: string
  readonly report?: string
}

/**
 * `import --git`: into a directory that does not exist or is empty, the newest version of the
 * history, with the clause ids the history keeps (its TODOs to replace); into a policy directory
 * without releases, every version as a release.
 */
export async function importHistory(options: HistoryImport, io: Io): Promise<number> {
  try {
    return await importVersionsOf(options, io)
  } catch (error) {
    // A version import would refuse as a file (nested far too deep), named with its commit.
    if (error instanceof ImportRefusal) throw new UsageError(`refusing ${printable(error.message)}`)
    throw error
  }
}

async function importVersionsOf(options: HistoryImport, io: Io): Promise<number> {
  const versions = await readGitHistory(options.repository, options.file, { ...(options.since !== undefined && { since: options.since }) })
  const shown = printable(options.dir)
  const directory = path.resolve(io.cwd, options.dir)
  const policyFile = await stat(path.join(directory, 'policy.yaml')).catch(() => undefined)
  const source = `${printable(options.file)} in ${printable(options.shownRepository)}`
  if (versions.length === 0) {
    io.stderr(`clausewright: nothing imported: no version of ${source} was committed on ${options.since ?? ''} or later\n`)
    return 1
  }

  if (!policyFile) {
    const report = await reportFile(options.report, io)
    const imported = importVersions(versions, { splitLevel: options.splitLevel, language: options.language, ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }), ...(options.name !== undefined && { name: options.name }), ...schemasFrom(directory) })
    const newest = imported.at(-1)
    const version = versions.at(-1)
    if (!newest || !version) return 1
    await writePolicyDirectory(directory, shown, newest.files)
    await report?.write({ source: options.file, commit: version.commit, notes: newest.notes })
    io.stderr(formatNotes(`${version.commit.slice(0, 12)}:${version.path}`, newest.notes))
    io.stderr(
      `clausewright: imported the newest of ${commitCount(versions.length)} of ${source} (commit ${version.commit.slice(0, 12)}) into ${shown}/. ` +
        `Replace each TODO in ${shown}/policy.yaml with what the text does not say (\`clausewright check\` lists them), then run this command again: it records the history as releases.\n`,
    )
    return 0
  }

  const sources = await readPolicy(options.dir, { cwd: io.cwd })
  if (sources.releases.length > 0) {
    io.stderr(`clausewright: nothing imported: ${shown}/ has releases already (${sources.releases.length}); a history is imported only into a policy without releases, whose first release it becomes\n`)
    return 2
  }
  const working = compile(sources, { today: options.today })
  if (!working.output || !sources.policy || !sources.data) {
    printErrors(io, working)
    io.stderr(`clausewright: nothing imported: the policy in ${shown}/ has errors (above); each version takes from it what its text does not say\n`)
    return 1
  }
  const report = await reportFile(options.report, io)
  const outcomes = replayHistory(versions, { splitLevel: options.splitLevel, ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }), today: options.today, base: { policy: sources.policy, data: sources.data, ...(sources.compliance && { compliance: sources.compliance }) } })
  io.stderr(outcomes.map(describeOutcome).join(''))
  const refused = outcomes.filter((outcome) => outcome.kind === 'refused')
  if (refused.length > 0) {
    for (const outcome of refused) printErrors(io, outcome)
    // The report is no part of the policy: it says what each version became, refusals with their errors.
    await report?.write({ source: options.file, versions: outcomes.map(reportOf) })
    io.stderr(`clausewright: nothing imported: ${refused.length} of ${versions.length} versions have errors (above)${report ? ', each listed in the report' : ''}\n`)
    return 1
  }
  const releases = outcomes.flatMap((outcome) => (outcome.kind === 'released' ? [outcome.release] : []))
  const releasesDirectory = path.join(directory, releasesDirectoryName)
  await writePolicyDirectory(releasesDirectory, `${shown}/${releasesDirectoryName}`, new Map(releases.map((release) => [`${release.version}.json`, serializeRelease(release)])), 'the releases')
  await report?.write({ source: options.file, versions: outcomes.map(reportOf) })
  const last = releases.at(-1)
  io.stderr(`clausewright: imported ${commitCount(versions.length)} of ${source} as ${releases.length} ${releases.length === 1 ? 'release' : 'releases'} into ${shown}/${releasesDirectoryName}/.\n`)
  if (last && currentDigestOf(last) !== working.output.draft.digest) io.stderr(`clausewright: the working source of ${shown}/ differs from the newest release, ${last.version}: \`clausewright diff\` shows how.\n`)
  return 0
}

function commitCount(count: number): string {
  return `${count} ${count === 1 ? 'commit' : 'commits'}`
}

function describeOutcome(outcome: VersionOutcome): string {
  const where = `${outcome.version.commit.slice(0, 12)} (${outcome.version.committed})`
  switch (outcome.kind) {
    case 'released':
      return `${where}: release ${outcome.release.version}, ${kindLabel(outcome.release.kind, outcome.release.decidedBy, { short: true })}${outcome.note === undefined ? '' : `; ${printable(outcome.note)}`}\n`
    case 'unchanged':
      return `${where}: no release, the text is release ${outcome.as}’s (the commit changed the file’s name or mode, not its text)\n`
    case 'refused':
      return `${where}: refused, ${outcome.diagnostics.filter((item) => item.severity === 'error').length} errors (below)\n`
  }
}

function reportOf(outcome: VersionOutcome): object {
  const { commit, path: file, committed } = outcome.version
  const base = { commit, path: file, committed, outcome: outcome.kind }
  switch (outcome.kind) {
    case 'released':
      return { ...base, version: outcome.release.version, kind: outcome.release.kind, effective: outcome.release.effective, effectiveFrom: outcome.release.imported?.effectiveFrom, ...(outcome.note !== undefined && { note: outcome.note }) }
    case 'unchanged':
      return { ...base, sameAs: outcome.as }
    case 'refused':
      return { ...base, errors: outcome.diagnostics.filter((item) => item.severity === 'error').map((item) => ({ file: item.file, line: item.span?.start.line ?? null, rule: item.ruleId, message: item.message })) }
  }
}
