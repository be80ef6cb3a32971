// The site of the policy. `src/` is the compiler, so Astro's sources live in `site/`; the pages are
// injected by the Clausewright integration, the same way another Astro site would mount them.
import { defineConfig } from 'astro/config'
import clausewright from './src/astro/integration.ts'

export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  // \`clausewright build\` gives each Astro build a cache of its own (its content store is written at
  // every build, and builds running at the same time read one another's half-written store).
  cacheDir: process.env.CLAUSEWRIGHT_ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 2 },
  devToolbar: { enabled: false },
  vite: { build: { sourcemap: false } },
  integrations: [clausewright({ policyDir: process.env.CLAUSEWRIGHT_POLICY_DIR ?? 'policy' })],
})
