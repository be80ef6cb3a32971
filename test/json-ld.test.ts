import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { compile } from '../src/compile/compile.ts'
import { toJsonLd } from '../src/compile/to-json-ld.ts'
import type { PolicyData } from '../src/model/types.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { gdprIri, lawfulBases, personalDataIri, rightReferences } from '../src/vocab/gdpr.ts'
import { makePolicy, repoRoot } from './helpers/fixture-policy.ts'
import { expandOffline, objectsOf, rdfType, subjectsWith, type Triple, triplesOf } from './helpers/json-ld.ts'

// The JSON-LD as a reader gets it: expanded by a real JSON-LD processor (jsonld.js), offline, from
// the address it was fetched from. Every node has an IRI (none is blank), and everything data.yaml
// declares is there, not only what has a DPV term.
const today = '2026-11-25'
const dpv = 'https://w3id.org/dpv#'
const schema = 'https://schema.org/'

async function compileAt(cwd: string, root?: string) {
  const result = compile(await readPolicy('policy', { cwd }), { today, ...(root !== undefined && { root }) })
  if (!result.output) throw new Error(`did not compile: ${JSON.stringify(result.diagnostics.filter((item) => item.severity === 'error'))}`)
  return result.output
}

const jsonLdOf = (output: { files: ReadonlyMap<string, string> }): object => JSON.parse(output.files.get('policy.jsonld') ?? '')

/** Every node object of an expanded document (not a value, not a list), wherever it is nested. */
function nodesOf(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(nodesOf)
  if (typeof value !== 'object' || value === null) return []
  const object = value as Record<string, unknown>
  if ('@value' in object) return []
  if ('@list' in object) return nodesOf(object['@list'])
  return [object, ...Object.entries(object).flatMap(([key, inner]) => (key === '@type' ? [] : nodesOf(inner)))]
}

const policies = {
  optsm: async () => repoRoot,
  base: async () => makePolicy(),
  // What neither has: a purpose with a recipient, descriptions of a category and a recipient, a
  // category of the base policy's without a DPV term.
  'every optional field': async () =>
    makePolicy({
      description: 'the optional fields the JSON-LD carries',
      replace: [
        { file: 'data.yaml', find: '    dpv: EmailAddress\n', with: '    description: The address you subscribe with.\n    dpv: EmailAddress\n' },
        { file: 'data.yaml', find: 'purposes:\n', with: '  - id: preferences\n    label: Your newsletter preferences\n    sources: [data-subject]\npurposes:\n' },
        { file: 'data.yaml', find: '    dataCategories: [email-address]\n', with: '    dataCategories: [email-address, preferences]\n    recipients: [hosting]\n' },
        { file: 'data.yaml', find: '    kind: service-provider\n', with: '    kind: service-provider\n    description: It stores the website and the list of subscribers.\n' },
      ],
    }),
}

describe.each(Object.keys(policies) as Array<keyof typeof policies>)('the JSON-LD of the %s policy', (name) => {
  // Where a reader fetched it from: the site has no URL (as OPTSM's has none), so the IRIs are
  // paths, resolved against that address.
  const servedFrom = 'https://policy.test/policy.jsonld'

  test('expands offline, and every node is named by an IRI of the policy’s site: none is blank', async () => {
    const output = await compileAt(await policies[name]())
    const version = `https://policy.test/versions/${output.document.version}/`
    const nodes = nodesOf(await expandOffline(jsonLdOf(output), servedFrom))
    expect(nodes.length).toBeGreaterThan(20)
    const unnamed = nodes.filter((node) => typeof node['@id'] !== 'string' || !/^https:\/\//.test(node['@id']))
    expect(unnamed).toEqual([])
    // Those that are not references to a vocabulary or another site are the policy's and its version's.
    const own = new Set(nodes.map((node) => String(node['@id'])).filter((id) => id.startsWith('https://policy.test/')))
    for (const id of own) expect(id === 'https://policy.test/' || id === version || id.startsWith(`${version}#`), id).toBe(true)
    const graph = await triplesOf(jsonLdOf(output), servedFrom)
    expect(graph.flatMap(([subject, , object]) => [subject, object]).filter((term) => term.startsWith('_:'))).toEqual([])
  })

  test('holds every data category, purpose, lawful basis, recipient and right of data.yaml', async () => {
    const cwd = await policies[name]()
    const output = await compileAt(cwd)
    // The JSON-LD is the release in force: data.yaml must be what was released.
    expect(output.unreleasedSince, 'the draft has changes not released').toBeUndefined()
    const data = parse(await readFile(path.join(cwd, 'policy', 'data.yaml'), 'utf8')) as PolicyData
    const graph = await triplesOf(jsonLdOf(output), servedFrom)
    const version = subjectsWith(graph, rdfType, `<${dpv}PrivacyNotice>`)
    expect(version).toEqual([`<https://policy.test/versions/${output.document.version}/>`])
    /** The one node of the version with this `schema:identifier` and type. */
    const nodeOf = (id: string, type: string, property: string): string => {
      const found = subjectsWith(graph, `${schema}identifier`, JSON.stringify(id)).filter((subject) => graph.some((triple) => triple[0] === subject && triple[1] === `<${rdfType}>` && triple[2] === `<${type}>`))
      expect(found, `${type} ${id}`).toHaveLength(1)
      expect(objectsOf(graph, version[0], property), `${property} ${id}`).toContain(found[0])
      return found[0] ?? ''
    }
    const text = (value: string) => JSON.stringify(value)

    expect(data.dataCategories.length).toBeGreaterThan(0)
    for (const category of data.dataCategories) {
      const node = nodeOf(category.id, `${dpv}PersonalData`, `${dpv}hasPersonalData`)
      expect(objectsOf(graph, node, `${schema}name`)).toEqual([text(category.label)])
      const types = objectsOf(graph, node, rdfType)
      expect(types).toEqual([`<${dpv}PersonalData>`, ...(category.dpv === undefined ? [] : [`<${personalDataIri(category.dpv)}>`])].sort())
      expect(objectsOf(graph, node, `${schema}description`)).toEqual(category.description === undefined ? [] : [text(category.description)])
    }
    const recipientNodes = new Map<string, string>()
    for (const recipient of data.recipients) {
      const node = nodeOf(recipient.id, `${dpv}Recipient`, `${dpv}hasRecipient`)
      recipientNodes.set(recipient.id, node)
      expect(objectsOf(graph, node, `${schema}name`)).toEqual([text(recipient.label)])
      expect(objectsOf(graph, node, `${schema}description`)).toEqual(recipient.description === undefined ? [] : [text(recipient.description)])
    }

    const categoryNode = (id: string) => subjectsWith(graph, `${schema}identifier`, text(id)).find((subject) => objectsOf(graph, subject, rdfType).includes(`<${dpv}PersonalData>`))

    expect(data.purposes.length).toBeGreaterThan(0)
    for (const purpose of data.purposes) {
      const process = nodeOf(purpose.id, `${dpv}Process`, `${dpv}hasProcess`)
      const [purposeNode] = objectsOf(graph, process, `${dpv}hasPurpose`)
      expect(objectsOf(graph, purposeNode, rdfType)).toEqual([`<${dpv}Purpose>`])
      expect(objectsOf(graph, purposeNode, `${schema}description`)).toHaveLength(1)
      const bases = objectsOf(graph, process, `${dpv}hasLegalBasis`)
      for (const basis of purpose.lawfulBasis ?? []) expect(bases, `${purpose.id} ${basis}`).toContain(`<${gdprIri(lawfulBases[basis].term)}>`)
      if (purpose.legitimateInterest !== undefined) {
        const interest = bases.find((basis) => objectsOf(graph, basis, rdfType).includes(`<${dpv}LegitimateInterest>`))
        expect(objectsOf(graph, interest, `${schema}description`), purpose.id).toEqual([text(purpose.legitimateInterest)])
      }
      expect(objectsOf(graph, process, `${dpv}hasPersonalData`), purpose.id).toEqual([...new Set(purpose.dataCategories ?? [])].map(categoryNode).sort())
      expect(objectsOf(graph, process, `${dpv}hasRecipient`), purpose.id).toEqual((purpose.recipients ?? []).map((id) => recipientNodes.get(id)).sort())
    }

    expect(data.rights.length).toBeGreaterThan(0)
    for (const right of data.rights) {
      const node = nodeOf(right.id, `${dpv}DataSubjectRight`, `${dpv}hasRight`)
      expect(objectsOf(graph, node, rdfType)).toContain(`<${gdprIri(rightReferences[right.right].term)}>`)
    }
  })
})

describe('the policy’s address', () => {
  test('with a site URL, every IRI is absolute, and the graph is the one a reader of the relative document resolves', async () => {
    const absolute = await compileAt(repoRoot, 'https://policy.example/privacy/')
    const relative = await compileAt(repoRoot, '/privacy/')
    // Read from anywhere (another site, a file): no base needed.
    const read = await triplesOf(jsonLdOf(absolute), 'https://elsewhere.test/copy.jsonld')
    const resolved = await triplesOf(jsonLdOf(relative), 'https://policy.example/privacy/policy.jsonld')
    const sorted = (graph: readonly Triple[]) => graph.map((triple) => triple.join(' ')).sort()
    expect(sorted(read)).toEqual(sorted(resolved))
    expect(read.some(([subject]) => subject.startsWith('<https://elsewhere.test/'))).toBe(false)
    expect(subjectsWith(read, rdfType, `<${dpv}PrivacyNotice>`)).toEqual(['<https://policy.example/privacy/versions/2019-01-25/>'])
    expect(objectsOf(read, '<https://policy.example/privacy/versions/2019-01-25/>', `${schema}exampleOfWork`)).toEqual(['<https://policy.example/privacy/>'])
    expect(subjectsWith(read, `${schema}identifier`, '"contract-performance"')).toEqual([
      '<https://policy.example/privacy/versions/2019-01-25/#process/contract-performance>',
      '<https://policy.example/privacy/versions/2019-01-25/#purpose/contract-performance>',
    ])
  })

  test('with a site URL, versions.json and the feed link absolutely; without, they stay relative', async () => {
    const absolute = await compileAt(repoRoot, 'https://policy.example/privacy/')
    const relative = await compileAt(repoRoot)
    const links = (output: { files: ReadonlyMap<string, string> }) => (JSON.parse(output.files.get('versions.json') ?? '') as { versions: Array<{ links: object }> }).versions.map((entry) => entry.links)
    expect(links(absolute)).toEqual([
      {
        document: 'https://policy.example/privacy/versions/2019-01-25.json',
        changes: 'https://policy.example/privacy/changes/2019-01-25.json',
        page: 'https://policy.example/privacy/versions/2019-01-25/',
        changesPage: 'https://policy.example/privacy/changes/2019-01-25/',
      },
    ])
    expect(links(relative)).toEqual([{ document: 'versions/2019-01-25.json', changes: 'changes/2019-01-25.json', page: 'versions/2019-01-25/', changesPage: 'changes/2019-01-25/' }])
    const feed = absolute.files.get('changes.atom') ?? ''
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://policy.example/privacy/changes.atom"/>')
    expect(feed).toContain('<link rel="alternate" type="text/html" href="https://policy.example/privacy/changes/2019-01-25/"/>')
    // Entry ids are UUID URNs, absolute already, and never change with the address (RFC 4287 §4.2.6).
    const ids = (text: string) => [...text.matchAll(/<id>([^<]*)<\/id>/g)].map((match) => match[1])
    expect(ids(feed)).toEqual(ids(relative.files.get('changes.atom') ?? ''))
    for (const id of ids(feed)) expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    expect(relative.files.get('changes.atom')).toContain('<link rel="self" type="application/atom+xml" href="changes.atom"/>')
  })

  test('without a root, the paths are from the site’s root', async () => {
    const { document } = await compileAt(await makePolicy())
    expect(toJsonLd(document)).toEqual(toJsonLd(document, { root: '/' }))
    expect(toJsonLd(document)['@id']).toBe('/versions/2020-02-29/')
  })

  test('a class IRI is written in a prefix of the context only where it reads back as itself', async () => {
    const { document } = await compileAt(await makePolicy())
    const [category] = document.dataCategories
    if (!category) throw new Error('the base policy has a data category')
    // A release's document comes from a file: its DPV IRI may be any (a forged one, or another vocabulary's).
    const classes = ['https://w3id.org/dpv/pd#EmailAddress', 'https://vocab.example/terms#Thing', 'https://w3id.org/dpv/pd#//elsewhere/x', 'https://w3id.org/dpv/pd#a b']
    const written = toJsonLd({ ...document, dataCategories: classes.map((dpv, index) => ({ ...category, id: `category-${index}`, dpv })) })
    expect((written['dpv:hasPersonalData'] as Array<{ '@type': string[] }>).map((node) => node['@type'][1])).toEqual(['pd:EmailAddress', ...classes.slice(1)])
  })
})

