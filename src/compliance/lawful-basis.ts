import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { locate } from '../yaml/locate.ts'
import { type ComplianceRule, missing, met, notApplicable } from './compliance-rule.ts'

/** GDPR Art. 13(1)(c): each purpose has a lawful basis. */
export const lawfulBasis: ComplianceRule = {
  id: 'lawful-basis-missing',
  article: 'GDPR Art. 13(1)(c)',
  title: 'The purposes and the lawful basis of each',
  check(context) {
    const { dataYaml, dataFields } = context
    const purposes = dataFields?.purposes
    if (!purposes) return notApplicable
    const where = context.clausesWith('purposes')
    const found: Diagnostic[] = purposes.flatMap((purpose, index) =>
      purpose.lawfulBasis
        ? []
        : [
            diagnostic('lawful-basis-missing', dataYaml?.file.path ?? '', locate(dataYaml, ['purposes', index, 'id']), `Missing lawful basis for purpose \`${purpose.id}\`: the policy does not say which basis of GDPR Art. 6(1) applies`, {
              hint: 'Add `lawfulBasis:` once the controller has stated it; do not guess.',
            }),
          ],
    )
    return found.length > 0 ? missing(found, where) : met(where)
  },
}

/** GDPR Art. 13(1)(d): legitimate interests name the interest pursued. */
export const legitimateInterest: ComplianceRule = {
  id: 'legitimate-interest-missing',
  article: 'GDPR Art. 13(1)(d)',
  title: 'The legitimate interests pursued',
  check(context) {
    const { dataYaml, dataFields } = context
    const purposes = dataFields?.purposes
    // Stryker disable next-line ArrayDeclaration: without data the rule returns before it reads the list
    const relying = purposes?.filter((purpose) => purpose.lawfulBasis?.includes('legitimate-interests')) ?? []
    if (!purposes || relying.length === 0) return notApplicable
    const found = purposes.flatMap((purpose, index) => {
      const position = purpose.lawfulBasis?.indexOf('legitimate-interests') ?? -1
      if (position === -1 || purpose.legitimateInterest !== undefined) return []
      return [
        diagnostic('legitimate-interest-missing', dataYaml?.file.path ?? '', locate(dataYaml, ['purposes', index, 'lawfulBasis', position]), `Missing \`legitimateInterest\` for purpose \`${purpose.id}\`, expected the interest pursued (GDPR Art. 13(1)(d))`, {
          hint: 'Add `legitimateInterest:` with the interest in the policy’s words.',
        }),
      ]
    })
    const where = context.clausesWith('purposes')
    return found.length > 0 ? missing(found, where) : met(where)
  },
}
