import { createHash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LoaderContext } from 'astro/loaders'
import { z } from 'astro/zod'
import { beforeAll, describe, expect, expectTypeOf, test } from 'vitest'
import { clausewrightLoader, type PolicyReader } from '../src/astro/loader.ts'
import { buildSiteEntries, type SiteEntry } from '../src/astro/site-data.ts'
import { type policyDiffSchema, type policyDocumentSchema, siteEntrySchema, siteEntrySchemas } from '../src/astro/site-schema.ts'
import { compile } from '../src/compile/compile.ts'
import type { PolicyDiff } from '../src/model/diff.ts'
import type { PolicyDocument } from '../src/model/policy-document.ts'
import { type PolicySources, readPolicy } from '../src/source/read-policy.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// The loader driven as Astro's Content Layer drives it: `load()` once, with a store, a logger and
// a watcher, then a watcher event per saved file. The policy's files are read ahead (the loader
// takes its reader as a parameter), so that a sync runs in microtasks only: after one turn of the
// event loop (`settled()`), every sync a test started has ended, and a test holds one read back
// to make two syncs overlap.

const temporary = removedAfterAll()

/** The OPTSM policy, edited, read from a copy of its own (display paths `policy/…`). */
async function optsm(edit: (cwd: string) => Promise<void> = async () => undefined): Promise<{ cwd: string; sources: PolicySources }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-loader-'))
  temporary.push(cwd)
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  await edit(cwd)
  return { cwd, sources: await readPolicy('policy', { cwd }) }
}

/** The small fixture policy (two clauses, no release: a sixth of OPTSM's compile), edited. */
async function small(edit: (cwd: string) => Promise<void> = async () => undefined): Promise<PolicySources> {
  const cwd = await makePolicy()
  temporary.push(cwd)
  await edit(cwd)
  return readPolicy('policy', { cwd })
}

const clauseEdit = (words: string) => (cwd: string) => editPolicy(cwd, 'clauses/security.md', 'commercially reasonable', words)

let base: PolicySources
let edited: PolicySources
let unreleased: PolicySources
let smallBase: PolicySources
let smallEdited: PolicySources
let smallEditedAgain: PolicySources
let broken: { cwd: string; sources: PolicySources }

beforeAll(async () => {
  ;[base, edited, unreleased, broken] = await Promise.all([
    optsm().then((policy) => policy.sources),
    optsm(clauseEdit('reasonable')).then((policy) => policy.sources),
    optsm((cwd) => rm(path.join(cwd, 'policy', 'releases', '2019-01-25.json'))).then((policy) => policy.sources),
    optsm((cwd) => editPolicy(cwd, 'data.yaml', 'lawfulBasis: [contract]', 'lawfulBasis: [contrakt]')),
  ])
  ;[smallBase, smallEdited, smallEditedAgain] = await Promise.all([small(), small((cwd) => editPolicy(cwd, 'clauses/intro.md', ' collects ', ' keeps ')), small((cwd) => editPolicy(cwd, 'clauses/intro.md', ' collects ', ' holds '))])
})

type ExpectedEntries = Map<string, { data: unknown; html: string | undefined }>
const expected = new WeakMap<PolicySources, ExpectedEntries>()

/** What the loader should store for `sources`: each entry's data and HTML, by id (compiled once). */
function expectedEntries(sources: PolicySources): ExpectedEntries {
  const known = expected.get(sources)
  if (known) return known
  // The fake Astro has a watcher, as `astro dev`: the loader previews the draft.
  const output = compile(sources, { draft: true }).output
  if (!output) throw new Error('the policy has errors')
  const entries: ExpectedEntries = new Map(buildSiteEntries(output).map((entry: SiteEntry) => [entry.id, { data: entry.data, html: 'html' in entry ? entry.html : undefined }]))
  expected.set(sources, entries)
  return entries
}

/** A promise held until released. */
function withRelease(): { promise: Promise<void>; release: () => void } {
  const { promise, resolve } = Promise.withResolvers<undefined>()
  return { promise, release: () => resolve(undefined) }
}

type DataEntry = ReturnType<LoaderContext['store']['values']>[number]

const settled = () => new Promise((resolve) => setImmediate(resolve))

/** A content store as Astro's (a set with an unchanged digest is refused), recording each change. */
function fakeStore() {
  const entries = new Map<string, DataEntry>()
  const changes: string[] = []
  const store: LoaderContext['store'] = {
    get: <TData extends Record<string, unknown>>(id: string) => entries.get(id) as { data: TData } & DataEntry | undefined,
    entries: () => [...entries],
    values: () => [...entries.values()],
    keys: () => [...entries.keys()],
    has: (id) => entries.has(id),
    set: (entry) => {
      if (entry.digest !== undefined && entries.get(entry.id)?.digest === entry.digest) return false
      changes.push(`set ${entry.id}`)
      entries.set(entry.id, entry)
      return true
    },
    delete: (id) => {
      changes.push(`delete ${id}`)
      entries.delete(id)
    },
    clear: () => {
      changes.push('clear')
      entries.clear()
    },
    addModuleImport: () => undefined,
  }
  return { store, entries, changes }
}

/** A loader over `root`, its store, logger and watcher, and a reader whose sources a test sets. */
function fakeAstro(first: PolicySources) {
  const root = path.join(tmpdir(), 'clausewright-loader-root')
  const policyFile = path.join(root, 'policy', 'clauses', 'security.md')
  const { store, entries, changes } = fakeStore()
  const parsed: string[] = []
  const logged: Array<{ level: 'info' | 'warn' | 'error'; message: string }> = []
  const logger = {
    info: (message: string) => logged.push({ level: 'info', message }),
    warn: (message: string) => logged.push({ level: 'warn', message }),
    error: (message: string) => logged.push({ level: 'error', message }),
    debug: () => undefined,
  } as unknown as LoaderContext['logger']
  const watcher = Object.assign(new EventEmitter(), { add: () => watcher }) as unknown as NonNullable<LoaderContext['watcher']>
  const reader = {
    sources: first,
    reads: 0,
    /** When set, the next read waits for it (after taking its sources): a slow read. */
    hold: undefined as Promise<void> | undefined,
    /** When set, the next read fails with it. */
    failure: undefined as Error | undefined,
    /** The id of an entry that the collection schema refuses. */
    unparsable: undefined as string | undefined,
    /** Called when a read starts. */
    onRead: (): void => undefined,
  }
  const read: PolicyReader = async () => {
    reader.reads++
    reader.onRead()
    const { sources, hold, failure } = reader
    reader.hold = undefined
    reader.failure = undefined
    if (hold) await hold
    if (failure) throw failure
    return sources
  }
  const loader = clausewrightLoader({}, read)
  const schema = 'schema' in loader ? loader.schema : undefined
  if (!schema) throw new Error('the loader has no schema')
  const context: LoaderContext = {
    collection: 'clausewright',
    store,
    meta: { get: () => undefined, set: () => undefined, has: () => false, delete: () => undefined },
    logger,
    config: { root: pathToFileURL(`${root}/`), base: '/' } as LoaderContext['config'],
    // As Astro's: the collection schema (the loader's, when the collection gives none) parses the data.
    parseData: async ({ id, data }) => {
      parsed.push(id)
      if (id === reader.unparsable) throw new Error(`${id} does not match the collection schema`)
      return z.parse(schema, data) as typeof data
    },
    renderMarkdown: () => Promise.reject(new Error('the loader renders no Markdown')),
    generateDigest: (data) => createHash('sha256').update(typeof data === 'string' ? data : JSON.stringify(data)).digest('hex'),
    watcher,
  }
  return {
    entries,
    changes,
    /** The ids of the entries parsed by the collection schema. */
    parsed,
    logged,
    reader,
    load: () => loader.load(context),
    /** Loaded as a build loads (`astro build` of a site that mounts the policy): without a watcher. */
    loadForBuild: () => loader.load({ ...context, watcher: undefined } as unknown as LoaderContext),
    /** A policy file saved, as the watcher reports it. */
    save: () => watcher.emit('all', 'change', policyFile),
    /** Any file saved, as the watcher reports it. */
    saveFile: (file: string) => watcher.emit('all', 'change', file),
    root,
  }
}

/** The store's entries as data and HTML, by id. */
const stored = (entries: ReadonlyMap<string, DataEntry>) => new Map([...entries].map(([id, entry]) => [id, { data: entry.data, html: entry.rendered?.html }]))

describe('the Astro loader', () => {
  test('previews the draft in dev (with a watcher) and publishes the release in force in a build', async () => {
    const dev = fakeAstro(edited)
    await dev.load()
    const devCurrent = dev.entries.get('current')?.data as { document: { version: string }; preview: string | null }
    expect([devCurrent.document.version, devCurrent.preview]).toEqual(['draft', 'draft'])
    // And /changes/draft/: the draft against the newest release, in a reader's words, as `diff` compares them.
    const devChange = dev.entries.get('change/draft')?.data as Extract<SiteEntry, { id: `change/${string}` }>['data'] | undefined
    expect(devChange?.release).toEqual({ version: 'draft', effective: '2019-01-25', summary: 'The changes of the draft, not released.', kind: 'editorial', decidedBy: null, previous: '2019-01-25' })
    expect([devChange?.diff.from, devChange?.diff.to, devChange?.diff.kind]).toEqual(['2019-01-25', 'draft', 'reworded'])
    expect(devChange?.diff.reasons.map((reason) => reason.reader.text)).toEqual(['The wording of the section “IS PERSONAL INFORMATION ABOUT ME SECURE?” changed.'])
    expect(devChange?.diff.clauses.map((clause) => clause.words?.filter((run) => run.type !== 'equal'))).toEqual([[{ type: 'delete', text: 'commercially ' }]])
    const build = fakeAstro(edited)
    await build.loadForBuild()
    const builtCurrent = build.entries.get('current')?.data as { document: { version: string }; preview: string | null }
    expect([builtCurrent.document.version, builtCurrent.preview]).toEqual(['2019-01-25', null])
    // A published site has no page of the draft.
    expect([...build.entries.keys()].filter((id) => id.startsWith('change/'))).toEqual(['change/2019-01-25'])
  })

  test('stores every entry of the policy, with its HTML, parsed by the collection schema', async () => {
    const astro = fakeAstro(base)
    await astro.load()
    expect(stored(astro.entries)).toEqual(expectedEntries(base))
    expect(astro.logged).toEqual([{ level: 'info', message: 'compiled 14 clauses and 1 release' }])
  })

  test('on a change, sets only the entries whose digest changed and deletes those no longer made; the others are untouched', async () => {
    const astro = fakeAstro(base)
    await astro.load()
    const before = expectedEntries(base)

    // A clause of the draft reworded: the current policy and its files change, the release's pages do not.
    astro.changes.length = 0
    astro.parsed.length = 0
    astro.reader.sources = edited
    astro.save()
    await settled()
    const after = expectedEntries(edited)
    const changedIds = [...after].filter(([id, entry]) => JSON.stringify(entry) !== JSON.stringify(before.get(id))).map(([id]) => id)
    expect(changedIds).toContain('current')
    // The draft's change page follows the draft as it is saved.
    expect(changedIds).toContain('change/draft')
    expect(changedIds).not.toContain('version/2019-01-25')
    expect(changedIds).not.toContain('change/2019-01-25')
    expect(astro.changes).toEqual(changedIds.map((id) => `set ${id}`))
    // Not even parsed again: the digest is compared first, as the glob() loader does.
    expect(astro.parsed).toEqual(changedIds)
    expect(stored(astro.entries)).toEqual(after)

    // The release removed: its entries are deleted, nothing else is.
    astro.changes.length = 0
    astro.reader.sources = unreleased
    astro.save()
    await settled()
    const unreleasedEntries = expectedEntries(unreleased)
    const goneIds = [...after.keys()].filter((id) => !unreleasedEntries.has(id))
    expect(goneIds).toEqual(expect.arrayContaining(['version/2019-01-25', 'change/2019-01-25']))
    const setIds = [...unreleasedEntries].filter(([id, entry]) => JSON.stringify(entry) !== JSON.stringify(after.get(id))).map(([id]) => id)
    expect(astro.changes).toEqual([...setIds.map((id) => `set ${id}`), ...goneIds.map((id) => `delete ${id}`)])
    expect(stored(astro.entries)).toEqual(unreleasedEntries)

    // Saved without a change: the store is not touched.
    astro.changes.length = 0
    astro.parsed.length = 0
    astro.save()
    await settled()
    expect(astro.changes).toEqual([])
    expect(astro.parsed).toEqual([])
  })

  test('a change saved while a sync runs is compiled after it: the newer policy stays, though the older read ends last', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    const { release, promise } = withRelease()
    astro.reader.hold = promise
    astro.reader.sources = smallEdited
    astro.save()
    // The first sync has read the edited policy and waits; the second save comes meanwhile.
    astro.reader.sources = smallEditedAgain
    astro.save()
    await settled()
    release()
    await settled()
    expect(stored(astro.entries)).toEqual(expectedEntries(smallEditedAgain))
    expect(astro.reader.reads).toBe(3)
  })

  test('saves that come while a sync runs share one sync after it', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    const { release, promise } = withRelease()
    astro.reader.hold = promise
    astro.save()
    astro.reader.sources = smallEdited
    for (let save = 0; save < 4; save++) astro.save()
    await settled()
    release()
    await settled()
    expect(astro.reader.reads).toBe(3)
    expect(stored(astro.entries)).toEqual(expectedEntries(smallEdited))
  })

  test('a file saved outside the policy directory compiles nothing, even one beside it whose name begins like it', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    for (const file of [path.join(astro.root, 'policy-notes', 'clauses', 'security.md'), path.join(astro.root, 'src', 'pages', 'index.astro'), path.join(astro.root, 'policy')]) astro.saveFile(file)
    await settled()
    expect(astro.reader.reads).toBe(1)
    astro.saveFile(path.join(astro.root, 'policy', 'data.yaml'))
    await settled()
    expect(astro.reader.reads).toBe(2)
  })

  test('a failure whose message holds control characters (a file name of the policy) is logged with them made visible', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    astro.reader.failure = new Error('EACCES: permission denied, open policy/\u001b[2Jdata.yaml')
    astro.save()
    await settled()
    expect(astro.logged.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual(['the policy could not be compiled again: EACCES: permission denied, open policy/\u241b[2Jdata.yaml'])
  })

  test('a file saved during the first sync is not missed', async () => {
    const astro = fakeAstro(smallBase)
    const { release, promise } = withRelease()
    astro.reader.hold = promise
    const reading = new Promise<undefined>((resolve) => (astro.reader.onRead = () => resolve(undefined)))
    const loading = astro.load()
    // The loader imports the compiler first: the first read comes after that.
    await reading
    astro.reader.sources = smallEdited
    astro.save()
    release()
    await loading
    await settled()
    expect(astro.reader.reads).toBe(2)
    expect(stored(astro.entries)).toEqual(expectedEntries(smallEdited))
  })

  test('a policy error is logged with its file, line and column as check prints it, and the store keeps the last good entries', async () => {
    const astro = fakeAstro(base)
    await astro.load()
    astro.changes.length = 0
    astro.reader.sources = broken.sources
    astro.save()
    await settled()
    const check = await runCli(['check'], broken.cwd)
    expect(check.code).toBe(1)
    const errorBlocks = check.stdout.split('\n\n').filter((block) => / error /.test(block.split('\n')[0] ?? ''))
    expect(errorBlocks[0]).toMatch(/^policy\/data\.yaml:\d+:\d+ error Unexpected `contrakt`/)
    const errors = astro.logged.filter((entry) => entry.level === 'error')
    expect(errors).toHaveLength(1)
    for (const block of errorBlocks) expect(errors[0]?.message).toContain(block)
    expect(astro.changes).toEqual([])
    expect(stored(astro.entries)).toEqual(expectedEntries(base))

    // Mended: the pages follow again.
    astro.reader.sources = edited
    astro.save()
    await settled()
    expect(stored(astro.entries)).toEqual(expectedEntries(edited))
  })

  test('a policy with errors from the start leaves only the error entry, which the pages throw (a build fails)', async () => {
    const astro = fakeAstro(broken.sources)
    await astro.load()
    expect([...astro.entries.keys()]).toEqual(['error'])
    const message = String(astro.entries.get('error')?.data['message'])
    expect(message).toMatch(/^policy\/data\.yaml:\d+:\d+ error Unexpected `contrakt`/)
    expect(astro.logged.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual([`the policy has errors:\n${message}`])
    // Mended: the error entry goes, the policy's entries come.
    astro.reader.sources = base
    astro.save()
    await settled()
    expect(stored(astro.entries)).toEqual(expectedEntries(base))
  })

  test('a read that fails during a sync in dev is logged, and the store keeps the last good entries', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    astro.changes.length = 0
    astro.reader.failure = Object.assign(new Error('EACCES: permission denied, open policy/data.yaml'), { code: 'EACCES' })
    astro.save()
    await settled()
    expect(astro.logged.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual(['the policy could not be compiled again: EACCES: permission denied, open policy/data.yaml'])
    expect(astro.changes).toEqual([])
    expect(stored(astro.entries)).toEqual(expectedEntries(smallBase))

    // A save that waited for the failed sync is compiled all the same.
    const { release, promise } = withRelease()
    astro.reader.hold = promise
    astro.reader.failure = new Error('EIO: i/o error, read')
    astro.save()
    astro.reader.sources = smallEdited
    astro.save()
    await settled()
    release()
    await settled()
    expect(astro.logged.filter((entry) => entry.level === 'error')).toHaveLength(2)
    expect(stored(astro.entries)).toEqual(expectedEntries(smallEdited))
  })

  test('an entry the collection schema refuses leaves the store as it was, even the entries parsed before it', async () => {
    const astro = fakeAstro(smallBase)
    await astro.load()
    astro.changes.length = 0
    astro.parsed.length = 0
    astro.reader.unparsable = 'file/policy.json'
    astro.reader.sources = smallEdited
    astro.save()
    await settled()
    expect(astro.parsed).toEqual(['current', 'file/policy.json'])
    expect(astro.logged.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual(['the policy could not be compiled again: file/policy.json does not match the collection schema'])
    expect(astro.changes).toEqual([])
    expect(stored(astro.entries)).toEqual(expectedEntries(smallBase))
  })
})

/** Readonly all the way down: the model's types are, zod's outputs are not (and need not be). */
type DeepReadonly<T> = T extends ReadonlyArray<infer Item> ? ReadonlyArray<DeepReadonly<Item>> : T extends object ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> } : T
type DataOf<Id extends SiteEntry['id']> = Extract<SiteEntry, { id: Id }>['data']

describe('the collection schema', () => {
  test('describes the model’s types exactly (checked by the type checker)', () => {
    expectTypeOf<DeepReadonly<z.output<typeof policyDocumentSchema>>>().toEqualTypeOf<DeepReadonly<PolicyDocument>>()
    expectTypeOf<DeepReadonly<z.output<typeof policyDiffSchema>>>().toEqualTypeOf<DeepReadonly<PolicyDiff>>()
    expectTypeOf<DeepReadonly<z.output<typeof siteEntrySchemas.current>>>().toEqualTypeOf<DeepReadonly<DataOf<'current'>>>()
    expectTypeOf<DeepReadonly<z.output<typeof siteEntrySchemas.version>>>().toEqualTypeOf<DeepReadonly<DataOf<`version/${string}`>>>()
    expectTypeOf<DeepReadonly<z.output<typeof siteEntrySchemas.change>>>().toEqualTypeOf<DeepReadonly<DataOf<`change/${string}`>>>()
    expectTypeOf<DeepReadonly<z.output<typeof siteEntrySchemas.file>>>().toEqualTypeOf<DeepReadonly<DataOf<`file/${string}`>>>()
  })

  test('parses every entry of the OPTSM policy to itself, each as its own kind only', () => {
    const output = compile(base).output
    if (!output) throw new Error('the OPTSM policy has errors')
    const entries = buildSiteEntries(output)
    expect(new Set(entries.map((entry) => entry.id.split('/')[0]))).toEqual(new Set(['current', 'version', 'change', 'file']))
    for (const entry of entries) {
      const kind = entry.id.split('/')[0] as keyof typeof siteEntrySchemas
      // Nothing dropped, nothing added, in the same order (zod strips keys it does not know).
      expect(JSON.stringify(siteEntrySchema.parse(entry.data)), entry.id).toBe(JSON.stringify(entry.data))
      for (const [other, schema] of Object.entries(siteEntrySchemas)) expect(schema.safeParse(entry.data).success, `${entry.id} as ${other}`).toBe(other === kind)
    }
  })
})
