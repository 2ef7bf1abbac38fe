// Dates on a certificate: the period in the dealer's locale ("October 2025") and the issue
// date of the issue instant in the dealer's zone. The embedded fonts cover Latin script
// only, so a locale that would print other scripts falls back to English.
import { dayFromIso } from '../time/days';

const FALLBACK_LOCALE = 'en-US';
const LATIN_TEXT = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u;

function formatLatin(locale: string, options: Intl.DateTimeFormatOptions, at: number): string {
  try {
    const text = new Intl.DateTimeFormat(locale, { ...options, numberingSystem: 'latn', calendar: 'gregory' }).format(at);
    if (LATIN_TEXT.test(text)) return text;
  } catch {
    // a malformed locale tag must not stop a certificate
  }
  return new Intl.DateTimeFormat(FALLBACK_LOCALE, options).format(at);
}

/** "October 2025" for '2025-10' in the dealer's locale. */
export function periodLabel(month: string, locale: string): string {
  const midMonth = (dayFromIso(`${month}-15`) + 0.5) * 86_400_000;
  return formatLatin(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }, midMonth);
}

/** The calendar date of an instant in the dealer's zone, in the dealer's locale ("November 4, 2025"). */
export function issueDateLabel(at: number, timeZone: string, locale: string): string {
  return formatLatin(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }, at);
}

/** Dates in messages to the dealer ("4 November 2025"), as elsewhere in the app's messages. */
export function messageDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(at);
}

/** Months in messages ("October 2025"). */
export function messageMonth(month: string): string {
  return periodLabel(month, 'en-GB');
}
