import { ruleIds, rules } from './rules.ts'

/** The catalogue as README shows it (section "Rules"): a Markdown table, by rule id. */
export function ruleTableMarkdown(): string {
  const rows = ruleIds.map((id) => `| \`${id}\` | ${rules[id].severity} | ${rules[id].description} |`)
  return ['| rule | severity | what it reports |', '| --- | --- | --- |', ...rows].join('\n')
}

/** The catalogue as `check --rules` lists it: one aligned line per rule, by rule id. */
export function ruleListText(): string {
  const width = Math.max(...ruleIds.map((id) => id.length))
  return `${ruleIds.map((id) => `${id.padEnd(width)}  ${rules[id].severity.padEnd(7)}  ${rules[id].description}`).join('\n')}\n`
}
