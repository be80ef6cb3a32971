import type { APIRoute } from 'astro'
import { listIds, loadEntry } from '../lib/site.ts'

// The machine-readable artefacts of the compiler (policy.json, policy.jsonld, versions.json,
// versions/<id>.json, changes/<id>.json, changes.atom, schema/*.json), served byte for byte.
export async function getStaticPaths() {
  return (await listIds('file/')).map((file) => ({ params: { file } }))
}

const types: Record<string, string> = { json: 'application/json', jsonld: 'application/ld+json', atom: 'application/atom+xml' }

export const GET: APIRoute = async ({ params }) => {
  const file = String(params['file'])
  const { data } = await loadEntry(`file/${file}`)
  return new Response(data.text, { headers: { 'Content-Type': `${types[file.split('.').pop() ?? ''] ?? 'text/plain'}; charset=utf-8` } })
}
