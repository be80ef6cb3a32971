/** Limits checked before parsing, so that no input costs a minute or a stack overflow. */
export const budgets = {
  /** Bytes in one policy file. The whole OPTSM policy is about 20 kB. */
  maxFileBytes: 1024 * 1024,
  /** Bytes in one release file: a whole policy document, HTML included. */
  maxReleaseBytes: 32 * 1024 * 1024,
  /** Nesting of YAML collections (maps and sequences). */
  maxYamlDepth: 24,
  /** Anchors plus aliases in one YAML file. */
  maxYamlAliases: 16,
  /** Nesting of Markdown containers (block quotes, lists) and of brackets in one line. */
  maxMarkdownDepth: 16,
  /** Clause files in a policy. */
  maxClauseFiles: 2000,
} as const
