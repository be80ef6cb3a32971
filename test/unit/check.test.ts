import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Link, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { describe, expect, test } from 'vitest'
import { checkPolicy, loadPolicy } from '../../src/check.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { basePolicy, makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'

// What loadPolicy hands the rules and checkPolicy returns, on the base fixture and small changes of it.
const temporary = removedAfterAll()

async function sourcesOf(change: Parameters<typeof makePolicy>[0] = { description: 'base' }) {
  const root = await makePolicy(change)
  temporary.push(root)
  return readPolicy('policy', { cwd: root })
}

const dataTexts = ['to send you our newsletter;', 'to keep our [rights](#rights) and website secure.', 'Request access to your personal data;', 'Object to the processing of your personal data for our legitimate interests;']

describe('loadPolicy', () => {
  test('the context of a valid policy: both files parsed and typed, every Markdown text, clauses first, the date given', async () => {
    const { context, texts, diagnostics } = loadPolicy(await sourcesOf(), { today: '2020-02-29' })
    expect(diagnostics).toEqual([])
    expect(context.policyYaml?.file.path).toBe('policy/policy.yaml')
    expect(context.dataYaml?.file.path).toBe('policy/data.yaml')
    expect(context.policy?.controller.legalName).toBeTypeOf('string')
    expect(context.data?.purposes.map((purpose) => purpose.id)).toEqual(['newsletter', 'security'])
    expect(context.clauses.map((clause) => clause.file.name)).toEqual(['clauses/intro.md', 'clauses/rights.md'])
    const clauseTexts = await Promise.all(['intro.md', 'rights.md'].map((name) => readFile(path.join(basePolicy, 'clauses', name), 'utf8')))
    expect(context.markdown.map((text) => [text.file, text.source])).toEqual([
      ['policy/clauses/intro.md', clauseTexts[0]],
      ['policy/clauses/rights.md', clauseTexts[1]],
      ...dataTexts.map((text) => ['policy/data.yaml', text]),
    ])
    expect([...texts.keys()]).toEqual(dataTexts)
    expect(context.releases).toEqual([])
    expect(context.today).toBe('2020-02-29')
  })

  test('a data text\'s nodes are placed in data.yaml', async () => {
    const { context } = loadPolicy(await sourcesOf(), { today: '2020-02-29' })
    const security = context.markdown.find((text) => text.source === dataTexts[1])
    let link: Link | undefined
    visit(security?.tree as Root, 'link', (node) => {
      link = node
    })
    expect(link?.url).toBe('#rights')
    expect(security?.spanOf(link ?? {})).toEqual({ start: { line: 19, column: 23 }, end: { line: 19, column: 40 } })
    expect(security?.spanOf({})).toBeUndefined()
  })

  test('today is the date in UTC when none is given', async () => {
    const before = new Date().toISOString().slice(0, 10)
    const { context } = loadPolicy(await sourcesOf())
    const after = new Date().toISOString().slice(0, 10)
    expect([before, after]).toContain(context.today)
    expect(context.today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  test('data.yaml that fails its schema is parsed but not typed whole: its fields that passed are, and only their texts are read', async () => {
    const { context, texts, diagnostics } = loadPolicy(await sourcesOf({ description: 'bad data', replace: [{ file: 'data.yaml', find: '    group: main\n    text: to send', with: '    group: 7\n    text: to send' }] }), { today: '2020-02-29' })
    expect(diagnostics.map((item) => item.ruleId)).toContain('yaml-implicit-type')
    expect(context.dataYaml?.file.path).toBe('policy/data.yaml')
    expect(context.data).toBeUndefined()
    expect(context.policy).toBeDefined()
    expect(Object.keys(context.dataFields ?? {})).toEqual(['dataCategories', 'recipients', 'rights', 'internationalTransfers'])
    expect(context.policyFields).toBe(context.policy)
    expect(context.markdown.map((text) => text.file)).toEqual(['policy/clauses/intro.md', 'policy/clauses/rights.md', 'policy/data.yaml', 'policy/data.yaml'])
    expect([...texts.keys()]).toEqual(dataTexts.slice(2))
  })

  test('a data.yaml that is no mapping has no fields; a field unknown to the schema is left out', async () => {
    const list = loadPolicy(await sourcesOf({ description: 'a list', add: { 'data.yaml': '- 1\n' } }), { today: '2020-02-29' })
    expect(list.context.dataFields).toBeUndefined()
    const unknown = loadPolicy(await sourcesOf({ description: 'an unknown field', replace: [{ file: 'data.yaml', find: 'purposes:', with: 'extra: 1\npurposes:' }] }), { today: '2020-02-29' })
    expect(Object.keys(unknown.context.dataFields ?? {})).toEqual(['dataCategories', 'purposes', 'recipients', 'rights', 'internationalTransfers'])
    const missing = loadPolicy(await sourcesOf({ description: 'a list missing', replace: [{ file: 'data.yaml', find: 'recipients:\n  - id: hosting\n    label: Our hosting provider\n    kind: service-provider\n', with: '' }] }), { today: '2020-02-29' })
    expect(missing.diagnostics.map((item) => item.ruleId)).toEqual(['schema-required'])
    expect(Object.keys(missing.context.dataFields ?? {})).toEqual(['dataCategories', 'purposes', 'rights', 'internationalTransfers'])
  })

  test('a clause whose front matter failed its schema is checked under the id of its file', async () => {
    const { context, diagnostics } = loadPolicy(await sourcesOf({ description: 'bad front matter', replace: [{ file: 'clauses/rights.md', find: 'title: Your rights', with: 'title: [1]' }, { file: 'clauses/intro.md', find: 'id: intro', with: 'id: Intro Page' }] }), { today: '2020-02-29' })
    expect(diagnostics.map((item) => `${item.file} ${item.ruleId}`)).toEqual(['policy/clauses/intro.md schema-pattern', 'policy/clauses/rights.md schema-type'])
    expect(context.clauses.map((clause) => clause.frontMatter)).toEqual([{ id: 'intro' }, { id: 'rights' }])
    expect(context.markdown.map((text) => text.file).slice(0, 2)).toEqual(['policy/clauses/intro.md', 'policy/clauses/rights.md'])
  })

  test('invisible characters are looked for in every file but the release files', async () => {
    const sources = await sourcesOf({
      description: 'invisible characters',
      replace: [{ file: 'clauses/intro.md', find: 'What we use', with: 'What w\u200be use' }],
      add: { 'releases/2020-02-29.json': '{"summary": "W\u200be"}\n' },
    })
    const invisible = loadPolicy(sources, { today: '2020-02-29' }).diagnostics.filter((item) => item.ruleId === 'invisible-character')
    expect(invisible.map((item) => item.file)).toEqual(['policy/clauses/intro.md'])
  })
})

describe('checkPolicy', () => {
  test('the diagnostics of every file in one list, sorted by file and place', async () => {
    const { diagnostics } = checkPolicy(
      await sourcesOf({
        description: 'problems in several files',
        replace: [
          { file: 'clauses/rights.md', find: 'Write to', with: 'Write to [x](#nowhere) or' },
          // Found while loading, before the rules run on the clauses: first in the list before it is sorted.
          { file: 'data.yaml', find: 'label: Email address', with: 'label: Email\u200b address' },
          { file: 'clauses/intro.md', find: 'See [your rights](#rights)', with: 'See [your rights](#rights-nowhere)' },
        ],
      }),
      { today: '2020-02-29' },
    )
    const places = diagnostics.map((item) => `${item.file}:${item.span?.start.line}:${item.span?.start.column}`)
    expect(places.length).toBeGreaterThanOrEqual(3)
    expect(diagnostics[0]?.file).toBe('policy/clauses/intro.md')
    expect(diagnostics.map((item) => item.file)).toEqual([...diagnostics.map((item) => item.file)].sort())
    expect(new Set(places.map((place) => place.split(':')[0]))).toEqual(new Set(['policy/clauses/intro.md', 'policy/clauses/rights.md', 'policy/data.yaml']))
  })

  test('the draft is rendered once when there is no error, and not at all when there is one', async () => {
    const valid = checkPolicy(await sourcesOf(), { today: '2020-02-29' })
    const rendered = valid.renderDraft()
    expect(rendered).toBeDefined()
    expect(valid.renderDraft()).toBe(rendered)
    const broken = checkPolicy(await sourcesOf({ description: 'broken link', replace: [{ file: 'clauses/rights.md', find: 'Write to', with: 'Write to [x](#nowhere) or' }] }), { today: '2020-02-29' })
    expect(broken.diagnostics.some((item) => item.severity === 'error')).toBe(true)
    expect(broken.renderDraft()).toBeUndefined()
  })

  test('what the compliance rules found is returned, item by item', async () => {
    const { compliance } = checkPolicy(await sourcesOf(), { today: '2020-02-29' })
    expect(compliance.length).toBeGreaterThan(0)
  })
})
