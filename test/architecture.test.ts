import path from 'node:path'
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import { expect, test } from 'vitest'
import { fixturesRoot, repoRoot } from './helpers/fixture-policy.ts'

// The layers and the rule against cycles are one configuration, .dependency-cruiser.mjs; these
// tests run it over the code and over a tree that breaks each of its rules once.
async function violationsIn(baseDir: string, roots: string[]): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(path.join(repoRoot, '.dependency-cruiser.mjs'))
  const { output } = await cruise(roots, { ...options, baseDir })
  return [...(output as ICruiseResult).summary.violations]
}

const summary = (violation: IViolation): string => `${violation.rule.name}: ${violation.from} → ${violation.to}`

test('src/ and site/ import only downwards, with no cycle (type-only imports included)', async () => {
  const violations = await violationsIn(repoRoot, ['src', 'site'])
  expect(violations.map(summary)).toEqual([])
})

test('the configuration reports a cycle through a type-only import, imports upwards, and modules in no layer', async () => {
  const violations = await violationsIn(path.join(fixturesRoot, 'architecture'), ['src'])
  expect(violations.map(summary).sort()).toEqual([
    'into-no-layer: src/render/render.ts → src/misc/stray.ts',
    'no-cycle: src/rules/cycle-a.ts → src/rules/cycle-b.ts',
    'orphan-outside-the-layers: src/misc/orphan.ts → src/misc/orphan.ts',
    'outside-the-layers: src/misc/stray.ts → src/versions/release.ts',
    'upward-from-kernel: src/model/types.ts → src/rules/cycle-a.ts',
    'upward-from-render: src/render/render.ts → src/versions/release.ts',
  ])
  const cycle = violations.find((violation) => violation.rule.name === 'no-cycle')
  expect(cycle?.cycle?.map((step) => step.name).sort()).toEqual(['src/rules/cycle-a.ts', 'src/rules/cycle-b.ts'])
})
