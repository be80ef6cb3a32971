import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { fromXml } from 'xast-util-from-xml'
import { beforeAll, describe, expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// A fixture policy with a history: three releases made with `clausewright release`, then a draft.
// The texts are our own (test/fixtures/base), not another organisation's.
const today = '2026-01-01'
let history = ''
const temporary = removedAfterAll()

const edit = editPolicy

async function release(cwd: string, summary: string, ...extra: string[]) {
  return runCli(['release', '--summary', summary, '--today', today, ...extra], cwd)
}

async function copyHistory(): Promise<string> {
  const copy = await makePolicy()
  temporary.push(copy)
  await rm(path.join(copy, 'policy'), { recursive: true })
  await (await import('node:fs/promises')).cp(path.join(history, 'policy'), path.join(copy, 'policy'), { recursive: true })
  return copy
}

beforeAll(async () => {
  history = await makePolicy()
  temporary.push(history)
  expect(await release(history, 'First publication.')).toEqual({ code: 0, stdout: 'Released 2020-02-29 (initial): policy/releases/2020-02-29.json\n', stderr: '' })
  await edit(history, 'clauses/rights.md', 'Write to', 'Please write to')
  await edit(history, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
  expect((await release(history, 'Clearer wording of how to reach us.', '--kind', 'editorial')).stdout).toBe('Released 2020-06-01 (editorial, as judged by the editor): policy/releases/2020-06-01.json\n')
  await edit(history, 'data.yaml', 'recipients:\n', '  - id: analytics\n    group: main\n    text: to measure how the website is used;\n    lawfulBasis: [consent]\nrecipients:\n')
  await edit(history, 'policy.yaml', 'lastUpdated: 2020-06-01', 'lastUpdated: 2021-01-10')
  expect((await release(history, 'We now measure how the website is used, with your consent.')).stdout).toBe('Released 2021-01-10 (substantive): policy/releases/2021-01-10.json\n')
  // The draft: a changed lawful basis, a new contact address, a retitled and a moved clause, new words.
  await edit(history, 'data.yaml', '    lawfulBasis: [consent]\n    dataCategories: [email-address]', '    lawfulBasis: [legitimate-interests]\n    legitimateInterest: telling subscribers about our work\n    dataCategories: [email-address]')
  await edit(history, 'policy.yaml', 'email: privacy@example.com', 'email: dpo@example.com')
  await edit(history, 'policy.yaml', '  - intro\n  - rights\n', '  - rights\n  - intro\n')
  await edit(history, 'clauses/rights.md', 'title: Your rights', 'title: Your rights under the GDPR')
  await edit(history, 'clauses/intro.md', 'collects :data', 'only collects :data')
  await edit(history, 'policy.yaml', 'lastUpdated: 2021-01-10', 'lastUpdated: 2022-03-15')
})

describe('diff', () => {
  test.each([
    ['text', 'diff.txt'],
    ['markdown', 'diff.md'],
    ['json', 'diff.json'],
  ])('the draft against the last release, as %s, matches its golden file', async (format, golden) => {
    const result = await runCli(['diff', '--format', format], history)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    await expect(result.stdout).toMatchFileSnapshot(`golden/diff/${golden}`)
  })

  test('the text format is coloured when asked, and reads the same without colour', async () => {
    const plain = (await runCli(['diff'], history)).stdout
    const colored = (await runCli(['diff', '--color'], history)).stdout
    expect(colored).toContain('\u001b[32m{+dpo+}\u001b[39m')
    expect(colored).toContain('\u001b[31m[-privacy-]\u001b[39m')
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain)
    expect(plain).not.toContain('\u001b[')
  })

  test('the JSON diff validates against its published schema', async () => {
    const schema = JSON.parse(await readFile(path.join(repoRoot, 'schema', 'diff.schema.json'), 'utf8'))
    const validate = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema)
    const diff = JSON.parse((await runCli(['diff', '2020-02-29', '2021-01-10', '--format', 'json'], history)).stdout)
    const valid = validate(diff)
    // The errors are those of the call just made: read before it, they would always be empty.
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(diff.kind).toBe('substantive')
  })

  test('between two releases, and their reasons', async () => {
    const result = JSON.parse((await runCli(['diff', '2020-02-29', '2020-06-01', '--format', 'json'], history)).stdout)
    // The tool proves a rewording, the editor judged it editorial.
    expect(result.kind).toBe('reworded')
    expect(result.recorded).toEqual({ kind: 'editorial', decidedBy: 'editor' })
    // The intro shows the last-updated date (`:last-updated`): that is the date's change, not the intro's.
    expect(result.reasons.map((reason: { code: string; id: string }) => `${reason.code} ${reason.id}`)).toEqual(['clause-changed rights'])
    expect(result.clauses[0].words).toEqual([
      { type: 'equal', text: 'Your rights Request access to your personal data; Object to the processing of your personal data for our legitimate interests; ' },
      { type: 'delete', text: 'Write' },
      { type: 'insert', text: 'Please write' },
      { type: 'equal', text: ' to privacy@example.com, or complain to the ICO.' },
    ])
  })

  test('an unknown version names the versions that exist', async () => {
    const result = await runCli(['diff', '2019-01-01'], history)
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'clausewright: unknown version `2019-01-01`; the versions are: 2020-02-29, 2020-06-01, 2021-01-10, draft\n' })
  })

  test('with no release yet, diff says so', async () => {
    const cwd = await makePolicy()
    temporary.push(cwd)
    expect((await runCli(['diff'], cwd)).code).toBe(1)
  })
})

describe('release refuses, writing nothing', () => {
  // The draft released, then reworded (an editorial change) on the same date.
  async function editedAfterRelease(): Promise<string> {
    const cwd = await copyHistory()
    expect((await release(cwd, 'The draft.')).code).toBe(0)
    await edit(cwd, 'clauses/intro.md', 'only collects', 'collects only')
    return cwd
  }

  test.each([
    ['when nothing changed', async (cwd: string): Promise<void> => {
      await release(cwd, 'The draft.')
    }, [], 'nothing changed since the last release, 2022-03-15'],
    ['when lastUpdated is not the effective date', async () => undefined, ['--effective', '2022-03-16'], 'lastUpdated in policy.yaml is 2022-03-15, but the release takes effect on 2022-03-16'],
    ['when the policy has errors', async (cwd: string) => edit(cwd, 'data.yaml', '[legitimate-interests]', '[legitimate-interest]'), [], 'the policy has errors (above)'],
    ['when a substantive change is dated before the last release (an error of check)', async (cwd: string) => edit(cwd, 'policy.yaml', 'lastUpdated: 2022-03-15', 'lastUpdated: 2021-01-09'), [], 'the policy has errors (above)'],
  ] as const)('%s', async (_name, prepare, extra, message) => {
    const cwd = await copyHistory()
    await prepare(cwd)
    const before = await readdir(path.join(cwd, 'policy', 'releases'))
    const result = await release(cwd, 'Another.', ...extra)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`clausewright: nothing released: ${message}`)
    expect(await readdir(path.join(cwd, 'policy', 'releases'))).toEqual(before)
  })

  test('when the version exists', async () => {
    const cwd = await editedAfterRelease()
    const result = await release(cwd, 'Reworded.', '--version', '2022-03-15')
    expect(result.stderr).toContain('clausewright: nothing released: version 2022-03-15 exists already')
    expect(result.code).toBe(1)
  })

  test('when the effective date is before the last release’s', async () => {
    const cwd = await editedAfterRelease()
    await edit(cwd, 'policy.yaml', 'lastUpdated: 2022-03-15', 'lastUpdated: 2022-03-14')
    const result = await release(cwd, 'Reworded.')
    expect(result.stderr).toContain('clausewright: nothing released: the release would take effect on 2022-03-14, before the last release, 2022-03-15, took effect')
    expect(result.code).toBe(1)
  })

  test('a second release on one date is <date>.2', async () => {
    const cwd = await editedAfterRelease()
    expect((await release(cwd, 'A correction on the same day.', '--kind', 'editorial')).stdout).toBe('Released 2022-03-15.2 (editorial, as judged by the editor): policy/releases/2022-03-15.2.json\n')
  })

  test('a missing summary is a usage error', async () => {
    expect((await runCli(['release'], history)).code).toBe(2)
  })
})

describe('released versions are immutable', () => {
  async function checkIds(cwd: string) {
    const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today })
    return diagnostics.filter((item) => item.severity === 'error').map((item) => `${item.file} ${item.ruleId}`)
  }

  test('the history checks clean', async () => {
    expect(await checkIds(history)).toEqual([])
  })

  test.each([
    ['an edited summary', 'releases/2020-06-01.json', '"summary": "Clearer wording', '"summary": "Better wording'],
    ['an edited clause text', 'releases/2020-06-01.json', 'Please write to privacy@example.com', 'Please write to someone@example.com'],
    ['an edited kind', 'releases/2021-01-10.json', '"kind": "substantive"', '"kind": "editorial"'],
  ])('%s is reported', async (_name, file, find, replacement) => {
    const cwd = await copyHistory()
    await edit(cwd, file, find, replacement)
    expect(await checkIds(cwd)).toEqual([`policy/${file} release-modified`])
  })

  test('a removed release is reported on the one after it', async () => {
    const cwd = await copyHistory()
    await rm(path.join(cwd, 'policy', 'releases', '2020-06-01.json'))
    expect(await checkIds(cwd)).toEqual(['policy/releases/2021-01-10.json release-order'])
  })

  test('a renamed release is reported', async () => {
    const cwd = await copyHistory()
    await rename(path.join(cwd, 'policy', 'releases', '2020-06-01.json'), path.join(cwd, 'policy', 'releases', '2020-06-02.json'))
    expect(await checkIds(cwd)).toEqual(['policy/releases/2020-06-02.json release-order', 'policy/releases/2021-01-10.json release-order'])
  })

  test('a release that is not JSON is reported with its position', async () => {
    const cwd = await copyHistory()
    await writeFile(path.join(cwd, 'policy', 'releases', '2020-06-01.json'), '{ "format": "clausewright-release/1",\n  "version": [ }\n')
    const { diagnostics } = checkPolicy(await readPolicy('policy', { cwd }), { today })
    expect(diagnostics.find((item) => item.file.endsWith('2020-06-01.json'))).toMatchObject({ ruleId: 'yaml-syntax', span: { start: { line: 2 } } })
  })
})

describe('build writes the versions for machines', () => {
  test('versions.json, versions/<id>.json, changes/<id>.json', async () => {
    const output = compile(await readPolicy('policy', { cwd: history }), { today }).output
    const files = output?.files ?? new Map<string, string>()
    const index = JSON.parse(files.get('versions.json') ?? '')
    expect(index.versions.map((version: { version: string; kind: string }) => `${version.version} ${version.kind}`)).toEqual(['2021-01-10 substantive', '2020-06-01 editorial', '2020-02-29 initial'])
    expect(index.latest).toBe('2021-01-10')
    const stored = JSON.parse(await readFile(path.join(history, 'policy', 'releases', '2020-06-01.json'), 'utf8'))
    expect(JSON.parse(files.get('versions/2020-06-01.json') ?? '')).toEqual(stored.document)
    expect(JSON.parse(files.get('changes/2021-01-10.json') ?? '').reasons.map((reason: { code: string }) => reason.code)).toEqual(['purpose-added', 'clause-changed'])
    expect(JSON.parse(files.get('changes/2020-02-29.json') ?? '').kind).toBe('initial')
    // The draft differs from the last release: what is published is the release in force, not the draft.
    expect(output?.document.version).toBe('2021-01-10')
    expect(output?.unreleasedSince?.version).toBe('2021-01-10')
  })

  test('an archived version stays byte-identical when a newer release is added', async () => {
    const cwd = await copyHistory()
    const before = compile(await readPolicy('policy', { cwd }), { today }).output?.files
    expect((await release(cwd, 'The draft, released.')).code).toBe(0)
    const after = compile(await readPolicy('policy', { cwd }), { today }).output?.files
    for (const file of ['versions/2020-02-29.json', 'versions/2021-01-10.json', 'changes/2021-01-10.json']) expect(after?.get(file)).toBe(before?.get(file))
    expect(after?.has('versions/2022-03-15.json')).toBe(true)
  })

  test('changes.atom is well-formed Atom, newest first, with stable ids and dated entries', async () => {
    const files = compile(await readPolicy('policy', { cwd: history }), { today }).output?.files
    const feed = fromXml(files?.get('changes.atom') ?? '')
    const root = feed.children.find((node) => node.type === 'element')
    expect(root).toMatchObject({ name: 'feed', attributes: { xmlns: 'http://www.w3.org/2005/Atom' } })
    const children = (root && 'children' in root ? root.children : []).filter((node) => node.type === 'element')
    const text = (node: unknown, name: string) => {
      const child = (node as { children: Array<{ name?: string; children?: Array<{ value?: string }> }> }).children.find((item) => item.name === name)
      return child?.children?.map((item) => item.value ?? '').join('')
    }
    const entries = children.filter((node) => node.name === 'entry')
    // Each entry is dated the day its release was recorded (all on `today` here, backdated).
    expect(entries.map((entry) => text(entry, 'updated'))).toEqual([`${today}T00:00:00Z`, `${today}T00:00:00Z`, `${today}T00:00:00Z`])
    expect(entries.map((entry) => text(entry, 'summary'))).toEqual(['We now measure how the website is used, with your consent.', 'Clearer wording of how to reach us.', 'First publication.'])
    const ids = entries.map((entry) => text(entry, 'id'))
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(text(root, 'updated')).toBe(`${today}T00:00:00Z`)
  })

  test('the feed stays well-formed for any text in a summary', async () => {
    const cwd = await copyHistory()
    expect((await release(cwd, 'Fish & chips <b>bold</b> ]]> "quoted" \'single\'')).code).toBe(0)
    const feed = compile(await readPolicy('policy', { cwd }), { today }).output?.files.get('changes.atom') ?? ''
    expect(feed).toContain('<summary>Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; ]]&gt; &quot;quoted&quot; &apos;single&apos;</summary>')
    expect(() => fromXml(feed)).not.toThrow()
  })
})
