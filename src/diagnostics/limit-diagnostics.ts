import { type Diagnostic, diagnostic } from './diagnostic.ts'
import { formatCount } from './words.ts'

/**
 * How many diagnostics a report shows. A policy within every input budget can still break a
 * hundred thousand links (150 clauses of 700 each): printed, that was 36 MB that no one reads, and
 * a CI log or an editor that gives up. The first of each rule are shown, then one diagnostic that
 * counts the rest. The input budgets are in src/source/budgets.ts; these bound the output.
 */
export const diagnosticBudgets = {
  /** Diagnostics of one rule in one file. */
  perRuleAndFile: 100,
  /** Diagnostics of one rule in all the files together: 6,000 release files of 100 each would still be 600,000. */
  perRule: 1000,
} as const

export type DiagnosticLimits = { readonly [K in keyof typeof diagnosticBudgets]: number }

interface Omission {
  readonly first: Diagnostic
  /** Whether it counts what the budget of the rule left out (in this file and those after it), or only of this file. */
  readonly acrossFiles: boolean
  count: number
  readonly files: Set<string>
}

/**
 * The diagnostics a report shows, in their order: at most `perRuleAndFile` of a rule in a file and
 * `perRule` of a rule in all, each group left out counted by one diagnostic of its rule (with
 * `omitted`) in the place of the first it leaves out. Nothing of a diagnostic left out is read
 * but its rule and file, so details worked out lazily (see `diagnostic`) never are.
 */
export function limitDiagnostics(diagnostics: readonly Diagnostic[], limits: DiagnosticLimits = diagnosticBudgets): Diagnostic[] {
  const shownInFile = new Map<string, number>()
  const shownOfRule = new Map<string, number>()
  const omissions = new Map<string, Omission>()
  const kept: Array<Diagnostic | Omission> = []
  for (const item of diagnostics) {
    // A rule's severity can be changed (policy/compliance.yaml): what is counted together must agree on it.
    const rule = `${item.ruleId}\u0000${item.severity}`
    const inFile = `${rule}\u0000${item.file}`
    const acrossFiles = omissions.get(rule)
    if (acrossFiles) {
      acrossFiles.count++
      acrossFiles.files.add(item.file)
      continue
    }
    const inThisFile = omissions.get(inFile)
    if (inThisFile) {
      inThisFile.count++
      continue
    }
    const ofRule = shownOfRule.get(rule) ?? 0
    // An omission shows as a diagnostic too, so it counts towards the rule's budget.
    const ruleBudgetSpent = ofRule >= limits.perRule
    const omission: Omission | undefined = ruleBudgetSpent || (shownInFile.get(inFile) ?? 0) >= limits.perRuleAndFile ? { first: item, acrossFiles: ruleBudgetSpent, count: 1, files: new Set([item.file]) } : undefined
    if (omission) omissions.set(omission.acrossFiles ? rule : inFile, omission)
    kept.push(omission ?? item)
    shownInFile.set(inFile, (shownInFile.get(inFile) ?? 0) + 1)
    shownOfRule.set(rule, ofRule + 1)
  }
  return kept.map((item) => ('acrossFiles' in item ? summarise(item, limits) : item))
}

function summarise({ first, acrossFiles, count, files }: Omission, limits: DiagnosticLimits): Diagnostic {
  const others = files.size - 1
  const where = others > 0 ? `in this file and ${formatCount(others)} other file${others === 1 ? '' : 's'}` : 'in this file'
  const budget = acrossFiles ? `at most ${formatCount(limits.perRule)} of one rule in all` : `at most ${formatCount(limits.perRuleAndFile)} of one rule in a file`
  const summary = diagnostic(first.ruleId, first.file, first.span, `…and ${formatCount(count)} more \`${first.ruleId}\` ${where}, not shown`, { hint: `A report shows ${budget}: fix these and check again to see the rest.` })
  // The severity of those it counts, which policy/compliance.yaml may have changed from the catalogue's.
  return { ...summary, severity: first.severity, omitted: count }
}
