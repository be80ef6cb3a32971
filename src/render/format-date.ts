// English month names, so that the common case needs no Intl: creating a DateTimeFormat loads
// ICU data, about 14 ms of every `check` (see bench/results.md).
const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Writes a YYYY-MM-DD date out in the policy's language; English takes an ordinal ("25th January 2019"). */
export function formatDate(isoDate: string, language: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (/^en\b/i.test(language)) {
    const day = date.getUTCDate()
    return `${day}${ordinalSuffix(day)} ${englishMonths[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`
  }
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th'
  return { 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'
}
