import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parsePatch } from 'diff'
import type { Code, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, test } from 'vitest'
import { complianceRules } from '../src/compliance/index.ts'
import { diagnostic } from '../src/diagnostics/diagnostic.ts'
import { formatDiagnostics } from '../src/diagnostics/format.ts'
import { ruleDocsDirectory, ruleDocsPath } from '../src/diagnostics/rule-docs.ts'
import { type RuleId, ruleIds, rules } from '../src/diagnostics/rules.ts'
import { consistencyRules } from '../src/versions/consistency.ts'
import { editPolicy, makePolicy, removedAfterAll, repoRoot } from './helpers/fixture-policy.ts'
import { forgeRelease } from './helpers/forge-release.ts'
import { committed, releaseAs, twoReleases } from './helpers/release-history.ts'
import { type CliResult, runCli } from './helpers/run-cli.ts'

// Every rule of the catalogue has its page, docs/rules/<id>.md, in one shape, and its examples are
// run: the page's "Example that is reported" (```diff blocks: changes to the base fixture policy,
// test/fixtures/base) must make `clausewright check` print exactly its ```text block (the
// diagnostics of that rule, as the pretty format prints them), and its "Example that passes"
// (```diff blocks applied after those) must check clean. A page goes stale, this test fails.
// Regenerate the printed messages on purpose with `UPDATE=1 npx vitest run test/rule-docs.test.ts`
// and review the diff.

const temporary = removedAfterAll()
const today = '2026-01-01'
const sections = ['What it checks', 'Why it matters', 'Example that is reported', 'How to fix it', 'Example that passes'] as const

/** Rules whose findings are changed or turned off in policy/compliance.yaml under another rule's id. */
const reportedFor: Partial<Record<RuleId, RuleId>> = { 'dpo-contact-details': 'dpo-contact', 'automated-decision-logic': 'automated-decision-making' }
const changeable = new Set<RuleId>([...complianceRules, ...consistencyRules].map((rule) => rule.id))

// Examples that a change to the files cannot make (a binary file, a symbolic link, releases made by
// `clausewright release`, a git history for `check --base`): the page says in words what is done,
// and this table does it. `reported` prepares `<root>/policy`, a copy of the base fixture;
// `passing` prepares another copy, which must check clean.
interface BuiltExample {
  readonly reported: (root: string) => Promise<void>
  /** Without it, the passing example is the base fixture with the page's ```diff blocks of "Example that passes". */
  readonly passing?: (root: string) => Promise<void>
  readonly args?: readonly string[]
  /** The arguments of the passing example, when they differ. */
  readonly passingArgs?: readonly string[]
}


const policyFile = (root: string, name: string) => path.join(root, 'policy', name)

const builtExamples: Readonly<Partial<Record<RuleId, BuiltExample>>> = {
  'file-binary': {
    reported: (root) => writeFile(policyFile(root, 'clauses/intro.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
  },
  'file-too-large': {
    reported: (root) => writeFile(policyFile(root, 'clauses/rights.md'), `---\nid: rights\ntitle: Your rights\n---\n\n::rights\n\n${'Write to :email{#privacy}. '.repeat(50_000)}\n`),
  },
  'file-unreadable': {
    reported: async (root) => {
      await rm(policyFile(root, 'data.yaml'))
      await mkdir(policyFile(root, 'data.yaml'))
    },
  },
  'path-outside-policy': {
    reported: async (root) => {
      await writeFile(path.join(root, 'cookies.md'), '---\nid: cookies\ntitle: Cookies\n---\n\nWe use no cookies.\n')
      await symlink(path.join(root, 'cookies.md'), policyFile(root, 'clauses/cookies.md'))
    },
  },
  'policy-dir-missing': {
    reported: async () => undefined,
    args: ['--dir', 'polcy'],
    passingArgs: [],
  },
  'last-updated-changed': {
    reported: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'clauses/rights.md', 'Write to', 'Please write to')
    },
    passing: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'clauses/rights.md', 'Write to', 'Please write to')
      await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
    },
  },
  'substantive-change-dated': {
    reported: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'data.yaml', '    lawfulBasis: [consent]\n', '    lawfulBasis: [contract]\n')
      await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-01-31')
    },
    passing: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'data.yaml', '    lawfulBasis: [consent]\n', '    lawfulBasis: [contract]\n')
      await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
    },
  },
  'release-modified': {
    reported: async (root) => {
      await releaseAs(root, 'First.')
      await editPolicy(root, 'releases/2020-02-29.json', '"summary": "First.', '"summary": "Our first policy.')
    },
    passing: (root) => releaseAs(root, 'First.'),
  },
  'release-order': {
    reported: async (root) => {
      await twoReleases(root)
      await rm(policyFile(root, 'releases/2020-02-29.json'))
    },
    passing: twoReleases,
  },
  'release-link-broken': {
    reported: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-02-29', (release) => {
        release['summary'] = 'Rewritten.'
      })
    },
    passing: twoReleases,
  },
  'release-date-false': {
    reported: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-06-01', (release) => {
        release['released'] = '2026-02-01'
      })
    },
    passing: twoReleases,
  },
  'release-kind-false': {
    reported: async (root) => {
      await twoReleases(root)
      await forgeRelease(root, '2020-06-01', (release) => {
        release['kind'] = 'technical'
      })
    },
    passing: twoReleases,
  },
  'release-unsafe-html': {
    reported: async (root) => {
      await releaseAs(root, 'First.')
      await forgeRelease(root, '2020-02-29', (release) => {
        const [clause] = release.document['clauses'] as Array<{ html: string }>
        if (clause) clause.html += '<script>alert(1)</script>'
      })
    },
    passing: (root) => releaseAs(root, 'First.'),
  },
  'release-rewritten': {
    reported: async (root) => {
      await committed(root, (directory) => releaseAs(directory, 'First.'))
      await forgeRelease(root, '2020-02-29', (release) => {
        release['summary'] = 'Rewritten.'
      })
    },
    passing: (root) => committed(root, (directory) => releaseAs(directory, 'First.')),
    args: ['--base', 'main'],
  },
  'release-removed': {
    reported: async (root) => {
      await committed(root, twoReleases)
      await rm(policyFile(root, 'releases/2020-06-01.json'))
    },
    passing: (root) => committed(root, twoReleases),
    args: ['--base', 'main'],
  },
  'release-inserted': {
    reported: async (root) => {
      await committed(root, (directory) => releaseAs(directory, 'First.'))
      await cp(policyFile(root, 'releases/2020-02-29.json'), policyFile(root, 'releases/2019-06-01.json'))
    },
    passing: async (root) => {
      await committed(root, (directory) => releaseAs(directory, 'First.'))
      await editPolicy(root, 'clauses/rights.md', 'Write to', 'Please write to')
      await editPolicy(root, 'policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-06-01')
      await releaseAs(root, 'Clearer.', '--kind', 'editorial')
    },
    args: ['--base', 'main'],
  },
}

interface RuleDoc {
  readonly file: string
  readonly text: string
  readonly title: string
  readonly severityLine: string
  /** The headings of the level-2 sections, in order, and what each holds. */
  readonly sections: ReadonlyArray<{ readonly heading: string; readonly content: readonly RootContent[] }>
}

function readRuleDoc(id: RuleId): RuleDoc {
  const file = path.join(repoRoot, ruleDocsPath(id))
  // A missing page fails the tests of its rule, not the collection of the whole file.
  const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const tree = unified().use(remarkParse).parse(text) as Root
  const [first, second] = tree.children
  const found: Array<{ heading: string; content: RootContent[] }> = []
  for (const node of tree.children.slice(1)) {
    if (node.type === 'heading' && node.depth <= 2) found.push({ heading: toString(node), content: [] })
    else found.at(-1)?.content.push(node)
  }
  return {
    file,
    text,
    title: first?.type === 'heading' && first.depth === 1 ? toString(first) : '',
    severityLine: second?.type === 'paragraph' ? toString(second) : '',
    sections: found,
  }
}

function section(doc: RuleDoc, heading: (typeof sections)[number]): readonly RootContent[] {
  return doc.sections.find((item) => item.heading === heading)?.content ?? []
}

const codeBlocks = (content: readonly RootContent[], lang: string): Code[] => content.filter((node): node is Code => node.type === 'code' && node.lang === lang)

/**
 * Applies a unified diff (```diff of a page) to `root`: each hunk must match the file at the line it
 * names, so that the line numbers a reader sees are true. `+++ /dev/null` removes the file.
 */
async function applyDiff(root: string, patchText: string): Promise<void> {
  for (const patch of parsePatch(patchText)) {
    const oldName = patch.oldFileName ?? ''
    const newName = patch.newFileName ?? ''
    if (newName === '/dev/null') {
      await rm(path.join(root, oldName), { recursive: true })
      continue
    }
    const before = oldName === '/dev/null' ? '' : await readFile(path.join(root, oldName), 'utf8')
    const lines = before === '' ? [] : before.replace(/\n$/, '').split('\n')
    let shift = 0
    for (const hunk of patch.hunks) {
      const old = hunk.lines.filter((line) => line[0] !== '+').map((line) => line.slice(1))
      const next = hunk.lines.filter((line) => line[0] !== '-').map((line) => line.slice(1))
      // parsePatch counts an empty range (`-0,0`) from the line after it, as it does any other.
      const at = hunk.oldStart - 1 + shift
      expect(lines.slice(at, at + old.length), `${oldName} at line ${hunk.oldStart}`).toEqual(old)
      expect(hunk.newStart - 1, `${newName}: the new start of the hunk at line ${hunk.oldStart}`).toBe(at)
      lines.splice(at, old.length, ...next)
      shift += next.length - old.length
    }
    await mkdir(path.dirname(path.join(root, newName)), { recursive: true })
    await writeFile(path.join(root, newName), lines.length === 0 ? '' : `${lines.join('\n')}\n`)
  }
}

/** A copy of the base fixture (as `<root>/policy`) with the page's example made. */
async function exampleRoot(id: RuleId, diffs: readonly Code[], built: ((root: string) => Promise<void>) | undefined): Promise<string> {
  const root = await makePolicy({ description: `docs/rules/${id}.md` })
  temporary.push(root)
  if (built) await built(root)
  for (const block of diffs) await applyDiff(root, block.value)
  return root
}

const check = (root: string, args: readonly string[] = []) => runCli(['check', '--format', 'pretty', '--no-color', '--today', today, ...args], root)

const checkedFiles = new Map<string, Promise<CliResult>>()

/**
 * `check` of a policy made by changes to its files alone, once for the same files: many passing
 * examples undo their change, which gives the base fixture again.
 */
async function checkFiles(root: string): Promise<CliResult> {
  const policy = path.join(root, 'policy')
  const names = readdirSync(policy, { recursive: true, encoding: 'utf8' }).sort()
  const files = await Promise.all(names.map(async (name) => [name, await readFile(path.join(policy, name), 'utf8').catch(() => null)]))
  const key = JSON.stringify(files)
  const result = checkedFiles.get(key) ?? check(root)
  checkedFiles.set(key, result)
  return result
}

/** The blocks of the pretty output that are diagnostics of `id`, as a page quotes them. */
function blocksOf(id: RuleId, output: string): string {
  return output
    .split('\n\n')
    .filter((block) => block.split('\n')[0]?.endsWith(` [${id}]`))
    .join('\n\n')
}

const documented = readdirSync(path.join(repoRoot, ruleDocsDirectory)).sort()

test('every page of docs/rules is a rule of the catalogue, and every rule has its page', () => {
  expect(documented).toEqual(ruleIds.map((id) => `${id}.md`).sort())
})

describe.each(ruleIds)('docs/rules/%s.md', (id) => {
  const doc = readRuleDoc(id)
  const built = builtExamples[id]
  const reportedDiffs = codeBlocks(section(doc, 'Example that is reported'), 'diff')
  const passingDiffs = codeBlocks(section(doc, 'Example that passes'), 'diff')

  test('has the title, the severity and the sections of every rule page', () => {
    expect(doc.title).toBe(id)
    const severity = /^Severity: (error|warning|info)\. (.*)$/s.exec(doc.severityLine)
    expect(severity?.[1], 'the severity line, "**Severity:** <severity>. …"').toBe(rules[id].severity)
    const parent = reportedFor[id]
    const where = severity?.[2] ?? ''
    if (parent) expect(where).toMatch(new RegExp(`^It can be changed, or turned off, in policy/compliance\\.yaml, under ${parent}\\b`))
    else if (changeable.has(id)) expect(where).toMatch(/^It can be changed, or turned off, in policy\/compliance\.yaml\b/)
    else expect(where).toMatch(/^It cannot be changed in policy\/compliance\.yaml\b/)
    // A rule that can be turned off shows how, under the id that policy/compliance.yaml takes.
    const turnedOff = codeBlocks(section(doc, 'How to fix it'), 'yaml').some((block) => block.value.includes(`rules:\n  ${parent ?? id}:\n    severity: disabled\n`))
    expect(turnedOff, 'How to fix it shows the rule turned off in policy/compliance.yaml').toBe(parent !== undefined || changeable.has(id))
    expect(doc.sections.map((item) => item.heading)).toEqual(sections)
    for (const heading of sections) expect(section(doc, heading), heading).not.toHaveLength(0)
    expect(codeBlocks(section(doc, 'Example that is reported'), 'text'), 'one ```text block: what check prints').toHaveLength(1)
    if (!built) expect(reportedDiffs, 'the reported example is a ```diff of the base fixture').not.toHaveLength(0)
    // A sentence that announces a block ("…prints:") is followed by one.
    for (const { heading, content } of doc.sections) {
      content.forEach((node, index) => {
        if (node.type === 'paragraph' && toString(node).endsWith(':')) expect(content[index + 1]?.type, `${heading}: "${toString(node)}" is followed by a block`).toBe('code')
      })
    }
  })

  test('its reported example prints exactly the message of the page', async () => {
    const root = await exampleRoot(id, reportedDiffs, built?.reported)
    const result = await check(root, built?.args)
    const actual = blocksOf(id, result.stdout)
    expect(actual, `${id} is reported`).not.toBe('')
    // The page quotes the diagnostics of its rule, and names every other rule that the example trips.
    const said = section(doc, 'Example that is reported').map((node) => (node.type === 'code' ? '' : toString(node))).join('\n')
    const others = [...new Set(result.stdout.split('\n\n').map((block) => / \[([a-z0-9-]+)\]$/.exec(block.split('\n')[0] ?? '')?.[1]))].filter((other) => other !== undefined && other !== id)
    expect(others.filter((other) => !said.includes(other ?? '')), 'other rules reported, which the page does not name').toEqual([])
    const [printed] = codeBlocks(section(doc, 'Example that is reported'), 'text')
    if (process.env['UPDATE'] && printed?.position) {
      const start = printed.position.start.offset ?? 0
      const end = printed.position.end.offset ?? 0
      writeFileSync(doc.file, `${doc.text.slice(0, start)}\`\`\`text\n${actual}\n\`\`\`${doc.text.slice(end)}`)
    } else expect(actual).toBe(printed?.value)
  })

  test('its passing example checks clean', async () => {
    // Without a ```diff of its own, the passing example is the base fixture as it is (a file put back).
    const changes = built || passingDiffs.length === 0 ? passingDiffs : [...reportedDiffs, ...passingDiffs]
    const root = await exampleRoot(id, changes, built?.passing)
    const result = built ? await check(root, built.passingArgs ?? built.args) : await checkFiles(root)
    expect(result).toEqual({ code: 0, stdout: 'No problems found.\n', stderr: '' })
  })
})

test('README links every rule of its table to its page', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  for (const id of ruleIds) expect(readme).toContain(`| [\`${id}\`](${ruleDocsPath(id)}) |`)
})

describe('every diagnostic names the page of its rule', () => {
  const span = { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } }
  const found = [
    diagnostic('broken-anchor', 'policy/clauses/a.md', span, 'Unexpected link to `#c`'),
    diagnostic('unused-entry', 'policy/data.yaml', span, 'Unexpected purpose `x`'),
    diagnostic('broken-anchor', 'policy/clauses/b.md', span, 'Unexpected link to `#d`'),
  ]

  test('in the JSON format, as `docs`, a page that exists', () => {
    const items = JSON.parse(formatDiagnostics(found, 'json')) as Array<{ ruleId: RuleId; docs: string }>
    expect(items.map((item) => item.docs)).toEqual(['docs/rules/broken-anchor.md', 'docs/rules/unused-entry.md', 'docs/rules/broken-anchor.md'])
    for (const item of items) expect(existsSync(path.join(repoRoot, item.docs)), item.docs).toBe(true)
  })

  test('in the pretty format, each rule reported once, by id, before the summary', () => {
    const output = formatDiagnostics(found, 'pretty')
    expect(output.endsWith('\n\nHow to fix each kind of problem:\n  docs/rules/broken-anchor.md\n  docs/rules/unused-entry.md\n\n2 errors, 1 warning.\n')).toBe(true)
    expect(formatDiagnostics([], 'pretty')).toBe('No problems found.\n')
  })

  test('in the GitHub format, as the last line of each annotation', () => {
    // The last line is the count.
    const lines = formatDiagnostics(found, 'github').trimEnd().split('\n').slice(0, -1)
    expect(lines.map((line) => line.slice(line.lastIndexOf('%0A') + 3))).toEqual(['How to fix it: docs/rules/broken-anchor.md', 'How to fix it: docs/rules/unused-entry.md', 'How to fix it: docs/rules/broken-anchor.md'])
  })
})
