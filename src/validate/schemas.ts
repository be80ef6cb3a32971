import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import clauseSchema from '../../schema/clause.schema.json' with { type: 'json' }
import dataSchema from '../../schema/data.schema.json' with { type: 'json' }
import policyDocumentSchema from '../../schema/policy-document.schema.json' with { type: 'json' }
import policySchema from '../../schema/policy.schema.json' with { type: 'json' }
import releaseSchema from '../../schema/release.schema.json' with { type: 'json' }

export type SchemaName = 'policy' | 'data' | 'clause' | 'release' | 'policy-document'

const schemas = { policy: policySchema, data: dataSchema, clause: clauseSchema, release: releaseSchema, 'policy-document': policyDocumentSchema } as const

// ajv-formats is CommonJS; its default export arrives wrapped under `default` in ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020

let validators: Record<SchemaName, ValidateFunction> | undefined

/** Compiles every schema once per process, in strict mode. */
export function getValidator(name: SchemaName): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, verbose: true })
    addFormats(ajv, ['date', 'email', 'uri'])
    ajv.addSchema(schemas['policy-document'])
    validators = {
      policy: ajv.compile(schemas.policy),
      data: ajv.compile(schemas.data),
      clause: ajv.compile(schemas.clause),
      release: ajv.compile(schemas.release),
      'policy-document': ajv.getSchema(schemas['policy-document'].$id) as ValidateFunction,
    }
  }
  return validators[name]
}

export type SchemaError = ErrorObject
