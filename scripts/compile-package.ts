// The compiled form of the package, into lib/ (`npm run compile`, run by `npm pack` as `prepack`):
// lib/ is the Astro project of the repository with its compiler as JavaScript. tsc compiles src/ to
// lib/src/ (.js and .d.ts, the imports' .ts rewritten to .js); the site, the schemas and the Astro
// configuration are copied beside it, their imports of src/ pointed at the compiled modules. Each
// module therefore finds the site (../../site), the schemas (../../schema) and package.json at the
// same relative paths as in the repository, and `clausewright build` runs Astro in lib/ as it runs it
// in the repository's root. Node runs no TypeScript under node_modules; Vite (Astro) still
// transpiles the site's own .ts and .astro files, as it does those of any Astro integration.
import { spawnSync } from 'node:child_process'
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const lib = path.join(root, 'lib')

/** `'../../src/model/types.ts'` → `'../../src/model/types.js'`: an import of the compiler, compiled. */
function pointAtCompiled(text: string): string {
  return text.replace(/(['"])((?:\.{1,2}\/)+src\/[^'"\n]+)\.ts\1/g, '$1$2.js$1')
}

await rm(lib, { recursive: true, force: true })
const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

// What tsc does not emit: the generated validators (JavaScript with a declaration) and the
// Astro child's .mjs scripts.
for (const entry of await readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
  const relative = path.relative(path.join(root, 'src'), path.join(entry.parentPath, entry.name))
  if (!entry.isFile() || relative.split(path.sep).includes('.bundle') || !/\.(m?js|d\.ts)$/.test(entry.name)) continue
  await mkdir(path.join(lib, 'src', path.dirname(relative)), { recursive: true })
  await cp(path.join(root, 'src', relative), path.join(lib, 'src', relative))
}

await cp(path.join(root, 'schema'), path.join(lib, 'schema'), { recursive: true })
for (const entry of await readdir(path.join(root, 'site'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue
  const relative = path.relative(path.join(root, 'site'), path.join(entry.parentPath, entry.name))
  const target = path.join(lib, 'site', relative)
  await mkdir(path.dirname(target), { recursive: true })
  // Only code imports modules; anything else (styles, an image) is copied byte for byte.
  if (/\.(astro|[cm]?[jt]s)$/.test(entry.name)) await writeFile(target, pointAtCompiled(await readFile(path.join(entry.parentPath, entry.name), 'utf8')))
  else await cp(path.join(entry.parentPath, entry.name), target)
}
await writeFile(path.join(lib, 'astro.config.mjs'), pointAtCompiled(await readFile(path.join(root, 'astro.config.mjs'), 'utf8')))

// tsc copied package.json (src/cli/main.ts reads its version); lib/ needs only that and the module type.
const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }
await writeFile(path.join(lib, 'package.json'), `${JSON.stringify({ private: true, type: 'module', version }, null, 2)}\n`)
console.log(`compiled the package into ${path.relative(process.cwd(), lib) || '.'}`)
