// The site arrives with the site issue; `src/` is the compiler, so Astro's pages live in `site/`.
export default {
  srcDir: './site',
}
