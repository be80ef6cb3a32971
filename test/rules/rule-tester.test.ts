import { describe, expect, test } from 'vitest'
import { rawHtml } from '../../src/rules/raw-html.ts'
import { lawfulBasis } from '../../src/compliance/lawful-basis.ts'
import { applyChange, baseFiles, checkFiles, type ExpectedError, type InvalidCase, loadFiles, released, verifyInvalid, verifyValid } from '../helpers/rule-tester.ts'

// The rule tester fails on every difference it is meant to catch: shown on one case of raw-html,
// whose two errors are known, with the expectation changed one field at a time.
const twoTags: InvalidCase = {
  change: { replace: [{ file: 'clauses/rights.md', find: '::rights\n', with: '::rights\n\n<b>x</b>\n' }] },
  errors: [
    { file: 'policy/clauses/rights.md', line: 8, column: 1, endLine: 8, endColumn: 4, message: 'Unexpected HTML `<b>`, expected Markdown' },
    { file: 'policy/clauses/rights.md', line: 8, column: 5, endLine: 8, endColumn: 9, message: 'Unexpected HTML `</b>`, expected Markdown' },
  ],
}
const [first, second] = twoTags.errors as [ExpectedError, ExpectedError]
const withFirst = (change: Partial<ExpectedError>): InvalidCase => ({ ...twoTags, errors: [{ ...first, ...change }, second] })

describe('the rule tester', () => {
  test('passes when the errors are exactly the expected ones', async () => {
    await expect(verifyInvalid('raw-html', rawHtml, twoTags)).resolves.toBeUndefined()
  })

  test('fails when an expected error is missing', async () => {
    await expect(verifyInvalid('raw-html', rawHtml, { ...twoTags, errors: [first, second, { ...second, column: 10, message: 'Unexpected HTML `<i>`, expected Markdown' }] })).rejects.toThrow(
      'Should have 3 errors of raw-html but had 2; missing:\n  policy/clauses/rights.md:8:10 Unexpected HTML `<i>`, expected Markdown',
    )
  })

  test('fails when an extra error of the rule appears', async () => {
    await expect(verifyInvalid('raw-html', rawHtml, { ...twoTags, errors: [first] })).rejects.toThrow('Should have 1 errors of raw-html but had 2; extra:\n  policy/clauses/rights.md:8:5-8:9 Unexpected HTML `</b>`, expected Markdown')
  })

  test.each([
    ['file', { file: 'policy/clauses/intro.md' }, 'file: expected "policy/clauses/intro.md", got "policy/clauses/rights.md"'],
    ['line', { line: 7 }, 'line: expected 7, got 8'],
    ['column', { column: 2 }, 'column: expected 2, got 1'],
    ['endLine', { endLine: 9 }, 'endLine: expected 9, got 8'],
    ['endColumn', { endColumn: 5 }, 'endColumn: expected 5, got 4'],
    ['whole file', { line: null, column: null, endLine: null, endColumn: null }, 'line: expected null, got 8'],
    ['message', { message: 'Unexpected HTML' }, 'message: expected "Unexpected HTML", got "Unexpected HTML `<b>`, expected Markdown"'],
    ['suggestions expected but none given', { expected: ['Markdown'] }, 'expected: expected ["Markdown"], got null'],
    ['hint', { hint: 'Write Markdown.' }, 'hint: expected "Write Markdown."'],
    ['severity', { severity: 'warning' }, 'severity: expected "warning", got "error"'],
  ] as const)('fails when the %s differs', async (_, change, difference) => {
    await expect(verifyInvalid('raw-html', rawHtml, withFirst(change))).rejects.toThrow(`Error 1 of raw-html (policy/clauses/rights.md:8:1-8:4 Unexpected HTML \`<b>\`, expected Markdown) differs:\n  ${difference}`)
  })

  test('fails when the suggestions differ, or are given where the case expects none', async () => {
    // unknown-dpv-term suggests the terms nearest to a misspelt one.
    const { dpvTerm } = await import('../../src/rules/dpv-term.ts')
    const misspelt: InvalidCase = {
      change: { replace: [{ file: 'data.yaml', find: 'dpv: EmailAddress', with: 'dpv: EmailAdress' }] },
      errors: [{ file: 'policy/data.yaml', line: 5, column: 10, endLine: 5, endColumn: 21, message: 'Unexpected DPV term `EmailAdress`, expected a class of https://w3id.org/dpv/pd#', expected: ['EmailAddress'] }],
    }
    await expect(verifyInvalid('unknown-dpv-term', dpvTerm, misspelt)).resolves.toBeUndefined()
    const [error] = misspelt.errors as [ExpectedError]
    await expect(verifyInvalid('unknown-dpv-term', dpvTerm, { ...misspelt, errors: [{ ...error, expected: ['Email'] }] })).rejects.toThrow('expected: expected ["Email"], got ["EmailAddress"]')
    const withoutSuggestions: ExpectedError = { file: error.file, line: error.line, column: error.column, endLine: error.endLine, endColumn: error.endColumn, message: error.message }
    await expect(verifyInvalid('unknown-dpv-term', dpvTerm, { ...misspelt, errors: [withoutSuggestions] })).rejects.toThrow('expected: expected null, got ["EmailAddress"]')
  })

  test('fails a valid case where the rule reports an error', async () => {
    await expect(verifyValid('raw-html', rawHtml, twoTags)).rejects.toThrow('Should have no errors of raw-html but had 2:\n  policy/clauses/rights.md:8:1-8:4 Unexpected HTML `<b>`, expected Markdown')
  })

  test('fails an invalid case that expects no error', async () => {
    await expect(verifyInvalid('raw-html', rawHtml, { errors: [] })).rejects.toThrow('An invalid case of raw-html must expect at least one error')
  })

  test('fails when the finding of a compliance rule differs', async () => {
    await expect(verifyValid('lawful-basis-missing', lawfulBasis, { finding: { status: 'met', where: ['intro'] } })).resolves.toBeUndefined()
    await expect(verifyValid('lawful-basis-missing', lawfulBasis, { finding: { status: 'met', where: [] } })).rejects.toThrow('The finding of lawful-basis-missing differs: expected {"status":"met","where":[]}, got {"status":"met","where":["intro"]}')
  })

  test('fails when a rule returns anything but its own diagnostics, never filtering it out', async () => {
    const junk = { ids: ['raw-html'] as const, check: () => ['Stryker was here'] as never }
    await expect(verifyValid('raw-html', junk, {})).rejects.toThrow('The rule returned "Stryker was here", expected diagnostics of raw-html')
    const foreign = { ids: ['raw-html'] as const, check: () => [{ ruleId: 'unsafe-url', severity: 'error', message: 'x', file: 'policy/policy.yaml' }] as never }
    await expect(verifyValid('raw-html', foreign, {})).rejects.toThrow('The rule returned {"ruleId":"unsafe-url"')
  })

  test('runs a rule module only for an id it reports', async () => {
    await expect(verifyValid('unsafe-url', rawHtml, {})).rejects.toThrow('the rule module reports raw-html, not unsafe-url')
  })

  test('fails when a change does not find its text', async () => {
    await expect(verifyValid('raw-html', rawHtml, { change: { replace: [{ file: 'data.yaml', find: 'not there', with: '' }] } })).rejects.toThrow('data.yaml does not contain "not there"')
  })
})

describe('the loading of the rule tester', () => {
  // What a rule sees when it runs alone must be what checkPolicy gives it: the same context, and
  // the loading diagnostics among the check's.
  const withoutFunctions = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, item: unknown) => (typeof item === 'function' ? '[function]' : item)))
  test.each([
    // Made in the test: a policy checked while the file is collected runs every rule outside a test (Stryker's static mutants).
    ['the base policy', () => baseFiles],
    ['a policy with errors in every file', () => applyChange(baseFiles, { replace: [{ file: 'policy.yaml', find: 'language: en-GB', with: 'language: 12' }, { file: 'data.yaml', find: 'to send you our newsletter;', with: 'to send you <b>our</b> [newsletter](#nowhere);' }, { file: 'clauses/rights.md', find: 'Write to', with: ':zzz[x] Write to' }] })],
    ['a released policy', () => released(baseFiles)],
  ])('equals what checkPolicy gives the rules: %s', (_, makeFiles) => {
    const files = makeFiles()
    const loaded = loadFiles(files)
    const checked = checkFiles(files)
    expect(withoutFunctions(loaded.context)).toEqual(withoutFunctions(checked.context))
    expect([...loaded.texts.keys()]).toEqual([...checked.texts.keys()])
    const checkedKeys = new Set(checked.diagnostics.map((item) => JSON.stringify(item)))
    expect(loaded.diagnostics.filter((item) => !checkedKeys.has(JSON.stringify(item)))).toEqual([])
    const ruleIds = new Set(loaded.diagnostics.map((item) => item.ruleId))
    expect(checked.diagnostics.filter((item) => ruleIds.has(item.ruleId) && !loaded.diagnostics.some((found) => JSON.stringify(found) === JSON.stringify(item))).map((item) => item.ruleId)).toEqual([])
  })

  test('the check runs the rule modules that the rules run alone are (src/rules/index.ts)', () => {
    const files = applyChange(baseFiles, { replace: [{ file: 'data.yaml', find: 'to send you our newsletter;', with: 'to send you <b>our</b> [newsletter](#nowhere);' }, { file: 'clauses/rights.md', find: 'Write to', with: ':zzz[x] Write to' }] })
    const reported = new Set(checkFiles(files).diagnostics.map((item) => item.ruleId))
    expect(['raw-html', 'broken-anchor', 'unknown-directive'].filter((id) => !reported.has(id as never))).toEqual([])
  })
})
