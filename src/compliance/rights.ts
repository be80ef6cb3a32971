import type { RightKind } from '../model/types.ts'
import { diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import { type ComplianceRule, met, missing, notApplicable } from './compliance-rule.ts'

const listed: readonly RightKind[] = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability']

/** GDPR Art. 13(2)(b): the rights of the data subject. */
export const dataSubjectRights: ComplianceRule = {
  id: 'data-subject-rights',
  article: 'GDPR Art. 13(2)(b)',
  title: 'The rights of access, rectification, erasure, restriction, objection and portability',
  check({ dataFields, dataYaml }) {
    const rights = dataFields?.rights
    if (!rights) return notApplicable
    const stated = new Set(rights.map((right) => right.right))
    const absent = listed.filter((right) => !stated.has(right))
    const where = [...new Set(rights.filter((right) => listed.includes(right.right)).map((right) => right.clause))]
    if (absent.length === 0) return met(where)
    return missing(
      absent.map((right) => diagnostic('data-subject-rights', dataYaml?.file.path ?? '', locate(dataYaml, ['rights'], 'key'), `Missing the right of ${right}`, { hint: `Add a right with \`right: ${right}\` and the clause that states it.` })),
      where,
    )
  },
}

/** GDPR Art. 13(2)(c): the right to withdraw consent, wherever a purpose rests on consent. */
export const withdrawConsent: ComplianceRule = {
  id: 'withdraw-consent',
  article: 'GDPR Art. 13(2)(c), 7(3)',
  title: 'The right to withdraw consent at any time',
  check({ dataFields, dataYaml }) {
    const { purposes, rights } = dataFields ?? {}
    // Stryker disable next-line ArrayDeclaration: without data the rule returns before it reads the list
    const consent = purposes?.map((purpose, index) => ({ purpose, index })).filter(({ purpose }) => purpose.lawfulBasis?.includes('consent')) ?? []
    if (!rights || consent.length === 0) return notApplicable
    const right = rights.find((item) => item.right === 'withdraw-consent')
    if (right) return met([right.clause])
    const first = consent[0]
    return missing([diagnostic('withdraw-consent', dataYaml?.file.path ?? '', locate(dataYaml, ['purposes', first?.index ?? 0, 'lawfulBasis']), `Missing the right to withdraw consent, on which ${consent.length === 1 ? 'a purpose rests' : `${consent.length} purposes rest`}`, { hint: 'Add a right with `right: withdraw-consent` and the clause that states it.' })])
  },
}

/** GDPR Art. 13(2)(d), 77: the right to complain to a supervisory authority. */
export const complaintRight: ComplianceRule = {
  id: 'complaint-right',
  article: 'GDPR Art. 13(2)(d), 77',
  title: 'The right to lodge a complaint with a supervisory authority',
  check(context) {
    const { dataFields, dataYaml } = context
    const rights = dataFields?.rights
    if (!rights) return notApplicable
    const right = rights.find((item) => item.right === 'complaint')
    const where = [...new Set([...(right ? [right.clause] : []), ...context.clausesWith('authority')])]
    if (right) return met(where)
    return missing([diagnostic('complaint-right', dataYaml?.file.path ?? '', locate(dataYaml, ['rights'], 'key'), 'Missing the right to complain to a supervisory authority', { hint: 'Add a right with `right: complaint`, in a clause that names the authority (`:authority[…]`).' })], where)
  },
}

/** GDPR Art. 21(4): the right to object, clearly and separately, for legitimate interests or direct marketing. */
export const objectionSeparate: ComplianceRule = {
  id: 'objection-separate',
  article: 'GDPR Art. 21(4)',
  title: 'The right to object, presented clearly and separately',
  check(context) {
    const { dataFields, dataYaml } = context
    const rights = dataFields?.rights
    // Stryker disable next-line ArrayDeclaration: without data the rule returns before it reads the list
    const triggering = dataFields?.purposes?.filter((purpose) => purpose.directMarketing || purpose.lawfulBasis?.includes('legitimate-interests')) ?? []
    if (!rights || triggering.length === 0) return notApplicable
    // Separately: in the list of rights (a statement of its own) or named in a clause by `:right`.
    const objections = rights.filter((right) => right.right === 'objection')
    const shown = objections.filter((right) => right.statement !== undefined || context.clausesWith('right', right.id).length > 0)
    if (shown.length > 0) return met([...new Set(shown.flatMap((right) => [right.clause, ...context.clausesWith('right', right.id)]))])
    return missing([diagnostic('objection-separate', dataYaml?.file.path ?? '', locate(dataYaml, ['rights'], 'key'), `Missing a separate statement of the right to object, required because ${triggering.length} purpose${triggering.length === 1 ? ' rests' : 's rest'} on legitimate interests or direct marketing`, { hint: 'Add a right with `right: objection` and a `statement`, or name it in a clause with `:right[…]{#id}`.' })])
  },
}
