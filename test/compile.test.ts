import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, repoRoot } from './helpers/fixture-policy.ts'
import { objectsOf, type Triple, triplesOf } from './helpers/json-ld.ts'

const today = '2026-11-25'

async function compileAt(cwd: string) {
  const result = compile(await readPolicy('policy', { cwd }), { today })
  if (!result.output) throw new Error(`did not compile: ${JSON.stringify(result.diagnostics.filter((item) => item.severity === 'error'))}`)
  return result.output
}

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020
const validateDocument = addFormats(new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true })).compile(JSON.parse(readFileSync(path.join(repoRoot, 'schema', 'policy-document.schema.json'), 'utf8')))

const policies = { optsm: repoRoot, base: '' }

describe.each(Object.keys(policies))('the %s policy', (name) => {
  const load = async () => compileAt(name === 'optsm' ? repoRoot : await makePolicy())

  test('its artefacts match their golden files', async () => {
    const output = await load()
    for (const file of ['policy.json', 'policy.jsonld']) {
      await expect(output.files.get(file)).toMatchFileSnapshot(`golden/${name}/${file}`)
    }
  })

  test('policy.json validates against the published schema', async () => {
    const output = await load()
    const valid = validateDocument(JSON.parse(output.files.get('policy.json') ?? ''))
    expect(validateDocument.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })
})

test('the same source gives byte-identical artefacts', async () => {
  const first = await compileAt(repoRoot)
  const second = await compileAt(repoRoot)
  expect([...second.files]).toEqual([...first.files])
})

test('the digest follows the content, not the HTML', async () => {
  const base = await compileAt(await makePolicy())
  const reworded = await compileAt(await makePolicy({ description: 'one word changed', replace: [{ file: 'clauses/rights.md', find: 'Write to', with: 'Email' }] }))
  const reformatted = await compileAt(await makePolicy({ description: 'same words, other Markdown', replace: [{ file: 'clauses/rights.md', find: 'Write to :email{#privacy}', with: 'Write\nto   :email{#privacy}' }] }))
  expect(reworded.document.digest).not.toBe(base.document.digest)
  expect(reformatted.document.digest).toBe(base.document.digest)
  expect(base.document.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
})

describe('JSON-LD', () => {
  const gdpr = 'https://w3id.org/dpv/legal/eu/gdpr#'
  const dpv = 'https://w3id.org/dpv#'
  const schema = 'https://schema.org/'
  const rdfType = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'

  /**
   * The OPTSM JSON-LD as RDF triples, expanded by a real JSON-LD processor that may not use the
   * network, as read from the site (its IRIs are paths from the site's root: it has no site URL).
   */
  async function triples(): Promise<readonly Triple[]> {
    const output = await compileAt(repoRoot)
    return triplesOf(JSON.parse(output.files.get('policy.jsonld') ?? ''), 'https://policy.test/policy.jsonld')
  }
  const objects = objectsOf
  const subjectWith = (graph: readonly Triple[], predicate: string, object: string) => graph.find(([, p, o]) => p === `<${predicate}>` && o === object)?.[0]

  test('the OPTSM purposes carry the lawful bases the text states', async () => {
    const graph = await triples()
    // Clauses carry schema:identifier too (a clause and a purpose may share an id): match the type.
    const handling = (purpose: string) => graph.find(([s, p, o]) => p === `<${schema}identifier>` && o === `"${purpose}"` && graph.some((t) => t[0] === s && t[1] === rdfType && t[2] === `<${dpv}Process>`))?.[0]
    // The GDPR's bases; a legitimate interest is a node of the policy's own beside them.
    const bases = (purpose: string) => objects(graph, handling(purpose), `${dpv}hasLegalBasis`).filter((object) => object.startsWith(`<${gdpr}`))
    expect(bases('contract-performance')).toEqual([`<${gdpr}A6-1-b>`])
    expect(bases('legitimate-interests')).toEqual([`<${gdpr}A6-1-f>`])
    expect(bases('consent-purposes')).toEqual([`<${gdpr}A6-1-a>`])
    expect(bases('maintain-records')).toEqual([`<${gdpr}A6-1-c>`])
    expect(bases('contact-you')).toEqual([])
    const contract = handling('contract-performance')
    expect(contract).toBeDefined()
    // Each category is a node of its own, typed with its DPV class.
    expect(objects(graph, contract, `${dpv}hasPersonalData`).flatMap((category) => objects(graph, category, rdfType.slice(1, -1)))).toContain('<https://w3id.org/dpv/pd#EmailAddress>')
  })

  test('the controller, its company number and its email', async () => {
    const graph = await triples()
    const controller = subjectWith(graph, `${schema}legalName`, '"OPTSM Limited"')
    const policy = subjectWith(graph, rdfType.slice(1, -1), `<${dpv}PrivacyNotice>`)
    expect(graph).toContainEqual([controller, rdfType, `<${dpv}DataController>`])
    expect(objects(graph, policy, `${dpv}hasDataController`)).toEqual([controller])
    expect(objects(graph, policy, `${schema}publisher`)).toEqual([controller])
    const identifier = objects(graph, controller, `${schema}identifier`)[0]
    expect(objects(graph, identifier, `${schema}value`)).toEqual(['"10951068"'])
    expect(objects(graph, controller, `${schema}email`)).toEqual(['"hello@optsm.co.uk"'])
  })

  test('the rights offered', async () => {
    const graph = await triples()
    const policy = subjectWith(graph, rdfType.slice(1, -1), `<${dpv}PrivacyNotice>`)
    // Each right is a node of its own, typed with the GDPR's right.
    const rights = objects(graph, policy, `${dpv}hasRight`).flatMap((right) => objects(graph, right, rdfType.slice(1, -1)).filter((type) => type.startsWith(`<${gdpr}`)))
    expect([...new Set(rights)].sort()).toEqual(['A15', 'A16', 'A17', 'A18', 'A20', 'A21', 'A7-3', 'A77'].map((term) => `<${gdpr}${term}>`).sort())
  })
})
