/** Writes a YYYY-MM-DD date out in the policy's language; English takes an ordinal ("25th January 2019"). */
export function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (/^en\b/i.test(language)) {
    const day = date.getUTCDate()
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(date)
    return `${day}${ordinalSuffix(day)} ${month} ${date.getUTCFullYear()}`
  }
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th'
  return { 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'
}
