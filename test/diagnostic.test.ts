import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { diagnostic } from '../src/diagnostics/diagnostic.ts'
import { ruleTableMarkdown } from '../src/diagnostics/rule-table.ts'
import { ruleIds, rules } from '../src/diagnostics/rules.ts'
import { makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// One way to make a diagnostic: `diagnostic()` (src/diagnostics/diagnostic.ts), whose severity is
// the rule's in the catalogue, so that README's rule table and `check --rules` say what check does.
const temporary = removedAfterAll()

test('no severity is written outside the catalogue', () => {
  const catalogue = path.join('diagnostics', 'rules.ts')
  const sources = readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter((name) => /\.m?[jt]s$/.test(name) && !name.startsWith('.bundle') && !name.includes('generated') && name !== catalogue)
  const written = sources.flatMap((name) =>
    readFileSync(path.join(repoRoot, 'src', name), 'utf8')
      .split('\n')
      .flatMap((line, index) => (/\bseverity\??\s*(?::|=(?!=))\s*['"`]/.test(line) ? [`src/${name}:${index + 1}: ${line.trim()}`] : [])),
  )
  expect(written).toEqual([])
})

test('a diagnostic takes its severity from the catalogue, and its place from a span or a node alike', () => {
  const span = { start: { line: 21, column: 1 }, end: { line: 21, column: 22 } }
  const node = { type: 'text', position: { start: { ...span.start, offset: 400 }, end: { ...span.end, offset: 421 } } }
  const fromSpan = diagnostic('dpo-contact-details', 'policy/policy.yaml', span, 'Missing contact details', { hint: 'Add `email:`.', expected: [] })
  expect(fromSpan).toEqual({ ruleId: 'dpo-contact-details', severity: 'warning', file: 'policy/policy.yaml', span, message: 'Missing contact details', hint: 'Add `email:`.' })
  expect(diagnostic('dpo-contact-details', 'policy/policy.yaml', node, 'Missing contact details', { hint: 'Add `email:`.' })).toEqual(fromSpan)
  expect(diagnostic('dpo-contact', 'policy/policy.yaml', undefined, 'Missing statement')).toEqual({ ruleId: 'dpo-contact', severity: 'info', file: 'policy/policy.yaml', message: 'Missing statement' })
  for (const id of ruleIds) expect(diagnostic(id, 'policy/policy.yaml', undefined, 'message').severity, id).toBe(rules[id].severity)
})

async function checkJson(description: string, replace: ReadonlyArray<{ file: string; find: string; with: string }>): Promise<Array<Record<string, unknown>>> {
  const root = await makePolicy({ description, replace })
  temporary.push(root)
  const result = await runCli(['check', '--format', 'json', '--today', '2026-01-01'], root)
  expect(result.code).toBe(1)
  return JSON.parse(result.stdout) as Array<Record<string, unknown>>
}

test('the JSON format carries the expected values of a typo, and none where nothing is close', async () => {
  const schema = await checkJson('a typo in a lawful basis, and a value far from any', [
    { file: 'data.yaml', find: 'lawfulBasis: [consent]', with: 'lawfulBasis: [consnt]' },
    { file: 'data.yaml', find: 'lawfulBasis: [legitimate-interests]', with: 'lawfulBasis: [whatever]' },
  ])
  expect(schema.map((item) => [item['ruleId'], item['line'], item['column'], item['endColumn'], item['hint'], item['expected']])).toEqual([
    ['schema-enum', 15, 19, 25, 'Did you mean `consent`?', ['consent']],
    ['schema-enum', 20, 19, 27, null, undefined],
  ])
  expect(Object.keys(schema[1] ?? {})).not.toContain('expected')

  const semantic = await checkJson('typos in a reference and an anchor', [
    { file: 'data.yaml', find: 'dataCategories: [email-address]', with: 'dataCategories: [email-adress]' },
    { file: 'data.yaml', find: 'text: to keep our [rights](#rights)', with: 'text: to keep our [rights](#right)' },
  ])
  expect(semantic.filter((item) => item['expected'] !== undefined).map((item) => [item['ruleId'], item['expected']])).toEqual([
    ['unknown-reference', ['email-address']],
    ['broken-anchor', ['#rights']],
  ])
})

test('the rule table of README and `check --rules` are the catalogue (npm run generate:rule-table)', async () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  const start = readme.indexOf('| rule | severity | what it reports |')
  expect(readme.slice(start, readme.indexOf('\n\n', start))).toBe(ruleTableMarkdown())

  const listed = await runCli(['check', '--rules'], repoRoot)
  expect(listed.code).toBe(0)
  const [list = '', footnote] = listed.stdout.split('\n\n')
  const lines = list.split('\n').map((line) => /^(\S+) +(error|warning|info) {2,}(.+)$/.exec(line)?.slice(1))
  expect(lines).toEqual(ruleIds.map((id) => [id, rules[id].severity, rules[id].description]))
  expect(footnote).toBe('Each rule is documented, with an example and how to fix it, in docs/rules/<rule>.md.\n')
})
