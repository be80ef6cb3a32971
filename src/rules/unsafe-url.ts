import type { Diagnostic } from '../diagnostics/diagnostic.ts'
import { visit } from 'unist-util-visit'
import { diagnostic, locate, type SemanticRule } from './context.ts'

const allowedSchemes = new Set(['https', 'http', 'mailto'])

export type UrlVerdict = { readonly safe: true } | { readonly safe: false; readonly reason: string }

/**
 * Judges a URL as a browser would read it: control characters and whitespace are dropped before
 * the scheme is read, so `java\tscript:` and `JaVaScRiPt:` are caught. (mdast has already decoded
 * character references such as `&#106;`.)
 */
export function judgeUrl(url: string, { allowAnchor }: { allowAnchor: boolean }): UrlVerdict {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (cleaned.startsWith('#')) return allowAnchor ? { safe: true } : { safe: false, reason: 'an in-page anchor where a full URL is expected' }
  if (cleaned.startsWith('//') || cleaned.startsWith('\\\\') || cleaned.startsWith('/\\') || cleaned.startsWith('\\/')) return { safe: false, reason: 'a protocol-relative URL' }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase()
  if (scheme === undefined) return { safe: false, reason: 'a relative URL' }
  if (!allowedSchemes.has(scheme)) return { safe: false, reason: `the scheme \`${scheme}:\`` }
  return { safe: true }
}

const hint = 'Use an https:, http: or mailto: URL, or #clause-id for a link inside the policy.'

/** URLs in policy.yaml and in clause links, images and definitions. */
export const unsafeUrl: SemanticRule = {
  ids: ['unsafe-url'],
  check({ policyYaml, policy, markdown }) {
    const found: Diagnostic[] = []
    if (policy) {
      const urls: Array<[ReadonlyArray<string | number>, string | undefined]> = [
        [['controller', 'website'], policy.controller.website],
        [['supervisoryAuthority', 'url'], policy.supervisoryAuthority.url],
        ...policy.contacts.map((contact, index): [ReadonlyArray<string | number>, string | undefined] => [['contacts', index, 'url'], contact.url]),
      ]
      for (const [path, url] of urls) {
        if (url === undefined) continue
        const verdict = judgeUrl(url, { allowAnchor: false })
        if (!verdict.safe) found.push(diagnostic('unsafe-url', policyYaml?.file.path ?? '', locate(policyYaml, path), `Unexpected URL with ${verdict.reason}, expected https:, http: or mailto:`, { hint }))
      }
    }
    for (const text of markdown) {
      visit(text.tree, (node) => {
        if (node.type !== 'link' && node.type !== 'definition' && node.type !== 'image') return
        const url = (node as { url: string }).url
        const verdict = judgeUrl(url, { allowAnchor: node.type !== 'image' })
        if (!verdict.safe) {
          found.push(diagnostic('unsafe-url', text.file, text.spanOf(node), `Unexpected ${node.type === 'image' ? 'image' : 'link'} URL with ${verdict.reason}, expected https:, http:, mailto: or #anchor`, { hint }))
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
