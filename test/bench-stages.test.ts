import { expect, test } from 'vitest'
import { bareUnified, render, renderSteps } from '../bench/stages.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// The benchmark's stages, on the OPTSM policy: both sides of the render figure do their work on
// the same clauses, so that `npm run bench` compares like with like (it is never timed here).
test('the render stage and its bare baseline render the same clauses', async () => {
  const ours = await render.prepare(repoRoot)
  const texts = await bareUnified.prepare(repoRoot)
  const rendered = render.run(ours)
  const bare = bareUnified.run(texts)
  expect(rendered.clauses).toHaveLength(ours.clauses.length)
  expect(bare).toHaveLength(texts.length)
  expect(texts).toHaveLength(ours.clauses.length)
  // The same words come out of both (ours with its directives expanded, the baseline's as text).
  const first = rendered.clauses[0]
  expect(first?.html).toContain('<section')
  expect(bare.some((html) => html.includes('<p>'))).toBe(true)
  for (const text of texts) expect(text.startsWith('---')).toBe(false)
})

test('the render steps are each timed', async () => {
  const steps = await renderSteps(repoRoot, 1)
  expect(Object.keys(steps)).toEqual(['bare parse', 'parse (front matter and directive syntax)', 'expand directives', 'mdast → hast', 'sanitise', 'stringify', 'plain text'])
  for (const value of Object.values(steps)) expect(value).toBeGreaterThan(0)
})
