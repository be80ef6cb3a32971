// How micromark's time grows with the size of each construct, through plain micromark and through
// our parser (remark-parse with front matter and directives), each run in a process of its own and
// killed after a timeout: the measurements behind the Markdown budgets (src/markdown/markdown-complexity.ts).
//   node bench/markdown-curves.ts [ours|micromark] [construct…]   (TIMEOUT=8000 ms per run)
// Prints, per construct, size → seconds, doubling from 16 KiB until a run times out or reaches 1 MiB.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { micromark } from 'micromark'
import { directive } from 'micromark-extension-directive'
import { parseClauseMarkdown } from '../src/markdown/parse-clause.ts'

const repeat = (unit: string) => (count: number) => unit.repeat(count)

const constructs: Record<string, (count: number) => string> = {
  'unclosed link `[a](`': repeat('[a]('),
  'unclosed image `![a](`': repeat('![a]('),
  'unclosed title `[a](b "`': repeat('[a](b "'),
  'unclosed destination `[a](<`': repeat('[a](<'),
  'closed links `[a](b) `': repeat('[a](b) '),
  'references `[a]`': repeat('[a]'),
  'nested brackets `[[[a]]]`': (count) => `${'['.repeat(count)}a${']'.repeat(count)}`,
  'emphasis `*a`': repeat('*a'),
  'strong `**a`': repeat('**a'),
  'mixed `*a_`': repeat('*a_'),
  'closed emphasis `*a* `': repeat('*a* '),
  'underscore `_a`': repeat('_a'),
  'comment `<!--`': repeat('<!--'),
  'tag `<a `': repeat('<a '),
  'autolink `<http://a`': repeat('<http://a'),
  'backtick runs of growing length': (count) => Array.from({ length: Math.ceil(Math.sqrt(2 * count)) }, (_, index) => `${'`'.repeat(index + 1)}a`).join(''),
  'code `` `a ``': repeat('`a'),
  'directive label `:a[`': repeat(':a['),
  'directive attributes `:a[b]{`': repeat(':a[b]{'),
  'backslashes': repeat('\\'),
  'entities `&a`': repeat('&a'),
  'definitions `[a]: b` lines': (count) => Array.from({ length: count }, (_, index) => `[a${index}]: b\n`).join(''),
  '`[a](` lines': repeat('[a](\n'),
  'paragraphs `a`': repeat('a\n\n'),
  'lines `a`': repeat('a\n'),
  'headings `# a`': repeat('# a\n'),
  'list items `- a`': repeat('- a\n'),
  'block quotes `> a`': repeat('> a\n'),
  'separate lists `- a`, `b`': repeat('- a\n\nb\n\n'),
  'separate block quotes `> a`, `b`': repeat('> a\n\nb\n\n'),
  'nested container directives `:::a`': repeat(':::a\n'),
  'underlined headings `a`, `===`': repeat('a\n===\n'),
}

function text(name: string, bytes: number): string {
  const make = constructs[name]
  if (!make) throw new Error(`unknown construct ${name}`)
  const unit = make(64).length / 64
  return `---\nid: a\ntitle: A\n---\n\nSome text ${make(Math.max(1, Math.floor(bytes / unit)))}\n`
}

const [mode = 'ours', ...rest] = process.argv.slice(2)
if (mode === 'child') {
  const [parser = 'ours', name = '', bytes = '0'] = rest
  const input = text(name, Number(bytes))
  const start = performance.now()
  if (parser === 'micromark') micromark(input, { extensions: [directive()] })
  else parseClauseMarkdown(input)
  process.stdout.write(String(performance.now() - start))
} else {
  const timeout = Number(process.env['TIMEOUT'] ?? 8000)
  for (const name of rest.length > 0 ? rest : Object.keys(constructs)) {
    const row: string[] = []
    for (let bytes = 16_384; bytes <= 1_048_576; bytes *= 2) {
      const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'child', mode, name, String(bytes)], { timeout, encoding: 'utf8' })
      if (result.error || result.status !== 0) {
        row.push(`${bytes >> 10} KiB: ${result.error ? `> ${timeout / 1000} s` : 'failed'}`)
        break
      }
      row.push(`${bytes >> 10} KiB: ${(Number(result.stdout) / 1000).toFixed(2)} s`)
    }
    process.stdout.write(`${name}: ${row.join(', ')}\n`)
  }
}
