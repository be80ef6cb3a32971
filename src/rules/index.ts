import { brokenAnchor } from './broken-anchor.ts'
import { clauseFiles } from './clause-files.ts'
import type { SemanticRule } from './context.ts'
import { dateInFuture } from './date-in-future.ts'
import { directivesRule } from './directives.ts'
import { dpvTerm } from './dpv-term.ts'
import { markdownTooComplex } from './markdown-too-complex.ts'
import { placeholderLeft } from './placeholder-left.ts'
import { duplicateId } from './duplicate-id.ts'
import { escapedCharacters } from './escaped-characters.ts'
import { footnoteUnreferenced } from './footnote-unreferenced.ts'
import { rawHtml } from './raw-html.ts'
import { unknownReference } from './unknown-reference.ts'
import { unsafeUrl } from './unsafe-url.ts'

export const semanticRules: readonly SemanticRule[] = [
  duplicateId,
  unknownReference,
  clauseFiles,
  dateInFuture,
  directivesRule,
  brokenAnchor,
  unsafeUrl,
  dpvTerm,
  rawHtml,
  footnoteUnreferenced,
  markdownTooComplex,
  escapedCharacters,
  placeholderLeft,
]
