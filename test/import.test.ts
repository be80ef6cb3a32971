import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { clauseIdFrom, importHtml, importMarkdown, type ImportOptions, statedDate } from '../src/source/import-markdown.ts'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { repoRoot, temporaryDirectories } from './helpers/fixture-policy.ts'
import { fillPlaceholders } from './helpers/placeholders.ts'
import { runCli } from './helpers/run-cli.ts'

// `clausewright import`: one published policy (Markdown) into a policy directory, its text kept,
// each change of form a note; tried on every version of a real policy's history (../shared/corpus).
const workspace = temporaryDirectories('clausewright-import-')
const options: ImportOptions = { splitLevel: 'auto', language: 'en-US', today: '2026-11-29' }

const imported = (source: string, more: Partial<ImportOptions> = {}) => importMarkdown(source, { ...options, ...more })
const clause = (result: ReturnType<typeof importMarkdown>, id: string) => result.files.get(`clauses/${id}.md`)
const kinds = (result: ReturnType<typeof importMarkdown>) => result.notes.map((note) => note.kind)

describe('the date a policy states', () => {
  test.each([
    ['Effective date: **January 26, 2017**', '2017-01-26'],
    ['Effective date: February 1, 2024', '2024-02-01'],
    ['Last updated: 25th January 2019', '2019-01-25'],
    ['Last updated on 3 March 2020.', '2020-03-03'],
    ['Last modified — 2021-07-27', '2021-07-27'],
    ['Updated: 1st of June, 2022', '2022-06-01'],
  ])('%j is %s', (line, date) => {
    expect(statedDate(line)).toBe(date)
  })
  test.each([['We updated our practices on January 26, 2017'.replace('updated', 'changed')], ['Effective date: February 30, 2024'], ['Effective date: soon'], ['January 26, 2017']])('%j states none', (line) => {
    expect(statedDate(line)).toBeNull()
  })
})

test.each([
  ['Changes & questions', 'changes-questions'],
  ['Lawful Bases (EEA/UK)', 'lawful-bases-eea-uk'],
  ['Données personnelles', 'donnees-personnelles'],
  ['***', ''],
])('the id of the heading %j is %j', (heading, id) => {
  expect(clauseIdFrom(heading)).toBe(id)
})

test('front matter is removed (YAML, with trailing spaces on its fences, and TOML); its title is the title', () => {
  for (const source of ['---  \ntitle: Our privacy\nredirect_from:\n  - /privacy\n---\n\n## One\n\nText.\n\n## Two\n\nMore.\n', '+++\ntitle = "Our privacy"\n+++\n\n## One\n\nText.\n\n## Two\n\nMore.\n']) {
    const result = imported(source)
    expect(result.files.get('policy.yaml')).toContain('\ntitle: Our privacy\n')
    expect(kinds(result)).toContain('front-matter-removed')
    expect(clause(result, 'one')).toBe('---\nid: one\ntitle: One\n---\n\nText.\n')
  }
})

test('without front matter, a first-level heading is the title and leaves the text; the stated date is lastUpdated', () => {
  const result = imported('# Acme privacy notice\n\nLast updated: 3 March 2020\n\n## Who we are\n\nAcme.\n\n## Your rights\n\nAsk us.\n')
  const policy = result.files.get('policy.yaml') ?? ''
  expect(policy).toContain('\ntitle: Acme privacy notice\n')
  expect(policy).toContain('\nlastUpdated: 2020-03-03\n')
  expect(policy).toContain('  - introduction\n  - who-we-are\n  - your-rights\n')
  expect(clause(result, 'introduction')).toBe('---\nid: introduction\ntitle: Introduction\n---\n\nLast updated: 3 March 2020\n')
  expect(kinds(result)).toEqual(['title', 'last-updated', 'split-level', 'introduction'])
})

test('no stated date: lastUpdated is today, and the note says to correct it', () => {
  const result = imported('## One\n\nText.\n\n## Two\n\nMore.\n')
  expect(result.files.get('policy.yaml')).toContain('\nlastUpdated: 2026-11-29\n')
  expect(result.notes.find((note) => note.kind === 'last-updated-missing')?.message).toBe('The text states no last-updated or effective date: lastUpdated is 2026-11-29; correct it in policy.yaml.')
})

test('clauses start at the highest heading level used twice; deeper headings stay inside; a heading with nothing of its own folds into the next', () => {
  const result = imported('### The short version\n\nShort.\n\n### What we collect\n\n#### From browsers\n\nLogs.\n\n### Security and retention\n\n### Security\n\nLocks.\n')
  expect([...result.files.keys()]).toEqual(['policy.yaml', 'data.yaml', 'clauses/the-short-version.md', 'clauses/what-we-collect.md', 'clauses/security-and-retention.md'])
  expect(clause(result, 'what-we-collect')).toContain('\n#### From browsers\n\nLogs.\n')
  // The folded heading's anchor on the page, #security, is kept: an alias of its heading in the clause.
  expect(clause(result, 'security-and-retention')).toBe('---\nid: security-and-retention\ntitle: Security and retention\naliases:\n  security: security-and-retention--security\n---\n\n#### Security\n\nLocks.\n')
  expect(result.notes.find((note) => note.kind === 'heading-folded')).toEqual({ kind: 'heading-folded', line: 13, message: 'The heading “Security and retention” has no text of its own: “Security” is a heading inside its clause.' })
  expect(imported('## A\n\nx\n\n### B\n\ny\n', { splitLevel: 3 }).files.has('clauses/b.md')).toBe(true)
})

test('HTML comments are removed; <br> is a line break, or a space in a table cell; other HTML is Markdown where it can be', () => {
  const result = imported('<!-- lint: off -->\n\n## One\n\nA<br>b and <b>bold</b>.\n\n| a | b |\n| - | - |\n| x<br/>y | z |\n\n## Two\n\n<video src="x"></video>\n')
  const one = clause(result, 'one') ?? ''
  expect(one).toContain('A\\\nb and **bold**.')
  expect(one).toContain('| x y | z |')
  expect(one).not.toContain('<')
  expect(clause(result, 'two')).toContain('<video src="x"></video>')
  // A break that ends its paragraph breaks nothing: written as Markdown it would be a backslash.
  expect(clause(imported('## A\n\n**mail us**<br>\n\n## B\n\nx<br> \n'), 'a')).toBe('---\nid: a\ntitle: A\n---\n\n**mail us**\n')
  expect(kinds(result).filter((kind) => kind.startsWith('html'))).toEqual(['html-comment-removed', 'html-converted', 'html-converted', 'html-converted', 'html-left'])
  expect(result.notes.find((note) => note.kind === 'html-left')?.message).toBe('The HTML `<video src="x"> </video>` has no Markdown equivalent: it was left, and check reports it (raw-html).')
})

test('HTML in a heading that becomes a title is left out of it, as a reader sees the heading, and said so; the page’s anchor kept is the one GitHub gave', () => {
  const result = imported('# Privacy <img src=x onerror=alert(1)>\n\n## Who <img src=y onerror=alert(2)> we are\n\nAcme.\n\n## Other\n\nMore.\n\n### A <img src=z> part\n\nText.\n')
  expect(result.files.get('policy.yaml')).toContain('\ntitle: Privacy\n')
  expect(clause(result, 'who-we-are')).toBe('---\nid: who-we-are\ntitle: Who we are\naliases:\n  who--we-are: who-we-are\n---\n\nAcme.\n')
  const notes = result.notes.filter((note) => note.kind === 'html-left').map((note) => [note.line, note.message])
  expect(notes).toEqual([
    [1, 'The HTML `<img src=x onerror=alert(1)>` in the heading “Privacy” is left out of its title, which is plain text.'],
    [3, 'The HTML `<img src=y onerror=alert(2)>` in the heading “Who we are” is left out of its title, which is plain text.'],
    // A heading inside a clause keeps its HTML, which check reports.
    [11, 'The HTML `<img src=z>` has no Markdown equivalent: it was left, and check reports it (raw-html).'],
  ])
})

test('links to the page’s anchors lead to the clauses and their headings; one to no heading keeps its words as text', () => {
  const result = imported('## Changes & questions\n\nSee [rights](#your-rights), [cookies](#cookie-choices) and [gone](#nowhere).\n\n## Your rights\n\n### Cookie choices\n\nOff.\n')
  expect(clause(result, 'changes-questions')).toContain('See [rights](#your-rights), [cookies](#your-rights--cookie-choices) and gone.')
  expect(result.notes.filter((note) => note.kind.startsWith('anchor') || note.kind === 'clause-id').map((note) => note.message)).toEqual([
    'The clause “Changes & questions” has the id `changes-questions`; the page\'s anchor `#changes--questions` is kept as an alias of it.',
    'The link to `#cookie-choices` leads to `#your-rights--cookie-choices`.',
    'The link to `#nowhere` led to no heading of the page: its words “gone” are kept as text.',
  ])
  // The page's anchors that differ from the new ones stay as aliases, so that links from elsewhere still land.
  expect(clause(result, 'changes-questions')).toMatch(/^---\nid: changes-questions\ntitle: Changes & questions\naliases:\n {2}changes--questions: changes-questions\n---\n/)
  expect(clause(result, 'your-rights')).toMatch(/^---\nid: your-rights\ntitle: Your rights\naliases:\n {2}cookie-choices: your-rights--cookie-choices\n---\n/)
})

test('relative links are resolved against --base-url, or left and reported; mailto addresses become contacts whose purpose is TODO', () => {
  const source = '## One\n\n[Terms](../terms/) and [support](/support), [mail](mailto:privacy@acme.example?subject=hi), [again](mailto:PRIVACY@acme.example).\n\n## Two\n\nx\n'
  const resolved = imported(source, { baseUrl: 'https://acme.example/legal/privacy/' })
  expect(clause(resolved, 'one')).toContain('[Terms](https://acme.example/legal/terms/) and [support](https://acme.example/support)')
  const left = imported(source)
  expect(clause(left, 'one')).toContain('[Terms](../terms/) and [support](/support)')
  expect(left.notes.filter((note) => note.kind === 'link-relative' || note.kind === 'link-site-path').map((note) => note.message)).toEqual([
    "The relative link `../terms/` was left as it is, which check refuses (it would lead elsewhere from each page of the policy's site): give --base-url to resolve it.",
    "The link `/support` is kept as a path from the site's root: it leads to that page of the site that publishes the policy (give --base-url to make it absolute).",
  ])
  expect(left.files.get('policy.yaml')).toContain('contacts:\n  - id: contact\n    description: "TODO: what people write to this address for"\n    email: privacy@acme.example\nsupervisoryAuthority:')
})

test('a path from the site’s root passes check and is published as written; one relative to the page is refused', async () => {
  const result = imported('## One\n\n[Terms](../terms/) and [support](/support).\n\n## Two\n\nx\n', { name: 'Acme' })
  const cwd = await workspace()
  for (const [file, text] of result.files) {
    await mkdir(path.dirname(path.join(cwd, 'policy', file)), { recursive: true })
    await writeFile(path.join(cwd, 'policy', file), text)
  }
  const check = await runCli(['check', '--format', 'json', '--today', '2026-11-29'], cwd)
  const unsafe = (JSON.parse(check.stdout) as Array<{ ruleId: string; message: string }>).filter((item) => item.ruleId === 'unsafe-url').map((item) => item.message)
  expect(unsafe).toEqual(['Unexpected link URL with a relative URL, expected https:, http:, mailto:, #anchor or /path'])
  await writeFile(path.join(cwd, 'policy', 'clauses', 'one.md'), (await readFile(path.join(cwd, 'policy', 'clauses', 'one.md'), 'utf8')).replace('[Terms](../terms/) and ', ''))
  // What the text does not say, filled in.
  await fillPlaceholders(cwd)
  const compiled = compile(await readPolicy('policy', { cwd }), { today: '2026-11-29' })
  expect(compiled.diagnostics.filter((item) => item.severity === 'error')).toEqual([])
  expect(compiled.output?.draft.clauses.find((item) => item.id === 'one')?.html).toContain('<a href="/support">support</a>')
})

test('a colon before one of our directives’ names stays text: written escaped, it reads as written and checks clean', async () => {
  const result = imported('## A\n\nWrite to:email or see:data, at 10:30am.\n\n## B\n\nx\n', { name: 'Acme' })
  expect(clause(result, 'a')).toContain('\nWrite to\\:email or see\\:data, at 10:30am.\n')
  const cwd = await workspace()
  for (const [file, text] of result.files) {
    await mkdir(path.dirname(path.join(cwd, 'policy', file)), { recursive: true })
    await writeFile(path.join(cwd, 'policy', file), text)
  }
  const check = await runCli(['check', '--format', 'json', '--today', '2026-11-29'], cwd)
  const errors = (JSON.parse(check.stdout) as Array<{ ruleId: string; severity: string }>).filter((item) => item.severity === 'error').map((item) => item.ruleId)
  expect(errors.filter((id) => id !== 'placeholder-left' && id !== 'controller-identity')).toEqual([])
})

test.each([
  [['--split-level', '0'], 'clausewright: unexpected --split-level `0`, expected auto or a heading level from 1 to 6'],
  [['--split-level', '7'], 'clausewright: unexpected --split-level `7`, expected auto or a heading level from 1 to 6'],
  [['--split-level', '2.5'], 'clausewright: unexpected --split-level `2.5`, expected auto or a heading level from 1 to 6'],
  [['--split-level', 'two'], 'clausewright: unexpected --split-level `two`, expected auto or a heading level from 1 to 6'],
  [['--base-url', 'http://acme.example/'], 'clausewright: unexpected --base-url `http://acme.example/`, expected an https: URL'],
  [['--base-url', 'see https://acme.example/'], 'clausewright: unexpected --base-url `see https://acme.example/`, expected an https: URL'],
  [['--base-url', 'https://'], 'clausewright: unexpected --base-url `https://`, expected an https: URL'],
  [['--base-url', 'https://[x'], 'clausewright: unexpected --base-url `https://[x`, expected an https: URL'],
  [[], 'clausewright: expected one file to import, got 0'],
  [['policy.md', 'other.md'], 'clausewright: expected one file to import, got 2'],
])('clausewright import %j is a usage error that writes nothing', async (args, message) => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\nx\n\n## Two\n\ny\n')
  const result = await runCli(['import', ...(args.some((arg) => arg.endsWith('.md')) || args.length === 0 ? args : ['policy.md', ...args])], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n')[0]).toBe(message)
  expect(await readdir(cwd)).toEqual(['policy.md'])
})

test.each(['1', '6'])('--split-level %s, the ends of the range, is taken', async (level) => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '# A\n\nx\n\n###### B\n\ny\n')
  const result = await runCli(['import', 'policy.md', '--split-level', level], cwd)
  expect(result.code, result.stderr).toBe(0)
  expect((await readdir(path.join(cwd, 'policy', 'clauses'))).length).toBe(level === '6' ? 2 : 1)
})

test('the controller is named only when told: otherwise TODO, like the supervisory authority', () => {
  expect(imported('## A\n\nx\n\n## B\n\ny\n').files.get('policy.yaml')).toContain('  legalName: "TODO: the controller’s legal name"\n')
  expect(imported('## A\n\nx\n\n## B\n\ny\n', { name: 'Acme: "Ltd"' }).files.get('policy.yaml')).toContain('  legalName: \'Acme: "Ltd"\'\n')
})

test('an HTML page: its <main> read as Markdown, its <title> the title; tables, lists and links kept, the site around it left out', () => {
  const page = '<!doctype html><html><head><title>Acme privacy</title><style>p{}</style></head><body><header><nav><a href="/">Home</a></nav></header><main><h2>Who we are</h2><p>Effective date: <b>May 4, 2021</b></p><p>We are <a href="/about">Acme</a>.<!-- note --></p><h2>What we collect</h2><table><thead><tr><th>Data</th><th>Why</th></tr></thead><tbody><tr><td>Email</td><td>To reply</td></tr></tbody></table><ul><li>one</li><li>two</li></ul><script>alert(1)</script></main><footer>© Acme</footer></body></html>'
  const result = importHtml(page, { ...options, baseUrl: 'https://acme.example/privacy' })
  const policy = result.files.get('policy.yaml') ?? ''
  expect(policy).toContain('\ntitle: Acme privacy\n')
  expect(policy).toContain('\nlastUpdated: 2021-05-04\n')
  expect(clause(result, 'who-we-are')).toBe('---\nid: who-we-are\ntitle: Who we are\n---\n\nEffective date: **May 4, 2021**\n\nWe are [Acme](https://acme.example/about).\n')
  expect(clause(result, 'what-we-collect')).toBe('---\nid: what-we-collect\ntitle: What we collect\n---\n\n| Data  | Why      |\n| ----- | -------- |\n| Email | To reply |\n\n* one\n* two\n')
  expect(result.notes[0]).toEqual({ kind: 'html-page', line: null, message: "The policy is the page's <main>." })
  expect([...result.files.values()].join('')).not.toMatch(/Home|alert|© Acme|note/)
})

test('an HTML page without <main> or <article>: its body less navigation, header and footer, with a note to look', () => {
  const result = importHtml('<body><nav>Menu</nav><h1>Our policy</h1><h2>A</h2><p>x</p><h2>B</h2><p>y</p><footer>f</footer></body>', options)
  expect(result.files.get('policy.yaml')).toContain('\ntitle: Our policy\n')
  expect([...result.files.keys()]).toEqual(['policy.yaml', 'data.yaml', 'clauses/a.md', 'clauses/b.md'])
  expect(result.notes[0]?.message).toBe('The page has no <main> or <article>: its whole <body> was read, less its navigation, header and footer; remove what is not the policy.')
})

test('clausewright import writes the directory and the report, and refuses a directory that is not empty', async () => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '---\ntitle: Acme privacy\n---\n\n## One\n\nEffective date: January 2, 2024\n\n## Two\n\nText.\n')
  const result = await runCli(['import', 'policy.md', '--name', 'Acme Ltd', '--report', 'report.json'], cwd)
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toContain('clausewright: imported policy.md into policy/ (2 clauses, 4 notes).')
  expect((await readdir(path.join(cwd, 'policy'))).sort()).toEqual(['clauses', 'data.yaml', 'policy.yaml'])
  const report = JSON.parse(await readFile(path.join(cwd, 'report.json'), 'utf8')) as { source: string; notes: Array<{ kind: string }> }
  expect(report.notes.map((note) => note.kind)).toEqual(['front-matter-removed', 'title', 'last-updated', 'split-level'])
  const again = await runCli(['import', 'policy.md'], cwd)
  expect(again.code).toBe(2)
  expect(again.stderr).toContain('refusing to write a policy into policy: it is not empty')
  expect((await runCli(['import', 'policy.md', '--dir', 'other', '--split-level', '7'], cwd)).code).toBe(2)
  expect((await runCli(['import', 'policy.md', '--dir', 'other', '--base-url', 'http://acme.example/'], cwd)).code).toBe(2)
  expect((await runCli(['import', 'missing.md', '--dir', 'other'], cwd)).code).toBe(2)
  expect(existsSync(path.join(cwd, 'other'))).toBe(false)
  // An HTML page, known by its name.
  await writeFile(path.join(cwd, 'page.html'), '<!doctype html><title>Acme privacy</title><main><h2>One</h2><p>x</p><h2>Two</h2><p>y</p></main>')
  const page = await runCli(['import', 'page.html', '--dir', 'from-html'], cwd)
  expect(page.code, page.stderr).toBe(0)
  expect(await readFile(path.join(cwd, 'from-html', 'clauses', 'two.md'), 'utf8')).toBe('---\nid: two\ntitle: Two\n---\n\ny\n')
})

test('clausewright import refuses a --report file that exists, before it writes the policy, and leaves that file as it was', async () => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\nText.\n\n## Two\n\nText.\n')
  await writeFile(path.join(cwd, 'notes.json'), 'mine\n')
  const result = await runCli(['import', 'policy.md', '--report', 'notes.json'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('refusing to write the report to notes.json: it exists')
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
  expect(await readFile(path.join(cwd, 'notes.json'), 'utf8')).toBe('mine\n')
})

test.each([
  [['--name', ' '], 'clausewright: missing --name, expected the controller’s legal name (`--name "Acme Ltd"`)'],
  [['--name', 'x'.repeat(201)], 'clausewright: unexpected --name of 201 characters, expected at most 200'],
  [['--name', 'Acme\u2028Ltd'], 'clausewright: unexpected line break in --name, expected one line'],
  [['--language', 'English'], 'clausewright: unexpected --language `English`, expected a BCP 47 language tag such as en-GB'],
  [['--today', '2026-02-30'], 'clausewright: unexpected --today `2026-02-30`, expected a date that exists, YYYY-MM-DD'],
])('clausewright import %j says what is wrong, as init does', async (options, message) => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\nText.\n')
  const result = await runCli(['import', 'policy.md', ...options], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr.split('\n').slice(0, -2).join('\n')).toBe(message)
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('clausewright import leads editors to the schemas, as init does: policy.yaml and data.yaml start with a yaml-language-server line', async () => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\nText.\n\n## Two\n\nText.\n')
  expect((await runCli(['import', 'policy.md', '--dir', 'nested/policy'], cwd)).code).toBe(0)
  for (const [file, schema] of [['policy.yaml', 'policy.schema.json'], ['data.yaml', 'data.schema.json']] as const) {
    const text = await readFile(path.join(cwd, 'nested', 'policy', file), 'utf8')
    const comment = /^# yaml-language-server: \$schema=(.+)\n/.exec(text)?.[1] ?? ''
    expect(path.resolve(cwd, 'nested', 'policy', comment)).toBe(path.join(repoRoot, 'schema', schema))
  }
})

test('a link that cannot be resolved against --base-url is left as it is, and said; a --base-url that is no URL is a usage error', async () => {
  const result = importMarkdown('## One\n\nSee [this](//[x) and [that](/legal).\n\n## Two\n\nText.\n', { ...options, baseUrl: 'https://acme.example/privacy' })
  expect(result.files.get('clauses/one.md')).toContain('See [this](//\\[x) and [that](https://acme.example/legal).')
  expect(result.notes.filter((note) => note.kind === 'link-relative').map((note) => note.message)).toEqual(['The relative link `//[x` cannot be resolved against https://acme.example/privacy: it was left as it is.'])
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\n[that](/legal)\n\n## Two\n\nText.\n')
  const refused = await runCli(['import', 'policy.md', '--base-url', 'https://['], cwd)
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain('unexpected --base-url `https://[`, expected an https: URL')
  expect(refused.stderr).not.toContain('internal error')
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('clausewright import refuses a --report in a directory that does not exist, before it writes the policy', async () => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), '## One\n\nText.\n\n## Two\n\nText.\n')
  await writeFile(path.join(cwd, 'afile'), '')
  for (const report of ['missing/notes.json', 'afile/notes.json']) {
    const result = await runCli(['import', 'policy.md', '--report', report], cwd)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`refusing to write the report to ${report}: its directory does not exist`)
    expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
  }
})

test('clausewright import refuses a file that is not UTF-8 with a usage error, not an internal one', async () => {
  const cwd = await workspace()
  await writeFile(path.join(cwd, 'policy.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]))
  const result = await runCli(['import', 'policy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('refusing policy.md: it is not UTF-8 text')
  expect(result.stderr).not.toContain('internal error')
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})

test('clausewright import refuses Markdown nested deeper than a policy may hold, at its line, with a usage error, not an internal one', async () => {
  const cwd = await workspace()
  // 16 levels are imported (check allows them); 40 are refused by the estimate parseClause makes first.
  await writeFile(path.join(cwd, 'fine.md'), `## One\n\n${'>'.repeat(16)} x\n\n## Two\n\nText.\n`)
  expect((await runCli(['import', 'fine.md', '--dir', 'fine'], cwd)).code).toBe(0)
  await writeFile(path.join(cwd, 'policy.md'), `## One\n\n${'>'.repeat(40)} x\n\n## Two\n\nText.\n`)
  const result = await runCli(['import', 'policy.md'], cwd)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain('refusing policy.md: line 3 nests quotations or lists far deeper than the 16 levels a policy may hold')
  expect(result.stderr).not.toContain('internal error')
  expect(existsSync(path.join(cwd, 'policy'))).toBe(false)
})
