import type { Root as HastRoot } from 'hast'
import { toText } from 'hast-util-to-text'
import type { Root } from 'mdast'
import { readFile } from 'node:fs/promises'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { checkPolicy } from '../src/check.ts'
import type { PolicyDocument } from '../src/model/policy-document.ts'
import { parseClauseMarkdown } from '../src/markdown/parse-clause.ts'
import { expandDirectives } from '../src/render/expand-directives.ts'
import { type RenderedPolicy, renderPolicy, toHast, toHtml } from '../src/render/render-policy.ts'
import { sanitizeTree } from '../src/render/sanitize.ts'
import { createAjv } from '../src/validate/compile-schemas.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import type { Release } from '../src/model/release.ts'

export interface Stage<T, R = unknown> {
  prepare(directory: string): Promise<T>
  run(prepared: T): R
}

/**
 * The render stage of Clausewright, from the Markdown text as the baseline starts: each clause's
 * Markdown parsed (with the front matter and directive syntax), directives expanded, sanitised HTML
 * and plain text. The front matter's YAML (the clause's id and title) and the texts of data.yaml
 * are the model, read by `check` before: they come from `prepare`, as in compile().
 */
export const render: Stage<Awaited<ReturnType<typeof loadChecked>>, RenderedPolicy> = {
  prepare: loadChecked,
  run: ({ policy, data, clauses, texts }) =>
    renderPolicy(
      policy,
      data,
      clauses.map((clause) => ({ ...clause, tree: withoutFrontMatter(parseClauseMarkdown(clause.file.text)) })),
      texts,
    ),
}

function withoutFrontMatter(tree: Root): Root {
  return tree.children[0]?.type === 'yaml' ? { ...tree, children: tree.children.slice(1) } : tree
}

const bare = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze()

/** The baseline: remark-parse → remark-rehype → rehype-stringify over the same Markdown. */
export const bareUnified: Stage<string[], string[]> = {
  async prepare(directory) {
    const sources = await readPolicy('policy', { cwd: directory })
    return sources.clauses.map((file) => file.text.replace(/^---[\s\S]*?\n---\n/, ''))
  },
  run: (texts) => texts.map((text) => String(bare.processSync(text))),
}

async function loadChecked(directory: string) {
  const checked = checkPolicy(await readPolicy('policy', { cwd: directory }), { today: '2100-01-01' })
  const { context, diagnostics } = checked
  if (!context.policy || !context.data || diagnostics.some((item) => item.severity === 'error')) throw new Error(`${directory} does not check`)
  return { policy: context.policy, data: context.data, clauses: context.clauses, texts: checked.texts }
}

export async function loadReleaseDocuments(directory: string): Promise<PolicyDocument[]> {
  const { context } = checkPolicy(await readPolicy('policy', { cwd: directory }), { today: '2100-01-01' })
  return context.releases.map((release: Release) => release.document)
}

/** Every consecutive pair of releases diffed. */
export const diffPairs: Stage<PolicyDocument[]> = {
  prepare: loadReleaseDocuments,
  run: (documents) => documents.slice(1).map((document, index) => diffDocuments(documents[index] ?? null, document, { from: 'a', to: 'b' })),
}

/** The first 50 consecutive pairs: the baseline of `diffPairs`. */
export const diffPairs50: Stage<PolicyDocument[]> = {
  prepare: loadReleaseDocuments,
  run: (documents) => diffPairs.run(documents.slice(0, 51)),
}

/** Two versions that differ by one clause (the first two releases), and one version against itself. */
export const diffOne: Stage<PolicyDocument[]> = {
  prepare: loadReleaseDocuments,
  run: ([first, second]) => second && diffDocuments(first ?? null, second, { from: 'a', to: 'b' }),
}
export const diffIdentical: Stage<PolicyDocument[]> = {
  prepare: loadReleaseDocuments,
  run: ([first]) => first && diffDocuments(first, structuredClone(first), { from: 'a', to: 'b' }),
}

/** The schemas compiled by ajv at start-up, against loading the precompiled validators (what check does). */
export const ajvCompile: Stage<Array<{ $id: string }>> = {
  prepare: async () => Promise.all(['policy', 'data', 'clause', 'policy-document', 'release'].map(async (name) => JSON.parse(await readFile(new URL(`../schema/${name}.schema.json`, import.meta.url), 'utf8')) as { $id: string })),
  run: (schemas) => {
    const ajv = createAjv()
    for (const schema of schemas) ajv.getSchema(schema.$id)
  },
}
export const standaloneValidators: Stage<undefined> = {
  prepare: async () => undefined,
  run: () => import('../src/validate/generated/validators.js'),
}

export const stages: Record<string, Stage<never>> = { render, bareUnified, diffPairs, diffPairs50, diffOne, diffIdentical, ajvCompile, standaloneValidators } as unknown as Record<string, Stage<never>>


/**
 * Where the render stage's time goes, step by step over every clause (medians of `runs`, in ms):
 * the steps of renderClause (src/render/render-policy.ts), each timed apart,
 * beside the bare pipeline's parse: what our parser's syntax extensions, the expansion, the
 * sanitiser and the plain text each cost.
 */
export async function renderSteps(directory: string, runs: number): Promise<Record<string, number>> {
  const { policy, data, clauses, texts } = await loadChecked(directory)
  const stripped = await bareUnified.prepare(directory)
  const samples: Record<string, number[]> = {}
  for (let run = 0; run < runs; run++) {
    const totals: Record<string, number> = {}
    const step = <T>(name: string, work: () => T): T => {
      const start = performance.now()
      const result = work()
      totals[name] = (totals[name] ?? 0) + performance.now() - start
      return result
    }
    for (const text of stripped) step('bare parse', () => bare.parse(text))
    for (const clause of clauses) {
      const tree = step('parse (front matter and directive syntax)', () => withoutFrontMatter(parseClauseMarkdown(clause.file.text)))
      const expanded = step('expand directives', () => expandDirectives(tree, { policy, data, texts }))
      const hast = step('mdast → hast', () => toHast.runSync(expanded) as HastRoot)
      const clean = step('sanitise', () => sanitizeTree(hast))
      step('stringify', () => toHtml.stringify(clean))
      step('plain text', () => toText(clean, { whitespace: 'normal' }))
    }
    for (const [name, total] of Object.entries(totals)) (samples[name] ??= []).push(total)
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, values.sort((a, b) => a - b)[values.length >> 1] ?? 0]))
}

