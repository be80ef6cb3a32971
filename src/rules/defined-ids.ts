import type { ParsedYaml } from '../yaml/parse-yaml.ts'

/**
 * The ids a list of policy.yaml or data.yaml defines, for the references to it. When the list
 * passed its schema, the ids of its entries; when it failed, the ids read entry by entry from the
 * YAML, those of the entries that failed included, so that a reference to an entry with a schema
 * error is not reported again as unknown. Undefined when that cannot be told (the list is missing
 * or not a list, or an entry has no text as its id): then no reference to the list is judged.
 */
export function definedIds(typed: ReadonlyArray<{ readonly id: string }> | undefined, parsed: ParsedYaml | undefined, list: string): ReadonlySet<string> | undefined {
  if (typed) return new Set(typed.map((entry) => entry.id))
  return valuesOf(parsed, list, 'id', false)
}

/** The purpose groups data.yaml defines, read the same way (a purpose without a group defines none). */
export function definedGroups(typed: ReadonlyArray<{ readonly group?: string | undefined }> | undefined, parsed: ParsedYaml | undefined): ReadonlySet<string> | undefined {
  if (typed) return new Set(typed.flatMap((purpose) => (purpose.group === undefined ? [] : [purpose.group])))
  return valuesOf(parsed, 'purposes', 'group', true)
}

function valuesOf(parsed: ParsedYaml | undefined, list: string, field: string, optional: boolean): ReadonlySet<string> | undefined {
  const value = parsed?.value
  const entries = typeof value === 'object' && value !== null && Object.hasOwn(value, list) ? (value as Record<string, unknown>)[list] : undefined
  if (!Array.isArray(entries)) return undefined
  const values = new Set<string>()
  for (const entry of entries as unknown[]) {
    const item = typeof entry === 'object' && entry !== null && Object.hasOwn(entry, field) ? (entry as Record<string, unknown>)[field] : undefined
    if (typeof item === 'string') values.add(item)
    else if (!(optional && item === undefined && typeof entry === 'object' && entry !== null)) return undefined
  }
  return values
}
