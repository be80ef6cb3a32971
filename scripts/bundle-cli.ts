// Bundles the CLI's own modules into src/.bundle/ (packages stay external), so that a run of
// `clausewright` loads a few JavaScript files instead of type-stripping some sixty TypeScript
// modules: `check` of the OPTSM policy 0.40 s → about 0.26 s (README, "Performance").
// Run by `npm install` (the `prepare` script); bin/clausewright.js uses the bundle only while it is
// newer than every source file, and the TypeScript sources otherwise.
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = `${root}src/.bundle`
await rm(outdir, { recursive: true, force: true })
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
  // src/.bundle/ sits two levels below the root, like src/<dir>/: paths built from import.meta.url
  // (schema/, the project root) resolve the same from the bundle.
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
})
