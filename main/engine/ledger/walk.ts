// Rule R4: walk a device's usable reads in order and turn counter movements into page
// deltas, telling glitches, spikes, resets and jumps apart by looking one read ahead.
import type { EpochDay } from '../time/days';

/** What R4 made of one usable read. */
export type Outcome =
  | 'baseline' // R3: the device's first usable read (InitialCount)
  | 'accepted' // a normal step: delta = vb − va (may be 0)
  | 'glitch' // a drop the next read contradicts: ignored
  | 'spike' // an impossible rise the next read contradicts: ignored
  | 'reset' // a drop the next read confirms: new baseline, no pages
  | 'jump'; // a huge rise the next read confirms: new baseline, no pages

/** Outcomes after which the read becomes the walk's reference read *a*. */
export const ANCHOR_OUTCOMES: ReadonlySet<Outcome> = new Set(['baseline', 'accepted', 'reset', 'jump']);

/** R4: no printer prints more than this many pages a day. */
export const MAX_PAGES_PER_DAY = 1_000_000;

export interface WalkRead {
  ts: number;
  value: number;
  day: EpochDay;
}

export interface WalkStep {
  ts: number;
  outcome: Outcome;
  /** Pages this read adds (only `accepted` steps have a non-zero delta). */
  delta: number;
  /** Day of the reference read *a*; the delta is spread over (fromDay, toDay], or on toDay when equal. */
  fromDay: EpochDay | null;
  toDay: EpochDay | null;
}

/**
 * Walks `reads` (usable reads of one device, strictly increasing `ts`) starting from the
 * reference read `anchor` (null: the first read becomes the baseline). Returns one step
 * per read and the reference read after the last one.
 */
export function walkDevice(reads: readonly WalkRead[], anchor: WalkRead | null): { steps: WalkStep[]; anchor: WalkRead | null } {
  const steps: WalkStep[] = [];
  let a = anchor;
  for (let i = 0; i < reads.length; i++) {
    const b = reads[i]!;
    if (a === null) {
      steps.push({ ts: b.ts, outcome: 'baseline', delta: 0, fromDay: null, toDay: null });
      a = b;
      continue;
    }
    const c = reads[i + 1];
    const k = Math.max(1, b.day - a.day);
    if (b.value < a.value) {
      if (c === undefined || c.value >= a.value) {
        steps.push({ ts: b.ts, outcome: 'glitch', delta: 0, fromDay: null, toDay: null });
      } else {
        steps.push({ ts: b.ts, outcome: 'reset', delta: 0, fromDay: null, toDay: null });
        a = b;
      }
      continue;
    }
    if (b.value - a.value > MAX_PAGES_PER_DAY * k) {
      if (c === undefined || c.value < b.value) {
        steps.push({ ts: b.ts, outcome: 'spike', delta: 0, fromDay: null, toDay: null });
      } else {
        steps.push({ ts: b.ts, outcome: 'jump', delta: 0, fromDay: null, toDay: null });
        a = b;
      }
      continue;
    }
    steps.push({ ts: b.ts, outcome: 'accepted', delta: b.value - a.value, fromDay: a.day, toDay: b.day });
    a = b;
  }
  return { steps, anchor: a };
}

/**
 * R4 spreading: a delta between reads on different days is shared by the k days after
 * day(a) up to and including day(b): ⌊Δ/k⌋ each, the last (Δ mod k) days one more.
 * Calls `add(day, pages)` for each day that gets pages; the sum is exactly Δ.
 */
export function spreadDelta(delta: number, fromDay: EpochDay, toDay: EpochDay, add: (day: EpochDay, pages: number) => void): void {
  if (delta === 0) return;
  if (toDay <= fromDay) {
    add(toDay, delta);
    return;
  }
  const k = toDay - fromDay;
  const each = Math.floor(delta / k);
  const extra = delta % k;
  for (let i = 1; i <= k; i++) {
    const pages = each + (i > k - extra ? 1 : 0);
    if (pages !== 0) add(fromDay + i, pages);
  }
}
