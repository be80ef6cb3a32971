import { type Document, isMap, isScalar, type Node as YamlNode, type Pair } from 'yaml'
import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import type { ParsedYaml } from '../yaml/parse-yaml.ts'
import { closest, codeList, countOf } from '../diagnostics/words.ts'
import { getValidator, type SchemaError, type SchemaName } from './schemas.ts'
import { nodeAt } from '../yaml/node-at.ts'

/** Validates a parsed YAML file against its schema; every error is positioned in the file. */
export function validateYaml(parsed: ParsedYaml, schema: SchemaName): Diagnostic[] {
  return validateYamlFields(parsed, schema).diagnostics
}

export interface ValidatedFields {
  readonly diagnostics: Diagnostic[]
  /**
   * The top-level fields of the file that passed the schema, each whole (a list with one entry
   * that failed fails whole): all of them when the file is valid; undefined when the file is not a
   * mapping. A field with an error anywhere inside it, or unknown to the schema, is left out, so
   * what is here can be read as the schema's types say.
   */
  readonly fields?: Readonly<Record<string, unknown>>
}

/** Validates a parsed YAML file once, and says which of its top-level fields passed. */
export function validateYamlFields(parsed: ParsedYaml, schema: SchemaName): ValidatedFields {
  if (parsed.value === undefined || !parsed.document) return { diagnostics: [] }
  const value = parsed.value
  const mapping = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  const validate = getValidator(schema)
  if (validate(value)) return { diagnostics: [], ...(mapping && { fields: mapping }) }
  const errors = (validate.errors ?? []).filter((error) => !ignoredKeywords.has(error.keyword))
  const diagnostics = errors.map((error) => schemaErrorToDiagnostic(error, parsed))
  if (!mapping) return { diagnostics }
  const failed = new Set<string>()
  for (const error of errors) {
    const [field] = decodePointer(error.instancePath)
    if (field !== undefined) failed.add(field)
    else if (error.keyword === 'additionalProperties') failed.add(String((error.params as { additionalProperty: string }).additionalProperty))
    // A required field missing is absent anyway; any other error of the whole file fails it whole.
    else if (error.keyword !== 'required') return { diagnostics }
  }
  return { diagnostics, fields: Object.fromEntries(Object.entries(mapping).filter(([field]) => !failed.has(field))) }
}

/** The schemas' pattern of an id (`$defs/id`), as they write it. */
export const idPattern = '^[a-z0-9]+(-[a-z0-9]+)*$'

// `if`/`then` only repeat the error of the branch that failed.
// `propertyNames` repeats, without its reason, the error of the key that broke it (reported below).
const ignoredKeywords = new Set(['if', 'then', 'else', 'propertyNames'])

/** Decodes a JSON Pointer (RFC 6901) into path segments: `~1` is `/`, `~0` is `~`. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/**
 * The one adapter from ajv's errors to diagnostics: `required` points at the map that lacks the
 * field, `additionalProperties` at the unknown key, everything else at the offending value.
 */
export function schemaErrorToDiagnostic(error: SchemaError, parsed: ParsedYaml): Diagnostic {
  const document = parsed.document as Document.Parsed
  const path = decodePointer(error.instancePath)
  const node = nodeAt(document, path) as YamlNode | null | undefined
  const where = describePath(path)
  const fieldDescription = (schemaPath: string): string => {
    const description = lookupDescription(error.parentSchema, schemaPath)
    return description ? ` ${description}` : ''
  }

  let ruleId: RuleId
  let message: string
  let hint: string | undefined
  let suggestion: string | undefined
  let range: readonly [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined

  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty)
      ruleId = 'schema-required'
      message = `Missing field \`${missing}\` in ${where}`
      hint = `Add \`${missing}:\`.${fieldDescription(missing)}`
      if (isMap(node) && node.items[0]?.key && isScalar(node.items[0].key) && node.items[0].key.range) {
        // Point at the first key of the map: the map's own range can span many lines.
        range = [node.items[0].key.range[0], node.items[0].key.range[1]]
      }
      break
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty)
      ruleId = 'schema-unknown-field'
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
      suggestion = closest(extra, allowed)
      message = `Unexpected field \`${extra}\` in ${where}, expected ${allowed.length > 0 ? `one of ${codeList(allowed)}` : 'no fields'}`
      if (suggestion) hint = `Did you mean \`${suggestion}\`?`
      const pair = isMap(node) ? (node.items as Pair[]).find((item) => isScalar(item.key) && item.key.value === extra) : undefined
      const keyNode = pair?.key as YamlNode | undefined
      if (keyNode?.range) range = [keyNode.range[0], keyNode.range[1]]
      break
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type)
      const actual = describeValue(node)
      if (expected === 'string' && isScalar(node) && typeof node.value !== 'string' && node.type === 'PLAIN') {
        ruleId = 'yaml-implicit-type'
        message = `Unexpected ${actual} in ${where}, expected text`
        hint = `YAML reads unquoted \`${String(node.source ?? node.value)}\` as a ${actual}: quote it ("${String(node.source ?? node.value)}").`
      } else {
        ruleId = 'schema-type'
        message = `Unexpected ${actual} in ${where}, expected ${article(expected)}`
        if (expected === 'boolean' && isScalar(node) && typeof node.value === 'string') hint = 'Write `true` or `false`: YAML 1.2 reads yes/no/on/off as text.'
      }
      break
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String)
      ruleId = 'schema-enum'
      const actual = isScalar(node) ? String(node.value) : describeValue(node)
      message = `Unexpected \`${actual}\` in ${where}, expected one of ${codeList(allowed)}`
      suggestion = closest(actual, allowed)
      if (suggestion) hint = `Did you mean \`${suggestion}\`?`
      break
    }
    case 'format': {
      const format = String((error.params as { format: string }).format)
      ruleId = format === 'date' ? 'date-invalid' : 'schema-format'
      const actual = isScalar(node) ? String(node.value) : describeValue(node)
      const expected = { date: 'a real date written YYYY-MM-DD', email: 'an email address', uri: 'an absolute URL (https://…)' }[format] ?? `a valid ${format}`
      message = `Unexpected \`${actual}\` in ${where}, expected ${expected}`
      break
    }
    case 'pattern': {
      ruleId = 'schema-pattern'
      const pattern = (error.params as { pattern: string }).pattern
      // A key of a mapping whose keys have a pattern (`propertyNames`): reported at the key.
      const key = (error as { propertyName?: string }).propertyName
      if (key !== undefined) {
        const pair = isMap(node) ? (node.items as Pair[]).find((item) => isScalar(item.key) && item.key.value === key) : undefined
        const keyNode = pair?.key as YamlNode | undefined
        if (keyNode?.range) range = [keyNode.range[0], keyNode.range[1]]
        message = `Unexpected key \`${key}\` in ${where}, expected a key matching \`${pattern}\``
        break
      }
      const actual = isScalar(node) ? String(node.value) : describeValue(node)
      const expected = pattern === idPattern ? 'an id of lower-case letters and digits joined by single hyphens (e.g. `email-address`)' : `text matching \`${pattern}\``
      message = `Unexpected \`${actual}\` in ${where}, expected ${expected}`
      break
    }
    case 'false schema': {
      // A field that a schema forbids in one case only (the first release has no previousIntegrity).
      ruleId = 'schema-constraint'
      message = `Unexpected field ${where}, which the schema forbids here`
      break
    }
    case 'minItems':
    case 'minLength': {
      ruleId = 'schema-constraint'
      const limit = Number((error.params as { limit: number }).limit)
      const unit = error.keyword === 'minItems' ? 'item' : 'character'
      message = `Unexpected ${error.keyword === 'minItems' ? 'short list' : 'short text'} in ${where}, expected at least ${countOf(limit, unit)}`
      break
    }
    default: {
      ruleId = 'schema-constraint'
      message = `Unexpected value in ${where}: it ${error.message ?? 'breaks a schema constraint'}`
      break
    }
  }

  return diagnostic(ruleId, parsed.file.path, parsed.spanOf(range ?? [0, 0]), message, { hint, ...(suggestion && { expected: [suggestion] }) })
}

function describePath(path: readonly string[]): string {
  if (path.length === 0) return 'the top level'
  return `\`${path.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('')}\``
}

function describeValue(node: YamlNode | null | undefined): string {
  if (node == null) return 'nothing'
  if (isMap(node)) return 'mapping'
  if (isScalar(node)) {
    const value = node.value
    if (value === null) return 'empty value'
    if (typeof value === 'number') return `number ${String(value)}`
    if (typeof value === 'boolean') return `boolean ${String(value)}`
    return `text "${String(value)}"`
  }
  return 'list'
}

function article(type: string): string {
  const words: Record<string, string> = { string: 'text', array: 'a list', object: 'a mapping', boolean: 'true or false', number: 'a number', integer: 'a whole number' }
  return words[type] ?? type
}

function lookupDescription(parentSchema: unknown, property: string): string | undefined {
  const properties = (parentSchema as { properties?: Record<string, { description?: string }> } | undefined)?.properties
  return properties?.[property]?.description
}
