// The nightly slot in the dealer's zone: "02:00" means 02:00 local on every calendar day,
// whatever the UTC offset that day (DST included; a time that does not exist that day
// moves forward, as luxon normalises it).
import { DateTime } from 'luxon';

function slotOn(date: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return date.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The most recent slot at or before `now`. */
export function lastSlotAtOrBefore(now: number, hhmm: string, timeZone: string): number {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const today = slotOn(local, hhmm);
  return (today.toMillis() <= now ? today : slotOn(local.minus({ days: 1 }), hhmm)).toMillis();
}

/** The first slot strictly after `now`. */
export function nextSlotAfter(now: number, hhmm: string, timeZone: string): number {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const today = slotOn(local, hhmm);
  return (today.toMillis() > now ? today : slotOn(local.plus({ days: 1 }), hhmm)).toMillis();
}
