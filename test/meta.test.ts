import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { directives } from '../src/directives/catalogue.ts'
import { ruleIds, rules } from '../src/diagnostics/rules.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')

test('README documents every rule with its severity', () => {
  for (const id of ruleIds) expect(readme).toContain(`| [\`${id}\`](docs/rules/${id}.md) | ${rules[id].severity} |`)
})

test('README documents every directive', () => {
  for (const spec of Object.values(directives)) expect(readme).toContain(spec.summary.split(' — ')[0])
})

test('every schema property has a title or a description (they are editor tooltips)', () => {
  const missing: string[] = []
  const walk = (schema: unknown, where: string): void => {
    if (typeof schema !== 'object' || schema === null) return
    const node = schema as Record<string, unknown>
    for (const [name, property] of Object.entries((node['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
      if (property['title'] === undefined && property['description'] === undefined) missing.push(`${where}/${name}`)
      walk(property, `${where}/${name}`)
    }
    if (node['items']) walk(node['items'], `${where}/items`)
  }
  for (const file of readdirSync(path.join(repoRoot, 'schema'))) walk(JSON.parse(readFileSync(path.join(repoRoot, 'schema', file), 'utf8')), file)
  expect(missing).toEqual([])
})

test('every policy YAML file names its schema for the YAML language server', () => {
  for (const file of ['policy.yaml', 'data.yaml']) {
    expect(readFileSync(path.join(repoRoot, 'policy', file), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\/[a-z]+\.schema\.json\n/)
  }
})

test('the committed validators are generated from the committed schemas (npm run generate:validators)', async () => {
  const { generateValidatorsSource } = await import('../src/validate/compile-schemas.ts')
  expect(readFileSync(path.join(repoRoot, 'src', 'validate', 'generated', 'validators.js'), 'utf8')).toBe(generateValidatorsSource())
})

// The shape of every page, and its examples, are tested in rule-docs.test.ts; a compliance rule's
// page also names the provision it rests on.
test('every rule has its docs page, a compliance rule with its provision, and every docs page a rule', async () => {
  const { consistencyRules } = await import('../src/versions/consistency.ts')
  const complianceRules = [...(await import('../src/compliance/index.ts')).complianceRules, ...consistencyRules]
  const pages = readdirSync(path.join(repoRoot, 'docs', 'rules')).map((file) => file.replace(/\.md$/, '')).sort()
  expect(pages).toEqual([...ruleIds].sort())
  for (const rule of complianceRules) {
    const page = readFileSync(path.join(repoRoot, 'docs', 'rules', `${rule.id}.md`), 'utf8')
    for (const heading of ['**Provision:** GDPR', '## Why it matters', '## What it checks', '## How to fix it', '## Example that is reported', '## Example that passes']) expect(page, rule.id).toContain(heading)
  }
})

test('the tests load the production builds of the libraries, as the CLI does (vitest.config.ts)', () => {
  // micromark's development build, which Vite's `development` condition selects, asserts as it
  // parses: the timings and the code run would not be the CLI's.
  expect(import.meta.resolve('micromark')).toMatch(/\/node_modules\/micromark\/index\.js$/)
  expect(import.meta.resolve('mdast-util-from-markdown')).toMatch(/\/node_modules\/mdast-util-from-markdown\/index\.js$/)
})
