import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { isMap, isScalar, isSeq } from 'yaml'
import { expect, test } from 'vitest'
import { nodeAt } from '../src/yaml/node-at.ts'
import { parseYaml } from '../src/yaml/parse-yaml.ts'
import { repoRoot } from './helpers/fixture-policy.ts'

// nodeAt answers what Document.getIn answers, from an index built once: the positions of every
// diagnostic depend on it.
test.each([['policy.yaml'], ['data.yaml']])('nodeAt finds every node of the OPTSM %s as getIn does', async (name) => {
  const text = await readFile(path.join(repoRoot, 'policy', name), 'utf8')
  const parsed = parseYaml({ path: `policy/${name}`, name, text })
  const document = parsed.document
  if (!document) throw new Error(`${name} did not parse`)
  const paths: Array<Array<string | number>> = []
  const walk = (node: unknown, at: Array<string | number>): void => {
    paths.push(at)
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...at, isScalar(pair.key) ? String(pair.key.value) : ''])
    if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...at, index]))
  }
  walk(document.contents, [])
  expect(paths.length).toBeGreaterThan(name === 'data.yaml' ? 200 : 20)
  for (const at of paths) expect(nodeAt(document, at), at.join('/')).toBe(at.length === 0 ? document.contents : document.getIn(at, true))
  expect(nodeAt(document, ['no-such-field'])).toBeUndefined()
  expect(nodeAt(document, [...(paths.at(-1) ?? []), 'deeper'])).toBeUndefined()
})

test('the first of two equal keys is the one found, as getIn finds it', () => {
  const parsed = parseYaml({ path: 'x.yaml', name: 'x.yaml', text: 'a: 1\nb: {c: 2}\na: 3\n' })
  if (!parsed.document) throw new Error('did not parse')
  expect(nodeAt(parsed.document, ['a'])).toBe(parsed.document.getIn(['a'], true))
  expect((nodeAt(parsed.document, ['b', 'c']) as { value: unknown }).value).toBe(2)
})
