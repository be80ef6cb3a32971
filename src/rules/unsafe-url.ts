import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.ts'
import { visit } from 'unist-util-visit'
import { judgeUrl } from '../model/url.ts'
import { locate } from '../yaml/locate.ts'
import type { SemanticRule } from './context.ts'

const hint = 'Use an https:, http: or mailto: URL, or #clause-id for a link inside the policy.'
// Only a clause's link may lead to a page of the site: policy.yaml and images refuse /path.
const linkHint = 'Use an https:, http: or mailto: URL, #clause-id for a link inside the policy, or /path for a page of the site that publishes it.'

/** URLs in policy.yaml and in clause links, images and definitions. */
export const unsafeUrl: SemanticRule = {
  ids: ['unsafe-url'],
  check({ policyYaml, policyFields, markdown }) {
    const found: Diagnostic[] = []
    if (policyFields) {
      const urls: Array<[ReadonlyArray<string | number>, string | undefined]> = [
        [['controller', 'website'], policyFields.controller?.website],
        [['supervisoryAuthority', 'url'], policyFields.supervisoryAuthority?.url],
        ...(policyFields.contacts ?? []).map((contact, index): [ReadonlyArray<string | number>, string | undefined] => [['contacts', index, 'url'], contact.url]),
      ]
      for (const [path, url] of urls) {
        if (url === undefined) continue
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, policy.yaml's schema (format uri) already refuses an anchor, and a missing allowAnchor is false
        const verdict = judgeUrl(url, { allowAnchor: false })
        if (!verdict.safe) {
          found.push(
            diagnostic(
              'unsafe-url',
              // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, `policyFields` is there only when policy.yaml was parsed, so `policyYaml` is too
              policyYaml?.file.path ?? '',
              locate(policyYaml, path),
              `Unexpected URL with ${verdict.reason}, expected https:, http: or mailto:`,
              { hint },
            ),
          )
        }
      }
    }
    for (const text of markdown) {
      visit(text.tree, (node) => {
        if (node.type !== 'link' && node.type !== 'definition' && node.type !== 'image') return
        const url = (node as { url: string }).url
        const link = node.type !== 'image'
        const verdict = judgeUrl(url, { allowAnchor: link, allowSitePath: link })
        if (!verdict.safe) {
          found.push(diagnostic('unsafe-url', text.file, text.spanOf(node), `Unexpected ${link ? 'link' : 'image'} URL with ${verdict.reason}, expected ${link ? 'https:, http:, mailto:, #anchor or /path' : 'https:, http:, mailto: or #anchor'}`, { hint: link ? linkHint : hint }))
        } else if (node.type === 'image') {
          found.push(
            diagnostic('unsafe-url', text.file, text.spanOf(node), 'Unexpected image from another site, expected no remote images: a remote image in a privacy policy tells that site who reads it', {
              hint: 'Remove the image.',
            }),
          )
        }
      })
    }
    return found
  },
}
