import type { ParsedClause } from './parse-clause.ts'

/** A clause whose front matter passed its schema. */
export interface LoadedClause extends ParsedClause {
  readonly frontMatter: NonNullable<ParsedClause['frontMatter']>
  readonly tree: NonNullable<ParsedClause['tree']>
}
