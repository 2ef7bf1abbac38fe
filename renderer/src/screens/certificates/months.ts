// The months a dealer can look at: from the earliest activation to this month, newest first.
import { monthOfDay, shiftMonth } from '../../format/dates';

export function monthOptions(today: string, activationDates: string[]): string[] {
  const current = monthOfDay(today);
  const earliest = activationDates.reduce((min, d) => (d < min ? d : min), `${shiftMonth(current, -12)}-01`);
  const out: string[] = [];
  for (let m = current; m >= monthOfDay(earliest) && out.length < 240; m = shiftMonth(m, -1)) out.push(m);
  return out;
}

/** The month to open on: the one before this month, or the one before that while it cannot be certified yet. */
export function candidateMonth(today: string): string {
  return shiftMonth(monthOfDay(today), -1);
}
