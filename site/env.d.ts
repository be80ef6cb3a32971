/// <reference types="astro/client" />
/** The path the policy pages are mounted at (the integration's `base` option), with slashes. */
declare const __CLAUSEWRIGHT_BASE__: string
