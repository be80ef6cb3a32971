// Regenerates src/validate/generated/validators.js from the JSON Schemas in schema/, so that `check`
// loads compiled validators instead of compiling the schemas at every start (about 90 ms; see
// bench/results.md). Run after editing a schema: node scripts/generate-validators.ts
// A test fails when the committed file differs from what this script generates.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { generateValidatorsSource } from '../src/validate/compile-schemas.ts'

const target = fileURLToPath(new URL('../src/validate/generated/validators.js', import.meta.url))
writeFileSync(target, generateValidatorsSource())
console.log(`wrote ${target}`)
