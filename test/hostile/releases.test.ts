import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { startSiteBuild } from '../../src/astro/build-site.ts'
import { buildSiteEntries } from '../../src/astro/site-data.ts'
import { compile } from '../../src/compile/compile.ts'
import { budgets } from '../../src/source/budgets.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { findExecutableVectors, vectorsInHtml } from '../helpers/executable-vectors.ts'
import { forgedDocument, forgeRelease, vectors } from '../helpers/forge-release.ts'
import { editPolicy, removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// A release file is untrusted input: anyone with commit access can edit one and recompute its
// hashes with the project's own functions, so the hashes prove nothing about its safety.
const today = '2026-11-25'

const temporary = removedAfterAll()

/** A copy of the OPTSM policy (with its release) in a fresh directory, as `<directory>/policy`. */
async function optsmCopy(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-releases-'))
  temporary.push(directory)
  await cp(path.join(repoRoot, 'policy'), path.join(directory, 'policy'), { recursive: true })
  return directory
}

function appendToFirstClause(release: { document: Record<string, unknown> }): void {
  const clauses = release.document['clauses'] as Array<{ html: string }>
  const first = clauses[0]
  if (!first) throw new Error('the release has no clause')
  first.html += vectors
}

test('check refuses a release whose clause HTML carries a script, with its hashes recomputed, at the string', async () => {
  const cwd = await optsmCopy()
  const text = await forgeRelease(cwd, '2019-01-25', appendToFirstClause)
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number; column: number; message: string }>).filter((item) => item.severity === 'error')
  const line = text.split('\n').findIndex((item) => item.includes('onerror=alert(1)')) + 1
  const column = (text.split('\n')[line - 1] ?? '').indexOf('"html"') + '"html": '.length + 1
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'release-unsafe-html', file: 'policy/releases/2019-01-25.json', line, column })])
  expect(errors[0]?.message).toContain('document.clauses[0].html')
})

test('build refuses the forged release and writes nothing', async () => {
  const cwd = await optsmCopy()
  await forgeRelease(cwd, '2019-01-25', appendToFirstClause)
  const result = await runCli(['build', '--quiet', '--today', today, '--out', 'site'], cwd)
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('release-unsafe-html')
  await expect(readFile(path.join(cwd, 'site', 'index.html'))).rejects.toThrow()
})

test('check refuses URLs of a release that the URL allow-list refuses, at each string', async () => {
  const cwd = await optsmCopy()
  const text = await forgeRelease(cwd, '2019-01-25', (release) => {
    const authority = release.document['supervisoryAuthority'] as { url: string }
    authority.url = 'javascript:alert(1)'
    const controller = release.document['controller'] as { website?: string }
    controller.website = 'JaVaScRiPt:alert(2)'
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; line: number; message: string }>).filter((item) => item.severity === 'error')
  const lines = text.split('\n')
  const lineOf = (needle: string) => lines.findIndex((item) => item.includes(needle)) + 1
  expect(errors.map((item) => [item.ruleId, item.line])).toEqual([
    ['unsafe-url', lineOf('alert(2)')],
    ['unsafe-url', lineOf('"javascript:alert(1)"')],
  ])
  expect(errors[0]?.message).toContain('`document.controller.website`')
})

test('check refuses control, bidirectional and zero-width characters in any string of a release, at the string', async () => {
  const cwd = await optsmCopy()
  const text = await forgeRelease(cwd, '2019-01-25', (release) => {
    release['summary'] = 'ctl\u0001\u000b\u001b[31m end'
    const clauses = release.document['clauses'] as Array<{ text: string }>
    if (clauses[2]) clauses[2].text = `\u202e${clauses[2].text}`
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; line: number; message: string }>).filter((item) => item.severity === 'error')
  const lines = text.split('\n')
  const summary = lines.findIndex((item) => item.includes('"summary"')) + 1
  // JSON.stringify escapes the controls and writes U+202E as it is.
  const clause = lines.findIndex((item) => item.includes('"text": "\u202e')) + 1
  expect(errors.map((item) => [item.ruleId, item.line])).toEqual([
    ['forbidden-character', summary],
    ['forbidden-character', summary],
    ['forbidden-character', summary],
    ['invisible-character', clause],
  ])
  expect(errors[0]?.message).toContain('in `summary`')
  expect(errors[3]?.message).toContain('in `document.clauses[2].text`')
})

test('every check validates release files against their schema, even when their hashes match', async () => {
  const cwd = await optsmCopy()
  const text = await forgeRelease(cwd, '2019-01-25', (release) => {
    release['onload'] = 'alert(1)'
    const clauses = release.document['clauses'] as Array<Record<string, unknown>>
    if (clauses[1]) clauses[1]['title'] = 42
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number }>).filter((item) => item.severity === 'error')
  const lines = text.split('\n')
  expect(errors).toEqual([
    expect.objectContaining({ ruleId: 'schema-type', file: 'policy/releases/2019-01-25.json', line: lines.findIndex((item) => item.includes('"title": 42')) + 1 }),
    expect.objectContaining({ ruleId: 'schema-unknown-field', file: 'policy/releases/2019-01-25.json', line: lines.findIndex((item) => item.includes('"onload"')) + 1 }),
  ])
})

test('the pages sanitise a release again: a forged release object that never went through check gives pages without vectors', async () => {
  const cwd = await optsmCopy()
  const result = compile(await readPolicy('policy', { cwd }), { today })
  if (!result.output) throw new Error('the OPTSM policy did not compile')
  const [release] = result.output.releases
  if (!release) throw new Error('the OPTSM policy has no release')
  const forged = forgedDocument(release.document)
  const entries = buildSiteEntries({ ...result.output, releases: [{ ...release, document: forged }] })
  const page = entries.find((entry) => entry.id === `version/${release.version}`)
  if (!page || !('html' in page) || !('document' in page.data)) throw new Error('no version entry')
  expect(page.html).toContain('Forged')
  // What the pages set as markup: the clauses, and the purposes' and rights' HTML of the document.
  const { document } = page.data
  const markup = [page.html, ...document.purposes.map((purpose) => purpose.html), ...document.rights.map((right) => right.html ?? '')]
  expect(markup.flatMap((html) => vectorsInHtml(html, 'entry', { fragment: true }))).toEqual([])
  expect([document.controller.website, document.supervisoryAuthority.url, ...document.contacts.map((contact) => contact.url)].filter((url) => url !== undefined && !/^(https?:|mailto:|#)/.test(url))).toEqual([])
})

test('a site built from a forged release object that never went through check holds no executable vector', async () => {
  const cwd = await optsmCopy()
  const result = compile(await readPolicy('policy', { cwd }), { today })
  if (!result.output) throw new Error('the OPTSM policy did not compile')
  const [release] = result.output.releases
  if (!release) throw new Error('the OPTSM policy has no release')
  const out = path.join(cwd, 'site')
  await mkdir(out)
  const site = await startSiteBuild({ policyDirectory: path.join(cwd, 'policy'), quiet: true })
  await site.finish({ ...result.output, releases: [{ ...release, summary: `Forged summary ${vectors}`, document: forgedDocument(release.document) }] }, out)
  expect(await readFile(path.join(out, 'versions', release.version, 'index.html'), 'utf8')).toContain('Forged')
  expect(await findExecutableVectors(out)).toEqual([])
})

/** The OPTSM policy with a second release, 2020-03-01, made by `clausewright release`. */
async function withSecondRelease(): Promise<string> {
  const cwd = await optsmCopy()
  await editPolicy(cwd, 'clauses/sharing.md', 'We do not sell your Personal Information', 'We do not sell or rent your Personal Information')
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-03-01')
  const released = await runCli(['release', '--summary', 'A later version, for the tests.', '--kind', 'editorial', '--today', today], cwd)
  expect(released.code, released.stderr).toBe(0)
  return cwd
}

async function readRelease(cwd: string, version: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(cwd, 'policy', 'releases', `${version}.json`), 'utf8')) as Record<string, unknown>
}

async function checkErrors(cwd: string): Promise<{ code: number; errors: Array<{ ruleId: string; file: string; line: number; column: number; message: string }> }> {
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number; column: number; message: string }>).filter((item) => item.severity === 'error')
  return { code: result.code, errors }
}

test('the first release records no link, and the one in the repository stays as it was released', async () => {
  const first = await readRelease(repoRoot, '2019-01-25')
  expect(first['previous']).toBeNull()
  expect(Object.keys(first)).not.toContain('previousIntegrity')
  expect((await checkErrors(repoRoot)).errors).toEqual([])
})

test('release records the integrity of the release before it', async () => {
  const cwd = await withSecondRelease()
  const first = await readRelease(cwd, '2019-01-25')
  const second = await readRelease(cwd, '2020-03-01')
  expect(second['previous']).toBe('2019-01-25')
  expect(second['previousIntegrity']).toBe(first['integrity'])
  expect(await checkErrors(cwd)).toEqual({ code: 0, errors: [] })
})

test('an old release rewritten with its hashes recomputed breaks the link of the next one, and check says which', async () => {
  const cwd = await withSecondRelease()
  await forgeRelease(cwd, '2019-01-25', (release) => {
    release['summary'] = 'A summary rewritten after the fact.'
    release['kind'] = 'editorial'
  })
  const { code, errors } = await checkErrors(cwd)
  expect(code).toBe(1)
  const text = await readFile(path.join(cwd, 'policy', 'releases', '2020-03-01.json'), 'utf8')
  const line = text.split('\n').findIndex((item) => item.includes('"previousIntegrity"')) + 1
  // The rewritten first release also claims a kind that a first release cannot have.
  expect(errors).toEqual([
    expect.objectContaining({ ruleId: 'release-kind-false', file: 'policy/releases/2019-01-25.json', message: 'Unexpected kind `editorial` of release 2019-01-25, expected `initial`: it is the first release' }),
    expect.objectContaining({ ruleId: 'release-link-broken', file: 'policy/releases/2020-03-01.json', line }),
  ])
  expect(errors[1]?.message).toContain('release 2020-03-01 records')
  expect(errors[1]?.message).toContain('2019-01-25 was rewritten')
})

test('a later release without its link, or a first release with one, breaks the schema', async () => {
  const cwd = await withSecondRelease()
  await forgeRelease(cwd, '2020-03-01', (release) => {
    delete release['previousIntegrity']
  })
  await forgeRelease(cwd, '2019-01-25', (release) => {
    release['previousIntegrity'] = `sha256:${'0'.repeat(64)}`
  })
  const { code, errors } = await checkErrors(cwd)
  expect(code).toBe(1)
  expect(errors.map((item) => [item.ruleId, item.file])).toEqual([
    ['schema-constraint', 'policy/releases/2019-01-25.json'],
    ['schema-required', 'policy/releases/2020-03-01.json'],
  ])
  expect(errors[0]?.message).toContain('`previousIntegrity`')
  expect(errors[1]?.message).toContain('`previousIntegrity`')
})

test('HTML nested too deep to parse is refused at its string, not reported as a bug (2,000 levels overflowed the stack)', async () => {
  const cwd = await optsmCopy()
  await forgeRelease(cwd, '2019-01-25', (release) => {
    const first = (release.document['clauses'] as Array<{ html: string }>)[0]
    if (first) first.html = `${'<em>'.repeat(20_000)}x${'</em>'.repeat(20_000)}`
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code, result.stderr).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; message: string }>).filter((item) => item.severity === 'error')
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'release-unsafe-html', message: expect.stringContaining('document.clauses[0].html') })])
})

test('a release with more HTML tags than the budget is refused before it is sanitised (700,000 took 3.7 s and 1 GB)', async () => {
  const cwd = await optsmCopy()
  await forgeRelease(cwd, '2019-01-25', (release) => {
    const first = (release.document['clauses'] as Array<{ html: string }>)[0]
    if (first) first.html = '<p>x</p>'.repeat(budgets.maxReleaseTags / 2 + 1)
  })
  const result = await runCli(['check', '--format', 'json', '--today', today], cwd)
  expect(result.code, result.stderr).toBe(1)
  const errors = (JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; message: string }>).filter((item) => item.severity === 'error')
  expect(errors).toEqual([expect.objectContaining({ ruleId: 'file-too-large', file: 'policy/releases/2019-01-25.json', message: expect.stringMatching(new RegExp(`^Unexpected release with \\d+ HTML tags, expected at most ${budgets.maxReleaseTags}$`)) })])
})
