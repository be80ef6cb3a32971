import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { importMarkdown } from '../../src/source/import-markdown.ts'
import { removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// The corpus suite (`npm run test:corpus`, vitest.corpus.config.ts; CI runs it): every version of
// a real policy's published history (../shared/corpus, beside the repository), too many for the
// fast inner loop of `npm test`.
const temporary = removedAfterAll()
const corpus = path.join(repoRoot, '..', 'shared', 'corpus', 'github-privacy-statement')
const files = existsSync(corpus) ? readdirSync(corpus).filter((name) => name.endsWith('.md')).sort() : []

// Every version of GitHub's privacy statement, 2017–2026: imported, each checks with no error but
// the placeholders of what the text does not say (the controller's contact details among them).
describe('the corpus of GitHub’s privacy statement', () => {
  test('has the 88 versions', () => {
    expect(files, `the corpus in ${corpus}`).toHaveLength(88)
  })
  test('every version imports into a policy whose only errors are what the text does not say', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-corpus-'))
    temporary.push(cwd)
    const unexpected: string[] = []
    for (const name of files) {
      const result = importMarkdown(readFileSync(path.join(corpus, name), 'utf8'), { splitLevel: 'auto', language: 'en-US', today: '2026-11-29', name: 'GitHub, Inc.', baseUrl: 'https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement' })
      const directory = path.join(cwd, name.replace(/\.md$/, ''))
      for (const [file, text] of result.files) {
        const target = path.join(directory, 'policy', file)
        await mkdir(path.dirname(target), { recursive: true })
        await writeFile(target, text)
      }
      const check = await runCli(['check', '--format', 'json', '--today', '2026-11-29'], directory)
      const errors = (JSON.parse(check.stdout) as Array<{ ruleId: string; severity: string; file: string; line: number }>).filter((item) => item.severity === 'error' && item.ruleId !== 'placeholder-left' && item.ruleId !== 'controller-identity')
      unexpected.push(...errors.map((item) => `${name}: ${item.file}:${item.line} ${item.ruleId}`))
    }
    expect(unexpected).toEqual([])
  }, 120_000)
})

/** The words of a text as a reader reads them: runs of letters, digits and punctuation between spaces. */
const wordsOf = (text: string) => text.split(/\s+/u).filter(Boolean)

/** The words of the published Markdown, rendered as GitHub renders it (GFM, its HTML read by a browser), without front matter and comments. */
async function publishedWords(source: string): Promise<string[]> {
  const { fromMarkdown } = await import('mdast-util-from-markdown')
  const { gfmFromMarkdown } = await import('mdast-util-gfm')
  const { gfm } = await import('micromark-extension-gfm')
  const { toHast } = await import('mdast-util-to-hast')
  const { raw } = await import('hast-util-raw')
  const { toText } = await import('hast-util-to-text')
  const body = source.replace(/^---[ \t]*\n[\s\S]*?\n---[ \t]*\n/, '')
  const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  const hast = raw(toHast(tree, { allowDangerousHtml: true }) as never)
  return wordsOf(toText(hast as never))
}

/** The words of the imported policy as its site publishes them, clause after clause. */
async function importedWords(directory: string): Promise<string[]> {
  const { compile } = await import('../../src/compile/compile.ts')
  const { readPolicy } = await import('../../src/source/read-policy.ts')
  const { fromHtml } = await import('hast-util-from-html')
  const { toText } = await import('hast-util-to-text')
  const compiled = compile(await readPolicy('policy', { cwd: directory }))
  const document = compiled.output?.draft
  if (!document) throw new Error(`${directory}: ${compiled.diagnostics.filter((item) => item.severity === 'error').map((item) => `${item.file} ${item.ruleId} ${item.message}`).join(', ')}`)
  // A clause's HTML begins with its heading; the introduction's, “Introduction”, is import's, not the text's.
  return document.clauses.flatMap((clause) => wordsOf(toText(fromHtml(clause.html, { fragment: true }))).slice(clause.id === 'introduction' ? 1 : 0))
}

describe('the imported text is the published text', () => {
  test('word for word, on every version', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'clausewright-words-'))
    temporary.push(cwd)
    const differing: string[] = []
    for (const name of files) {
      const source = readFileSync(path.join(corpus, name), 'utf8')
      const result = importMarkdown(source, { splitLevel: 'auto', language: 'en-US', today: '2026-11-29', name: 'GitHub, Inc.', baseUrl: 'https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement' })
      const directory = path.join(cwd, name.replace(/\.md$/, ''))
      for (const [file, text] of result.files) {
        const target = path.join(directory, 'policy', file)
        await mkdir(path.dirname(target), { recursive: true })
        // What the text does not say is filled in, so that the policy compiles: none of it is text of a clause.
        await writeFile(target, file === 'policy.yaml' ? text.replace('"TODO: the data protection authority people can complain to"', 'An authority').replace('https://TODO.invalid/', 'https://authority.example/').replace('contacts: []', 'contacts:\n  - id: privacy\n    description: Privacy\n    email: privacy@github.example').replaceAll('"TODO: what people write to this address for"', 'Privacy') : text)
      }
      const [published, imported] = [await publishedWords(source), await importedWords(directory)]
      if (published.join(' ') === imported.join(' ')) continue
      let at = 0
      while (published[at] === imported[at]) at += 1
      differing.push(`${name}: word ${at}: published “${published.slice(Math.max(0, at - 3), at + 5).join(' ')}”, imported “${imported.slice(Math.max(0, at - 3), at + 5).join(' ')}”`)
    }
    expect(differing).toEqual([])
  }, 300_000)
})
