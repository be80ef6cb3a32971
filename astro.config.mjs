// The site of the policy. `src/` is the compiler, so Astro's sources live in `site/`; the pages are
// injected by the Clausewright integration, the same way another Astro site would mount them.
import { defineConfig } from 'astro/config'
import clausewright from './src/astro/integration.ts'

export default defineConfig({
  srcDir: './site',
  outDir: './dist',
  // \`clausewright build\` gives each Astro build a cache of its own: it syncs no content store
  // (src/astro/astro-build.mjs), but whatever Astro keeps there, builds running at the same time
  // would otherwise read one another's half-written files, as they once did with the store.
  cacheDir: process.env.CLAUSEWRIGHT_ASTRO_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 2 },
  devToolbar: { enabled: false },
  vite: { build: { sourcemap: false } },
  integrations: [clausewright({ policyDir: process.env.CLAUSEWRIGHT_POLICY_DIR ?? 'policy' })],
})
