import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { forgeRelease } from '../helpers/forge-release.ts'
import { optsmHistorySite, sells } from '../helpers/optsm-history-site.ts'
import { runCli } from '../helpers/run-cli.ts'

// What the tool can prove of a change, and what only the editor can judge (issue #12): "We do not
// sell your Personal Information to anyone" changed to "We sell your Personal Information to
// advertising partners" was released as `editorial` and published as an "Editorial change". The
// tool proves `substantive` from the structured data and `technical` from equal digests; a change of
// wording is `reworded`, and `release` asks the editor for the kind.
const temporary = removedAfterAll()
const today = '2026-11-25'

/** The OPTSM policy (released on 2019-01-25) with a change made and dated 2020-03-01. */
async function changed(change: (project: string) => Promise<void>): Promise<string> {
  const project = await mkdtemp(path.join(tmpdir(), 'clausewright-judgement-'))
  temporary.push(project)
  await cp(path.join(repoRoot, 'policy'), path.join(project, 'policy'), { recursive: true, filter: (source) => !path.basename(source).startsWith('pages-') })
  await change(project)
  await editPolicy(project, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-03-01')
  return project
}

const purposeReworded = (project: string) => editPolicy(project, 'data.yaml', 'text: to provide, operate and maintain the services;', 'text: to provide, operate, maintain and advertise the services;')
const newPurpose = (project: string) => editPolicy(project, 'data.yaml', 'purposes:\n', 'purposes:\n  - id: profiling\n    group: services\n    text: to build a profile of your interests;\n    lawfulBasis: [contract]\n    dataCategories: [name]\n')
const moved = (project: string) => editPolicy(project, 'policy.yaml', '  - duty-to-inform\n  - your-rights\n', '  - your-rights\n  - duty-to-inform\n')

const release = (project: string, ...options: string[]) => runCli(['release', '--summary', 'A change.', '--today', today, ...options], project)
const releaseFiles = async (project: string) => (await readdir(path.join(project, 'policy', 'releases'))).sort()
const record = async (project: string, version = '2020-03-01') => JSON.parse(await readFile(path.join(project, 'policy', 'releases', `${version}.json`), 'utf8')) as Record<string, unknown>

/** What `check` (JSON) says of a project: its exit status and its errors. */
async function checkErrors(project: string): Promise<{ code: number; errors: Array<{ ruleId: string; severity: string; message: string }> }> {
  const result = await runCli(['check', '--format', 'json', '--today', today], project)
  return { code: result.code, errors: (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; message: string }>).filter((item) => item.severity === 'error') }
}

const sharing = 'the clause `sharing` (HOW DO WE SHARE AND DISCLOSE THE INFORMATION TO THIRD PARTIES?)'
const askEditor = (items: string) =>
  `clausewright: nothing released: the change from release 2019-01-25 rewords ${items}, which the tool cannot judge. Read it with \`clausewright diff\`, then release it with \`--kind editorial\` (it changes nothing the policy says) or \`--kind substantive\` (readers must be told)\n`

test.each([
  ['"do not sell" changed to "sell", in a clause', sells, sharing],
  // The purposes are listed in a clause (::purposes): its words change too.
  ['a purpose’s text changed', purposeReworded, 'the purpose `provide-services` and the clause `use-of-information` (HOW DO WE USE THE INFORMATION?)'],
])('%s: release refuses without --kind, naming what was reworded, and writes nothing', async (_, change, items) => {
  const project = await changed(change)
  const result = await release(project)
  expect(result.stdout).toBe('')
  expect(result.stderr).toBe(askEditor(items))
  expect(result.code).toBe(2)
  expect(await releaseFiles(project)).toEqual(['2019-01-25.json'])
})

test('the editor’s judgement is recorded as the editor’s, and check holds it', async () => {
  for (const kind of ['editorial', 'substantive'] as const) {
    const project = await changed(sells)
    const result = await release(project, '--kind', kind)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe(`Released 2020-03-01 (${kind}, as judged by the editor): policy/releases/2020-03-01.json\n`)
    expect(result.code).toBe(0)
    expect(await record(project)).toMatchObject({ format: 'clausewright-release/2', kind, decidedBy: 'editor' })
    expect((await checkErrors(project)).errors).toEqual([])
  }
})

test('release refuses --kind editorial where the tool proved substantive, naming the reason', async () => {
  const project = await changed(newPurpose)
  const result = await release(project, '--kind', 'editorial')
  expect(result.stderr).toBe('clausewright: nothing released: `--kind editorial`, but the change from release 2019-01-25 is substantive (New purpose `profiling`): readers must be told of it. Release it without `--kind`, or with `--kind substantive`\n')
  expect(result.code).toBe(2)
  expect(await releaseFiles(project)).toEqual(['2019-01-25.json'])
  const accepted = await release(project, '--kind', 'substantive')
  expect(accepted.stdout).toBe('Released 2020-03-01 (substantive): policy/releases/2020-03-01.json\n')
  expect(await record(project)).toMatchObject({ kind: 'substantive', decidedBy: 'computed' })
})

test('a proved kind is recorded as computed; an editor may call it more, never less', async () => {
  const proved = await changed(moved)
  expect((await release(proved)).stdout).toBe('Released 2020-03-01 (editorial): policy/releases/2020-03-01.json\n')
  expect(await record(proved)).toMatchObject({ kind: 'editorial', decidedBy: 'computed' })
  const more = await changed(moved)
  expect((await release(more, '--kind', 'substantive')).code).toBe(0)
  expect(await record(more)).toMatchObject({ kind: 'substantive', decidedBy: 'editor' })
})

test('--kind takes editorial or substantive only, and not for the first release', async () => {
  const project = await changed(sells)
  for (const kind of ['technical', 'initial', 'reworded', 'Editorial']) {
    const result = await release(project, '--kind', kind)
    expect(result.stderr).toBe(`clausewright: unexpected --kind \`${kind}\`, expected \`editorial\` or \`substantive\`\nRun \`clausewright --help\` for usage.\n`)
    expect(result.code).toBe(2)
  }
  const first = await mkdtemp(path.join(tmpdir(), 'clausewright-judgement-'))
  temporary.push(first)
  await cp(path.join(repoRoot, 'test', 'fixtures', 'base', 'policy'), path.join(first, 'policy'), { recursive: true })
  const initial = await release(first, '--kind', 'editorial')
  expect(initial.stderr).toBe('clausewright: nothing released: `--kind editorial`, but this is the first release, which is `initial`: release it without `--kind`\n')
  expect(initial.code).toBe(2)
})

// A reworded change judged by the editor, forged to claim the tool's proof: the label said the tool proved it.
test.each(['editorial', 'substantive'])('check holds a stored release to what is proved: a reworded change judged %s, recorded as computed, is false', async (kind) => {
  const project = await changed(sells)
  expect((await release(project, '--kind', kind)).code).toBe(0)
  expect(await record(project)).toMatchObject({ kind, decidedBy: 'editor' })
  await forgeRelease(project, '2020-03-01', (forged) => {
    forged['decidedBy'] = 'computed'
  })
  const { code, errors } = await checkErrors(project)
  expect(code).toBe(1)
  expect(errors).toEqual([
    expect.objectContaining({
      ruleId: 'release-kind-false',
      message: `Unexpected kind \`${kind}\` of release 2020-03-01 recorded as \`computed\`, expected \`decidedBy: editor\`: the change from release 2019-01-25 is reworded (The wording of the clause \`sharing\` (HOW DO WE SHARE AND DISCLOSE THE INFORMATION TO THIRD PARTIES?) changed), which the tool cannot judge`,
    }),
  ])
})

test('a change the diff does not show is not proved editorial by a new date beside it: a forged purpose whose words differ from its text', async () => {
  const project = await makePolicy()
  temporary.push(project)
  expect((await runCli(['release', '--summary', 'First.', '--today', today], project)).code).toBe(0)
  await editPolicy(project, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
  expect((await runCli(['release', '--summary', 'A new date.', '--today', today], project)).stdout).toBe('Released 2020-06-01 (editorial): policy/releases/2020-06-01.json\n')
  // What readers read is the HTML: the forger changes it and leaves the purpose's text as it was.
  await forgeRelease(project, '2020-06-01', (forged) => {
    const purposes = forged.document['purposes'] as Array<Record<string, unknown>>
    purposes[0] = { ...purposes[0], html: String(purposes[0]?.['html']).replace('to send you our newsletter;', 'to sell your email address;') }
  })
  const { code, errors } = await checkErrors(project)
  expect(code).toBe(1)
  expect(errors).toEqual([
    expect.objectContaining({
      ruleId: 'release-kind-false',
      message: 'Unexpected kind `editorial` of release 2020-06-01 recorded as `computed`, expected `decidedBy: editor`: the change from release 2020-02-29 is reworded (The content changed (its digest differs) in a part that the diff does not show), which the tool cannot judge',
    }),
  ])
})

test('an editor’s editorial over a proved substantive change is false all the same', async () => {
  const project = await changed(newPurpose)
  expect((await release(project)).code).toBe(0)
  await forgeRelease(project, '2020-03-01', (forged) => {
    forged['kind'] = 'editorial'
    forged['decidedBy'] = 'editor'
  })
  const { code, errors } = await checkErrors(project)
  expect(code).toBe(1)
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'release-kind-false', message: 'Unexpected kind `editorial` of release 2020-03-01, expected `substantive`: the change from release 2019-01-25 is substantive (New purpose `profiling`)' })])
})

test('the JSON diff carries the proved kind, and for a released pair the recorded kind and who decided', async () => {
  const project = await changed(sells)
  const draft = JSON.parse((await runCli(['diff', '--format', 'json'], project)).stdout) as Record<string, unknown>
  expect(draft).toMatchObject({ format: 'clausewright-diff/2', from: '2019-01-25', to: 'draft', kind: 'reworded', recorded: null })
  expect((await release(project, '--kind', 'editorial')).code).toBe(0)
  const released = JSON.parse((await runCli(['diff', '2019-01-25', '2020-03-01', '--format', 'json'], project)).stdout) as Record<string, unknown>
  expect(released).toMatchObject({ kind: 'reworded', recorded: { kind: 'editorial', decidedBy: 'editor' } })
  const text = await runCli(['diff', '2019-01-25', '2020-03-01'], project)
  expect(text.stdout).toContain('Changes 2019-01-25 → 2020-03-01: reworded\nReleased as: Editorial change, as judged by the editor\n')
  const markdown = await runCli(['diff', '2019-01-25', '2020-03-01', '--format', 'markdown'], project)
  expect(markdown.stdout).toContain('### Policy changes 2019-01-25 → 2020-03-01: **reworded**\n\nReleased as: Editorial change, as judged by the editor\n')
})

// The site of the OPTSM policy with a release of 2020-01-01 (change-page.test.ts reads its change
// page), then this change released on 2020-03-01 and judged editorial: built once for the run.
test('the built site says who decided, on the change page, the lists and the feed, and lists the changed link', async () => {
  const { cwd, releasedSecond, built } = await optsmHistorySite(temporary)
  expect(releasedSecond.code, releasedSecond.stderr).toBe(0)
  expect(built.code, built.stderr).toBe(0)
  const dist = path.join(cwd, 'dist')
  const read = (file: string) => readFile(path.join(dist, file), 'utf8')
  const changePage = await read('changes/2020-03-01/index.html')
  expect(changePage).toContain('<span class="kind kind-editorial">Editorial change, as judged by the editor</span>')
  // In a reader's words: the section by its heading, the targets as code (never live links).
  const linkReason = 'The link “contact details &amp; more below” in the section “YOUR DUTY TO INFORM US OF CHANGES IN YOUR PERSONAL DATA” now leads to <code>#your-rights</code> (it led to <code>#contact-information</code>).'
  expect(changePage).toContain(`<li>${linkReason}</li>`)
  expect(await read('versions/index.html')).toContain('Editorial change, as judged by the editor')
  // The release of format /1 recorded no decider: its label says nothing of one.
  expect(await read('versions/2019-01-25/index.html')).toContain('First release:')
  expect(await read('changes/index.html')).toContain('editorial change, as judged by the editor')
  const feed = await read('changes.atom')
  const entries = feed.match(/<entry>[\s\S]*?<\/entry>/g) ?? []
  const entry = entries.find((item) => item.includes('<title>Version 2020-03-01 (editorial, as judged by the editor)</title>'))
  expect(entry).toBeDefined()
  // The entry's content: its summary, then the same reasons as its change page, as HTML escaped in the XML.
  const escapeXml = (html: string) => html.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
  expect(entry).toContain(escapeXml(`<li>${linkReason}</li>`))
  expect(entry?.match(/<content type="html">/g)).toHaveLength(1)
  const json = JSON.parse(await read('changes/2020-03-01.json')) as Record<string, unknown>
  expect(json).toMatchObject({ kind: 'reworded', recorded: { kind: 'editorial', decidedBy: 'editor' }, targets: [{ collection: 'clauses', id: 'duty-to-inform', element: 'link', text: 'contact details & more below', from: '#contact-information', to: '#your-rights' }] })
  expect(JSON.parse(await read('versions.json'))).toMatchObject({ versions: [{ version: '2020-03-01', kind: 'editorial', decidedBy: 'editor' }, { version: '2020-01-01', kind: 'substantive', decidedBy: 'computed' }, { version: '2019-01-25', kind: 'initial', decidedBy: null }] })
  expect(await findExecutableVectors(dist)).toEqual([])
}, 120_000)
