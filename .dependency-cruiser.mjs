// The layers of Clausewright, lowest first. A module imports only from its own layer or a lower one,
// and no import, type-only ones included, closes a cycle. test/architecture.test.ts runs this
// configuration over src/ and site/, and over a small tree that breaks each rule.
const layers = [
  // The kernel imports nothing of ours: diagnostics and their catalogue, the model's types
  // (source, policy document, release, diff, compliance item), URL judgement, anchors, vocabularies.
  { name: 'kernel', path: '^src/(diagnostics|model|vocab|directives)/' },
  { name: 'load', path: '^src/(source|yaml|validate|markdown)/' },
  { name: 'rules', path: '^src/(rules|compliance)/' },
  { name: 'render', path: '^src/render/' },
  { name: 'compile', path: '^src/compile/(?!compile\\.ts$)' },
  { name: 'versions', path: '^src/versions/' },
  // The two functions that run the stages in order: check (load, rules, compliance, the consistency
  // of the releases) and compile (check, then the documents, diffs and feed).
  { name: 'pipeline', path: '^src/(check\\.ts|compile/compile\\.ts)$' },
  // A policy's history replayed as releases (`import --git`): each version compiled as a draft.
  { name: 'history', path: '^src/history/' },
  { name: 'emit', path: '^src/emit/' },
  { name: 'shells', path: '^src/(cli|astro)/|^src/index\\.ts$|^site/' },
]

const anyLayer = layers.map((layer) => layer.path)

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A cycle, even through type-only imports, means a shared type or helper lives in the wrong module: move it down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layers.slice(0, -1).map((layer, index) => ({
      name: `upward-from-${layer.name}`,
      comment: `The ${layer.name} layer imports only from itself and the layers below it (${layers.slice(0, index).map((below) => below.name).join(', ') || 'none'}).`,
      severity: 'error',
      from: { path: layer.path },
      to: { path: layers.slice(index + 1).map((above) => above.path) },
    })),
    {
      name: 'outside-the-layers',
      comment: 'Every module of src/ and site/ belongs to a layer: give a new directory its place in .dependency-cruiser.mjs.',
      severity: 'error',
      from: { path: '^(src|site)/', pathNot: anyLayer },
      to: {},
    },
    {
      name: 'into-no-layer',
      comment: 'Every module of src/ and site/ belongs to a layer: give a new directory its place in .dependency-cruiser.mjs.',
      severity: 'error',
      from: {},
      to: { path: '^(src|site)/', pathNot: anyLayer },
    },
    {
      name: 'orphan-outside-the-layers',
      comment: 'Every module of src/ and site/ belongs to a layer, even one that imports nothing and that nothing imports.',
      severity: 'error',
      from: { orphan: true, path: '^(src|site)/', pathNot: anyLayer },
      to: {},
    },
  ],
  options: {
    // Type-only imports count: a cycle through them still ties the modules together.
    tsPreCompilationDeps: true,
    moduleSystems: ['es6'],
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/\\.bundle/' },
  },
}
