import { beforeAll, expect, test } from 'vitest'
import { compile } from '../../src/compile/compile.ts'
import type { Reason } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import { readPolicy } from '../../src/source/read-policy.ts'
import { diffDocuments } from '../../src/versions/diff.ts'
import { makePolicy } from '../helpers/fixture-policy.ts'

// The classification's reasons whole (kind, code, field and message), in the typescript-eslint
// style: each change of the base fixture's document with exactly the reasons it must give.
let base: PolicyDocument
beforeAll(async () => {
  const output = compile(await readPolicy('policy', { cwd: await makePolicy() }), { today: '2026-01-01' }).output
  if (!output) throw new Error('base fixture did not compile')
  base = output.document
})

type Edit = (document: Record<string, unknown> & { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] }) => void
const cases: ReadonlyArray<{ readonly name: string; readonly edit: Edit; readonly reasons: readonly Reason[] }> = [
  {
    name: 'a right added is editorial',
    edit: (d) => Object.assign(d, { rights: [...d.rights, { ...d.rights[0], id: 'access-again' }] }),
    reasons: [{ collection: 'rights', id: 'access-again', kind: 'editorial', code: 'right-added', field: null, message: 'New right `access-again`' }],
  },
  {
    name: 'a purpose removed',
    edit: (d) => Object.assign(d, { purposes: d.purposes.filter((purpose) => purpose.id !== 'security') }),
    reasons: [{ collection: 'purposes', id: 'security', kind: 'substantive', code: 'purpose-removed', field: null, message: 'The purpose `security` was removed' }],
  },
  {
    name: 'the controller renamed',
    edit: (d) => Object.assign(d, { controller: { ...d.controller, legalName: 'Example Holdings Limited' } }),
    reasons: [
      {
        collection: 'controller',
        id: 'controller',
        kind: 'substantive',
        code: 'controller-changed',
        field: 'legalName',
        message: 'The controller’s legal name changed from “Example Limited” to “Example Holdings Limited”',
      },
    ],
  },
  {
    name: 'a data category relabelled is editorial',
    edit: (d) => Object.assign(d, { dataCategories: d.dataCategories.map((category, index) => (index === 0 ? { ...category, label: 'E-mail address' } : category)) }),
    reasons: [
      {
        collection: 'dataCategories',
        id: 'email-address',
        kind: 'editorial',
        code: 'data-category-changed',
        field: 'label',
        message: 'The data category `email-address`: label changed from “Email address” to “E-mail address”',
      },
    ],
  },
]

test.each(cases)('$name', ({ edit, reasons }) => {
  const copy = structuredClone(base) as Parameters<Edit>[0]
  edit(copy)
  expect(diffDocuments(base, copy, { from: 'a', to: 'b' }).reasons).toEqual(reasons)
})
