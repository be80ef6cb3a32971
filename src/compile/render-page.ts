import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import { formatDate } from '../render/format-date.ts'
import type { RenderedPolicy } from '../render/render-policy.ts'
import type { PolicyDocument } from './policy-document.ts'
import { jsonForScript } from './to-json-ld.ts'

// Enough style to read and print the policy; the site issue brings the full design.
const style = `
:root { color-scheme: light dark; --text: #1b1b1b; --background: #fff; --muted: #555; --link: #0645ad; }
@media (prefers-color-scheme: dark) { :root { --text: #e8e8e8; --background: #161616; --muted: #aaa; --link: #8ab4f8; } }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 1.05rem/1.6 system-ui, sans-serif; color: var(--text); background: var(--background); overflow-wrap: break-word; }
a { color: var(--link); }
.cw-updated, .cw-missing { color: var(--muted); }
@media print { nav { display: none; } body { max-width: none; font-size: 11pt; } a { color: inherit; } }
`.trim()

/** The policy as one standalone HTML page: no script but its JSON-LD, no request to another site. */
export function renderPage(document: PolicyDocument, rendered: RenderedPolicy, jsonLd: object): string {
  const updated = formatDate(document.lastUpdated, document.language)
  const description = `The privacy policy of ${document.controller.legalName}, last updated ${updated}.`
  const titled = rendered.clauses.filter((clause) => clause.title !== undefined)
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: document.language }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', document.title),
          h('meta', { name: 'description', content: description }),
          h('link', { rel: 'alternate', type: 'application/json', href: 'policy.json' }),
          h('link', { rel: 'alternate', type: 'application/ld+json', href: 'policy.jsonld' }),
          h('style', style),
          h('script', { type: 'application/ld+json' }, jsonForScript(jsonLd)),
        ]),
        h('body', [
          h('header', [h('h1', document.title), h('p.cw-updated', ['Last updated: ', h('time', { dateTime: document.lastUpdated }, updated)])]),
          titled.length > 0 ? h('nav', { ariaLabel: 'Contents' }, [h('ol', titled.map((clause) => h('li', [h('a', { href: `#${clause.id}` }, clause.title ?? clause.id)])))]) : undefined,
          h('main', rendered.clauses.map((clause) => structuredClone(clause.hast))),
        ]),
      ]),
    ],
  }
  return `${toHtml(tree)}\n`
}
