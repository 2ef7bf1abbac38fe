// Rule R10 as pure functions: when a month can be certified, which months a feed certifies
// (in order, from its activation month), and the pages each certificate shows.
import { monthRange, type LocalCalendar } from '../time/days';

/** 'YYYY-MM' → the month after it. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM' → the month before it. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Every month from `first` to `last`, both included (none when first > last). */
export function monthsFromTo(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) out.push(m);
  return out;
}

/**
 * R10: the first instant at which `month` can be certified — the start of day
 * (graceDays + 1) of the next month in the dealer's zone (grace 3: October from 4 November 00:00).
 */
export function certifiableFrom(month: string, graceDays: number, calendar: LocalCalendar): number {
  return calendar.startOfDay(monthRange(nextMonth(month)).first + graceDays);
}

export function isCertifiable(month: string, now: number, graceDays: number, calendar: LocalCalendar): boolean {
  return now >= certifiableFrom(month, graceDays, calendar);
}

/** The newest month that can be certified at `now` (grace is at most 28 days: one of the two before the current). */
export function latestCertifiableMonth(now: number, graceDays: number, calendar: LocalCalendar): string {
  const current = monthOfDay(calendar.dayOf(now));
  const previous = previousMonth(current);
  return isCertifiable(previous, now, graceDays, calendar) ? previous : previousMonth(previous);
}

function monthOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 7);
}

export interface CertifiedMonth {
  month: string;
  shownPages: number;
}

export interface MonthCertification {
  month: string;
  /** P: the month's ledger pages now. */
  ledgerPages: number;
  /** C: ledger pages of the certified months now minus the pages their certificates show. */
  openCarry: number;
  /** max(0, P + C): a certificate document is issued only when this is above 0. */
  shownPages: number;
  /** shown − P (negative: an adjustment to earlier months). */
  carriedPages: number;
}

/** C: the ledger pages of the certified months now, minus the pages their certificates show. */
export function openCarry(certified: readonly CertifiedMonth[], ledgerPages: (month: string) => number): number {
  let carry = 0;
  for (const c of certified) carry += ledgerPages(c.month) - c.shownPages;
  return carry;
}

export interface CertificationPlanInput {
  /** 'YYYY-MM' of the feed's activation date: no earlier month is ever certified. */
  activationMonth: string;
  /** The feed's months certified so far (with or without a document). */
  certified: readonly CertifiedMonth[];
  /** The feed's ledger pages per month now (R8); absent months have 0 pages. */
  ledgerByMonth: ReadonlyMap<string, number>;
  /** Certify up to and including this month. */
  throughMonth: string;
}

/**
 * R10: the months a feed certifies to reach `throughMonth` — every month from its
 * activation month not certified yet, oldest first — and what each shows. Each month's
 * certification counts as certified for the next one, document or not.
 */
export function planCertification(input: CertificationPlanInput): MonthCertification[] {
  const pagesOf = (month: string) => input.ledgerByMonth.get(month) ?? 0;
  const done = new Set(input.certified.map((c) => c.month));
  let carry = openCarry(input.certified, pagesOf);
  const plan: MonthCertification[] = [];
  for (const month of monthsFromTo(input.activationMonth, input.throughMonth)) {
    if (done.has(month)) continue;
    const ledgerPages = pagesOf(month);
    const shownPages = Math.max(0, ledgerPages + carry);
    plan.push({ month, ledgerPages, openCarry: carry, shownPages, carriedPages: shownPages - ledgerPages });
    // The month is certified now: its ledger joins the certified total, its shown pages too.
    carry = carry + ledgerPages - shownPages;
  }
  return plan;
}
