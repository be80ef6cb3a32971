import { digestOf } from '../../src/compile/digest.ts'
import type { Release } from '../../src/model/release.ts'
import { lastUpdatedChanged, substantiveChangeDated } from '../../src/versions/consistency.ts'
import { integrityOf } from '../../src/versions/release.ts'
import { applyChange, baseFiles, type PolicyFiles, released, ruleTester, stages, withoutYaml } from '../helpers/rule-tester.ts'

// The rules of the release history: the consistency rules (src/versions/consistency.ts) run alone
// over the loaded policy; the integrity of release files (src/versions/load-releases.ts) by the
// loading stage; the comparison with a base branch (`check --base`) by compareWithBase.
const replace = (file: string, find: string, replacement: string) => ({ file, find, with: replacement })
const edit = (files: PolicyFiles, ...replacements: Array<ReturnType<typeof replace>>) => applyChange(files, { replace: replacements })
const first = 'releases/2020-02-29.json'
const second = 'releases/2020-06-01.json'
const reworded = (files: PolicyFiles) => edit(files, replace('clauses/rights.md', 'Write to', 'Please write to'))
const newPurpose = (files: PolicyFiles) => edit(files, replace('data.yaml', 'recipients:\n', '  - id: analytics\n    group: main\n    text: to measure the website;\n    lawfulBasis: [consent]\n    retention: One year.\nrecipients:\n'))
const dated = (date: string) => (files: PolicyFiles) => edit(files, replace('policy.yaml', 'lastUpdated: 2020-02-29', `lastUpdated: ${date}`))
const twoReleases = (files: PolicyFiles) => released(dated('2020-06-01')(reworded(released(files, 'First.'))), 'Clearer.')

/** A release file edited as an attacker with commit access would: its digest and integrity recomputed. */
function forged(files: PolicyFiles, name: string, change: (release: Record<string, unknown> & { document: Record<string, unknown> }) => void): PolicyFiles {
  const release = JSON.parse(files[name] ?? '{}') as Record<string, unknown> & { document: Record<string, unknown> }
  change(release)
  const digest = digestOf(release.document)
  const record = { ...release, document: { ...release.document, digest }, digest } as unknown as Release
  return { ...files, [name]: `${JSON.stringify({ ...record, integrity: integrityOf(record) }, null, 2)}\n` }
}

const lastUpdatedHint = 'Set `lastUpdated` to the date the changed policy takes effect.'
ruleTester.run('last-updated-changed', lastUpdatedChanged, {
  valid: [
    { name: 'no release', finding: { status: 'not-applicable', where: [] } },
    { name: 'unchanged since the release', change: (files) => released(files), finding: { status: 'met', where: [] } },
    { name: 'changed, with a new date', change: (files) => dated('2020-06-01')(reworded(released(files))), finding: { status: 'met', where: [] } },
  ],
  invalid: [
    {
      name: 'changed, with the date of the release',
      change: (files) => reworded(released(files)),
      finding: { status: 'missing', where: [] },
      errors: [{ file: 'policy/policy.yaml', line: 5, column: 14, endLine: 5, endColumn: 24, message: 'Unexpected last-updated date 2020-02-29, unchanged since release 2020-02-29 although the content changed', hint: lastUpdatedHint }],
    },
  ],
})

ruleTester.run('substantive-change-dated', substantiveChangeDated, {
  valid: [
    { name: 'no release', finding: { status: 'not-applicable', where: [] } },
    { name: 'an editorial change on the date of the release', change: (files) => reworded(released(files)), finding: { status: 'met', where: [] } },
    // Only a substantive change must wait for the date of the last release.
    { name: 'a reworded change dated before the release', change: (files) => dated('2020-01-01')(reworded(released(files))), finding: { status: 'met', where: [] } },
    { name: 'a substantive change with a later date', change: (files) => dated('2020-03-01')(newPurpose(released(files))), finding: { status: 'met', where: [] } },
    // Several releases may share an effective date, substantive ones too (2020-02-29.2).
    { name: 'a new purpose on the date of the release', change: (files) => newPurpose(released(files)), finding: { status: 'met', where: [] } },
  ],
  invalid: [
    {
      name: 'a new purpose dated before the release',
      change: (files) => dated('2020-01-01')(newPurpose(released(files))),
      finding: { status: 'missing', where: [] },
      errors: [{ file: 'policy/policy.yaml', line: 5, column: 14, endLine: 5, endColumn: 24, message: 'Unexpected last-updated date 2020-01-01 for a substantive change (New purpose `analytics`), expected the effective date of the last release, 2020-02-29, or later', hint: 'Readers must be told of the change before it applies: set `lastUpdated` to the date it takes effect, then release it.' }],
    },
  ],
})

ruleTester.run('release-modified', stages.load, {
  valid: [{ name: 'a release as written', change: (files) => released(files) }],
  invalid: [
    {
      name: 'a release whose summary was edited',
      change: (files) => edit(released(files, 'First.'), replace(first, '"summary": "First.', '"summary": "Later.')),
      errors: [{ file: `policy/${first}`, line: 1, column: 1, endLine: 1, endColumn: 2, message: 'Unexpected change to the released version 2020-02-29: its record (summary, kind, dates or document) differs from its integrity hash', hint: 'A release is a legal record and never changes. Restore the file from version control, and release the change as a new version with `clausewright release`.' }],
    },
  ],
})

ruleTester.run('release-unsafe-html', stages.load, {
  valid: [{ name: 'a release as written', change: (files) => released(files) }],
  invalid: [
    {
      name: 'a clause with a script, the hashes recomputed',
      change: (files) =>
        forged(released(files), first, (release) => {
          const [clause] = release.document['clauses'] as Array<{ html: string }>
          if (clause) clause.html += '<script>alert(1)</script>'
        }),
      errors: [{ file: `policy/${first}`, line: 173, column: 17, endLine: 173, endColumn: 620, message: 'Unexpected HTML in `document.clauses[0].html` that the sanitizer changes at "<script>alert(1)</script>", expected the HTML that `clausewright release` writes' }],
    },
  ],
})

ruleTester.run('release-link-broken', stages.load, {
  valid: [{ name: 'two releases as written', change: twoReleases }],
  invalid: [
    {
      name: 'the first of two releases rewritten, its hashes recomputed',
      change: (files) => forged(twoReleases(files), first, (release) => {
        release['summary'] = 'Rewritten.'
      }),
      errors: [
        {
          file: `policy/${second}`, line: 10, column: 24, endLine: 10, endColumn: 97,
          message: 'Unexpected integrity of release 2020-02-29: release 2020-06-01 records `sha256:2f2d436e63f5df3f66eb69d780aadfcf0222f64648f9d62eed0ac4ac0eb24c81` for it, but 2020-02-29 now has `sha256:88c5c9c7f3ced6b3c1312a712b21a4db5dc1851e4beb4cd012f6d26e9c11d0d1`, so 2020-02-29 was rewritten after 2020-06-01 was released',
        },
      ],
    },
  ],
})

ruleTester.run('release-order', stages.load, {
  valid: [{ name: 'two releases as written', change: twoReleases }],
  invalid: [
    {
      name: 'the first of two releases removed',
      change: (files) => applyChange(twoReleases(files), { remove: [first] }),
      errors: [{ file: `policy/${second}`, line: 1, column: 1, endLine: 1, endColumn: 2, message: 'Missing release 2020-02-29, which release 2020-06-01 follows' }],
    },
  ],
})

const restore = 'A release is a legal record: restore the file from the base branch (`git checkout <base> -- <file>`), and release a change as a new version after the newest.'
ruleTester.run('release-rewritten', stages.base, {
  valid: [{ name: 'the release as at the base', change: (files) => released(files), base: () => released(baseFiles) }],
  invalid: [
    {
      name: 'a release rewritten, its hashes recomputed',
      change: (files) => forged(released(files, 'First.'), first, (release) => {
        release['summary'] = 'Rewritten.'
      }),
      base: () => released(baseFiles),
      errors: [{ file: `policy/${first}`, line: 6, column: 17, endLine: 6, endColumn: 18, message: 'Unexpected change to the release file `releases/2020-02-29.json`, expected it byte for byte as it is at main (0123456789ab)', hint: restore }],
    },
  ],
})

ruleTester.run('release-removed', stages.base, {
  valid: [{ name: 'every release of the base', change: twoReleases, base: () => twoReleases(baseFiles) }],
  invalid: [
    {
      name: 'the newest release removed',
      change: (files) => applyChange(twoReleases(files), { remove: [second] }),
      base: () => twoReleases(baseFiles),
      errors: [{ file: `policy/${second}`, line: null, column: null, endLine: null, endColumn: null, message: 'Missing release file `releases/2020-06-01.json`, which exists at main (0123456789ab)', hint: restore }],
    },
  ],
})

ruleTester.run('release-inserted', stages.base, {
  valid: [{ name: 'a new release after the newest of the base', change: twoReleases, base: () => released(baseFiles) }],
  invalid: [
    {
      name: 'a release added before the newest of the base',
      change: (files) => {
        const withRelease = released(files, 'First.')
        return { ...withRelease, 'releases/2019-06-01.json': withRelease[first] ?? '' }
      },
      base: () => released(baseFiles),
      errors: [{ file: 'policy/releases/2019-06-01.json', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'Unexpected new release 2019-06-01 before the newest release at main (0123456789ab), 2020-02-29, expected new releases only after it', hint: 'The history before the base is closed. Release the change as a new version after the newest (`clausewright release`).' }],
    },
  ],
})

// A context without the parsed YAML files (a caller's own): the rules still report, without a file or a place.
const nowhere = { file: '', line: null, column: null, endLine: null, endColumn: null } as const
ruleTester.run('last-updated-changed', lastUpdatedChanged, {
  valid: [{ name: 'unchanged, without the parsed YAML', change: (files) => released(files), context: withoutYaml }],
  invalid: [{ name: 'changed, without the parsed YAML', change: (files) => reworded(released(files)), context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected last-updated date 2020-02-29, unchanged since release 2020-02-29 although the content changed' }] }],
})
ruleTester.run('substantive-change-dated', substantiveChangeDated, {
  valid: [{ name: 'unchanged, without the parsed YAML', change: (files) => released(files), context: withoutYaml }],
  invalid: [{ name: 'a new purpose dated before the release, without the parsed YAML', change: (files) => dated('2020-01-01')(newPurpose(released(files))), context: withoutYaml, errors: [{ ...nowhere, message: 'Unexpected last-updated date 2020-01-01 for a substantive change (New purpose `analytics`), expected the effective date of the last release, 2020-02-29, or later' }] }],
})

const kindHint = 'The kind tells readers whether they must be told of the change; `clausewright release` proves it from the diff, or asks the editor (`--kind`) where it cannot judge. Remove this release file and release the change again.'
const withPurpose = (files: PolicyFiles) => released(dated('2020-03-01')(newPurpose(released(files, 'First.'))), 'Analytics.')
ruleTester.run('release-kind-false', stages.load, {
  valid: [
    { name: 'two releases as written', change: twoReleases },
    { name: 'a new purpose released as written', change: withPurpose },
    {
      name: 'a rewording that claims more than it is',
      change: (files) => forged(twoReleases(files), second, (release) => {
        release['kind'] = 'substantive'
      }),
    },
  ],
  invalid: [
    {
      name: 'a rewording forged as technical',
      change: (files) => forged(twoReleases(files), second, (release) => {
        release['kind'] = 'technical'
      }),
      errors: [{ file: `policy/${second}`, line: 7, column: 11, endLine: 7, endColumn: 22, message: 'Unexpected kind `technical` of release 2020-06-01, expected `editorial` or `substantive`: the change from release 2020-02-29 is reworded (The wording of the clause `rights` (Your rights) changed)', hint: kindHint }],
    },
    {
      name: 'a rewording judged editorial by the editor, forged as the tool’s proof',
      change: (files) => forged(twoReleases(files), second, (release) => {
        release['decidedBy'] = 'computed'
      }),
      errors: [{ file: `policy/${second}`, line: 8, column: 16, endLine: 8, endColumn: 26, message: 'Unexpected kind `editorial` of release 2020-06-01 recorded as `computed`, expected `decidedBy: editor`: the change from release 2020-02-29 is reworded (The wording of the clause `rights` (Your rights) changed), which the tool cannot judge', hint: kindHint }],
    },
    {
      name: 'the first release forged as technical',
      change: (files) => forged(released(files, 'First.'), first, (release) => {
        release['kind'] = 'technical'
      }),
      errors: [{ file: `policy/${first}`, line: 7, column: 11, endLine: 7, endColumn: 22, message: 'Unexpected kind `technical` of release 2020-02-29, expected `initial`: it is the first release', hint: kindHint }],
    },
    {
      name: 'a new purpose forged as editorial',
      change: (files) => forged(withPurpose(files), 'releases/2020-03-01.json', (release) => {
        release['kind'] = 'editorial'
      }),
      errors: [{ file: 'policy/releases/2020-03-01.json', line: 7, column: 11, endLine: 7, endColumn: 22, message: 'Unexpected kind `editorial` of release 2020-03-01, expected `substantive`: the change from release 2020-02-29 is substantive (New purpose `analytics`)', hint: kindHint }],
    },
  ],
})

// The day a release was recorded: never after today, never before the day of the release before it.
const datesHint = 'A release records the day it was made (`clausewright release`, in UTC). Remove this release file and release the change again.'
const recordedOn = (firstDay: string, secondDay: string) => (files: PolicyFiles) => released(dated('2020-06-01')(reworded(released(files, 'First.', firstDay))), 'Clearer.', secondDay)
ruleTester.run('release-date-false', stages.load, {
  valid: [
    { name: 'releases recorded in order, the last today', change: recordedOn('2020-02-20', '2026-01-01') },
    { name: 'two releases recorded on one day', change: recordedOn('2020-05-15', '2020-05-15') },
    { name: 'an announced release, recorded before its effective date', change: recordedOn('2020-02-20', '2020-05-15') },
    { name: 'releases that did not record the day (format /1)', change: twoReleases },
  ],
  invalid: [
    {
      name: 'a release recorded after today',
      change: recordedOn('2020-02-20', '2026-01-02'),
      errors: [{ file: `policy/${second}`, line: 5, column: 15, endLine: 5, endColumn: 27, message: 'Unexpected release day 2026-01-02 of release 2020-06-01, expected today (2026-01-01) or earlier', hint: datesHint }],
    },
    {
      name: 'a release recorded before the release before it',
      change: recordedOn('2020-05-15', '2020-05-14'),
      errors: [{ file: `policy/${second}`, line: 5, column: 15, endLine: 5, endColumn: 27, message: 'Unexpected release day 2020-05-14 of release 2020-06-01, expected 2020-05-15 or later, the day release 2020-02-29, before it, was recorded', hint: datesHint }],
    },
  ],
})
