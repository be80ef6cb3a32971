import { link, mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { budgets } from '../../src/source/budgets.ts'
import { decodeText, readPolicy, toDisplayPath } from '../../src/source/read-policy.ts'
import { removedAfterAll } from '../helpers/fixture-policy.ts'

// What readPolicy gives for each file of a policy directory, and each diagnostic whole (rule,
// file, message, hint), on small policies written here file by file.
const temporary = removedAfterAll()

/** A directory holding `policy/` with these files (a string is a file, null a directory). */
async function policyWith(files: Record<string, string | Buffer | null>): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'clausewright-read-policy-')))
  temporary.push(root)
  await mkdir(path.join(root, 'policy'))
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(root, 'policy', name)
    if (content === null) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  return root
}

const minimal = { 'policy.yaml': 'title: x\n', 'data.yaml': 'purposes: []\n', 'clauses/intro.md': '# Intro\n' }

function problems(diagnostics: ReadonlyArray<{ ruleId: string; file: string; message: string; hint?: string }>) {
  return diagnostics.map(({ ruleId, file, message, hint }) => ({ ruleId, file, message, ...(hint !== undefined && { hint }) }))
}

describe('a policy read whole', () => {
  test('every file with its display path, its name in the policy and its text; clauses and releases sorted, other files left', async () => {
    const root = await policyWith({
      ...minimal,
      'compliance.yaml': 'rules: {}\n',
      'clauses/b.md': 'B\n',
      'clauses/a.md': 'A\n',
      'clauses/notes.txt': 'not a clause\n',
      'releases/2020-01-01.json': '{"v":2}\n',
      'releases/2019-01-01.json': '{"v":1}\n',
      'releases/README.md': 'not a release\n',
    })
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources).toEqual({
      policy: { path: 'policy/policy.yaml', name: 'policy.yaml', text: 'title: x\n' },
      data: { path: 'policy/data.yaml', name: 'data.yaml', text: 'purposes: []\n' },
      compliance: { path: 'policy/compliance.yaml', name: 'compliance.yaml', text: 'rules: {}\n' },
      clauses: [
        { path: 'policy/clauses/a.md', name: 'clauses/a.md', text: 'A\n' },
        { path: 'policy/clauses/b.md', name: 'clauses/b.md', text: 'B\n' },
        { path: 'policy/clauses/intro.md', name: 'clauses/intro.md', text: '# Intro\n' },
      ],
      releases: [
        { path: 'policy/releases/2019-01-01.json', name: 'releases/2019-01-01.json', text: '{"v":1}\n' },
        { path: 'policy/releases/2020-01-01.json', name: 'releases/2020-01-01.json', text: '{"v":2}\n' },
      ],
      diagnostics: [],
    })
  })

  // The order of JavaScript's sort (UTF-16 code units), which is not the directory's: Node lists a
  // directory in the order of its names' bytes (UTF-8), where U+FF5A comes before an astral 😀.
  test('clauses and releases in the order of their names as JavaScript sorts them', async () => {
    const names = ['m', 'b10', 'z', '\uff5a', '😀', 'a', 'b9', 'B', '_', 'é']
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n', ...Object.fromEntries(names.flatMap((name) => [[`clauses/${name}.md`, `${name}\n`], [`releases/${name}.json`, `${name}\n`]])) })
    const sources = await readPolicy('policy', { cwd: root })
    const sorted = [...names].sort()
    expect(sources.clauses.map((clause) => clause.text)).toEqual(sorted.map((name) => `${name}\n`))
    expect(sources.releases.map((release) => release.name)).toEqual(sorted.map((name) => `releases/${name}.json`))
  })

  test('paths are shown relative to the working directory given, the policy directory itself as `.`', async () => {
    const root = await policyWith(minimal)
    const inside = await readPolicy('.', { cwd: path.join(root, 'policy') })
    expect(inside.policy?.path).toBe('policy.yaml')
    const above = await readPolicy(path.join(root, 'policy'), { cwd: path.dirname(root) })
    expect(above.clauses.map((clause) => clause.path)).toEqual([`${path.basename(root)}/policy/clauses/intro.md`])
  })

  test('no compliance.yaml and no releases/ are no problem', async () => {
    const sources = await readPolicy('policy', { cwd: await policyWith(minimal) })
    expect(sources.diagnostics).toEqual([])
    expect(sources).not.toHaveProperty('compliance')
    expect(sources.releases).toEqual([])
  })

  test('a byte-order mark is dropped', async () => {
    const root = await policyWith({ ...minimal, 'policy.yaml': '\ufefftitle: x\n' })
    expect((await readPolicy('policy', { cwd: root })).policy?.text).toBe('title: x\n')
  })
})

describe('what is missing', () => {
  test('no policy directory, or a file in its place', async () => {
    const root = await policyWith({ 'file.txt': 'x\n' })
    expect(await readPolicy('absent', { cwd: root })).toEqual({
      clauses: [],
      releases: [],
      diagnostics: [expect.objectContaining({ ruleId: 'policy-dir-missing', file: 'absent', message: 'Cannot find the policy directory `absent`', hint: 'Pass the directory that holds policy.yaml with `--dir`.' })],
    })
    const file = await readPolicy('policy/file.txt', { cwd: root })
    expect(problems(file.diagnostics)).toEqual([{ ruleId: 'policy-dir-missing', file: 'policy/file.txt', message: 'Unexpected file `policy/file.txt`, expected a policy directory', hint: 'Pass the directory that holds policy.yaml with `--dir`.' }])
    expect(file.clauses).toEqual([])
  })

  test('no policy.yaml, no data.yaml, no clauses/: each named, with what to do', async () => {
    const root = await policyWith({ 'clauses.md': 'x\n' })
    expect(problems((await readPolicy('policy', { cwd: root })).diagnostics)).toEqual([
      { ruleId: 'file-missing', file: 'policy/policy.yaml', message: 'Cannot find `policy.yaml` in the policy directory', hint: 'Create `policy/policy.yaml`; README.md describes what it holds.' },
      { ruleId: 'file-missing', file: 'policy/data.yaml', message: 'Cannot find `data.yaml` in the policy directory', hint: 'Create `policy/data.yaml`; README.md describes what it holds.' },
      { ruleId: 'file-missing', file: 'policy/clauses', message: 'Cannot find the `clauses/` directory of clause files', hint: 'Create it, with one Markdown file per clause.' },
    ])
  })

  test('an empty clauses/ reads as no clauses, without a problem', async () => {
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n', clauses: null })
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources.clauses).toEqual([])
    expect(sources.diagnostics).toEqual([])
  })
})

describe('what is refused', () => {
  test('binary content, invalid UTF-8, an empty file and one of white space only', async () => {
    const root = await policyWith({
      ...minimal,
      'clauses/nul.md': Buffer.from('text\u0000more'),
      'clauses/latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'clauses/empty.md': '',
      'clauses/spaces.md': ' \n\t\n',
    })
    const sources = await readPolicy('policy', { cwd: root })
    expect(problems(sources.diagnostics)).toEqual([
      { ruleId: 'file-empty', file: 'policy/clauses/empty.md', message: 'Unexpected empty file `clauses/empty.md`', hint: 'Write its content, or delete it.' },
      { ruleId: 'file-binary', file: 'policy/clauses/latin1.md', message: 'Unexpected binary content, expected UTF-8 text', hint: 'Save the file as UTF-8 text.' },
      { ruleId: 'file-binary', file: 'policy/clauses/nul.md', message: 'Unexpected binary content, expected UTF-8 text', hint: 'Save the file as UTF-8 text.' },
      { ruleId: 'file-empty', file: 'policy/clauses/spaces.md', message: 'Unexpected empty file `clauses/spaces.md`', hint: 'Write its content, or delete it.' },
    ])
    expect(sources.clauses.map((clause) => clause.name)).toEqual(['clauses/intro.md'])
  })

  test('a directory named like a clause', async () => {
    const root = await policyWith({ ...minimal, 'clauses/folder.md': null })
    expect(problems((await readPolicy('policy', { cwd: root })).diagnostics)).toEqual([{ ruleId: 'file-unreadable', file: 'policy/clauses/folder.md', message: 'Unexpected `clauses/folder.md`, expected a regular file' }])
  })

  test('a clause over the budget of a file, and one at it', async () => {
    const root = await policyWith({ ...minimal, 'clauses/big.md': 'x'.repeat(budgets.maxFileBytes + 1), 'clauses/full.md': 'y'.repeat(budgets.maxFileBytes) })
    const sources = await readPolicy('policy', { cwd: root })
    expect(problems(sources.diagnostics)).toEqual([
      { ruleId: 'file-too-large', file: 'policy/clauses/big.md', message: `Unexpected file of ${budgets.maxFileBytes + 1} bytes, expected at most ${budgets.maxFileBytes} bytes`, hint: 'Split the text into several clauses.' },
    ])
    expect(sources.clauses.map((clause) => clause.name)).toEqual(['clauses/full.md', 'clauses/intro.md'])
  })

  test('policy files over the budget of them all together, and at it', async () => {
    const fixed = Buffer.byteLength('title: x\n') + Buffer.byteLength('purposes: []\n') + Buffer.byteLength('# Intro\n')
    const chunk = budgets.maxFileBytes
    const rest = budgets.maxPolicyBytes - fixed - chunk
    const at = await policyWith({ ...minimal, 'clauses/one.md': 'a'.repeat(chunk), 'clauses/two.md': 'b'.repeat(rest) })
    const sourcesAt = await readPolicy('policy', { cwd: at })
    expect(sourcesAt.diagnostics).toEqual([])
    expect(sourcesAt.clauses).toHaveLength(3)
    const over = await policyWith({ ...minimal, 'clauses/one.md': 'a'.repeat(chunk), 'clauses/two.md': 'b'.repeat(rest + 1) })
    const sourcesOver = await readPolicy('policy', { cwd: over })
    expect(problems(sourcesOver.diagnostics)).toEqual([
      {
        ruleId: 'file-too-large',
        file: 'policy/clauses',
        message: `Unexpected ${budgets.maxPolicyBytes + 1} bytes of policy files together, expected at most ${budgets.maxPolicyBytes}`,
        hint: 'A privacy notice is read by people: shorten it, or publish the longer texts elsewhere and link to them.',
      },
    ])
    expect(sourcesOver.clauses).toEqual([])
    expect(sourcesOver.policy?.name).toBe('policy.yaml')
  })

  test('a release over the budget of a release, which is larger than a clause\'s', async () => {
    const root = await policyWith({ ...minimal, 'releases/2020-01-01.json': 'x'.repeat(budgets.maxFileBytes + 1) })
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources.diagnostics).toEqual([])
    expect(sources.releases.map((release) => release.text.length)).toEqual([budgets.maxFileBytes + 1])
    const over = await policyWith({ ...minimal, 'releases/2020-01-01.json': 'x'.repeat(budgets.maxReleaseBytes + 1) })
    expect(problems((await readPolicy('policy', { cwd: over })).diagnostics)).toEqual([
      { ruleId: 'file-too-large', file: 'policy/releases/2020-01-01.json', message: `Unexpected file of ${budgets.maxReleaseBytes + 1} bytes, expected at most ${budgets.maxReleaseBytes} bytes`, hint: 'Split the text into several clauses.' },
    ])
  })

  test('more clause files than the budget are refused unread', async () => {
    const root = await policyWith(minimal)
    await Promise.all(Array.from({ length: budgets.maxClauseFiles }, (_, index) => writeFile(path.join(root, 'policy', 'clauses', `c${index}.md`), '\u0000')))
    expect(problems((await readPolicy('policy', { cwd: root })).diagnostics)).toEqual([
      { ruleId: 'file-too-large', file: 'policy/clauses', message: `Unexpected ${budgets.maxClauseFiles + 1} clause files, expected at most ${budgets.maxClauseFiles}` },
    ])
  })

  test('exactly as many clause files as the budget are read', async () => {
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n', clauses: null })
    await Promise.all(Array.from({ length: budgets.maxClauseFiles }, (_, index) => writeFile(path.join(root, 'policy', 'clauses', `c${index}.md`), 'x\n')))
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources.diagnostics).toEqual([])
    expect(sources.clauses).toHaveLength(budgets.maxClauseFiles)
  })

  test('a file with a second name', async () => {
    const root = await policyWith(minimal)
    await link(path.join(root, 'policy', 'clauses', 'intro.md'), path.join(root, 'elsewhere.md'))
    expect(problems((await readPolicy('policy', { cwd: root })).diagnostics)).toEqual([
      {
        ruleId: 'path-outside-policy',
        file: 'policy/clauses/intro.md',
        message: 'Unexpected `clauses/intro.md`, a file with 2 names (hard links), expected a file of the policy alone: another name may lie outside the policy directory',
        hint: 'Replace it with a copy of its own (`cp`); nothing of it was read.',
      },
    ])
  })
})

describe('symbolic links', () => {
  test('a link to a file inside is read under the link\'s name', async () => {
    const root = await policyWith({ ...minimal, 'shared/terms.md': 'Terms\n' })
    await symlink('../shared/terms.md', path.join(root, 'policy', 'clauses', 'terms.md'))
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources.diagnostics).toEqual([])
    expect(sources.clauses).toEqual([
      { path: 'policy/clauses/intro.md', name: 'clauses/intro.md', text: '# Intro\n' },
      { path: 'policy/clauses/terms.md', name: 'clauses/terms.md', text: 'Terms\n' },
    ])
  })

  test('a link to a file outside, and a link to nothing', async () => {
    const root = await policyWith(minimal)
    await writeFile(path.join(root, 'secret.md'), 'secret\n')
    await symlink(path.join(root, 'secret.md'), path.join(root, 'policy', 'clauses', 'secret.md'))
    await symlink('missing.md', path.join(root, 'policy', 'clauses', 'dangling.md'))
    const sources = await readPolicy('policy', { cwd: root })
    expect(problems(sources.diagnostics)).toEqual([
      {
        ruleId: 'path-outside-policy',
        file: 'policy/clauses/dangling.md',
        message: 'Unexpected `clauses/dangling.md`, a symbolic link that leads nowhere (to a missing file, or in a loop), expected a file inside the policy directory',
        hint: 'Replace the link with the file itself; nothing behind the link was read.',
      },
      {
        ruleId: 'path-outside-policy',
        file: 'policy/clauses/secret.md',
        message: 'Unexpected `clauses/secret.md`, a symbolic link that leads outside the policy directory, expected a file inside it',
        hint: 'Replace the link with the file itself; nothing behind the link was read.',
      },
    ])
    expect(sources.clauses.map((clause) => clause.name)).toEqual(['clauses/intro.md'])
  })

  test('clauses/ and releases/ linked outside are refused as directories, and not reported missing', async () => {
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n' })
    await mkdir(path.join(root, 'outside'))
    await writeFile(path.join(root, 'outside', 'a.md'), 'A\n')
    await symlink('../outside', path.join(root, 'policy', 'clauses'))
    await symlink('../outside', path.join(root, 'policy', 'releases'))
    const sources = await readPolicy('policy', { cwd: root })
    expect(problems(sources.diagnostics)).toEqual(
      ['clauses', 'releases'].map((name) => ({
        ruleId: 'path-outside-policy',
        file: `policy/${name}`,
        message: `Unexpected \`${name}\`, a symbolic link that leads outside the policy directory, expected a directory inside it`,
        hint: 'Replace the link with the directory itself; nothing behind the link was read.',
      })),
    )
    expect(sources.clauses).toEqual([])
  })

  test('clauses/ as a link to a directory inside is listed and read', async () => {
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n', 'texts/a.md': 'A\n' })
    await symlink('texts', path.join(root, 'policy', 'clauses'))
    const sources = await readPolicy('policy', { cwd: root })
    expect(sources.diagnostics).toEqual([])
    expect(sources.clauses).toEqual([{ path: 'policy/clauses/a.md', name: 'clauses/a.md', text: 'A\n' }])
  })

  test('a file where clauses/ should be is reported missing', async () => {
    const root = await policyWith({ 'policy.yaml': 'title: x\n', 'data.yaml': 'x: 1\n', clauses: 'not a directory\n' })
    expect(problems((await readPolicy('policy', { cwd: root })).diagnostics)).toEqual([
      { ruleId: 'file-missing', file: 'policy/clauses', message: 'Cannot find the `clauses/` directory of clause files', hint: 'Create it, with one Markdown file per clause.' },
    ])
  })
})

describe('decodeText', () => {
  test('UTF-8 text, a leading byte-order mark dropped and one inside kept', () => {
    expect(decodeText(Buffer.from('\ufeffa\ufeffb é'))).toBe('a\ufeffb é')
    expect(decodeText(new Uint8Array())).toBe('')
  })

  test('a NUL byte or bytes that are not UTF-8 are no text', () => {
    expect(decodeText(Buffer.from([0x61, 0x00]))).toBeUndefined()
    expect(decodeText(Buffer.from([0xc3]))).toBeUndefined()
    expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).toBeUndefined()
  })
})

describe('toDisplayPath', () => {
  test('relative to the working directory, with forward slashes, the directory itself as `.`', () => {
    expect(toDisplayPath('/work/site', '/work/site/policy/clauses/a.md')).toBe('policy/clauses/a.md')
    expect(toDisplayPath('/work/site', '/work/site')).toBe('.')
    expect(toDisplayPath('/work/site', '/work/other/policy')).toBe('../other/policy')
  })
})
