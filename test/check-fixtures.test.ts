import { readdirSync, readFileSync } from 'node:fs'
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { ruleIds, type RuleId } from '../src/diagnostics/rules.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { editPolicy, fixturesRoot, makePolicy, removedAfterAll, type PolicyCase } from './helpers/fixture-policy.ts'
import { forgeRelease } from './helpers/forge-release.ts'
import { committed, releaseAs, twoReleases } from './helpers/release-history.ts'
import { runCli } from './helpers/run-cli.ts'


// Each folder of test/fixtures/check is one case: `case.json` changes the base policy
// (test/fixtures/base), `expected.txt` lists the diagnostics, one
// `file:line:column-endLine:endColumn severity rule message` a line (0:0-0:0 for a whole file). Regenerate on purpose with `UPDATE=1 npx vitest run test/check-fixtures.test.ts`. Every
// rule has a case here that reports it at its place: a folder, or one built in code (below).
const casesRoot = path.join(fixturesRoot, 'check')
const caseNames = readdirSync(casesRoot).sort()
const today = '2026-01-01'
const temporary = removedAfterAll()

async function diagnose(change: PolicyCase): Promise<string> {
  const directory = await makePolicy(change)
  temporary.push(directory)
  const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd: directory }), { today })
  return diagnostics.map((item) => `${item.file}:${item.span?.start.line ?? 0}:${item.span?.start.column ?? 0}-${item.span?.end.line ?? 0}:${item.span?.end.column ?? 0} ${item.severity} ${item.ruleId} ${item.message}`).join('\n') + '\n'
}

test('the base fixture policy checks clean', async () => {
  expect(await diagnose({ description: 'base' })).toBe('\n')
})

describe('golden diagnostics', () => {
  test.each(caseNames)('%s', async (name) => {
    const change = JSON.parse(readFileSync(path.join(casesRoot, name, 'case.json'), 'utf8')) as PolicyCase
    const actual = await diagnose(change)
    const expectedFile = path.join(casesRoot, name, 'expected.txt')
    if (process.env['UPDATE']) await writeFile(expectedFile, actual)
    expect(actual).toBe(await readFile(expectedFile, 'utf8'))
    // The case is named after the rule it exists for, and that rule must fire.
    const rule = name.split('--')[0] ?? name
    expect(actual).toMatch(new RegExp(`^\\S+ \\w+ ${rule} `, 'm'))
  })
})

// Rules whose case cannot be a folder of test/fixtures/check (a binary file, a symbolic link, a
// release made by `clausewright release`, a git history for `check --base`): each case prepares a
// copy of the base fixture in code and runs `clausewright check`, and its diagnostics are exact.
interface BuiltCase {
  readonly description: string
  /** Changes `<root>/policy`, a copy of the base fixture; `root` is also the working directory. */
  readonly prepare: (root: string) => Promise<void>
  readonly args?: readonly string[]
  /** Every diagnostic, `file:line:column severity rule` (0:0 for a diagnostic of a whole file). */
  readonly expected: readonly string[]
}


const builtCases: Readonly<Partial<Record<RuleId, BuiltCase>>> = {
  'file-binary': {
    description: 'a clause that is a PNG',
    prepare: (root) => writeFile(path.join(root, 'policy', 'clauses', 'intro.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])),
    // The clause cannot be read, so policy.yaml names a clause file that is missing, and data.yaml's entries go unused.
    expected: [
      'policy/clauses/intro.md:0:0 error file-binary',
      'policy/data.yaml:3:9 warning unused-entry',
      'policy/data.yaml:12:9 warning unused-entry',
      'policy/data.yaml:17:9 warning unused-entry',
      'policy/data.yaml:23:9 warning unused-entry',
      'policy/policy.yaml:19:5 error clause-file-missing',
    ],
  },
  'file-too-large': {
    description: 'a data.yaml of 10 MB',
    prepare: (root) => writeFile(path.join(root, 'policy', 'data.yaml'), `purposes:\n${'  - id: x\n'.repeat(1_000_000)}`),
    expected: ['policy/data.yaml:0:0 error file-too-large'],
  },
  'file-unreadable': {
    description: 'a directory where data.yaml should be',
    prepare: async (root) => {
      await rm(path.join(root, 'policy', 'data.yaml'))
      await mkdir(path.join(root, 'policy', 'data.yaml'))
    },
    expected: ['policy/data.yaml:0:0 error file-unreadable'],
  },
  'path-outside-policy': {
    description: 'a clause that is a link out of the policy directory',
    prepare: async (root) => {
      await writeFile(path.join(root, 'outside.md'), '---\nid: outside\n---\n\nText.\n')
      await symlink(path.join(root, 'outside.md'), path.join(root, 'policy', 'clauses', 'outside.md'))
    },
    expected: ['policy/clauses/outside.md:0:0 error path-outside-policy'],
  },
  'policy-dir-missing': {
    description: 'a policy directory that does not exist',
    prepare: async () => undefined,
    args: ['--dir', 'nowhere'],
    expected: ['nowhere:0:0 error policy-dir-missing'],
  },
  'last-updated-changed': {
    description: 'a clause reworded after the release, with the date of the release',
    prepare: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'clauses/rights.md', 'Write to', 'Please write to')
    },
    expected: ['policy/policy.yaml:5:14 warning last-updated-changed'],
  },
  'substantive-change-dated': {
    description: 'a purpose added after the release, dated before it',
    prepare: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'data.yaml', 'recipients:\n', '  - id: analytics\n    group: main\n    text: to measure the website;\n    lawfulBasis: [consent]\n    retention: One year.\nrecipients:\n')
      await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-01-31')
    },
    expected: ['policy/policy.yaml:5:14 error substantive-change-dated'],
  },
  'release-modified': {
    description: 'a release whose summary was edited',
    prepare: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'releases/2020-02-29.json', '"summary": "First.', '"summary": "Later.')
    },
    expected: ['policy/releases/2020-02-29.json:1:1 error release-modified'],
  },
  'release-order': {
    description: 'the first of two releases removed',
    prepare: async (root) => {
      await twoReleases(root)
      await rm(path.join(root, 'policy', 'releases', '2020-02-29.json'))
    },
    expected: ['policy/releases/2020-06-01.json:1:1 error release-order'],
  },
  'release-link-broken': {
    description: 'the first of two releases rewritten, its hashes recomputed',
    prepare: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-02-29', (release) => {
        release['summary'] = 'Rewritten.'
      })
    },
    expected: ['policy/releases/2020-06-01.json:10:24 error release-link-broken'],
  },
  'release-date-false': {
    description: 'the second of two releases dated, hashes and all, a month after today',
    prepare: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-06-01', (release) => {
        release['released'] = '2026-02-01'
      })
    },
    expected: ['policy/releases/2020-06-01.json:5:15 error release-date-false'],
  },
  'release-kind-false': {
    description: 'the second of two releases, a reworded clause, forged to claim that nothing but the form changed',
    prepare: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-06-01', (release) => {
        release['kind'] = 'technical'
      })
    },
    expected: ['policy/releases/2020-06-01.json:7:11 error release-kind-false'],
  },
  'release-unsafe-html': {
    description: 'a release whose clause HTML carries a script, its hashes recomputed',
    prepare: async (root) => {
      await releaseAs(root, 'First.')
      await forgeRelease(root, '2020-02-29', (release) => {
        const [clause] = release.document['clauses'] as Array<{ html: string }>
        if (clause) clause.html += '<script>alert(1)</script>'
      })
    },
    expected: ['policy/releases/2020-02-29.json:173:17 error release-unsafe-html'],
  },
  'release-rewritten': {
    description: 'with --base: a release rewritten with its hashes recomputed',
    prepare: async (root) => {
      await committed(root, (directory) => releaseAs(directory, 'First.'))
      await forgeRelease(root, '2020-02-29', (release) => {
        release['summary'] = 'Rewritten.'
      })
    },
    args: ['--base', 'main'],
    expected: ['policy/releases/2020-02-29.json:6:15 error release-rewritten'],
  },
  'release-removed': {
    description: 'with --base: the newest release removed',
    prepare: async (root) => {
      await committed(root, twoReleases)
      await rm(path.join(root, 'policy', 'releases', '2020-06-01.json'))
    },
    args: ['--base', 'main'],
    expected: ['policy/releases/2020-06-01.json:0:0 error release-removed'],
  },
  'release-inserted': {
    description: 'with --base: a release added before the newest',
    prepare: async (root) => {
      await committed(root, (directory) => releaseAs(directory, 'First.'))
      await cp(path.join(root, 'policy', 'releases', '2020-02-29.json'), path.join(root, 'policy', 'releases', '2019-06-01.json'))
    },
    args: ['--base', 'main'],
    // A copy of the release of 2020-02-29 under an earlier name is out of order as well.
    expected: ['policy/releases/2019-06-01.json:1:1 error release-inserted', 'policy/releases/2019-06-01.json:1:1 error release-order'],
  },
}

describe('rules whose case is built in code', () => {
  test.each(Object.entries(builtCases))('%s', async (rule, { description, prepare, args = [], expected }) => {
    const root = await makePolicy({ description })
    temporary.push(root)
    await prepare(root)
    const result = await runCli(['check', '--format', 'json', '--today', today, ...args], root)
    const diagnostics = JSON.parse(result.stdout) as Array<{ file: string; line: number | null; column: number | null; severity: string; ruleId: string }>
    const actual = diagnostics.map((item) => `${item.file}:${item.line ?? 0}:${item.column ?? 0} ${item.severity} ${item.ruleId}`)
    expect(actual, description).toEqual(expected)
    expect(actual.some((line) => line.endsWith(` ${rule}`)), `${description} reports ${rule}`).toBe(true)
  })
})

test('every rule has a case that reports it at its place: a golden case or one built in code', () => {
  const covered = new Set([...caseNames.map((name) => name.split('--')[0]), ...Object.keys(builtCases)])
  expect(ruleIds.filter((id) => !covered.has(id))).toEqual([])
})
