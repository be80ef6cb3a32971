import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { diagnostic } from '../src/diagnostics/diagnostic.ts'
import { ruleIds, rules } from '../src/diagnostics/rules.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// One way to make a diagnostic: `diagnostic()` (src/diagnostics/diagnostic.ts), whose severity is
// the rule's in the catalogue, so that README's rule table and `check --rules` say what check does.
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
  const fromSpan = diagnostic('dpo-contact-details', 'policy/policy.yaml', span, 'Missing contact details', { hint: 'Add `email:`.' })
  expect(fromSpan).toEqual({ ruleId: 'dpo-contact-details', severity: 'warning', file: 'policy/policy.yaml', span, message: 'Missing contact details', hint: 'Add `email:`.' })
  expect(diagnostic('dpo-contact-details', 'policy/policy.yaml', node, 'Missing contact details', { hint: 'Add `email:`.' })).toEqual(fromSpan)
  expect(diagnostic('dpo-contact', 'policy/policy.yaml', undefined, 'Missing statement')).toEqual({ ruleId: 'dpo-contact', severity: 'info', file: 'policy/policy.yaml', message: 'Missing statement' })
  for (const id of ruleIds) expect(diagnostic(id, 'policy/policy.yaml', undefined, 'message').severity, id).toBe(rules[id].severity)
})
