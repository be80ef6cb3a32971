// Rewrites the rule table of README.md (section "Rules") from the catalogue, src/diagnostics/rules.ts.
// Run after adding or changing a rule: npm run generate:rule-table
// A test fails when README's table differs from what this script writes.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ruleTableMarkdown } from '../src/diagnostics/rule-table.ts'

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url))
const readme = readFileSync(readmePath, 'utf8')
const start = readme.indexOf('| rule | severity | what it reports |')
const end = readme.indexOf('\n\n', start)
if (start < 0 || end < 0) throw new Error('README.md has no rule table (a line "| rule | severity | what it reports |")')
writeFileSync(readmePath, `${readme.slice(0, start)}${ruleTableMarkdown()}${readme.slice(end)}`)
console.log(`wrote the rule table of ${readmePath}`)
