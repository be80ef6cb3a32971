import { readFileSync } from 'node:fs'
import { type CheckOptions, checkPolicy } from '../check.ts'
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.ts'
import { renderPolicy } from '../render/render-policy.ts'
import type { PolicySources } from '../source/read-policy.ts'
import type { SourceFile } from '../source/source-file.ts'
import { buildPolicyDocument, type PolicyDocument } from './policy-document.ts'
import { renderPage } from './render-page.ts'
import { toJsonLd } from './to-json-ld.ts'

export interface CompiledPolicy {
  readonly document: PolicyDocument
  readonly jsonLd: object
  /** The artefacts by path relative to the output directory, in a fixed order. */
  readonly files: ReadonlyMap<string, string>
}

export interface CompileResult {
  readonly diagnostics: readonly Diagnostic[]
  /** The parsed source files, for code frames. */
  readonly sources: readonly SourceFile[]
  /** Undefined when the policy has errors: nothing is compiled from a broken policy. */
  readonly output?: CompiledPolicy
}

// The schemas are published beside the artefacts so that consumers can validate what they fetch.
const publishedSchemas = ['policy-document.schema.json', 'policy.schema.json', 'data.schema.json', 'clause.schema.json'] as const
const schemaTexts = new Map(publishedSchemas.map((name) => [`schema/${name}`, readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')]))

/**
 * load → validate → model → render → emit, as one pure function of the files read.
 * The same sources give byte-identical artefacts, whatever the time zone, locale or directory.
 */
export function compile(sources: PolicySources, options: CheckOptions = {}): CompileResult {
  const checked = checkPolicy(sources, options)
  const { policy, data, clauses } = checked.context
  if (hasErrors(checked.diagnostics) || !policy || !data) return { diagnostics: checked.diagnostics, sources: checked.files }
  const rendered = renderPolicy(policy, data, clauses)
  const document = buildPolicyDocument(policy, data, rendered)
  const jsonLd = toJsonLd(document)
  const files = new Map<string, string>([
    ['index.html', renderPage(document, rendered, jsonLd)],
    ['policy.json', `${JSON.stringify(document, null, 2)}\n`],
    ['policy.jsonld', `${JSON.stringify(jsonLd, null, 2)}\n`],
    ...schemaTexts,
  ])
  return { diagnostics: checked.diagnostics, sources: checked.files, output: { document, jsonLd, files } }
}
