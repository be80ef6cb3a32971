import type { ErrorObject, ValidateFunction } from 'ajv'
import * as validators from './generated/validators.js'

export type SchemaName = 'policy' | 'data' | 'clause' | 'release' | 'policy-document' | 'compliance'

const byName: Record<SchemaName, ValidateFunction> = {
  policy: validators.policy,
  data: validators.data,
  clause: validators.clause,
  release: validators.release,
  'policy-document': validators.policyDocument,
  compliance: validators.compliance,
}

/** The validator of a schema, precompiled by scripts/generate-validators.ts (strict mode, ajv-formats). */
export function getValidator(name: SchemaName): ValidateFunction {
  return byName[name]
}

export type SchemaError = ErrorObject
