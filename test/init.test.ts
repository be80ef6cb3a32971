import { chmod, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { idFromName } from '../src/source/new-policy.ts'
import { removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { runCli } from './helpers/run-cli.ts'

// `clausewright init`: a new policy that passes the schemas, whose legal content is left to its
// editors (TODO, which check reports as placeholder-left), written only where nothing is replaced.
const temporary = removedAfterAll()
const today = '2026-11-29'

async function emptyDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'clausewright-init-'))
  temporary.push(directory)
  return directory
}

async function filesIn(directory: string): Promise<Record<string, string>> {
  const names = (await readdir(directory, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
  return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, await readFile(path.join(directory, name), 'utf8')] as const)))
}

async function checkJson(cwd: string, dir = 'policy') {
  const result = await runCli(['check', '--format', 'json', '--today', today, '--dir', dir], cwd)
  return { code: result.code, diagnostics: JSON.parse(result.stdout) as Array<{ ruleId: string; severity: string; file: string; message: string }> }
}

test('init writes a policy that passes the schemas, whose only errors are its placeholders, one for each TODO', async () => {
  const cwd = await emptyDirectory()
  const result = await runCli(['init', '--name', 'Acme Ltd', '--email', 'privacy@acme.example', '--country', 'GB', '--today', today], cwd)
  expect(result).toEqual({ code: 0, stdout: '', stderr: 'clausewright: wrote policy/ (policy.yaml, data.yaml and 7 clauses). Each TODO marks a place for your own words; `clausewright check` lists them.\n' })
  const files = await filesIn(path.join(cwd, 'policy'))
  expect(Object.keys(files)).toEqual(['clauses/changes.md', 'clauses/contact.md', 'clauses/how-we-use-it.md', 'clauses/information-we-collect.md', 'clauses/sharing.md', 'clauses/who-we-are.md', 'clauses/your-rights.md', 'data.yaml', 'policy.yaml'])
  // Nothing else beside it: the staging directory was moved into place.
  expect(await readdir(cwd)).toEqual(['policy'])

  const { code, diagnostics } = await checkJson(cwd)
  expect(code).toBe(1)
  const errors = diagnostics.filter((item) => item.severity === 'error')
  // One for each TODO of what is published: the comments of the YAML files are not.
  const published = Object.values(files).join('\n').split('\n').filter((line) => !line.startsWith('#'))
  const placeholders = published.join('\n').match(/\bTODO\b/g) ?? []
  expect(errors.map((item) => item.ruleId)).toEqual(placeholders.map(() => 'placeholder-left'))
  expect(errors.length).toBe(9)
  // The editors are told what the law expects of the empty lists (the compliance lint), as warnings.
  expect(new Set(diagnostics.filter((item) => item.severity !== 'error').map((item) => item.ruleId))).toContain('data-subject-rights')

  const policy = files['policy.yaml'] ?? ''
  expect(policy).toContain('\nid: acme-ltd-privacy-policy\ntitle: Acme Ltd privacy policy\nlanguage: en-GB\nlastUpdated: 2026-11-29\ncontroller:\n  legalName: Acme Ltd\n')
  expect(policy).toContain('    email: privacy@acme.example\n')
  expect(policy).toContain('  country: GB\n')
  // Editors that read the comment find the schemas, relative to the policy directory.
  const schemaComment = /^# yaml-language-server: \$schema=(.+)$/m.exec(policy)?.[1] ?? ''
  expect(path.resolve(cwd, 'policy', schemaComment)).toBe(path.join(repoRoot, 'schema', 'policy.schema.json'))
  expect(files['clauses/contact.md']).toBe('---\nid: contact\ntitle: Contact us\n---\n\nTODO: how people reach you about this policy: :email{#privacy}.\n')
})

test('with every TODO replaced by the editors’ words, the policy checks without errors and can be released', async () => {
  const cwd = await emptyDirectory()
  expect((await runCli(['init', '--name', 'Acme Ltd', '--email', 'privacy@acme.example', '--today', today], cwd)).code).toBe(0)
  expect((await runCli(['release', '--summary', 'First.', '--today', today], cwd)).code).toBe(1)
  const directory = path.join(cwd, 'policy')
  for (const [file, text] of Object.entries(await filesIn(directory))) {
    await writeFile(path.join(directory, file), text.replace('https://TODO.invalid/', 'https://ico.org.uk/make-a-complaint/').replaceAll(/TODO: [^\n"]*/g, 'Our own words.'))
  }
  const { code, diagnostics } = await checkJson(cwd)
  expect(diagnostics.filter((item) => item.severity === 'error')).toEqual([])
  expect(code).toBe(0)
  const released = await runCli(['release', '--summary', 'First.', '--today', today], cwd)
  expect(released.code, released.stderr).toBe(0)
})

test('without --email there is no contact; the name is written as one YAML string, whatever it holds', async () => {
  const cwd = await emptyDirectory()
  const name = 'Acme: "Ltd" # & Co. {x} [y] \'z\' – Société'
  expect((await runCli(['init', '--name', name, '--dir', 'legal/privacy', '--language', 'fr-FR', '--today', today], cwd)).code).toBe(0)
  const policy = await readFile(path.join(cwd, 'legal', 'privacy', 'policy.yaml'), 'utf8')
  expect(policy).toContain('contacts: []\n')
  expect(policy).not.toContain('country:')
  expect(policy).toContain('language: fr-FR\n')
  const { parse } = await import('yaml')
  expect(parse(policy)).toMatchObject({ id: 'acme-ltd-co-x-y-z-societe-privacy-policy', title: `${name} privacy policy`, controller: { legalName: name } })
  expect(await readFile(path.join(cwd, 'legal', 'privacy', 'clauses', 'contact.md'), 'utf8')).toContain('\nTODO: how people reach you about this policy.\n')
  const { diagnostics } = await checkJson(cwd, 'legal/privacy')
  // Without an address, the compliance lint asks for one: the law wants the controller's contact details.
  expect(diagnostics.filter((item) => item.severity === 'error').map((item) => item.ruleId).sort()).toEqual(['controller-identity', ...Array.from({ length: 9 }, () => 'placeholder-left')])
})

test('the same options give the same files, byte for byte', async () => {
  const [one, two] = [await emptyDirectory(), await emptyDirectory()]
  for (const cwd of [one, two]) expect((await runCli(['init', '--name', 'Acme Ltd', '--email', 'a@b.example', '--today', today], cwd)).code).toBe(0)
  expect(await filesIn(path.join(two, 'policy'))).toEqual(await filesIn(path.join(one, 'policy')))
})

test('an empty directory is written into; one that is not empty, or a file, is refused and left as it was (exit 2)', async () => {
  const cwd = await emptyDirectory()
  await mkdir(path.join(cwd, 'empty'))
  expect((await runCli(['init', '--name', 'Acme Ltd', '--dir', 'empty', '--today', today], cwd)).code).toBe(0)
  expect(await readdir(path.join(cwd, 'empty'))).toContain('policy.yaml')

  await mkdir(path.join(cwd, 'full'))
  await writeFile(path.join(cwd, 'full', '.keep'), 'mine')
  const full = await runCli(['init', '--name', 'Acme Ltd', '--dir', 'full', '--today', today], cwd)
  expect(full).toEqual({ code: 2, stdout: '', stderr: 'clausewright: refusing to write a policy into full: it is not empty (it is written only into a new or empty directory, and never replaces a file)\nRun `clausewright --help` for usage.\n' })
  expect(await filesIn(path.join(cwd, 'full'))).toEqual({ '.keep': 'mine' })

  await writeFile(path.join(cwd, 'afile'), 'mine')
  const file = await runCli(['init', '--name', 'Acme Ltd', '--dir', 'afile', '--today', today], cwd)
  expect(file.code).toBe(2)
  expect(file.stderr).toContain('refusing to write a policy into afile: it is a file, not a directory')
  expect(await readFile(path.join(cwd, 'afile'), 'utf8')).toBe('mine')
  // A second init over the first is refused: nothing written is replaced.
  const again = await runCli(['init', '--name', 'Other Ltd', '--dir', 'empty', '--today', today], cwd)
  expect(again.code).toBe(2)
  expect(await readFile(path.join(cwd, 'empty', 'policy.yaml'), 'utf8')).toContain('legalName: Acme Ltd')
  // Nothing was left beside the directories by the refusals.
  expect((await readdir(cwd)).sort()).toEqual(['afile', 'empty', 'full'])
})

test.each([
  [['--today', today], 'clausewright: missing --name, expected the controller’s legal name (`--name "Acme Ltd"`)'],
  [['--name', '  ', '--today', today], 'clausewright: missing --name, expected the controller’s legal name (`--name "Acme Ltd"`)'],
  [['--name', 'x'.repeat(201), '--today', today], 'clausewright: unexpected --name of 201 characters, expected at most 200'],
  [['--name', 'Acme\u2028Ltd', '--today', today], 'clausewright: unexpected line break in --name, expected one line'],
  [['--name', 'Acme\u001b[2JLtd', '--today', today], 'clausewright: unexpected characters on the command line, expected text:\n  --name, character 5: U+001B, control character [forbidden-character]'],
  [['--name', 'Acme', '--language', 'English', '--today', today], 'clausewright: unexpected --language `English`, expected a BCP 47 language tag such as en-GB'],
  [['--name', 'Acme', '--country', 'gb', '--today', today], 'clausewright: unexpected --country `gb`, expected an ISO 3166-1 alpha-2 code in capitals, such as GB'],
  [['--name', 'Acme', '--country', 'GBR', '--today', today], 'clausewright: unexpected --country `GBR`, expected an ISO 3166-1 alpha-2 code in capitals, such as GB'],
  [['--name', 'Acme', '--country', 'XGB', '--today', today], 'clausewright: unexpected --country `XGB`, expected an ISO 3166-1 alpha-2 code in capitals, such as GB'],
  [['--name', 'Acme', '--email', 'privacy at acme', '--today', today], 'clausewright: unexpected --email `privacy at acme`, expected an address such as privacy@example.com'],
  [['--name', 'Acme', '--email', 'a@b', '--today', today], 'clausewright: unexpected --email `a@b`, expected an address such as privacy@example.com'],
  [['--name', 'Acme', '--today', '2026-02-30'], 'clausewright: unexpected --today `2026-02-30`, expected a date that exists, YYYY-MM-DD'],
  [['--name', 'Acme', '--dir', '', '--today', today], 'clausewright: unexpected empty --dir, expected a directory'],
])('a usage error writes nothing (exit 2): %j', async (args, message) => {
  const cwd = await emptyDirectory()
  const result = await runCli(['init', ...args], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n').slice(0, -2).join('\n')).toBe(message)
  expect(await readdir(cwd)).toEqual([])
})

test('init --help says what it writes and that it writes no legal content', async () => {
  const result = await runCli(['init', '--help'], await emptyDirectory())
  expect(result.code).toBe(0)
  expect(result.stdout).toMatch(/^Usage: clausewright init --name <legal name>/)
  expect(result.stdout).toContain('init never\nwrites legal content')
})

test.each([
  ['Acme Ltd', 'acme-ltd'],
  ['Société Générale S.A.', 'societe-generale-s-a'],
  ['  --ACME--  ', 'acme'],
  ['株式会社', ''],
  [`${'a'.repeat(39)} b`, 'a'.repeat(39)],
])('an id from the name %j is %j', (name, id) => {
  expect(idFromName(name)).toBe(id)
})

// Attacks on init (review of its first version): what it may replace, what it leaves on a failure,
// and whether every value it accepts gives files that pass the schemas.

test.each(['é@acme.example', 'privacy@acme..example', 'a..b@acme.example', 'privacy@-acme.example', 'privacy@acme_co.example', 'privacy@acme.example#x', '.privacy@acme.example'])(
  'an address that the schema’s email format refuses is refused by init too, before anything is written (exit 2): %j',
  async (email) => {
    const cwd = await emptyDirectory()
    const result = await runCli(['init', '--name', 'Acme Ltd', '--email', email, '--today', today], cwd)
    expect(result.stderr.split('\n')[0]).toBe(`clausewright: unexpected --email \`${email}\`, expected an address such as privacy@example.com`)
    expect(result.code).toBe(2)
    expect(await readdir(cwd)).toEqual([])
  },
)

test.each([
  ['a name with YAML and Markdown in it', 'Acme: "Ltd" # &anchor *alias !!tag {x} [y] | > % @ ` TODO'],
  ['a name that starts with a dash', '- Acme'],
  ['a name that is a document marker', '---'],
  ['a name that is YAML’s null', 'null'],
  ['a name of 200 characters', `Ä${'x'.repeat(199)}`],
  ['a name in another script', '株式会社アクメ 😀'],
  ['a name with a character reference', 'Acme &#64; &amp; Co'],
])('%s: the policy written passes the schemas, the name read back as given', async (_, name) => {
  const cwd = await emptyDirectory()
  const result = await runCli(['init', `--name=${name}`, '--language', 'de-CH-1996', '--today', today], cwd)
  expect(result.code, result.stderr).toBe(0)
  const { parse } = await import('yaml')
  const policy = parse(await readFile(path.join(cwd, 'policy', 'policy.yaml'), 'utf8')) as { controller: { legalName: string }; title: string }
  expect(policy.controller.legalName).toBe(name)
  expect(policy.title).toBe(`${name} privacy policy`)
  const { diagnostics } = await checkJson(cwd)
  expect(diagnostics.filter((item) => item.severity === 'error' && !['placeholder-left', 'controller-identity'].includes(item.ruleId))).toEqual([])
})

test('a symbolic link at --dir, to an empty directory or to nothing, is refused and left as it was (exit 2)', async () => {
  const cwd = await emptyDirectory()
  await mkdir(path.join(cwd, 'empty'))
  await symlink('empty', path.join(cwd, 'link'))
  await symlink('nowhere', path.join(cwd, 'dangling'))
  for (const dir of ['link', 'dangling']) {
    const result = await runCli(['init', '--name', 'Acme Ltd', '--dir', dir, '--today', today], cwd)
    expect(result.stderr.split('\n')[0]).toBe(`clausewright: refusing to write a policy into ${dir}: it is a symbolic link (it is written only into a new or empty directory, and never replaces a file)`)
    expect(result.code).toBe(2)
  }
  expect((await readdir(cwd)).sort()).toEqual(['dangling', 'empty', 'link'])
  expect(await readlink(path.join(cwd, 'link'))).toBe('empty')
  expect(await readlink(path.join(cwd, 'dangling'))).toBe('nowhere')
  expect(await readdir(path.join(cwd, 'empty'))).toEqual([])
})

test('a --dir under a file is refused (exit 2), the file left as it was', async () => {
  const cwd = await emptyDirectory()
  await writeFile(path.join(cwd, 'afile'), 'mine')
  const result = await runCli(['init', '--name', 'Acme Ltd', '--dir', 'afile/policy', '--today', today], cwd)
  expect(result.stderr.split('\n')[0]).toBe('clausewright: refusing to write a policy into afile/policy: a directory above it is a file')
  expect(result.code).toBe(2)
  expect(await readdir(cwd)).toEqual(['afile'])
  expect(await readFile(path.join(cwd, 'afile'), 'utf8')).toBe('mine')
})

test('when the policy cannot be put in place, the directories init made above it are removed too', async () => {
  const cwd = await emptyDirectory()
  // A name longer than a file system allows (255 bytes): refused only when the staged policy is renamed to it.
  const result = await runCli(['init', '--name', 'Acme Ltd', '--dir', `legal/privacy/${'x'.repeat(300)}`, '--today', today], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toMatch(/^clausewright: refusing to write a policy into legal\/privacy\/x{300}: its name is too long for the file system$/)
  expect(await readdir(cwd)).toEqual([])
})

test('an empty directory is written into, not replaced: it keeps its own mode, and a shell inside it sees the policy', async () => {
  const cwd = await emptyDirectory()
  const directory = path.join(cwd, 'mine')
  await mkdir(directory)
  await chmod(directory, 0o750)
  const before = await stat(directory)
  // `--dir .`: the directory a shell stands in.
  const result = await runCli(['init', '--name', 'Acme Ltd', '--dir', '.', '--today', today], directory)
  expect(result.code, result.stderr).toBe(0)
  const after = await stat(directory)
  expect([after.ino, after.mode & 0o777]).toEqual([before.ino, 0o750])
  expect((await readdir(directory)).sort()).toEqual(['clauses', 'data.yaml', 'policy.yaml'])
  // Nothing was staged beside it, in a directory the command was not given.
  expect(await readdir(cwd)).toEqual(['mine'])
})

test('a new directory has the mode of any directory made here (the umask), not a temporary directory’s 0700', async () => {
  const cwd = await emptyDirectory()
  await mkdir(path.join(cwd, 'reference'))
  expect((await runCli(['init', '--name', 'Acme Ltd', '--today', today], cwd)).code).toBe(0)
  expect((await stat(path.join(cwd, 'policy'))).mode & 0o777).toBe((await stat(path.join(cwd, 'reference'))).mode & 0o777)
})

test.each([
  ['my policy', "`clausewright check --dir 'my policy'`"],
  ["it's", "`clausewright check --dir 'it'\\''s'`"],
  ['-policy', '`clausewright check --dir ./-policy`'],
  ['legal/policy', '`clausewright check --dir legal/policy`'],
])('the command it suggests for --dir %j can be pasted into a shell: %s', async (dir, command) => {
  const cwd = await emptyDirectory()
  const result = await runCli(['init', '--name', 'Acme Ltd', `--dir=${dir}`, '--today', today], cwd)
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toBe(`clausewright: wrote ${dir}/ (policy.yaml, data.yaml and 7 clauses). Each TODO marks a place for your own words; ${command} lists them.\n`)
})
