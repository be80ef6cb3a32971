import { expect, test } from 'vitest'
import { editPolicy, makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// The Markdown of `diff` is posted as a pull-request comment (.github/workflows/policy.yml). A
// policy's text is untrusted: written in it, a mention would notify someone, a reference would link
// an issue (and tell it so), a bare address would become a live link to wherever it points. GitHub
// finds mentions and references in the rendered text, so a backslash does not stop them.
const temporary = removedAfterAll()
const hostile = '@octocat and @github/security, see #123, owner/repo#1 and GH-7 at https://evil.example/x, www.evil.example or mail@evil.example'

/** What GitHub would make live in a comment, outside code spans (where nothing is). */
function liveIn(markdown: string): string[] {
  // Our own links to the law (the tool's fixed address), and code spans, are not the policy's text.
  const text = markdown.replaceAll(/\]\(https:\/\/eur-lex\.europa\.eu\/[^)\s]*\)/g, ']').replaceAll(/(`+)[^`][\s\S]*?\1/g, '')
  const patterns = [/(?<![\w`])@[a-z0-9]/gi, /#\d/g, /\bGH-\d/gi, /[a-z][\w+.-]*:\/\//gi, /\bwww\./gi, /[\w.+-]+@[\w-]+\.[a-z]/gi]
  return patterns.flatMap((pattern) => text.match(pattern) ?? [])
}

test('mentions, issue references and bare addresses in the policy’s text stay inert in the Markdown of a pull-request comment, and read the same', async () => {
  const cwd = await makePolicy()
  temporary.push(cwd)
  expect((await runCli(['release', '--summary', 'First.', '--today', '2026-01-01'], cwd)).code).toBe(0)
  // In a clause's title and words, a purpose's text, a new purpose's, and a link's words and target.
  // Quoted for YAML, where ` #` would start a comment.
  await editPolicy(cwd, 'clauses/intro.md', 'title: Who we are', `title: ${JSON.stringify(`Who we are ${hostile}`)}`)
  await editPolicy(cwd, 'clauses/intro.md', 'collects :data', `${hostile} collects :data`)
  await editPolicy(cwd, 'data.yaml', 'text: to keep our [rights](#rights) and website secure.', `text: ${JSON.stringify(`to keep our [rights @octocat #9](https://evil.example/@octocat) and website secure ${hostile}.`)}`)
  await editPolicy(cwd, 'data.yaml', '  - id: security\n', `  - id: hostile\n    group: main\n    text: ${JSON.stringify(`to ${hostile};`)}\n    lawfulBasis: [consent]\n  - id: security\n`)
  const result = await runCli(['diff', '--format', 'markdown'], cwd)
  expect(result.code, result.stderr).toBe(0)
  expect(result.stderr).toBe('')
  const markdown = result.stdout
  // Every part of the diff that quotes the policy is there: the new purpose, the title, the words, the link.
  expect(markdown).toContain('on the lawful basis of consent ([GDPR Art. 6(1)(a)](https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_6))')
  expect(markdown).toContain('#### Clause `intro`: Who we are')
  expect(markdown).toContain('(it led to `#rights`)')
  expect(markdown).toContain('now leads to `https://evil.example/@octocat`')
  expect(liveIn(markdown)).toEqual([])
  // The words read as written: only an invisible word joiner (U+2060) was put in.
  const visible = markdown.replaceAll('\u2060', '')
  expect(visible).toContain('@octocat and @github/security, see #123, owner/repo#1 and GH-7 at https://evil.example/x, www.evil.example or mail@evil.example')
  expect(liveIn(visible).length).toBeGreaterThan(10)
})
