import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from 'vitest'
import { checkPolicy } from '../src/check.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { makePolicy, removedAfterAll } from './helpers/fixture-policy.ts'

// Inputs that cannot sit in a fixture folder: binary, huge, symbolic links, missing directories.
// Each must give a positioned diagnostic, never a crash.
const temporary = removedAfterAll()

async function check(prepare: (policy: string) => Promise<void>, directory = 'policy') {
  const root = await makePolicy()
  temporary.push(root)
  await prepare(path.join(root, 'policy'))
  return checkPolicy(await readPolicy(directory, { cwd: root }), { today: '2026-01-01' }).diagnostics
}

function summary(diagnostics: ReadonlyArray<{ ruleId: string; file: string; span?: { start: { line: number; column: number } } }>) {
  return diagnostics.map((item) => ({ ruleId: item.ruleId, file: item.file, line: item.span?.start.line }))
}

test('a binary file', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'clauses', 'intro.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'file-binary', file: 'policy/clauses/intro.md', line: undefined })
})

test('invalid UTF-8', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'data.yaml'), Buffer.from([0x61, 0xff, 0xfe, 0x62])))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'file-binary', file: 'policy/data.yaml', line: undefined })
})

test('a 10 MB file is refused before it is parsed', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'data.yaml'), `purposes:\n${'  - id: x\n'.repeat(1_000_000)}`))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'file-too-large', file: 'policy/data.yaml', line: undefined })
})

test('YAML nested deeper than the budget in block style', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'data.yaml'), `${'- '.repeat(50_000)}x\n`))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'nesting-too-deep', file: 'policy/data.yaml', line: 1 })
})

test('Markdown lists nested deeper than the budget', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'clauses', 'rights.md'), `---\nid: rights\ntitle: Rights\n---\n\n${'- '.repeat(20_000)}x\n`))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'nesting-too-deep', file: 'policy/clauses/rights.md', line: 6 })
})

test('Markdown brackets and emphasis nested deeply do not crash', async () => {
  const diagnostics = await check((policy) => writeFile(path.join(policy, 'clauses', 'rights.md'), `---\nid: rights\ntitle: Rights\n---\n\n${'['.repeat(20_000)}x${']'.repeat(20_000)} ${'*'.repeat(20_000)}y\n`))
  expect(diagnostics.every((item) => item.file.endsWith('.md') || item.file.endsWith('.yaml'))).toBe(true)
})

test('a symbolic link out of the policy directory', async () => {
  const diagnostics = await check(async (policy) => {
    const outside = path.join(policy, '..', 'outside.md')
    await writeFile(outside, '---\nid: outside\n---\n\nText.\n')
    await symlink(outside, path.join(policy, 'clauses', 'outside.md'))
  })
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'path-outside-policy', file: 'policy/clauses/outside.md', line: undefined })
})

test('a symbolic link inside the policy directory is followed', async () => {
  const diagnostics = await check(async (policy) => {
    await rm(path.join(policy, 'clauses', 'rights.md'))
    await mkdir(path.join(policy, 'shared'))
    await writeFile(path.join(policy, 'shared', 'rights.md'), '---\nid: rights\ntitle: Your rights\n---\n\n::rights\n\nWrite to :email{#privacy}, or complain to the :authority[ICO].\n')
    await symlink(path.join(policy, 'shared', 'rights.md'), path.join(policy, 'clauses', 'rights.md'))
  })
  expect(summary(diagnostics)).toEqual([])
})

test('a missing policy directory', async () => {
  const diagnostics = await check(async () => {}, 'nowhere')
  expect(summary(diagnostics)).toEqual([{ ruleId: 'policy-dir-missing', file: 'nowhere', line: undefined }])
})

test('a file where the policy directory should be', async () => {
  const diagnostics = await check(async () => {}, 'policy/policy.yaml')
  expect(summary(diagnostics)).toEqual([{ ruleId: 'policy-dir-missing', file: 'policy/policy.yaml', line: undefined }])
})

test('a directory where a file should be', async () => {
  const diagnostics = await check(async (policy) => {
    await rm(path.join(policy, 'data.yaml'))
    await mkdir(path.join(policy, 'data.yaml'))
  })
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'file-unreadable', file: 'policy/data.yaml', line: undefined })
})

test('a missing clauses directory', async () => {
  const diagnostics = await check((policy) => rm(path.join(policy, 'clauses'), { recursive: true }))
  expect(summary(diagnostics)).toContainEqual({ ruleId: 'file-missing', file: 'policy/clauses', line: undefined })
})
