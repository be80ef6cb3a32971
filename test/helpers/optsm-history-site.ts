import { cp, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { editPolicy, repoRoot } from './fixture-policy.ts'
import { type CliResult, runCli } from './run-cli.ts'
import { sharedFixture } from './shared-fixtures.ts'

// The site of the OPTSM policy released twice after its own release, built once for the run for the
// tests that read its change pages (hostile/change-page.test.ts, hostile/release-judgement.test.ts):
// one build where each file built a site of its own. Each release is diffed against the one before
// it only, so what one test changes in its release is not in the other's change page.

/** The day both releases and the build are made on. */
export const optsmHistoryToday = '2026-11-29'

/**
 * A clause that check accepts: a quote in the text, then a link whose title holds markup. Each is
 * escaped by the renderer; removing ids from the HTML with a pattern took the text's `id="` as the
 * start of an attribute and ended it inside the title, which freed the markup on the change page.
 */
const attributeLikeClause = `---
id: extra
title: Extra
---

Hello id="[our site](https://example.com "<img src=x onerror=document.body.className='PWNED'>")
`

/** "We do not sell your Personal Information" changed to "We sell" (issue #12: released as editorial). */
export const sells = (project: string) => editPolicy(project, 'clauses/sharing.md', 'We do not sell your Personal Information to anyone under any circumstances.', 'We sell your Personal Information to advertising partners.')

/** What making the site printed: the two releases and the build. */
export interface OptsmHistory {
  readonly releasedFirst: CliResult
  readonly releasedSecond: CliResult
  readonly built: CliResult
}

async function make(cwd: string): Promise<OptsmHistory> {
  await cp(path.join(repoRoot, 'policy'), path.join(cwd, 'policy'), { recursive: true })
  // 2020-01-01, substantive (the change page's structure, issue #13): the attribute-like clause
  // added; an item inserted in a list, a word changed in a long clause; the untitled opening clause
  // changed; a clause moved and retitled; a purpose added, told in words with its basis.
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2019-01-25', 'lastUpdated: 2020-01-01')
  await editPolicy(cwd, 'policy.yaml', '  - complaints\n', '  - complaints\n  - extra\n')
  await writeFile(path.join(cwd, 'policy/clauses/extra.md'), attributeLikeClause)
  await editPolicy(cwd, 'clauses/legitimate-interests.md', '- We may process your information to protect you', '- We may measure how visitors use our website, to improve it.\n- We may process your information to protect you')
  await editPolicy(cwd, 'clauses/information-collected.md', 'telephone, post, or social media', 'telephone, letter, or social media')
  await editPolicy(cwd, 'clauses/identity.md', 'is a company registered in', 'is a private company registered in')
  await editPolicy(cwd, 'policy.yaml', '  - security\n  - duty-to-inform\n', '  - duty-to-inform\n  - security\n')
  await editPolicy(cwd, 'clauses/security.md', 'title: IS PERSONAL INFORMATION ABOUT ME SECURE?', 'title: HOW WE KEEP YOUR INFORMATION SAFE')
  await editPolicy(cwd, 'data.yaml', 'purposes:\n', 'purposes:\n  - id: site-analytics\n    group: website\n    text: to measure how visitors use our website, with your consent;\n    lawfulBasis: [consent]\n    dataCategories: [cookie-information, ip-address, pages-visited]\n')
  const releasedFirst = await runCli(['release', '--summary', 'A clause added.', '--kind', 'substantive', '--today', optsmHistoryToday], cwd)
  // 2020-03-01, judged editorial by the editor (issue #12): "do not sell" changed to "sell", and a
  // link's words (with a character of markup: the reason quotes them, as text) and target changed.
  await sells(cwd)
  await editPolicy(cwd, 'clauses/duty-to-inform.md', '[contact details below](#contact-information)', '[contact details & more below](#your-rights)')
  await editPolicy(cwd, 'policy.yaml', 'lastUpdated: 2020-01-01', 'lastUpdated: 2020-03-01')
  const releasedSecond = await runCli(['release', '--summary', 'A change.', '--kind', 'editorial', '--today', optsmHistoryToday], cwd)
  const built = await runCli(['build', '--quiet', '--today', optsmHistoryToday], cwd)
  return { releasedFirst, releasedSecond, built }
}

/** The project (`<cwd>/policy`, the site in `<cwd>/dist`), made once for the run. */
export async function optsmHistorySite(temporary: string[]): Promise<OptsmHistory & { readonly cwd: string }> {
  const { directory, value } = await sharedFixture('optsm-history', make, temporary)
  return { cwd: directory, ...value }
}
