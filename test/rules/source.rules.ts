import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ruleTester, stages } from '../helpers/rule-tester.ts'

// The rules of reading the policy directory (src/source/read-policy.ts): the files written to a
// temporary directory, changed there where a case needs what a text cannot be (a binary file, a
// directory, a symbolic link), read by readPolicy and checked.
const policyDirectory = (root: string) => path.join(root, 'policy')

ruleTester.run('policy-dir-missing', stages.disk, {
  valid: [{ name: 'a policy directory' }],
  invalid: [
    {
      name: 'no policy directory',
      prepare: (root) => rm(policyDirectory(root), { recursive: true }),
      errors: [{ file: 'policy', line: null, column: null, endLine: null, endColumn: null, message: 'Cannot find the policy directory `policy`', hint: 'Pass the directory that holds policy.yaml with `--dir`.' }],
    },
    {
      name: 'a file where the directory should be',
      prepare: async (root) => {
        await rm(policyDirectory(root), { recursive: true })
        await writeFile(policyDirectory(root), 'id: x\n')
      },
      errors: [{ file: 'policy', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected file `policy`, expected a policy directory' }],
    },
  ],
})

ruleTester.run('file-missing', stages.disk, {
  valid: [{ name: 'every required file' }, { name: 'no compliance.yaml (optional)' }],
  invalid: [
    {
      name: 'no data.yaml',
      change: { remove: ['data.yaml'] },
      errors: [{ file: 'policy/data.yaml', line: null, column: null, endLine: null, endColumn: null, message: 'Cannot find `data.yaml` in the policy directory', hint: 'Create `policy/data.yaml`; README.md describes what it holds.' }],
    },
    {
      name: 'no clauses directory',
      change: { remove: ['clauses/intro.md', 'clauses/rights.md'] },
      errors: [{ file: 'policy/clauses', line: null, column: null, endLine: null, endColumn: null, message: 'Cannot find the `clauses/` directory of clause files', hint: 'Create it, with one Markdown file per clause.' }],
    },
  ],
})

ruleTester.run('file-empty', stages.disk, {
  valid: [{ name: 'files with text' }],
  invalid: [
    {
      name: 'a clause of white space',
      change: { add: { 'clauses/rights.md': ' \n\n' } },
      errors: [{ file: 'policy/clauses/rights.md', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected empty file `clauses/rights.md`', hint: 'Write its content, or delete it.' }],
    },
  ],
})

ruleTester.run('file-binary', stages.disk, {
  valid: [{ name: 'UTF-8 text, with a byte-order mark', prepare: (root) => writeFile(path.join(policyDirectory(root), 'clauses', 'extra.md'), '\ufeff---\nid: rights\ntitle: Your rights\n---\n\nText.\n') }],
  invalid: [
    {
      name: 'a clause that is a PNG',
      prepare: (root) => writeFile(path.join(policyDirectory(root), 'clauses', 'intro.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])),
      errors: [{ file: 'policy/clauses/intro.md', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected binary content, expected UTF-8 text', hint: 'Save the file as UTF-8 text.' }],
    },
    {
      name: 'invalid UTF-8',
      prepare: (root) => writeFile(path.join(policyDirectory(root), 'clauses', 'intro.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28])),
      errors: [{ file: 'policy/clauses/intro.md', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected binary content, expected UTF-8 text' }],
    },
  ],
})

ruleTester.run('file-unreadable', stages.disk, {
  valid: [{ name: 'regular files' }],
  invalid: [
    {
      name: 'a directory where data.yaml should be',
      prepare: async (root) => {
        await rm(path.join(policyDirectory(root), 'data.yaml'))
        await mkdir(path.join(policyDirectory(root), 'data.yaml'))
      },
      errors: [{ file: 'policy/data.yaml', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected `data.yaml`, expected a regular file' }],
    },
  ],
})

ruleTester.run('file-too-large', stages.disk, {
  valid: [{ name: 'files within the budget' }],
  invalid: [
    {
      name: 'a data.yaml over 1 MiB',
      prepare: (root) => writeFile(path.join(policyDirectory(root), 'data.yaml'), `purposes:\n${'  - id: x\n'.repeat(110_000)}`),
      errors: [{ file: 'policy/data.yaml', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected file of 1100010 bytes, expected at most 1048576 bytes', hint: 'Split the text into several clauses.' }],
    },
  ],
})

ruleTester.run('path-outside-policy', stages.disk, {
  valid: [
    { name: 'no links' },
    {
      name: 'a link to a file inside the policy',
      prepare: async (root) => {
        await rm(path.join(policyDirectory(root), 'clauses', 'rights.md'))
        await writeFile(path.join(policyDirectory(root), 'rights.txt'), '---\nid: rights\ntitle: Your rights\n---\n\n::rights\n\nWrite to :email{#privacy}, or complain to the :authority[ICO].\n')
        await symlink('../rights.txt', path.join(policyDirectory(root), 'clauses', 'rights.md'))
      },
    },
  ],
  invalid: [
    {
      name: 'a clause that is a link out of the policy directory',
      prepare: async (root) => {
        await writeFile(path.join(root, 'outside.md'), '---\nid: outside\ntitle: Out\n---\n\nText.\n')
        await symlink(path.join(root, 'outside.md'), path.join(policyDirectory(root), 'clauses', 'outside.md'))
      },
      errors: [{ file: 'policy/clauses/outside.md', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected `clauses/outside.md`, a symbolic link that leads outside the policy directory, expected a file inside it', hint: 'Replace the link with the file itself; nothing behind the link was read.' }],
    },
    {
      name: 'a link that leads nowhere',
      prepare: (root) => symlink(path.join(root, 'nowhere.md'), path.join(policyDirectory(root), 'clauses', 'gone.md')),
      errors: [{ file: 'policy/clauses/gone.md', line: null, column: null, endLine: null, endColumn: null, message: 'Unexpected `clauses/gone.md`, a symbolic link that leads nowhere (to a missing file, or in a loop), expected a file inside the policy directory' }],
    },
  ],
})
