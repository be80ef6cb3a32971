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
