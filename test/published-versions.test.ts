import { cp, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, expect, test } from 'vitest'
import { buildSiteEntries } from '../src/astro/site-data.ts'
import { type CompiledPolicy, compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { fourReleases, fourReleasesToday } from './helpers/release-history.ts'
import { runCli } from './helpers/run-cli.ts'

// What is published as the policy, and what versions.json and the feed say of each release, from
// a history of four releases (two on one date, one announced ahead) and an unreleased edit of the
// draft: the compiler alone, without a site build.
const temporary = removedAfterAll()
let history: string

beforeAll(async () => {
  history = await makePolicy()
  temporary.push(history)
  await fourReleases(history)
  // An edit of the draft, not released: it must not be published under a release's id.
  await editPolicy(history, 'clauses/rights.md', 'Write to', 'Please write to')
})

async function compiled(cwd: string, options: { today: string; draft?: boolean }) {
  const result = compile(await readPolicy('policy', { cwd }), options)
  if (!result.output) throw new Error(result.diagnostics.map((item) => item.message).join('\n'))
  return result.output
}
const currentEntry = (output: CompiledPolicy) => buildSiteEntries(output).find((entry) => entry.id === 'current')?.data
const json = (files: ReadonlyMap<string, string>, name: string) => JSON.parse(files.get(name) ?? 'null') as Record<string, unknown>

test('the policy published is the newest release in force today, byte for byte its versions/<id>.json', async () => {
  const output = await compiled(history, { today: fourReleasesToday })
  expect(output.current?.version).toBe('2020-06-01.2')
  expect(output.files.get('policy.json')).toBe(output.files.get('versions/2020-06-01.2.json'))
  expect(json(output.files, 'policy.json')['digest']).toBe(output.releases[2]?.digest)
  expect(json(output.files, 'policy.jsonld')['schema:version']).toBe('2020-06-01.2')
  // The draft's edit is not published, and is known to be unreleased.
  expect(output.files.get('policy.json')).not.toContain('Please write to')
  expect(output.unreleasedSince?.version).toBe('2027-03-01')
  expect(output.preview).toBe(false)
  // On its date the announced release is current.
  const later = await compiled(history, { today: '2027-03-01' })
  expect(later.files.get('policy.json')).toBe(later.files.get('versions/2027-03-01.json'))
})

test('versions.json gives each release its status, validity and release day; the feed has the announced change from the day it was released', async () => {
  const { files } = await compiled(history, { today: fourReleasesToday })
  const index = json(files, 'versions.json')
  expect(index).toEqual(expect.objectContaining({ latest: '2027-03-01', current: '2020-06-01.2' }))
  const entries = (index['versions'] as Array<Record<string, unknown>>).map(({ version, status, validFrom, validUntil, released }) => ({ version, status, validFrom, validUntil, released }))
  expect(entries).toEqual([
    { version: '2027-03-01', status: 'upcoming', validFrom: '2027-03-01', validUntil: null, released: '2027-01-30' },
    { version: '2020-06-01.2', status: 'current', validFrom: '2020-06-01', validUntil: null, released: '2020-06-01' },
    { version: '2020-06-01', status: 'superseded', validFrom: '2020-06-01', validUntil: '2020-06-01', released: '2020-05-15' },
    { version: '2020-02-29', status: 'superseded', validFrom: '2020-02-29', validUntil: '2020-06-01', released: '2020-02-20' },
  ])
  const feed = files.get('changes.atom') ?? ''
  expect(feed).toMatch(/<title>Version 2027-03-01 \([^)]*\)<\/title>\n {4}<updated>2027-01-30T00:00:00Z<\/updated>/)
  expect(feed).toMatch(/^ {2}<updated>2027-01-30T00:00:00Z<\/updated>$/m)
})

test('with draft, the draft is published as a preview (version draft), and versions.json and the feed hold the releases only', async () => {
  const released = await compiled(history, { today: fourReleasesToday })
  const preview = await compiled(history, { today: fourReleasesToday, draft: true })
  expect(preview.preview).toBe(true)
  expect(json(preview.files, 'policy.json')).toEqual(expect.objectContaining({ version: 'draft', digest: preview.draft.digest }))
  expect(preview.files.get('policy.json')).toContain('Please write to')
  for (const name of ['versions.json', 'changes.atom', 'versions/2027-03-01.json']) expect(preview.files.get(name), name).toBe(released.files.get(name))
})

test('a release that did not record its release day (format /1) has released: null, never a guess', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-optsm-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  const { files } = await compiled(cwd, { today: '2026-11-25' })
  expect(json(files, 'versions.json')['versions']).toEqual([expect.objectContaining({ version: '2019-01-25', status: 'current', validFrom: '2019-01-25', validUntil: null, released: null })])
  // The same content as released, with the compliance summary of today's reading (the release has none).
  expect(json(files, 'policy.json')['digest']).toBe(json(files, 'versions/2019-01-25.json')['digest'])
  expect(json(files, 'policy.json')['compliance']).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'controller-identity' })]))
})

test('a policy without any release publishes its draft, as before, and its page says it is not released', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  const output = await compiled(cwd, { today: '2026-01-01' })
  expect(output.preview).toBe(true)
  expect(output.shown).toBeUndefined()
  expect(json(output.files, 'policy.json')).toEqual(expect.objectContaining({ version: '2020-02-29', digest: output.draft.digest }))
  expect(json(output.files, 'versions.json')).toEqual(expect.objectContaining({ latest: null, current: null, versions: [] }))
  expect(currentEntry(output)).toEqual(expect.objectContaining({ shown: null, upcoming: null, preview: 'unreleased', versions: [] }))
})

test('the policy page is told what it shows: the release in force and the change announced, or the draft as a preview', async () => {
  expect(currentEntry(await compiled(history, { today: fourReleasesToday }))).toEqual(
    expect.objectContaining({
      shown: expect.objectContaining({ version: '2020-06-01.2', status: 'current' }),
      upcoming: expect.objectContaining({ version: '2027-03-01', status: 'upcoming' }),
      preview: null,
    }),
  )
  expect(currentEntry(await compiled(history, { today: '2027-03-01' }))).toEqual(expect.objectContaining({ shown: expect.objectContaining({ version: '2027-03-01', status: 'current' }), upcoming: null }))
  // Before the first release takes effect, the page shows it, upcoming.
  const announced = await makePolicy()
  temporary.push(announced)
  expect((await runCli(['release', '--summary', 'First.', '--today', '2020-02-01'], announced)).code).toBe(0)
  const early = await compiled(announced, { today: '2020-02-01' })
  expect(early.current).toBeUndefined()
  expect(json(early.files, 'policy.json')['digest']).toBe(json(early.files, 'versions/2020-02-29.json')['digest'])
  expect(currentEntry(early)).toEqual(expect.objectContaining({ shown: expect.objectContaining({ version: '2020-02-29', status: 'upcoming' }), upcoming: null, preview: null }))
  expect(currentEntry(await compiled(history, { today: fourReleasesToday, draft: true }))).toEqual(expect.objectContaining({ shown: null, upcoming: null, preview: 'draft' }))
  // A preview asked for when the draft is the newest release says so, not that it holds changes.
  const released = await makePolicy()
  temporary.push(released)
  await fourReleases(released)
  expect(currentEntry(await compiled(released, { today: fourReleasesToday, draft: true }))).toEqual(expect.objectContaining({ shown: null, preview: 'draft-unchanged', versions: [expect.objectContaining({ version: '2027-03-01' }), expect.anything(), expect.anything(), expect.anything()] }))
})
