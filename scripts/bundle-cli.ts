// Bundles the CLI, with the packages it imports, into src/.bundle/, so that a run of `clausewright`
// loads a few JavaScript files instead of type-stripping some sixty TypeScript modules and resolving
// some hundred package files (micromark alone is forty packages): `check` of the OPTSM policy went
// 0.40 s → 0.34 s with our modules bundled, → about 0.21 s with the packages too (bench/results.md).
// Run by `npm install` (the `prepare` script); bin/clausewright.js uses the bundle only while it is
// newer than every source file, and the TypeScript sources otherwise.
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { nodeBundle } from './bundle-options.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = `${root}src/.bundle`
await rm(outdir, { recursive: true, force: true })
await build({
  ...nodeBundle,
  entryPoints: [`${root}src/cli/main.ts`],
  outdir,
  splitting: true,
  // src/.bundle/ sits two levels below the root, like src/<dir>/: paths built from import.meta.url
  // (schema/, the project root) resolve the same from the bundle.
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
})
