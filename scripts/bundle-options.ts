import type { BuildOptions } from 'esbuild'

/**
 * How the CLI is bundled (scripts/bundle-cli.ts), and the import-only floor it is measured against
 * (bench/run.ts): an ES module for Node with its packages inside.
 */
export const nodeBundle: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
  // Some packages (ajv) are CommonJS and call require(): give the ES module bundle one.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
}
