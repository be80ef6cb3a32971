#!/usr/bin/env node
// The CLI. Installed from the package, it runs the compiled JavaScript in lib/ (scripts/compile-package.ts;
// the package holds no src/). In a checkout, it runs the bundle made by `npm install`
// (scripts/bundle-cli.ts) while the bundle is newer than every source file; otherwise the TypeScript
// sources, through Node's type stripping (Node >= 22.18; the project pins Node 24), so an edited
// source is never shadowed by a stale bundle.
import { existsSync, readdirSync, statSync } from 'node:fs'
import module from 'node:module'
import { fileURLToPath } from 'node:url'

const root = new URL('../', import.meta.url)
const checkout = existsSync(new URL('src/cli/main.ts', root))
// V8 keeps the compiled code of the modules between runs (Node checks it against each source): a
// tenth of a `check` (bench/results.md). Where the directory cannot be written, Node goes on without.
// A path, not the URL's pathname: that is percent-encoded (a project in "a b" would cache in "a%20b").
// Installed, the package's own directory is not ours to write in: Node's default (the temporary directory).
if (checkout) module.enableCompileCache?.(fileURLToPath(new URL('node_modules/.cache/clausewright/compile-cache', root)))
else module.enableCompileCache?.()
const bundle = new URL('src/.bundle/main.js', root)

function newestSource() {
  let newest = 0
  for (const directory of ['src', 'schema']) {
    for (const entry of readdirSync(new URL(`${directory}/`, root), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.parentPath.includes('.bundle')) continue
      newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs)
    }
  }
  return Math.max(newest, statSync(new URL('package.json', root)).mtimeMs)
}

function bundleIsFresh() {
  try {
    return statSync(bundle).mtimeMs >= newestSource()
  } catch {
    return false
  }
}

const { main } = !checkout ? await import('../lib/src/cli/main.js') : bundleIsFresh() ? await import(bundle.href) : await import('../src/cli/main.ts')

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: process.stdout.isTTY === true,
  isStderrTty: process.stderr.isTTY === true,
})
