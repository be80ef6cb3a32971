import type { AstroRunner } from '../../src/astro/build-site.ts'
import { main } from '../../src/cli/main.ts'

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the CLI in this process with captured output: for tests of behaviour, not of the process.
 * `build` runs Astro's build through `runAstro` when given (test/helpers/replayed-astro.ts).
 */
export async function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}, runAstro?: AstroRunner): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    // The diff cache of `build` goes to the test run's directory (test/helpers/global-setup.ts).
    env: { ...(process.env['CLAUSEWRIGHT_CACHE_DIR'] && { CLAUSEWRIGHT_CACHE_DIR: process.env['CLAUSEWRIGHT_CACHE_DIR'] }), ...env },
    cwd,
    isTty: false,
    isStderrTty: false,
    ...(runAstro && { runAstro }),
  })
  return { code, stdout, stderr }
}
