import { beforeAll, expect, test } from 'vitest'
import { checkPolicy } from '../../src/check.ts'
import { unsafeUrl } from '../../src/rules/unsafe-url.ts'
import { type PolicySources, readPolicy } from '../../src/source/read-policy.ts'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'

// The rule unsafe-url alone, whole: each URL of policy.yaml and of the Markdown it judges, with the
// place, message and hint of what it reports, and the safe URLs it lets through. (An anchor or a
// protocol-relative URL in policy.yaml fails its schema's `uri` format first: the rule never sees one.)
const temporary = removedAfterAll()
const hint = 'Use an https:, http: or mailto: URL, or #clause-id for a link inside the policy.'
// Only a clause's link may lead to a page of the site (/path): its hint says so.
const linkHint = 'Use an https:, http: or mailto: URL, #clause-id for a link inside the policy, or /path for a page of the site that publishes it.'

const clauseEdit = {
  file: 'clauses/rights.md',
  find: 'complain to the :authority[ICO].',
  with: 'complain to the :authority[ICO].\n\n[ok](https://example.org/) [here](#rights) [bad](vbscript:x) [ref][r]\n\n![remote](https://tracker.example/p.gif) ![anchor](#rights)\n\n[r]: data:text/html,hi',
}
let sources: PolicySources
let invalidPolicy: PolicySources
beforeAll(async () => {
  const directory = await makePolicy({
    description: 'URLs of every kind in policy.yaml and in a clause',
    replace: [
      { file: 'policy.yaml', find: '  registry: England and Wales\n', with: '  registry: England and Wales\n  website: javascript:alert(1)\n' },
      { file: 'policy.yaml', find: 'url: https://ico.org.uk/make-a-complaint/', with: 'url: ftp://ico.example/' },
      {
        file: 'policy.yaml',
        find: '    email: privacy@example.com\n',
        with: '    email: privacy@example.com\n  - id: web\n    description: Our website\n    url: https://example.org/\n  - id: local\n    description: A page\n    url: vbscript:x\n',
      },
      clauseEdit,
    ],
  })
  // policy.yaml against its schema (a number for a URL): the rule still judges the clauses.
  const invalid = await makePolicy({ description: 'an invalid policy.yaml', replace: [{ file: 'policy.yaml', find: 'url: https://ico.org.uk/make-a-complaint/', with: 'url: 42' }, clauseEdit] })
  temporary.push(directory, invalid)
  sources = await readPolicy('policy', { cwd: directory })
  invalidPolicy = await readPolicy('policy', { cwd: invalid })
})

// The rule alone, on the context check builds: everything it reports and nothing else.
const reported = (policy: PolicySources) =>
  unsafeUrl.check(checkPolicy(policy, { today: '2026-01-01' }).context).map(({ ruleId, severity, file, span, message, hint, ...rest }) => ({
    ruleId,
    severity,
    file,
    at: span && `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`,
    message,
    hint,
    ...rest,
  }))
const withRule = (found: ReadonlyArray<Record<string, unknown>>) => found.map((item) => ({ ruleId: 'unsafe-url', severity: 'error', ...item }))
const inClause = [
  { file: 'policy/clauses/rights.md', at: '10:44-10:61', message: 'Unexpected link URL with the scheme `vbscript:`, expected https:, http:, mailto:, #anchor or /path', hint: linkHint },
  { file: 'policy/clauses/rights.md', at: '12:1-12:41', message: 'Unexpected image from another site, expected no remote images: a remote image in a privacy policy tells that site who reads it', hint: 'Remove the image.' },
  { file: 'policy/clauses/rights.md', at: '12:42-12:60', message: 'Unexpected image URL with an in-page anchor where a full URL is expected, expected https:, http:, mailto: or #anchor', hint },
  { file: 'policy/clauses/rights.md', at: '14:1-14:23', message: 'Unexpected link URL with the scheme `data:`, expected https:, http:, mailto:, #anchor or /path', hint: linkHint },
]

// In the rule's own order: policy.yaml's controller, authority and contacts, then the Markdown.
test('every unsafe URL, where it is, what is wrong and what to do', () => {
  expect(reported(sources)).toEqual(withRule([
    { file: 'policy/policy.yaml', at: '11:12-11:31', message: 'Unexpected URL with the scheme `javascript:`, expected https:, http: or mailto:', hint },
    { file: 'policy/policy.yaml', at: '24:8-24:26', message: 'Unexpected URL with the scheme `ftp:`, expected https:, http: or mailto:', hint },
    { file: 'policy/policy.yaml', at: '21:10-21:20', message: 'Unexpected URL with the scheme `vbscript:`, expected https:, http: or mailto:', hint },
    ...inClause,
  ]))
})

test('it reports only the rule ids it declares, and each of them', () => {
  const found = unsafeUrl.check(checkPolicy(sources, { today: '2026-01-01' }).context)
  expect([...new Set(found.map((item) => item.ruleId))]).toEqual(unsafeUrl.ids)
})

test('with policy.yaml invalid, the clauses are still judged', () => {
  expect(reported(invalidPolicy)).toEqual(withRule(inClause))
})
