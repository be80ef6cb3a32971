/**
 * Limits checked before parsing, so that no input costs a minute or a stack overflow. The budget
 * on what a report shows (`diagnosticBudgets`: 100 diagnostics of a rule in a file, 1,000 in all)
 * is in src/diagnostics/limit-diagnostics.ts, where every report is formatted: the diagnostics
 * layer is below this one and may not import it.
 */
export const budgets = {
  /** Bytes in one policy file. The whole OPTSM policy is about 20 kB. */
  maxFileBytes: 1024 * 1024,
  /**
   * Bytes in one release file: a whole policy document, HTML and plain text included, about 2.5
   * times the policy's sources (OPTSM: 22 kB of sources, a 55 kB release), so four times the
   * policy's budget. Checking a release costs about 1.3 s and 350 MB per MB of HTML (its every
   * string is sanitised again), which this bounds.
   */
  maxReleaseBytes: 8 * 1024 * 1024,
  /**
   * Tags (`<`) in the HTML of one release, counted before it is sanitised again: sanitising costs
   * about 1 s per 200,000 tags (a forged release of 700,000 took 3.7 s and 1 GB). The OPTSM
   * release has 230.
   */
  maxReleaseTags: 200_000,
  /** Nesting of YAML collections (maps and sequences). */
  maxYamlDepth: 24,
  /** Anchors plus aliases in one YAML file. */
  maxYamlAliases: 16,
  /** Nesting of Markdown containers (block quotes, lists) and of brackets in one line. */
  maxMarkdownDepth: 16,
  /**
   * Marks in one Markdown file (a clause, or the texts of data.yaml together): each line counts 3,
   * each character that makes micromark's tokens (`[`, `*`, `<`, `:`, `|`…) 1, each GFM table cell
   * 8. micromark spends up to 20 µs on one. The real policies need at most 2,936 (GitHub's privacy
   * statement, 2023, 1,912 of them without its table cells).
   */
  maxMarkdownMarks: 12_000,
  /**
   * The marks that start a try of an inline construct times the length of their paragraph, summed
   * over the paragraphs of one Markdown file: a construct left open can be tried from each of them
   * to the end of its paragraph. GitHub's privacy statement needs at most 390,841.
   */
  maxMarkdownBacktracking: 12_000_000,
  /**
   * Block quote, list and heading underline markers times the marks of the same Markdown file:
   * micromark's work on each list or block quote it closes, and on each underlined heading, grows
   * with the text around it; a GFM footnote definition is a container as a list item is. The real
   * policies need at most 152,678.
   */
  maxMarkdownContainerWork: 6_000_000,
  /**
   * Container directives (`:::name`) in one Markdown file. Clausewright defines none, but each
   * costs micromark work on every line after it.
   */
  maxMarkdownContainerDirectives: 4,
  /** Clause files in a policy. */
  maxClauseFiles: 2000,
  /**
   * Bytes of all the policy's files together, releases aside: each file within its budget, 2,000
   * of them would still cost minutes and gigabytes to parse. The OPTSM policy is about 20 kB,
   * GitHub's privacy statement about 100 kB.
   */
  maxPolicyBytes: 2 * 1024 * 1024,
  /** Release files in a policy: a history of one release a week for a century is 5,200. */
  maxReleaseFiles: 6000,
} as const
