#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node >= 22.18; the project pins Node 24).
import { main } from '../src/cli/main.ts'

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTty: process.stdout.isTTY === true,
  isStderrTty: process.stderr.isTTY === true,
})
