// Dates in the dealer's time zone and locale (AppInfo.timezone / locale), never the
// browser's: the engine's day boundaries are the dealer's, and so must be what we show.

export interface DateFormatter {
  /** "Nov 27, 2026, 14:05" */
  dateTime(ms: number): string;
  /** "Nov 27, 2026" */
  date(ms: number): string;
  /** "14:05" */
  time(ms: number): string;
  /** "Fri, Nov 27, 14:05": short, for recent events. */
  short(ms: number): string;
  /** "Nov 27": a day this year, in a narrow column. */
  monthDay(ms: number): string;
  /** An ISO day (YYYY-MM-DD) as "Sep 1, 2026"; the day is a calendar day, not an instant. */
  day(iso: string): string;
  /** A month (YYYY-MM) as "October 2026". */
  month(month: string): string;
  /** Today's ISO day in the dealer's zone. */
  today(now: number): string;
  /** "3 minutes ago", "in 5 hours". */
  relative(ms: number, now: number): string;
}

const DAY_MS = 86_400_000;

export function isoDayInZone(ms: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function createDateFormatter(timeZoneName: string, locale: string): DateFormatter {
  const timeZone = safeZone(timeZoneName);
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const short = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const monthDay = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric' });
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    dateTime: (ms) => dateTime.format(ms),
    date: (ms) => date.format(ms),
    time: (ms) => time.format(ms),
    short: (ms) => short.format(ms),
    monthDay: (ms) => monthDay.format(ms),
    day: (iso) => {
      const ms = Date.parse(`${iso}T00:00:00Z`);
      return Number.isFinite(ms) ? day.format(ms) : iso;
    },
    month: (m) => {
      const ms = Date.parse(`${m}-01T00:00:00Z`);
      return Number.isFinite(ms) ? month.format(ms) : m;
    },
    today: (now) => isoDayInZone(now, timeZone),
    relative: (ms, now) => {
      const diff = ms - now;
      const abs = Math.abs(diff);
      if (abs < 45_000) return rtf.format(0, 'second');
      if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
      if (abs < DAY_MS) return rtf.format(Math.round(diff / 3_600_000), 'hour');
      return rtf.format(Math.round(diff / DAY_MS), 'day');
    },
  };
}

/** YYYY-MM of an ISO day. */
export function monthOfDay(iso: string): string {
  return iso.slice(0, 7);
}

/** The month before (delta -1) or after (+1) a YYYY-MM month. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first day of the month that contains an ISO day. */
export function firstOfMonth(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}
