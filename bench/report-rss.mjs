// Preloaded into every measured process (node --import ./bench/report-rss.mjs …): at exit, appends
// the process's peak resident set size (kB) to the file named by CLAUSEWRIGHT_RSS_FILE.
import { appendFileSync } from 'node:fs'

const file = process.env.CLAUSEWRIGHT_RSS_FILE
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`))
