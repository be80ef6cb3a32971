import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { checkPolicy } from '../src/check.ts'
import type { PolicyDocument } from '../src/compile/policy-document.ts'
import { parseClause } from '../src/markdown/parse-clause.ts'
import { renderPolicy } from '../src/render/render-policy.ts'
import type { LoadedClause } from '../src/rules/context.ts'
import type { SourceFile } from '../src/source/source-file.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import type { Release } from '../src/versions/release.ts'

export interface Stage<T> {
  prepare(directory: string): Promise<T>
  run(prepared: T): Promise<unknown> | unknown
}

/**
 * The render stage of Clausewright, from the Markdown text as the baseline starts: parse (with front
 * matter and directives), directives expanded, sanitised HTML and plain text, every clause.
 */
export const render: Stage<Awaited<ReturnType<typeof loadChecked>> & { files: SourceFile[] }> = {
  prepare: async (directory) => ({ ...(await loadChecked(directory)), files: [...(await readPolicy('policy', { cwd: directory })).clauses] }),
  run: ({ policy, data, files }) => renderPolicy(policy, data, files.map((file) => parseClause(file) as LoadedClause)),
}

const bare = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify).freeze()

/** The baseline: remark-parse → remark-rehype → rehype-stringify over the same Markdown. */
export const bareUnified: Stage<string[]> = {
  async prepare(directory) {
    const sources = await readPolicy('policy', { cwd: directory })
    return sources.clauses.map((file) => file.text.replace(/^---[\s\S]*?\n---\n/, ''))
  },
  run: (texts) => texts.map((text) => String(bare.processSync(text))),
}

async function loadChecked(directory: string) {
  const { context, diagnostics } = checkPolicy(await readPolicy('policy', { cwd: directory }), { today: '2100-01-01' })
  if (!context.policy || !context.data || diagnostics.some((item) => item.severity === 'error')) throw new Error(`${directory} does not check`)
  return { policy: context.policy, data: context.data, clauses: context.clauses }
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

export const stages: Record<string, Stage<never>> = { render, bareUnified, diffPairs } as unknown as Record<string, Stage<never>>

