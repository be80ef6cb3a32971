import { type Diagnostic, type DiagnosticDetails, diagnostic } from '../diagnostics/diagnostic.ts'
import { suggest } from '../diagnostics/words.ts'
import { dpvPersonalDataTerms } from '../vocab/dpv-pd-terms.ts'
import { locate } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

/** A data category's `dpv` term becomes an IRI in the JSON-LD: it must exist in DPV. */
export const dpvTerm: SemanticRule = {
  ids: ['unknown-dpv-term'],
  check({ dataYaml, dataFields }) {
    const found: Diagnostic[] = []
    dataFields?.dataCategories?.forEach((category, index) => {
      if (category.dpv === undefined || dpvPersonalDataTerms.has(category.dpv)) return
      const term = category.dpv
      // Searched among the terms of DPV only if shown: see `diagnostic`.
      const details = (): DiagnosticDetails => {
        const { hint, expected } = suggest(term, dpvPersonalDataTerms)
        return { hint: hint ?? 'Leave `dpv` out when no term fits: the category is then published without one.', expected }
      }
      found.push(diagnostic('unknown-dpv-term', dataYaml?.file.path ?? '', locate(dataYaml, ['dataCategories', index, 'dpv']), `Unexpected DPV term \`${term}\`, expected a class of https://w3id.org/dpv/pd#`, details))
    })
    return found
  },
}
