// Every field of policy.yaml that a rule reads, and every list of data.yaml, fails its schema: a
// rule then judges nothing (the schema errors say what is wrong); a field that passed is judged.
// Shared by the semantic and the compliance rules' cases.
const replace = (file: string, find: string, replacement: string) => ({ file, find, with: replacement })
const change = (...replacements: Array<ReturnType<typeof replace>>) => ({ change: { replace: replacements } })

export const invalidPolicy = change(
  replace('policy.yaml', 'language: en-GB', 'language: 12'),
  replace('policy.yaml', 'lastUpdated: 2020-02-29', 'lastUpdated: 2020-02-30'),
  replace('policy.yaml', 'legalName: Example Limited', 'legalName: 12'),
  replace('policy.yaml', 'email: privacy@example.com', 'email: 12'),
  replace('policy.yaml', '  - rights\n', '  - rights\n  - 12\n'),
  replace('policy.yaml', 'url: https://ico.org.uk/make-a-complaint/', 'url: 12'),
  replace('policy.yaml', 'designated: false', 'designated: maybe'),
  replace('policy.yaml', 'used: false', 'used: maybe'),
)

export const invalidData = change(
  replace('data.yaml', 'label: Email address', 'label: 12'),
  replace('data.yaml', '    group: main\n    text: to send', '    group: 7\n    text: to send'),
  replace('data.yaml', 'kind: service-provider', 'kind: friends'),
  replace('data.yaml', '    right: access\n', '    right: acces\n'),
  replace('data.yaml', 'made: false', 'made: maybe'),
)
