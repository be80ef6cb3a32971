// The floor for a CLI: a process that imports the same libraries as `clausewright check` and exits.
await Promise.all([
  import('yaml'),
  import('ajv/dist/2020.js'),
  import('ajv-formats'),
  import('unified'),
  import('remark-parse'),
  import('remark-frontmatter'),
  import('remark-directive'),
  import('remark-rehype'),
  import('rehype-stringify'),
  import('hast-util-sanitize'),
  import('hast-util-from-html'),
  import('diff'),
])
