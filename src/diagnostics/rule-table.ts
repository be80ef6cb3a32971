import { ruleDocsDirectory, ruleDocsPath } from './rule-docs.ts'
import { ruleIds, rules } from './rules.ts'

/** The last line of `check --rules`: where every rule is documented. */
export const ruleDocsFootnote = `Each rule is documented, with an example and how to fix it, in ${ruleDocsDirectory}/<rule>.md.`

/** The catalogue as README shows it (section "Rules"): a Markdown table, by rule id, each id a link to its page. */
export function ruleTableMarkdown(): string {
  const rows = ruleIds.map((id) => `| [\`${id}\`](${ruleDocsPath(id)}) | ${rules[id].severity} | ${rules[id].description} |`)
  return ['| rule | severity | what it reports |', '| --- | --- | --- |', ...rows].join('\n')
}

/** The catalogue as `check --rules` lists it: one aligned line per rule, by rule id, then where each is documented. */
export function ruleListText(): string {
  const width = Math.max(...ruleIds.map((id) => id.length))
  return `${ruleIds.map((id) => `${id.padEnd(width)}  ${rules[id].severity.padEnd(7)}  ${rules[id].description}`).join('\n')}\n\n${ruleDocsFootnote}\n`
}
