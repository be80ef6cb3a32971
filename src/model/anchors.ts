/**
 * Anchors come from clause ids, never from titles, so a retitled clause keeps its links.
 * A heading inside a clause gets `<clause id>--<slug of its text>`.
 */
export function headingAnchor(clauseId: string, headingText: string): string {
  const slug = headingText
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${clauseId}--${slug || 'section'}`
}
