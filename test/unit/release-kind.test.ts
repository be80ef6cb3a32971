import { describe, expect, test } from 'vitest'
import type { PolicyDiff, Reason } from '../../src/model/diff.ts'
import type { PolicyDocument } from '../../src/model/policy-document.ts'
import type { ChangeKind, DecidedBy, ProvedKind, Release, ReleaseFormat } from '../../src/model/release.ts'
import { decideKind, falseClaim, proveKind } from '../../src/versions/release-kind.ts'
import { policyDocument } from '../helpers/policy-document.ts'

// The classification of a release, function by function: the kind the tool proves and its reason,
// the kind a new release records (decideKind) and what is false in a stored release's kind
// (falseClaim). Diffs and documents are written out here, so each case shows all it uses.

const reason = (kind: Reason['kind'], id: string, message: string, collection: Reason['collection'] = 'clauses'): Reason => ({ kind, code: `${kind}-code`, collection, id, field: null, message, reader: { text: message, parts: [{ type: 'words', text: message }] } })
const clauseChange = (id: string, from: string | null, to: string | null): PolicyDiff['clauses'][number] => ({
  id,
  status: ['changed'],
  from: from === null ? null : { title: from, position: 0 },
  to: to === null ? null : { title: to, position: 0 },
  words: null,
})
const diffOf = (kind: ProvedKind, reasons: readonly Reason[] = [], clauses: PolicyDiff['clauses'] = []): PolicyDiff => ({
  format: 'clausewright-diff/2',
  from: '2026-01-01',
  to: '2026-02-01',
  kind,
  recorded: null,
  reasons,
  clauses,
  data: [],
  targets: [],
})

describe('decideKind: the kind a new release records', () => {
  test('the first release is initial, decided by the tool; an editor’s kind is refused', () => {
    expect(decideKind(diffOf('initial'), undefined)).toEqual({ kind: 'initial', decidedBy: 'computed' })
    expect(decideKind(diffOf('initial'), 'substantive')).toEqual({
      refusal: '`--kind substantive`, but this is the first release, which is `initial`: release it without `--kind`',
    })
  })

  test('a proved substantive change is recorded as computed, with or without the editor agreeing; editorial is refused with the reason', () => {
    const diff = diffOf('substantive', [reason('editorial', 'a', 'An editorial reason'), reason('substantive', 'b', 'New purpose `b`', 'purposes')])
    expect(decideKind(diff, undefined)).toEqual({ kind: 'substantive', decidedBy: 'computed' })
    expect(decideKind(diff, 'substantive')).toEqual({ kind: 'substantive', decidedBy: 'computed' })
    expect(decideKind(diff, 'editorial')).toEqual({
      refusal: '`--kind editorial`, but the change from release 2026-01-01 is substantive (New purpose `b`): readers must be told of it. Release it without `--kind`, or with `--kind substantive`',
    })
  })

  test('a refusal without a reason or a release before it points to the diff', () => {
    const diff = { ...diffOf('substantive'), from: null }
    expect(decideKind(diff, 'editorial')).toEqual({
      refusal: '`--kind editorial`, but the change from release  is substantive (see `clausewright diff`): readers must be told of it. Release it without `--kind`, or with `--kind substantive`',
    })
  })

  test('a reworded change needs the editor, and records the editor’s kind', () => {
    const diff = diffOf('reworded', [reason('reworded', 'sharing', 'The wording of the clause `sharing` changed')], [clauseChange('sharing', 'Sharing', 'Sharing data')])
    expect(decideKind(diff, 'editorial')).toEqual({ kind: 'editorial', decidedBy: 'editor' })
    expect(decideKind(diff, 'substantive')).toEqual({ kind: 'substantive', decidedBy: 'editor' })
    expect(decideKind(diff, undefined)).toEqual({
      refusal:
        'the change from release 2026-01-01 rewords the clause `sharing` (Sharing data), which the tool cannot judge. Read it with `clausewright diff`, then release it with `--kind editorial` (it changes nothing the policy says) or `--kind substantive` (readers must be told)',
    })
  })

  test.each([
    ['editorial', undefined, { kind: 'editorial', decidedBy: 'computed' }],
    ['editorial', 'editorial', { kind: 'editorial', decidedBy: 'computed' }],
    ['editorial', 'substantive', { kind: 'substantive', decidedBy: 'editor' }],
    ['technical', undefined, { kind: 'technical', decidedBy: 'computed' }],
    ['technical', 'editorial', { kind: 'editorial', decidedBy: 'editor' }],
    ['technical', 'substantive', { kind: 'substantive', decidedBy: 'editor' }],
  ] as const)('a proved %s change with --kind %s', (proved, editor, decision) => {
    expect(decideKind(diffOf(proved), editor)).toEqual(decision)
  })
})

describe('decideKind: the reworded items named in the refusal', () => {
  const refusalOf = (reasons: readonly Reason[], clauses: PolicyDiff['clauses'] = []) => {
    const decision = decideKind(diffOf('reworded', reasons, clauses), undefined)
    if (!('refusal' in decision)) throw new Error('expected a refusal')
    return decision.refusal.slice('the change from release 2026-01-01 rewords '.length, -', which the tool cannot judge. Read it with `clausewright diff`, then release it with `--kind editorial` (it changes nothing the policy says) or `--kind substantive` (readers must be told)'.length)
  }

  test('each item once, the last after "and", only the reworded ones', () => {
    expect(
      refusalOf(
        [
          reason('reworded', 'intro', 'one'),
          reason('reworded', 'intro', 'the same clause again'),
          reason('substantive', 'profiling', 'not reworded', 'purposes'),
          reason('reworded', 'newsletter', 'two', 'purposes'),
          reason('reworded', 'access', 'three', 'rights'),
        ],
        [clauseChange('intro', 'Introduction', 'Intro')],
      ),
    ).toBe('the clause `intro` (Intro), the purpose `newsletter` and the right `access`')
    expect(refusalOf([reason('reworded', 'intro', 'one'), reason('reworded', 'newsletter', 'two', 'purposes')])).toBe('the clause `intro` and the purpose `newsletter`')
  })

  test('a clause is named by its new title, else its old one, else its id alone', () => {
    expect(refusalOf([reason('reworded', 'gone', 'x')], [clauseChange('gone', 'Old title', null)])).toBe('the clause `gone` (Old title)')
    expect(refusalOf([reason('reworded', 'untitled', 'x')], [clauseChange('untitled', null, null)])).toBe('the clause `untitled`')
  })

  test('with no reworded reason, the policy; a change the diff does not show is the policy’s', () => {
    expect(refusalOf([])).toBe('the policy')
    expect(refusalOf([reason('editorial', 'policy', 'The last-updated date changed', 'policy')])).toBe('the policy')
    expect(refusalOf([reason('reworded', 'policy', 'The content changed (its digest differs) in a part that the diff does not show', 'policy')])).toBe('the policy')
    expect(refusalOf([reason('reworded', 'controller', 'x', 'controller'), reason('reworded', 'privacy', 'y', 'contacts')])).toBe('the controller and the contact `privacy`')
  })
})

// A document of the policy as the diff reads it, with the digest of its content.
const document = (edit: Partial<PolicyDocument> = {}): PolicyDocument => policyDocument({ version: '2026-01-01', controller: { legalName: 'Example Limited', name: 'Example', postalAddress: '1 Road', country: 'GB' } as PolicyDocument['controller'], ...edit })

const reworded = document({ clauses: [{ id: 'intro', title: 'Introduction', html: '<p>We are Example Limited.</p>', text: 'We are Example Limited.' }] })
const redated = document({ lastUpdated: '2026-02-01' })
const newPurpose = document({
  purposes: [{ id: 'profiling', group: null, parent: null, html: '<p>to profile you</p>', text: 'to profile you', lawfulBasis: [], legitimateInterest: null, dataCategories: [], recipients: [] }],
} as Partial<PolicyDocument>)

const release = (version: string, doc: PolicyDocument, kind: ChangeKind, decidedBy: DecidedBy | undefined, format: ReleaseFormat = 'clausewright-release/2'): Release => ({
  format,
  version,
  effective: version,
  summary: 'A change',
  kind,
  ...(decidedBy !== undefined && { decidedBy }),
  previous: null,
  digest: doc.digest,
  integrity: 'sha256:integrity',
  document: doc,
})
const first = release('2026-01-01', document(), 'initial', 'computed')

describe('proveKind: the kind proved and its first reason', () => {
  test('the reason is the first of the proved kind, not the first listed', () => {
    const both = document({ ...newPurpose, lastUpdated: '2026-02-01' })
    const proof = proveKind(document(), both, { from: 'a', to: 'b' })
    expect(proof).toEqual({ kind: 'substantive', reason: 'New purpose `profiling`' })
  })

  test('a new date beside a change the diff does not show is reworded, not editorial', () => {
    const unshown = document({ lastUpdated: '2026-02-01', format: 'clausewright-policy/0' as PolicyDocument['format'] })
    expect(proveKind(document(), unshown, { from: 'a', to: 'b' })).toEqual({ kind: 'reworded', reason: 'The content changed (its digest differs) in a part that the diff does not show' })
  })

  test('an editorial change gives its own reason; a technical one none', () => {
    expect(proveKind(document(), redated, { from: 'a', to: 'b' })).toEqual({ kind: 'editorial', reason: 'The last-updated date changed from 2026-01-01 to 2026-02-01' })
    expect(proveKind(document(), document(), { from: 'a', to: 'b' })).toEqual({ kind: 'technical', reason: undefined })
  })
})

describe('falseClaim: what is false in a stored release’s kind', () => {
  test.each([
    // A claim of less than proved, whoever decided it.
    ['a new purpose called editorial by the editor', newPurpose, 'editorial', 'editor', { kind: 'substantive', problem: 'less-than-proved' }],
    ['a new purpose called technical', newPurpose, 'technical', 'computed', { kind: 'substantive', problem: 'less-than-proved' }],
    ['a new purpose called initial', newPurpose, 'initial', 'computed', { kind: 'substantive', problem: 'less-than-proved' }],
    ['a new date called technical', redated, 'technical', 'computed', { kind: 'editorial', problem: 'less-than-proved' }],
    // A kind the tool did not prove, recorded as its proof.
    ['a reworded change called editorial by the tool', reworded, 'editorial', 'computed', { kind: 'reworded', problem: 'not-computed' }],
    ['a reworded change called substantive by the tool', reworded, 'substantive', 'computed', { kind: 'reworded', problem: 'not-computed' }],
    ['a new date called substantive by the tool', redated, 'substantive', 'computed', { kind: 'editorial', problem: 'not-computed' }],
  ] as const)('%s is false', (_, doc, kind, decidedBy, expected) => {
    const claim = falseClaim(first, release('2026-02-01', doc, kind, decidedBy))
    expect(claim?.problem).toBe(expected.problem)
    expect(claim?.proved.kind).toBe(expected.kind)
  })

  test.each([
    ['a new purpose called substantive by the tool', newPurpose, 'substantive', 'computed'],
    ['a reworded change judged editorial by the editor', reworded, 'editorial', 'editor'],
    ['a reworded change judged substantive by the editor', reworded, 'substantive', 'editor'],
    ['a new date called substantive by the editor', redated, 'substantive', 'editor'],
    ['a new date called editorial by the tool', redated, 'editorial', 'computed'],
    ['a new date judged editorial by the editor', redated, 'editorial', 'editor'],
    ['a release of format /1, which did not record who decided', redated, 'editorial', undefined],
    ['no change called technical', document(), 'technical', 'computed'],
  ] as const)('%s is not', (_, doc, kind, decidedBy) => {
    expect(falseClaim(first, release('2026-02-01', doc, kind, decidedBy))).toBeUndefined()
  })

  test('a release with the content of the one before it claims nothing false, not even as initial after a release', () => {
    // Same digest: nothing changed, whatever it says (not worked out: the documents differ here).
    expect(falseClaim(first, release('2026-02-01', newPurpose, 'technical', 'computed'))).toBeDefined()
    expect(falseClaim(first, release('2026-02-01', { ...newPurpose, digest: first.digest }, 'technical', 'computed'))).toBeUndefined()
    expect(falseClaim(first, release('2026-02-01', { ...newPurpose, digest: first.digest }, 'editorial', 'editor'))).toBeUndefined()
    // `initial` after a release is judged: the new purpose is more than it claims.
    expect(falseClaim(first, release('2026-02-01', { ...newPurpose, digest: first.digest }, 'initial', 'computed'))).toEqual({
      proved: { kind: 'substantive', reason: 'New purpose `profiling`' },
      problem: 'less-than-proved',
    })
  })
})
