import { describe, expect, test } from 'vitest'
import { judgeUrl } from '../../src/model/url.ts'

// The URL judgement in the typescript-eslint rule-tester style: valid cases, then invalid cases each
// with the exact reason, one case per boundary of the judgement (written to kill its mutants).
const valid: ReadonlyArray<{ readonly url: string; readonly allowAnchor?: boolean; readonly allowSitePath?: boolean }> = [
  { url: 'https://example.org/privacy' },
  { url: 'http://example.org/' },
  { url: 'mailto:privacy@example.org' },
  { url: 'HTTPS://EXAMPLE.ORG/' },
  { url: 'MailTo:privacy@example.org' },
  { url: 'https://example.org/a//b#section' },
  { url: 'https://example.org/a\\\\b' },
  { url: '#your-rights', allowAnchor: true },
  { url: ' \t#your-rights', allowAnchor: true },
  { url: '/support', allowSitePath: true },
  { url: '/', allowSitePath: true },
  { url: '/path/javascript:alert(1)', allowSitePath: true },
]

const invalid: ReadonlyArray<{ readonly url: string; readonly allowAnchor?: boolean; readonly allowSitePath?: boolean; readonly reason: string }> = [
  { url: '#your-rights', reason: 'an in-page anchor where a full URL is expected' },
  { url: '\n#your-rights', reason: 'an in-page anchor where a full URL is expected' },
  { url: '//evil.example/x', reason: 'a protocol-relative URL' },
  { url: '\\\\evil.example/x', reason: 'a protocol-relative URL' },
  { url: '/\\evil.example/x', reason: 'a protocol-relative URL' },
  { url: '\\/evil.example/x', reason: 'a protocol-relative URL' },
  { url: '/\t/evil.example/x', reason: 'a protocol-relative URL' },
  { url: '//evil.example/x', allowAnchor: true, reason: 'a protocol-relative URL' },
  { url: 'privacy.html', reason: 'a relative URL' },
  { url: '/privacy', allowAnchor: true, reason: 'a path without a host' },
  { url: '//evil.example/x', allowSitePath: true, reason: 'a protocol-relative URL' },
  { url: '/\\evil.example/x', allowSitePath: true, reason: 'a protocol-relative URL' },
  { url: '../terms/', allowSitePath: true, reason: 'a relative URL' },
  { url: 'terms.md', allowSitePath: true, reason: 'a relative URL' },
  { url: '#x', allowSitePath: true, reason: 'an in-page anchor where a full URL is expected' },
  { url: 'javascript:alert(1)', allowSitePath: true, reason: 'the scheme `javascript:`' },
  { url: '', reason: 'a relative URL' },
  { url: '/path/javascript:alert(1)', reason: 'a path without a host' },
  { url: '1https://example.org/', reason: 'a relative URL' },
  { url: 'java\u00a0script:alert(1)', reason: 'a relative URL' },
  { url: 'java!script:alert(1)', reason: 'a relative URL' },
  { url: 'javascript:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'JaVaScRiPt:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'javascript:alert(1)', allowAnchor: true, reason: 'the scheme `javascript:`' },
  { url: 'java\tscr\nipt:alert(1)', reason: 'the scheme `javascript:`' },
  { url: '\u0000javascript:alert(1)', reason: 'the scheme `javascript:`' },
  { url: ' javascript:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'java\u007fscript:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'java\u0085script:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'java\u009fscript:alert(1)', reason: 'the scheme `javascript:`' },
  { url: 'vbscript:msgbox', reason: 'the scheme `vbscript:`' },
  { url: 'data:text/html,<b>x</b>', reason: 'the scheme `data:`' },
  { url: 'file:///etc/passwd', reason: 'the scheme `file:`' },
  { url: 'ftp://example.org/', reason: 'the scheme `ftp:`' },
  { url: 'web+app.x-1:thing', reason: 'the scheme `web+app.x-1:`' },
  { url: 'https-x://example.org/', reason: 'the scheme `https-x:`' },
]

describe('judgeUrl', () => {
  test.each(valid)('valid: $url (allowAnchor: $allowAnchor, allowSitePath: $allowSitePath)', ({ url, allowAnchor = false, allowSitePath }) => {
    expect(judgeUrl(url, { allowAnchor, ...(allowSitePath !== undefined && { allowSitePath }) })).toEqual({ safe: true })
  })

  test.each(invalid)('invalid: $url (allowAnchor: $allowAnchor, allowSitePath: $allowSitePath)', ({ url, allowAnchor = false, allowSitePath, reason }) => {
    expect(judgeUrl(url, { allowAnchor, ...(allowSitePath !== undefined && { allowSitePath }) })).toEqual({ safe: false, reason })
  })
})
