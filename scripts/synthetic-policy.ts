// Writes a synthetic policy (deterministic, seeded) for the benchmarks:
//   node scripts/synthetic-policy.ts <out-dir> [--clauses 20] [--bytes 0] [--releases 1]
// --bytes pads the clauses with prose until the clause text reaches that many bytes (a "1 MB policy").
// Releases are made like `clausewright release` would, each after a one-clause edit.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { compile } from '../src/compile/compile.ts'
import { readPolicy } from '../src/source/read-policy.ts'
import { decideKind } from '../src/versions/release-kind.ts'
import { diffDocuments } from '../src/versions/diff.ts'
import { createRelease, serializeRelease } from '../src/versions/release.ts'

/** mulberry32: a small seeded generator, so the same options give the same policy. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const words = 'personal data controller processing purpose lawful basis consent contract service provider recipient retention period request access erasure rectification restriction objection portability website information contact email address legitimate interest security measures transfer safeguard authority complaint marketing newsletter analytics cookie device account customer support record obligation'.split(' ')

export function sentence(next: () => number, length = 12 + Math.floor(next() * 14)): string {
  const chosen = Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'data')
  const text = chosen.join(' ')
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

export interface SyntheticOptions {
  readonly clauses: number
  readonly bytes: number
  readonly releases: number
  readonly seed?: number
}

export async function writeSyntheticPolicy(directory: string, options: SyntheticOptions): Promise<void> {
  const next = random(options.seed ?? 42)
  const policy = path.join(directory, 'policy')
  await rm(policy, { recursive: true, force: true })
  await mkdir(path.join(policy, 'clauses'), { recursive: true })
  const ids = Array.from({ length: options.clauses }, (_, index) => `clause-${String(index + 1).padStart(4, '0')}`)
  const perClause = Math.max(0, Math.floor(options.bytes / Math.max(1, options.clauses)))
  const clauseText = (index: number, version: number): string => {
    const paragraphs: string[] = []
    let size = 0
    do {
      const paragraph = Array.from({ length: 4 }, () => sentence(next)).join(' ')
      paragraphs.push(paragraph)
      size += paragraph.length
    } while (size < perClause)
    if (index === 0) paragraphs.push('::purposes{group="main"}', 'We collect :data[your email address]{#email-address} and share it with :recipient[our host]{#host}.', '::rights')
    if (version > 0) paragraphs.push(`Revision ${version} of this clause.`)
    return paragraphs.join('\n\n')
  }
  const texts = ids.map((_, index) => clauseText(index, 0))
  const writeClause = (index: number) => writeFile(path.join(policy, 'clauses', `${ids[index]}.md`), `---\nid: ${ids[index]}\ntitle: ${sentence(random(index + 1), 4).slice(0, -1)}\n---\n\n${texts[index]}\n`)
  const writePolicyYaml = (date: string) =>
    writeFile(
      path.join(policy, 'policy.yaml'),
      `id: synthetic-policy\ntitle: A synthetic policy\nlanguage: en-GB\nlastUpdated: ${date}\ncontroller:\n  legalName: Synthetic Limited\ncontacts:\n  - id: privacy\n    description: Privacy requests\n    email: privacy@example.com\nsupervisoryAuthority:\n  name: A supervisory authority\n  url: https://example.org/complaints\nclauses:\n${ids.map((id) => `  - ${id}`).join('\n')}\n`,
    )
  await writePolicyYaml('2000-01-01')
  await writeFile(
    path.join(policy, 'data.yaml'),
    'dataCategories:\n  - id: email-address\n    label: Email address\n    dpv: EmailAddress\n    sources: [data-subject]\n    contexts: [website]\npurposes:\n  - id: newsletter\n    group: main\n    text: to send the newsletter;\n    lawfulBasis: [consent]\n    dataCategories: [email-address]\nrecipients:\n  - id: host\n    label: Our host\n    kind: service-provider\nrights:\n  - id: access\n    right: access\n    clause: clause-0001\n    statement: Request access to your personal data.\n',
  )
  await Promise.all(ids.map((_, index) => writeClause(index)))

  // Releases are written aside and moved in at the end: compiling with N releases in place would
  // re-read and re-verify them all N times.
  const releases = path.join(directory, '.synthetic-releases')
  await rm(releases, { recursive: true, force: true })
  if (options.releases > 0) await mkdir(releases)
  let previous: ReturnType<typeof createRelease> | undefined
  for (let version = 0; version < options.releases; version++) {
    const date = new Date(Date.UTC(2000, 0, 1) + version * 86_400_000).toISOString().slice(0, 10)
    if (version > 0) {
      const index = Math.floor(next() * ids.length)
      texts[index] = clauseText(index, version)
      await writeClause(index)
      await writePolicyYaml(date)
    }
    const output = compile(await readPolicy('policy', { cwd: directory }), { today: '2100-01-01' }).output
    if (!output) throw new Error('the synthetic policy did not compile')
    // Each clause reworded: judged editorial, as an editor would release it.
    const diff = diffDocuments(previous?.document ?? null, output.draft, { from: previous?.version ?? null, to: date }, { words: false })
    const decision = decideKind(diff, diff.kind === 'reworded' ? 'editorial' : undefined)
    if ('refusal' in decision) throw new Error(decision.refusal)
    const release = createRelease({ version: date, effective: date, released: date, summary: `Synthetic release ${version + 1}.`, kind: decision.kind, decidedBy: decision.decidedBy, previous: previous ?? null, document: output.draft })
    await writeFile(path.join(releases, `${date}.json`), serializeRelease(release))
    previous = release
  }
  if (options.releases > 0) await rename(releases, path.join(policy, 'releases'))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { clauses: { type: 'string', default: '20' }, bytes: { type: 'string', default: '0' }, releases: { type: 'string', default: '0' } } })
  const out = positionals[0]
  if (!out) throw new Error('usage: node scripts/synthetic-policy.ts <out-dir> [--clauses N] [--bytes N] [--releases N]')
  await writeSyntheticPolicy(out, { clauses: Number(values.clauses), bytes: Number(values.bytes), releases: Number(values.releases) })

}
