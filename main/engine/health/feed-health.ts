// Rule R11: a feed is unhealthy when at least 3 business days (Monday–Friday, less the
// dealer's holidays) lie strictly between the local date L of its newest fetched read and
// today. Example: newest read on a Friday → still healthy on Wednesday, unhealthy on Thursday.
import type { Health } from '../../../db/records';
import { dayFromIso, isoFromDay, weekdayOf, type EpochDay, type LocalCalendar } from '../time/days';

export const STALE_AFTER_BUSINESS_DAYS = 3;

/** Business days strictly between two local dates (none when `to` ≤ `from` + 1). */
export function businessDaysBetween(from: EpochDay, to: EpochDay, holidays: ReadonlySet<EpochDay>): number {
  let count = 0;
  for (let day = from + 1; day < to; day++) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) count++;
  }
  return count;
}

export interface FeedHealthInput {
  /** Newest timestamp among the feed's fetched reads, ignored ones included; null if none. */
  newestFetchedAt: number | null;
  activationDate: string;
  now: number;
  calendar: LocalCalendar;
  holidays: readonly string[];
}

export interface FeedHealthJudgement {
  health: Health;
  /** L: the local date the judgement starts from. */
  since: EpochDay;
  hasData: boolean;
  businessDaysSilent: number;
  reason: string;
}

export function judgeFeedHealth(input: FeedHealthInput): FeedHealthJudgement {
  const { calendar } = input;
  const hasData = input.newestFetchedAt !== null;
  const since = hasData ? calendar.dayOf(input.newestFetchedAt!) : dayFromIso(input.activationDate);
  const today = calendar.dayOf(input.now);
  const holidays = new Set(input.holidays.map(dayFromIso));
  const silent = businessDaysBetween(since, today, holidays);
  const health: Health = silent >= STALE_AFTER_BUSINESS_DAYS ? 'unhealthy' : 'healthy';
  const label = dayLabel(since);
  let reason: string;
  if (health === 'unhealthy') {
    reason = hasData
      ? `no new data since ${label} — the customer's data-collection agent may be stale`
      : `no data since activation on ${label} — check the customer's data-collection agent`;
  } else {
    reason = hasData ? `receiving data (newest read ${label})` : `waiting for first data (activated ${label})`;
  }
  return { health, since, hasData, businessDaysSilent: silent, reason };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri 5 Sep 2025": unambiguous, and fixed text (stored reasons must not depend on the ICU version). */
export function dayLabel(day: EpochDay): string {
  const [y, m, d] = isoFromDay(day).split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[weekdayOf(day)]} ${d} ${MONTHS[m - 1]} ${y}`;
}
