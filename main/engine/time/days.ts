// Calendar days as integers ("epoch days": 0 = 1970-01-01) so that day arithmetic is
// plain integer arithmetic. Dates are civil dates, not 24 h spans, so DST never matters here.
import { DateTime, IANAZone } from 'luxon';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type EpochDay = number;

/** 'YYYY-MM-DD' → epoch day; throws on anything that is not a real calendar date. */
export function dayFromIso(iso: string): EpochDay {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return Math.floor(ms / MS_PER_DAY);
}

export function isoFromDay(day: EpochDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** 'YYYY-MM' of a day. */
export function monthOf(day: EpochDay): string {
  return isoFromDay(day).slice(0, 7);
}

/** First and last epoch day of a 'YYYY-MM' month. */
export function monthRange(month: string): { first: EpochDay; last: EpochDay } {
  const first = dayFromIso(`${month}-01`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = Math.floor(Date.UTC(y, m, 0) / MS_PER_DAY);
  return { first, last };
}

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/**
 * Maps instants to local calendar days in one IANA zone. Offsets are cached per
 * 15-minute UTC slot: every real-world offset change falls on such a slot, and a year
 * of reads then costs a few thousand zone look-ups instead of hundreds of thousands.
 */
export class LocalCalendar {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
    this.zone = IANAZone.create(timeZone);
  }

  /** Offset from UTC in ms at the instant `ts`. */
  offsetAt(ts: number): number {
    const slot = Math.floor(ts / 900_000);
    let minutes = this.offsets.get(slot);
    if (minutes === undefined) {
      minutes = this.zone.offset(ts);
      this.offsets.set(slot, minutes);
    }
    return minutes * 60_000;
  }

  /** The local calendar day of an instant. */
  dayOf(ts: number): EpochDay {
    return Math.floor((ts + this.offsetAt(ts)) / MS_PER_DAY);
  }

  /** The first instant of a local calendar day (handles days that do not start at 00:00). */
  startOfDay(day: EpochDay): number {
    return DateTime.fromISO(isoFromDay(day), { zone: this.zone }).startOf('day').toMillis();
  }

  /** The first instant of the day after `day`: the exclusive end of that day. */
  endOfDay(day: EpochDay): number {
    return this.startOfDay(day + 1);
  }

  /** A human date label in the dealer's zone, e.g. "Fri 5 Sep 2025". */
  format(ts: number, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): string {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: this.timeZone }).format(ts);
  }
}

export const DAY_MS = MS_PER_DAY;
