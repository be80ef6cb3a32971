import { impliedDateFormat } from '../model/policy-document.ts'
import type { DateFormat } from '../model/types.ts'

const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

// Creating a DateTimeFormat loads ICU data (about 14 ms, see bench/results.md): one per language.
const formats = new Map<string, Intl.DateTimeFormat>()

/**
 * Writes a YYYY-MM-DD date out as policy.yaml's `dateFormat` says: `language` (the default), in
 * the style of the policy's language ("July 27, 2023" in en-US, "27 July 2023" in en-GB, "27. Juli
 * 2023" in de-DE); `ordinal`, with an English ordinal ("27th July 2023"), whatever the language.
 */
export function formatDate(isoDate: string, language: string, dateFormat: DateFormat = 'language'): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (dateFormat === 'ordinal') {
    const day = date.getUTCDate()
    return `${day}${ordinalSuffix(day)} ${englishMonths[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}`
  }
  let format = formats.get(language)
  if (!format) formats.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })))
  return format.format(date)
}

/** As dates were written before `dateFormat` existed (and are in a document without it): English with an ordinal, any other language in its style. */
export function formatDateAsBefore(isoDate: string, language: string): string {
  return formatDate(isoDate, language, impliedDateFormat(language))
}

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th'
  return { 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'
}
