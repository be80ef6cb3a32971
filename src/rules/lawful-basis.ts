import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { diagnostic, locate, type SemanticRule } from './context.ts'

/** GDPR Art. 6(1): each purpose has a lawful basis, and Art. 13(1)(d): legitimate interests are named. */
export const lawfulBasis: SemanticRule = {
  ids: ['lawful-basis-missing', 'legitimate-interest-missing'],
  check({ dataYaml, data }) {
    if (!data) return []
    const found: Diagnostic[] = []
    const file = dataYaml?.file.path ?? ''
    data.purposes.forEach((purpose, index) => {
      if (!purpose.lawfulBasis) {
        found.push(
          diagnostic('lawful-basis-missing', file, locate(dataYaml, ['purposes', index, 'id']), `Missing lawful basis for purpose \`${purpose.id}\`: the policy does not say which basis of GDPR Art. 6(1) applies`, {
            hint: 'Add `lawfulBasis:` once the controller has stated it; do not guess.',
          }),
        )
        return
      }
      const position = purpose.lawfulBasis.indexOf('legitimate-interests')
      if (position !== -1 && purpose.legitimateInterest === undefined) {
        found.push(
          diagnostic('legitimate-interest-missing', file, locate(dataYaml, ['purposes', index, 'lawfulBasis', position]), `Missing \`legitimateInterest\` for purpose \`${purpose.id}\`, expected the interest pursued (GDPR Art. 13(1)(d))`, {
            hint: 'Add `legitimateInterest:` with the interest in the policy’s words.',
          }),
        )
      }
    })
    return found
  },
}
