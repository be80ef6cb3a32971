import { readdir } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { makePolicy, removedAfterAll } from '../helpers/fixture-policy.ts'
import { runCli } from '../helpers/run-cli.ts'

// `build --site` is written into every page's canonical link, the feed, versions.json and every
// IRI of the JSON-LD: a URL that is not the plain address of a site is a usage error, refused
// before Astro starts, and nothing is written.
const temporary = removedAfterAll()

const refused: ReadonlyArray<readonly [site: string, reason: string]> = [
  ['javascript:alert(1)', 'its scheme is `javascript:`, not https: or http:'],
  ['data:text/html,<script>alert(1)</script>', 'its scheme is `data:`, not https: or http:'],
  ['ftp://policy.example/', 'its scheme is `ftp:`, not https: or http:'],
  ['//policy.example/', 'it is not an absolute URL'],
  ['policy.example', 'it is not an absolute URL'],
  ['https://user:secret@policy.example/', 'it carries a user name or password'],
  ['https://token@policy.example/', 'it carries a user name or password'],
  ['https://policy.example/?utm=1', 'it has a query (`?…`)'],
  ['https://policy.example/?', 'it has a query (`?…`)'],
  ['https://policy.example/#top', 'it has a fragment (`#…`)'],
  ['https://policy.example/#', 'it has a fragment (`#…`)'],
  ['https://policy.example/\n<script>', 'it contains a space or a control character'],
  [' https://policy.example/', 'it contains a space or a control character'],
  ['https://policy.example/\u0085', 'it contains a space or a control character'],
  [`https://policy.example/${'a'.repeat(2000)}`, 'it is longer than 2000 characters'],
]

test.each(refused)('build --site %j is refused (exit 2), with why, before anything is written', async (site, reason) => {
  const root = await makePolicy()
  temporary.push(root)
  const result = await runCli(['build', '--today', '2026-11-25', '--site', site], root)
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(result.stderr).toContain(`: ${reason}; expected the https: or http: address the site is served from, without user name, password, query or fragment (https://example.com/)\n`)
  expect(result.stderr.startsWith('clausewright: unexpected --site `')).toBe(true)
  // Shown as visible symbols, never as the control characters themselves.
  // eslint-disable-next-line no-control-regex
  expect(result.stderr.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/)
  expect(await readdir(root)).toEqual(['policy'])
})
