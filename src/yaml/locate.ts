import type { Span } from '../diagnostics/diagnostic.ts'
import { nodeAt } from './node-at.ts'
import type { ParsedYaml } from './parse-yaml.ts'

export type Path = ReadonlyArray<string | number>

/** The span of the value (or, with `key`, of the key) at `path` in a YAML file. */
export function locate(parsed: ParsedYaml | undefined, path: Path, part: 'value' | 'key' = 'value'): Span | undefined {
  const document = parsed?.document
  if (!parsed || !document) return undefined
  if (part === 'key' && path.length > 0) {
    const parent = nodeAt(document, path.slice(0, -1)) as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined
    const key = parent?.items?.find((item) => item.key?.value === path.at(-1))?.key
    if (key?.range) return parsed.spanOf(key.range)
  }
  const node = nodeAt(document, path) as { range?: [number, number, number] } | undefined
  return parsed.spanOf(node?.range)
}
