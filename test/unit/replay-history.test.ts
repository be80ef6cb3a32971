import { describe, expect, test } from 'vitest'
import { effectiveDate, type HistoryVersion, replayHistory, type VersionOutcome } from '../../src/history/replay-history.ts'
import type { Release } from '../../src/model/release.ts'

// The replay of a history as releases, in process: the dates, the files each version is read
// from, and what the policy directory gives every version.
const policy = `id: example
title: Example
language: en-US
lastUpdated: 2020-01-01
controller:
  legalName: Example Ltd
contacts:
  - id: privacy
    description: Questions about privacy
    email: privacy@example.com
supervisoryAuthority:
  name: Example supervisory authority
  url: https://authority.example/
clauses: []
`
const data = 'dataCategories: []\npurposes: []\nrecipients: []\nrights: []\n'
const base = { policy: { path: 'policy/policy.yaml', name: 'policy.yaml', text: policy }, data: { path: 'policy/data.yaml', name: 'data.yaml', text: data } }
const version = (index: number, text: string, committed: string, file = 'privacy.md'): HistoryVersion => ({ commit: String(index).repeat(40), path: file, committed, subject: `Version ${index}`, text })
const markdown = (date: string | null, words: string) => `# Notice\n\n${date === null ? '' : `Last updated: ${date}\n\n`}## Who we are\n\nExample Ltd runs example.com. ${words}\n\n## Sharing\n\nWe share account data with our payment processor and nobody else.\n`
const released = (outcomes: readonly VersionOutcome[]): Release[] => outcomes.flatMap((outcome) => (outcome.kind === 'released' ? [outcome.release] : []))
const replay = (versions: readonly HistoryVersion[], more: { baseUrl?: string; base?: typeof base } = {}) => replayHistory(versions, { splitLevel: 'auto', today: '2026-11-30', base: more.base ?? base, ...(more.baseUrl !== undefined && { baseUrl: more.baseUrl }) })

describe('effectiveDate', () => {
  const last = { effective: '2020-02-01' } as Release
  test.each([
    ['the text’s date, with nothing before it', '2020-01-05', '2020-01-10', undefined, { effective: '2020-01-05', effectiveFrom: 'text' }],
    ['the text’s date, on the day the release before took effect', '2020-02-01', '2020-02-03', last, { effective: '2020-02-01', effectiveFrom: 'text' }],
    ['the text’s date, a year to the day after its commit', '2021-01-10', '2020-01-10', undefined, { effective: '2021-01-10', effectiveFrom: 'text' }],
    ['the commit’s, when the text states none', null, '2020-01-10', undefined, { effective: '2020-01-10', effectiveFrom: 'commit' }],
    ['the commit’s, when the text states a date more than a year after it', '2021-01-11', '2020-01-10', undefined, { effective: '2020-01-10', effectiveFrom: 'commit' }],
    ['the commit’s, when the text’s date lies before the release before took effect', '2019-12-01', '2020-03-01', last, { effective: '2020-03-01', effectiveFrom: 'commit' }],
    ['the release before’s, when both lie before it', '2019-12-01', '2020-01-20', last, { effective: '2020-02-01', effectiveFrom: 'previous' }],
    ['the release before’s, when the text states none and its commit lies before it', null, '2020-01-20', last, { effective: '2020-02-01', effectiveFrom: 'previous' }],
  ] as const)('%s', (_name, stated, committed, before, expected) => {
    expect(effectiveDate(stated, committed, before)).toEqual(expected)
  })
})

test('a version that states no date and was committed before the release before took effect takes effect with it, and says so', () => {
  const outcomes = replay([version(1, markdown('February 1, 2020', 'Write to us.'), '2020-01-10'), version(2, markdown(null, 'Write to us at any time.'), '2020-01-20')])
  expect(released(outcomes).map((release) => [release.version, release.imported?.effectiveFrom])).toEqual([
    ['2020-02-01', 'text'],
    ['2020-02-01.2', 'previous'],
  ])
  expect(outcomes.map((outcome) => (outcome.kind === 'released' ? (outcome.note ?? null) : outcome.kind))).toEqual([null, 'it states no date, and was committed before release 2020-02-01 took effect: it takes effect on the same day as that release, 2020-02-01'])
})

test('a version published as an HTML page is read as one: its title from its <title>', () => {
  const page = '<!doctype html><html><head><title>Example notice</title></head><body><main><p>Last updated: January 5, 2020</p><h2>Who we are</h2><p>Example Ltd runs example.com.</p><h2>Sharing</h2><p>We share nothing.</p></main></body></html>'
  const [release] = released(replay([version(1, page, '2020-01-10', 'legal/privacy.html')]))
  expect(release?.document.title).toBe('Example notice')
  expect(release?.document.clauses.map((clause) => clause.id)).toEqual(['introduction', 'who-we-are', 'sharing'])
})

test('relative links are resolved against the base URL, and everything but the text comes from the policy directory', () => {
  const [release] = released(replay([version(1, markdown('January 5, 2020', 'See [our terms](../terms/).'), '2020-01-10')], { baseUrl: 'https://example.com/legal/privacy/' }))
  expect(release?.document.clauses.find((clause) => clause.id === 'who-we-are')?.html).toContain('<a href="https://example.com/legal/terms/">our terms</a>')
  expect([release?.document.id, release?.document.language, release?.document.controller.legalName, release?.document.title, release?.document.lastUpdated]).toEqual(['example', 'en-US', 'Example Ltd', 'Notice', '2020-01-05'])
})

test('the policy directory’s compliance.yaml applies to every version', () => {
  // Without it, a policy with no rights at all is only warned of; turned to an error, every version is refused by it.
  const strict = { ...base, compliance: { path: 'policy/compliance.yaml', name: 'compliance.yaml', text: 'rules:\n  data-subject-rights:\n    severity: error\n    justification: Every version must state the rights.\n' } }
  const outcomes = replay([version(1, markdown('January 5, 2020', 'Write to us.'), '2020-01-10')], { base: strict })
  expect(outcomes.map((outcome) => outcome.kind)).toEqual(['refused'])
  const refused = outcomes[0]
  expect(refused?.kind === 'refused' ? refused.diagnostics.filter((item) => item.severity === 'error').map((item) => `${item.file} ${item.ruleId}`) : []).toContain('policy/data.yaml data-subject-rights')
})
