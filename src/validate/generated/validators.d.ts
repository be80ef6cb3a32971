import type { ValidateFunction } from 'ajv'

export const policy: ValidateFunction
export const data: ValidateFunction
export const clause: ValidateFunction
export const release: ValidateFunction
export const policyDocument: ValidateFunction
export const compliance: ValidateFunction
