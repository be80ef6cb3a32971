import { getCollection, getEntry, render } from 'astro:content'
import type { SiteEntry } from '../../src/astro/site-data.ts'
import { formatDate } from '../../src/render/format-date.ts'

export { formatDate }

type EntryOf<Id extends string> = Extract<SiteEntry, { id: Id }>

/** A link inside the policy pages, under Astro's base and the integration's. */
export function href(path = ''): string {
  const astroBase = import.meta.env.BASE_URL.replace(/\/$/, '')
  return `${astroBase}${__CLAUSEWRIGHT_BASE__}${path}`
}

/** A policy with errors is thrown here, so that `astro dev` shows the diagnostics in its overlay. */
async function assertCompiled(): Promise<void> {
  // getCollection, not getEntry: a missing entry is the normal case, and getEntry warns about it.
  const [error] = await getCollection('clausewright', (entry: { id: string }) => entry.id === 'error')
  if (error) throw new Error(`The policy has errors:\n${(error.data as { message: string }).message}`)
}

export async function loadEntry<Id extends SiteEntry['id']>(id: Id) {
  await assertCompiled()
  const entry = await getEntry('clausewright', id)
  if (!entry) throw new Error(`Clausewright has no entry ${id}`)
  return { data: entry.data as EntryOf<Id>['data'], render: () => render(entry) }
}

/** The ids after a prefix (`version/`, `change/`, `file/`), in the loader's order. */
export async function listIds(prefix: 'version/' | 'change/' | 'file/'): Promise<string[]> {
  await assertCompiled()
  const entries = await getCollection('clausewright', (entry: { id: string }) => entry.id.startsWith(prefix))
  return entries.map((entry: { id: string }) => entry.id.slice(prefix.length))
}

export const kindLabels = {
  initial: 'First release',
  substantive: 'Substantive change',
  editorial: 'Editorial change',
  technical: 'Technical change',
} as const

export const lawfulBasisLabels: Record<string, string> = {
  consent: 'Consent',
  contract: 'Contract',
  'legal-obligation': 'Legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'Public task',
  'legitimate-interests': 'Legitimate interests',
}
