import type { ParsedClause } from './parse-clause.ts'

/**
 * A clause as the rules see it: its front matter, or, when that failed its schema, the id of its
 * file (the error is reported, and the rest of the clause checked in the same run); its tree, empty
 * when the text could not be parsed.
 */
export interface LoadedClause extends ParsedClause {
  readonly frontMatter: NonNullable<ParsedClause['frontMatter']>
  readonly tree: NonNullable<ParsedClause['tree']>
  /** Its front matter failed (its error is reported): its id is provisional, and no rule judges it. */
  readonly frontMatterInvalid?: true
  /** Its text could not be parsed (its error is reported): what it shows and names is not known. */
  readonly unparsed?: true
}
