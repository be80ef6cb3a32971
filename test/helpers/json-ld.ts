import jsonld from 'jsonld'

/**
 * A JSON-LD document loader that refuses the network: the documents inline their context, so a
 * processor that asks for anything (a remote context, an import) fails the test.
 */
export const offlineLoader = (url: string): never => {
  throw new Error(`JSON-LD processing tried to load ${url}`)
}

export type Triple = readonly [subject: string, predicate: string, object: string]

/**
 * A JSON-LD document expanded by a real processor, offline, as a reader that fetched it from
 * `base` would: in safe mode, which fails on anything it would otherwise drop without a word (a
 * term the context does not define, a relative IRI it cannot resolve).
 */
export async function expandOffline(document: object, base: string): Promise<object[]> {
  return (await jsonld.expand(document as never, { base, documentLoader: offlineLoader as never, safe: true } as never)) as unknown as object[]
}

/** The document's RDF triples (N-Quads of the default graph), expanded offline as `expandOffline`. */
export async function triplesOf(document: object, base: string): Promise<Triple[]> {
  const expanded = await expandOffline(document, base)
  const nquads = (await jsonld.toRDF(expanded as never, { format: 'application/n-quads', documentLoader: offlineLoader as never, safe: true } as never)) as unknown as string
  return nquads
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^(\S+) (\S+) (.*) \.$/.exec(line)
      if (!match) throw new Error(`not an N-Quad: ${line}`)
      return [match[1] ?? '', match[2] ?? '', match[3] ?? ''] as const
    })
}

export const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

/** The objects of `subject`'s `predicate` (an IRI), sorted, as N-Quads write them (`<iri>`, `"text"`). */
export function objectsOf(graph: readonly Triple[], subject: string | undefined, predicate: string): string[] {
  return graph
    .filter(([s, p]) => s === subject && p === `<${predicate}>`)
    .map(([, , o]) => o)
    .sort()
}

/** The subjects that have `predicate` `object`, sorted. */
export function subjectsWith(graph: readonly Triple[], predicate: string, object: string): string[] {
  return [...new Set(graph.filter(([, p, o]) => p === `<${predicate}>` && o === object).map(([s]) => s))].sort()
}
