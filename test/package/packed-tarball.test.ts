// The package as another repository gets it: packed by `npm pack` (its `prepack` compiles it),
// installed from the tarball into an empty project, then used as its README says. Without network:
// npm installs from its cache (scripts/consumer-project.ts says how, and why through a lock file).
// Slow (a pack, two installs, two site builds: see README, Development), so not part of `npm test`:
// `npm run test:package`, which CI runs (.ci/run).
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { installConsumer, packCopy, writeConsumerProject } from '../../scripts/consumer-project.ts'
import { findExecutableVectors } from '../helpers/executable-vectors.ts'
import { removedAfterAll, repoRoot } from '../helpers/fixture-policy.ts'

const made = removedAfterAll()

/** A person's shell: none of npm's variables of the `npm run` that started vitest, nor vitest's, nor ours. */
const shellEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|NODE_ENV$|NODE_COMPILE_CACHE$|CLAUSEWRIGHT_|INIT_CWD$)/i.test(name)))

function run(command: string, args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...shellEnv, npm_config_offline: 'true', ASTRO_TELEMETRY_DISABLED: '1' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

let tarball = ''
let packed: string[] = []

beforeAll(async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'clausewright-pack-'))
  made.push(work)
  ;({ tarball, files: packed } = packCopy(work, shellEnv))
}, 180_000)

/** What `clausewright init` leaves for the user, filled as a user would: each TODO replaced by their own words, and a contact. */
async function fillPlaceholders(project: string): Promise<void> {
  const clauses = path.join(project, 'policy', 'clauses')
  for (const file of await readdir(clauses)) {
    const text = await readFile(path.join(clauses, file), 'utf8')
    await writeFile(path.join(clauses, file), text.replace(/^TODO:.*$/gm, 'Acme Ltd says this in its own words.'))
  }
  const policyFile = path.join(project, 'policy', 'policy.yaml')
  const policy = await readFile(policyFile, 'utf8')
  const filled = policy
    .replace('name: "TODO: the data protection authority people can complain to"', "name: Information Commissioner's Office")
    .replace('url: https://TODO.invalid/', 'url: https://ico.org.uk/')
    .replace('contacts: []', 'contacts:\n  - id: privacy\n    description: Questions about this policy\n    email: privacy@acme.example')
  expect(filled).not.toMatch(/"TODO|TODO\.invalid|contacts: \[\]/)
  await writeFile(policyFile, filled)
}

describe('the packed tarball', () => {
  it('holds the compiled JavaScript, its declarations, the schemas and the site, and no TypeScript source nor test', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/clausewright.js', 'lib/package.json', 'lib/astro.config.mjs', 'lib/src/cli/main.js', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/astro/integration.js', 'lib/src/astro/integration.d.ts', 'lib/src/astro/astro-build.mjs', 'lib/src/validate/generated/validators.js', 'lib/schema/policy.schema.json', 'lib/schema/diff.schema.json', 'lib/site/routes/index.astro', 'lib/site/components/Layout.astro', 'lib/site/styles/site.css', 'lib/site/content.config.ts', 'docs/rules/placeholder-left.md']))
    expect(packed.filter((file) => /(^|\/)test\/|\.test\.|^src\/|^scripts\/|\.bundle|\.tsbuildinfo$/.test(file))).toEqual([])
    // TypeScript only as declarations, and the site's own files, which Astro transpiles.
    expect(packed.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.startsWith('lib/site/'))).toEqual([])
  })

  it('points the site at the compiled compiler, never at a TypeScript source of it', async () => {
    const unpacked = await mkdtemp(path.join(tmpdir(), 'clausewright-unpacked-'))
    made.push(unpacked)
    expect(run('tar', ['xzf', tarball, '-C', unpacked], unpacked).code).toBe(0)
    const siteFiles = [...packed.filter((file) => file.startsWith('lib/site/')), 'lib/astro.config.mjs']
    for (const file of siteFiles) expect(await readFile(path.join(unpacked, 'package', file), 'utf8'), file).not.toMatch(/src\/[^'"]*\.ts['"]/)
  })
})

describe('installed without astro (check only)', () => {
  let project = ''
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'clausewright-check-only-'))
    made.push(project)
    writeConsumerProject(project, { tarball, withAstro: false })
    const install = installConsumer(project, shellEnv)
    expect(install.status, install.output).toBe(0)
  }, 180_000)

  it('has no astro, and init, check, release, show, diff and import run', async () => {
    expect(existsSync(path.join(project, 'node_modules', 'astro'))).toBe(false)
    const init = run('npx', ['clausewright', 'init', '--name', 'Acme Ltd'], project)
    expect(init.code, init.stderr).toBe(0)
    // Init leaves TODO for the user's own words: check refuses them.
    const unfilled = run('npx', ['clausewright', 'check'], project)
    expect(unfilled.code).toBe(1)
    expect(unfilled.stdout).toContain('[placeholder-left]')
    await fillPlaceholders(project)
    const check = run('npx', ['clausewright', 'check'], project)
    expect(check.code, check.stdout).toBe(0)
    // The library entry, as README's "Using it as a library" uses it.
    await writeFile(path.join(project, 'usage.mjs'), "import { compile, readPolicy } from 'clausewright'\nconst result = compile(await readPolicy('policy'))\nconsole.log(JSON.stringify({ errors: result.diagnostics.filter((d) => d.severity === 'error').length, digest: result.output?.document.digest }))\n")
    const library = run('node', ['usage.mjs'], project)
    expect(library.code, library.stderr).toBe(0)
    expect(JSON.parse(library.stdout)).toEqual({ errors: 0, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) })
    for (const args of [['release', '--summary', 'The first version.'], ['show', '--format', 'json'], ['diff']]) {
      const command = run('npx', ['clausewright', ...args], project)
      expect(command.code, `${args[0]}: ${command.stderr}`).toBe(0)
    }
    await writeFile(path.join(project, 'privacy.md'), '# Privacy policy\n\n## Who we are\n\nAcme Ltd.\n\n## Your rights\n\nAsk us.\n')
    const imported = run('npx', ['clausewright', 'import', 'privacy.md', '--dir', 'imported', '--name', 'Acme Ltd'], project)
    expect(imported.code, imported.stderr).toBe(0)
    expect(existsSync(path.join(project, 'imported', 'policy.yaml'))).toBe(true)
    expect(run('npx', ['clausewright', '--version'], project).stdout.trim()).toBe(JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')).version)
  }, 60_000)

  it('refuses build with a clear message and no stack trace (exit 2), writing nothing', () => {
    const build = run('npx', ['clausewright', 'build'], project)
    expect(build.code).toBe(2)
    expect(build.stderr).toMatch(/^clausewright: building the site needs Astro, which is not installed: `npm install astro@7` beside clausewright/)
    expect(build.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(path.join(project, 'dist'))).toBe(false)
  }, 60_000)
})

describe('installed with astro', () => {
  let project = ''
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'clausewright-with-astro-'))
    made.push(project)
    writeConsumerProject(project, { tarball, withAstro: true })
    const install = installConsumer(project, shellEnv)
    expect(install.status, install.output).toBe(0)
  }, 300_000)

  it('init, check and build make the site of the new policy', async () => {
    expect(run('npx', ['clausewright', 'init', '--name', 'Acme Ltd'], project).code).toBe(0)
    await fillPlaceholders(project)
    const check = run('npx', ['clausewright', 'check'], project)
    expect(check.code, check.stdout).toBe(0)
    const build = run('npx', ['clausewright', 'build', '--quiet'], project)
    expect(build.code, build.stderr).toBe(0)
    const site = path.join(project, 'dist')
    expect(await readFile(path.join(site, 'index.html'), 'utf8')).toContain('<title>Acme Ltd privacy policy')
    expect(JSON.parse(await readFile(path.join(site, 'policy.json'), 'utf8'))).toMatchObject({ controller: { legalName: 'Acme Ltd' } })
    for (const file of ['versions/index.html', 'changes/index.html', 'compliance/index.html', 'policy.jsonld', 'changes.atom', 'schema/policy.schema.json']) expect(existsSync(path.join(site, file)), file).toBe(true)
    expect(await findExecutableVectors(site)).toEqual([])
  }, 120_000)

  it('mounts the policy in an existing Astro site through clausewright/astro, from node_modules', async () => {
    // A site of its own (its pages, its configuration) in the project, using the packages installed there.
    const site = path.join(project, 'existing-site')
    await mkdir(path.join(site, 'src', 'pages'), { recursive: true })
    await cp(path.join(project, 'policy'), path.join(site, 'policy'), { recursive: true })
    await writeFile(path.join(site, 'package.json'), `${JSON.stringify({ name: 'acme-site', private: true, type: 'module', dependencies: { astro: '^7.3.5', clausewright: '*' } })}\n`)
    await writeFile(path.join(site, 'astro.config.mjs'), "import { defineConfig } from 'astro/config'\nimport clausewright from 'clausewright/astro'\n\nexport default defineConfig({ integrations: [clausewright({ base: '/privacy/' })] })\n")
    await writeFile(path.join(site, 'src', 'content.config.ts'), "import { defineCollection } from 'astro:content'\nimport { clausewrightLoader } from 'clausewright/astro'\n\nexport const collections = { clausewright: defineCollection({ loader: clausewrightLoader({ policyDir: 'policy' }) }) }\n")
    await writeFile(path.join(site, 'src', 'pages', 'index.astro'), '---\n---\n<html lang="en"><head><title>Acme Ltd</title></head><body><h1>Acme Ltd</h1><a href="/privacy/">Privacy</a></body></html>\n')
    const build = run(path.join(project, 'node_modules', '.bin', 'astro'), ['build'], site)
    expect(build.code, `${build.stdout}${build.stderr}`).toBe(0)
    const out = path.join(site, 'dist')
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<h1>Acme Ltd</h1>')
    expect(await readFile(path.join(out, 'privacy', 'index.html'), 'utf8')).toContain('<title>Acme Ltd privacy policy')
    for (const file of ['privacy/versions/index.html', 'privacy/policy.json', 'privacy/policy.jsonld', 'privacy/changes.atom']) expect(existsSync(path.join(out, file)), file).toBe(true)
    expect(await findExecutableVectors(out)).toEqual([])
  }, 180_000)

  it('gives TypeScript the declarations of both entries', async () => {
    await writeFile(
      path.join(project, 'usage.ts'),
      [
        "import { compile, formatDiagnostics, readPolicy } from 'clausewright'",
        "import clausewright, { clausewrightLoader } from 'clausewright/astro'",
        "const result = compile(await readPolicy('policy'))",
        "export const text: string = formatDiagnostics(result.diagnostics, 'pretty')",
        'export const digest: string | undefined = result.output?.document.digest',
        "export const integration: { name: string } = clausewright({ base: '/privacy/' })",
        "export const loader: { name: string } = clausewrightLoader({ policyDir: 'policy' })",
        '// @ts-expect-error: the declarations are typed, not any',
        'export const wrong: number = result.diagnostics',
        '',
      ].join('\n'),
    )
    // skipLibCheck: Astro's own declarations name a package it does not install (@astrojs/markdown-remark).
    const options = { compilerOptions: { target: 'es2024', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(repoRoot, 'node_modules', '@types')] }, files: ['usage.ts'] }
    await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(options))
    const tsc = run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], project)
    expect(tsc.code, tsc.stdout).toBe(0)
  }, 60_000)
})
