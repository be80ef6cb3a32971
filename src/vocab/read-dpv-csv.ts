/** The class names of a DPV CSV extract (`"term","type","iri",…`), sorted and without duplicates. */
export function readDpvTerms(csv: string): string[] {
  const terms = new Set<string>()
  for (const line of csv.split('\n').slice(1)) {
    const match = /^"([^"]+)","([^"]+)"/.exec(line)
    if (match?.[2] === 'class' && match[1]) terms.add(match[1])
  }
  return [...terms].sort()
}
