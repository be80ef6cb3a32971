import { expect, test } from 'vitest'
import { budgets } from '../../src/source/budgets.ts'
import { parseYaml } from '../../src/yaml/parse-yaml.ts'

// The scan before parsing (flow brackets and block indentation) and the depth of what was parsed:
// each at the budget passes, one beyond it is refused at its place.
const parse = (text: string) => parseYaml({ path: 'policy/data.yaml', name: 'data.yaml', text })
const nesting = (text: string) =>
  parse(text)
    .diagnostics.filter((item) => item.ruleId === 'nesting-too-deep')
    .map((item) => `${item.span?.start.line}:${item.span?.start.column}-${item.span?.end.line}:${item.span?.end.column} ${item.message}`)

const depth = budgets.maxYamlDepth
const flow = (levels: number) => `a: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`

test('flow brackets: as deep as the budget passes the scan, one more is refused at the bracket', () => {
  expect(nesting(flow(depth - 1))).toEqual([])
  // The scan lets 24 brackets through; under the mapping they are 25 levels, which the parsed depth refuses.
  expect(nesting(flow(depth))).toEqual([`1:1-1:1 Unexpected nesting of ${depth + 1} levels, expected at most ${depth}`])
  expect(nesting(flow(depth + 1))).toEqual([`1:${4 + depth}-1:${5 + depth} Unexpected nesting deeper than ${depth} levels`])
})

test('brackets closed count no more, brackets in quotes or comments never count', () => {
  const closedAndOpened = `a: [${'[]'.repeat(depth + 4)}]\n`
  expect(nesting(closedAndOpened)).toEqual([])
  const quoted = `a: ["${'['.repeat(depth + 4)}", '${'{'.repeat(depth + 4)}']\n`
  expect(nesting(quoted)).toEqual([])
  const commented = `# ${'['.repeat(depth + 4)}\na: 1 # ${'{'.repeat(depth + 4)}\nb: [${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}]\n`
  expect(nesting(commented)).toEqual([])
  // A quote left open ends with its line: the brackets after it count again.
  expect(nesting(`a: ["x\nb: ${'['.repeat(depth + 1)}`)).toEqual([`2:${4 + depth - 1}-2:${5 + depth - 1} Unexpected nesting deeper than ${depth} levels`])
})

test('block indentation beyond eight columns a level is refused where it runs out, dashes and question marks included', () => {
  const limit = depth * 8
  expect(nesting(`a:\n${' '.repeat(limit)}b: 1\n`)).toEqual([])
  expect(nesting(`a:\n${' '.repeat(limit + 1)}b: 1\n`)).toEqual([`2:${limit + 1}-2:${limit + 2} Unexpected nesting deeper than ${depth} levels`])
  expect(nesting(`a:\n${'- '.repeat(limit / 2 + 1)}b\n`)).toEqual([`2:${limit + 1}-2:${limit + 2} Unexpected nesting deeper than ${depth} levels`])
  expect(nesting(`a:\n${'? '.repeat(limit / 2 + 1)}b\n`)).toEqual([`2:${limit + 1}-2:${limit + 2} Unexpected nesting deeper than ${depth} levels`])
  // Indentation is counted again on each line.
  expect(nesting(`a:\n${' '.repeat(limit)}b: 1\n${' '.repeat(limit)}c: 1\n`)).toEqual([])
})

test('collections nested deeper than the budget, within the scan, are refused by the parsed depth', () => {
  const nested = (levels: number) => Array.from({ length: levels }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n') + ' 1\n'
  expect(nesting(nested(depth))).toEqual([])
  expect(nesting(nested(depth + 1))).toEqual([`1:1-1:1 Unexpected nesting of ${depth + 1} levels, expected at most ${depth}`])
  // Sequences count as levels too.
  const sequences = (levels: number) => `a: ${'['.repeat(levels - 1)}1${']'.repeat(levels - 1)}\n`
  expect(nesting(sequences(depth))).toEqual([])
  expect(parse(sequences(depth)).value).toBeDefined()
})
