import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * What a person writes into an imported policy.yaml that the text does not say (test values): the
 * supervisory authority, what a contact address is for, and a contact where the text gave none.
 */
export function filledPolicy(policy: string): string {
  return policy
    .replace('contacts: []', 'contacts:\n  - id: privacy\n    description: Questions about privacy\n    email: privacy@example.com')
    .replace('"TODO: what people write to this address for"', 'Questions about privacy')
    .replace('"TODO: the data protection authority people can complain to"', 'Example supervisory authority')
    .replace('https://TODO.invalid/', 'https://authority.example/')
}

/** `filledPolicy` on `<cwd>/policy/policy.yaml`; a placeholder left is an error, not a silent test of another policy. */
export async function fillPlaceholders(cwd: string): Promise<void> {
  const file = path.join(cwd, 'policy', 'policy.yaml')
  const filled = filledPolicy(await readFile(file, 'utf8'))
  // The comment at the top names TODO too.
  if (/TODO/.test(filled.replace(/^#.*\n/gm, ''))) throw new Error(`${file} still holds a TODO after filling`)
  await writeFile(file, filled)
}
