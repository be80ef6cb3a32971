import path from 'node:path'
import { parseArgs } from 'node:util'
import { parse } from 'yaml'
import { printable } from '../../diagnostics/format.ts'
import { newPolicyFiles } from '../../source/new-policy.ts'
import { getValidator } from '../../validate/schemas.ts'
import { schemasFrom, writePolicyDirectory } from '../new-directory.ts'
import { assertPlainText, type Io, newPolicyOptions, UsageError } from '../shared.ts'

export const initHelp = `Usage: clausewright init --name <legal name> [--dir policy] [--language en-GB] [--country GB] [--email <address>]

Writes a new policy into a directory that does not exist or is empty: policy.yaml, data.yaml and
seven clauses. It passes the schemas, but its legal content is the placeholder TODO, which check
reports as an error (placeholder-left) until each is replaced with your own words: init never
writes legal content, and nothing with a TODO left can be released or built.

Options:
  --name <text>        The controller's legal name (required), e.g. "Acme Ltd"
  --dir <path>         The directory to write (default: policy)
  --language <tag>     The BCP 47 language tag of the policy (default: en-GB)
  --country <code>     The ISO 3166-1 alpha-2 country of the supervisory authority, e.g. GB
  --email <address>    The address people write to about their data
  --today <date>       The policy's last-updated date, YYYY-MM-DD (default: today, UTC)
  -h, --help           Show this help

Exit status: 0 when the policy was written; 2 on a usage error or when the directory is not empty;
1 when the machine refused a write.
`

// The schema's own patterns (schema/policy.schema.json): refused here, named, rather than written
// into a policy that check would then refuse.
const countryPattern = /^[A-Z]{2}$/
const emailPattern = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\]+$/

export async function runInit(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      name: { type: 'string' },
      dir: { type: 'string', default: 'policy' },
      language: { type: 'string', default: 'en-GB' },
      country: { type: 'string' },
      email: { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    io.stdout(initHelp)
    return 0
  }
  assertPlainText({ name: values.name, dir: values.dir, language: values.language, country: values.country, email: values.email, today: values.today })
  const name = newPolicyOptions.name(values.name ?? '')
  newPolicyOptions.language(values.language)
  if (values.country !== undefined && !countryPattern.test(values.country)) throw new UsageError(`unexpected --country \`${values.country}\`, expected an ISO 3166-1 alpha-2 code in capitals, such as GB`)
  if (values.email !== undefined && !emailPattern.test(values.email)) throw new UsageError(`unexpected --email \`${values.email}\`, expected an address such as privacy@example.com`)
  const today = newPolicyOptions.today(values.today)
  if (values.dir === '') throw new UsageError('unexpected empty --dir, expected a directory')

  const directory = path.resolve(io.cwd, values.dir)
  const shown = printable(values.dir)
  const files = newPolicyFiles({
    name,
    language: values.language,
    today,
    ...(values.country !== undefined && { country: values.country }),
    ...(values.email !== undefined && { email: values.email }),
    ...schemasFrom(directory),
  })
  assertPassesSchema(files.get('policy.yaml') ?? '', values)

  await writePolicyDirectory(directory, shown, files)
  const clauses = [...files.keys()].filter((file) => file.startsWith('clauses/')).length
  io.stderr(`clausewright: wrote ${shown}/ (policy.yaml, data.yaml and ${clauses} clauses). Each TODO marks a place for your own words; \`clausewright check${values.dir === 'policy' ? '' : ` --dir ${printable(shellWord(values.dir))}`}\` lists them.\n`)
  return 0
}

/**
 * The policy written is checked against the schema before anything is written: the patterns above
 * name the option at fault in plain words, and this catches what they let through (an address that
 * the schema's `format: email` refuses, `é@acme.example` or `a..b@acme.example`).
 */
function assertPassesSchema(policyYaml: string, values: { readonly email?: string | undefined }): void {
  const validate = getValidator('policy')
  if (validate(parse(policyYaml))) return
  const paths = (validate.errors ?? []).map((error) => error.instancePath)
  if (values.email !== undefined && paths.some((where) => where.endsWith('/email'))) throw new UsageError(`unexpected --email \`${values.email}\`, expected an address such as privacy@example.com`)
  throw new Error(`the policy init would write does not pass its schema (${paths.join(', ')})`)
}

/** An argument as a POSIX shell reads it back: quoted where it holds more than a path's usual characters. */
function shellWord(text: string): string {
  const word = text.startsWith('-') ? `./${text}` : text
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`
}
