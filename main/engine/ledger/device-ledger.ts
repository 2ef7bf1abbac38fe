// Merges newly fetched reads of one device into what is stored and recomputes only what
// they can change (rules R1–R4, R6). Pure: the database layer feeds it and writes its result.
//
// Why incremental is safe: R4 decides a read b from (a, b, c) — the reference read before
// it, itself and the next usable read. A read arriving at T changes the "next read" only of
// the last usable read p before T, so the walk is redone from p, starting from the reference
// read in force just before p. Everything before p is untouched.
import { maxOrNull as max, type CounterFamily, type NormalizedRead } from '../printtracker/reads';
import type { EpochDay, LocalCalendar } from '../time/days';
import { ANCHOR_OUTCOMES, spreadDelta, walkDevice, type Outcome, type WalkRead, type WalkStep } from './walk';

/** A stored read with what R4 last made of it. */
export interface LedgerRead {
  ts: number;
  life: number | null;
  def: number | null;
  outcome: Outcome | null;
  delta: number;
  fromDay: EpochDay | null;
  toDay: EpochDay | null;
}

/** The per-device figures the app keeps (InitialCount, LatestCount, LifeCount; R3). */
export interface DeviceFigures {
  family: CounterFamily | null;
  initialCount: number | null;
  latestCount: number | null;
  lifeCount: number;
  newestReadAt: number | null;
}

export type WalkAnomalyKind = 'counter-glitch' | 'counter-spike' | 'counter-reset' | 'counter-jump';
const ANOMALY_OF: Partial<Record<Outcome, WalkAnomalyKind>> = {
  glitch: 'counter-glitch',
  spike: 'counter-spike',
  reset: 'counter-reset',
  jump: 'counter-jump',
};

export interface DeviceLedgerInput {
  /** The device as stored, or null when it has never been seen. */
  device: DeviceFigures | null;
  /** Stored reads with ts ≥ storedFrom, in any order. */
  stored: readonly LedgerRead[];
  /** Lower bound of `stored`; null when `stored` is the device's complete history. */
  storedFrom: number | null;
  /** This collection's reads of the device (deduplicated by instant), all ≥ storedFrom. */
  incoming: readonly NormalizedRead[];
  calendar: LocalCalendar;
  /** Only reads at or after the activation instant count (R3). */
  activationStart: number;
  /** Recompute every step from scratch (time zone changed: the feed's ledger is rebuilt). */
  rebuild: boolean;
}

export interface DeviceLedgerChange {
  kind: 'ok';
  device: DeviceFigures;
  /** Rows to insert or update, complete. */
  writes: LedgerRead[];
  /** Page changes per local day. With `rebuild`, the full contribution of the device. */
  ledger: Map<EpochDay, number>;
  /** Walk anomalies that now hold / no longer hold, by read instant. */
  anomaliesAdded: { ts: number; kind: WalkAnomalyKind }[];
  anomaliesRemoved: { ts: number; kind: WalkAnomalyKind }[];
  /** Reads of this collection that have no usable counter in the device's family (R1). */
  unusable: number[];
}

export type DeviceLedgerResult = DeviceLedgerChange | { kind: 'needs-history' };

function valueIn(row: { life: number | null; def: number | null }, family: CounterFamily | null): number | null {
  if (family === 'life') return row.life;
  if (family === 'default') return row.def;
  return null;
}

function sameStep(row: LedgerRead, step: WalkStep | null): boolean {
  if (step === null) return row.outcome === null && row.delta === 0 && row.fromDay === null && row.toDay === null;
  return row.outcome === step.outcome && row.delta === step.delta && row.fromDay === step.fromDay && row.toDay === step.toDay;
}

function addSpread(ledger: Map<EpochDay, number>, sign: 1 | -1, delta: number, fromDay: EpochDay | null, toDay: EpochDay | null): void {
  if (delta === 0 || fromDay === null || toDay === null) return;
  spreadDelta(delta, fromDay, toDay, (day, pages) => ledger.set(day, (ledger.get(day) ?? 0) + sign * pages));
}

interface Restart {
  startIndex: number;
  anchor: WalkRead | null;
}

/**
 * The last usable read p before `firstChange`, and the reference read in force just before
 * p. Null when the rows given do not reach back far enough to know.
 */
function findRestart(ordered: readonly LedgerRead[], family: CounterFamily, firstChange: number, calendar: LocalCalendar): Restart | null {
  let p = -1;
  for (let i = 0; i < ordered.length && ordered[i]!.ts < firstChange; i++) if (valueIn(ordered[i]!, family) !== null) p = i;
  if (p === -1) return null;
  if (ordered[p]!.outcome === 'baseline') return { startIndex: p, anchor: null };
  for (let i = p - 1; i >= 0; i--) {
    const r = ordered[i]!;
    if (r.outcome !== null && ANCHOR_OUTCOMES.has(r.outcome)) {
      return { startIndex: p, anchor: { ts: r.ts, value: valueIn(r, family)!, day: calendar.dayOf(r.ts) } };
    }
  }
  return null;
}

export function updateDeviceLedger(input: DeviceLedgerInput): DeviceLedgerResult {
  const { device, storedFrom, calendar, rebuild } = input;
  if (storedFrom !== null && input.incoming.some((r) => r.ts < storedFrom)) return { kind: 'needs-history' };

  // 1. Merge (R2): a known instant keeps the highest usable counter of each family.
  // Reads before the activation instant do not count (R3). They exist only when a time-zone
  // change moved the activation later: a rebuild then clears what they once contributed.
  const rows = new Map<number, LedgerRead>();
  const outOfScope: LedgerRead[] = [];
  for (const r of input.stored) {
    if (r.ts >= input.activationStart) rows.set(r.ts, { ...r });
    else if (rebuild && (r.outcome !== null || r.delta !== 0)) outOfScope.push(r);
  }
  const dirty = new Set<number>(); // rows whose stored values change
  const previous = new Map<number, { life: number | null; def: number | null }>(); // counters before the merge
  for (const r of input.incoming) {
    if (r.ts < input.activationStart) continue;
    const row = rows.get(r.ts);
    if (!row) {
      rows.set(r.ts, { ts: r.ts, life: r.life, def: r.def, outcome: null, delta: 0, fromDay: null, toDay: null });
      previous.set(r.ts, { life: null, def: null });
      dirty.add(r.ts);
      continue;
    }
    const life = max(row.life, r.life);
    const def = max(row.def, r.def);
    if (life !== row.life || def !== row.def) {
      previous.set(r.ts, { life: row.life, def: row.def });
      row.life = life;
      row.def = def;
      dirty.add(r.ts);
    }
  }
  const ordered = [...rows.values()].sort((x, y) => x.ts - y.ts);

  // 2. R1: the counter family, decided over all stored reads; it only ever moves
  // none → default → life, so the window is enough to see a change.
  const oldFamily = device?.family ?? null;
  // A rebuild decides the family afresh: reads that fell out of scope may have carried it.
  let family: CounterFamily | null = rebuild ? null : oldFamily;
  if (family !== 'life') {
    if (ordered.some((r) => r.life !== null)) family = 'life';
    else if (family === null && ordered.some((r) => r.def !== null)) family = 'default';
  }
  // A device that had no usable read before has no steps to redo: its window is its history.
  const complete = storedFrom === null || oldFamily === null;
  const familyChanged = family !== oldFamily && oldFamily !== null;
  if ((familyChanged || rebuild) && !complete) return { kind: 'needs-history' };

  // 3. Where the walk restarts, and from which reference read.
  const fullWalk = familyChanged || rebuild || oldFamily === null;
  const usable = (r: LedgerRead) => valueIn(r, family) !== null;
  let restart: Restart | null = fullWalk ? { startIndex: 0, anchor: null } : null;
  if (!fullWalk) {
    // The earliest instant whose counter in the family changed: the walk is redone from the read before it.
    let firstChange = Infinity;
    for (const [ts, before] of previous) {
      if (ts < firstChange && valueIn(before, family) !== valueIn(rows.get(ts)!, family)) firstChange = ts;
    }
    if (firstChange !== Infinity) {
      restart = findRestart(ordered, family!, firstChange, calendar);
      if (restart === null) {
        if (!complete) return { kind: 'needs-history' };
        restart = { startIndex: 0, anchor: null };
      }
    }
  }

  const ledger = new Map<EpochDay, number>();
  const anomaliesAdded: DeviceLedgerChange['anomaliesAdded'] = [];
  const anomaliesRemoved: DeviceLedgerChange['anomaliesRemoved'] = [];
  let initialCount = fullWalk ? null : (device?.initialCount ?? null);
  let latestCount = fullWalk ? null : (device?.latestCount ?? null);
  let lifeCount = fullWalk ? 0 : (device?.lifeCount ?? 0);

  if (restart !== null) {
    const redo = ordered.slice(restart.startIndex);
    const walkReads: WalkRead[] = [];
    for (const r of redo) {
      const v = valueIn(r, family);
      if (v !== null) walkReads.push({ ts: r.ts, value: v, day: calendar.dayOf(r.ts) });
    }
    const walked = walkDevice(walkReads, restart.anchor);
    const stepByTs = new Map(walked.steps.map((s) => [s.ts, s]));
    for (const row of redo) {
      const step = stepByTs.get(row.ts) ?? null;
      if (!fullWalk || !rebuild) addSpread(ledger, -1, row.delta, row.fromDay, row.toDay);
      if (!fullWalk) lifeCount -= row.delta;
      if (step) {
        addSpread(ledger, 1, step.delta, step.fromDay, step.toDay);
        lifeCount += step.delta;
        if (step.outcome === 'baseline') initialCount = valueIn(row, family);
      }
      const before = row.outcome ? ANOMALY_OF[row.outcome] : undefined;
      const after = step ? ANOMALY_OF[step.outcome] : undefined;
      if (before !== after) {
        if (before) anomaliesRemoved.push({ ts: row.ts, kind: before });
        if (after) anomaliesAdded.push({ ts: row.ts, kind: after });
      }
      if (!sameStep(row, step)) {
        row.outcome = step?.outcome ?? null;
        row.delta = step?.delta ?? 0;
        row.fromDay = step?.fromDay ?? null;
        row.toDay = step?.toDay ?? null;
        dirty.add(row.ts);
      }
    }
    latestCount = walked.anchor ? walked.anchor.value : latestCount;
    if (fullWalk && walkReads.length === 0) {
      initialCount = null;
      latestCount = null;
    }
  }
  for (const r of outOfScope) {
    const kind = r.outcome ? ANOMALY_OF[r.outcome] : undefined;
    if (kind) anomaliesRemoved.push({ ts: r.ts, kind });
  }
  for (const [day, pages] of ledger) if (pages === 0) ledger.delete(day);

  const incomingTs = new Set(input.incoming.map((r) => r.ts));
  const unusable = ordered.filter((r) => incomingTs.has(r.ts) && !usable(r)).map((r) => r.ts);
  const newestStored = ordered.length > 0 ? ordered[ordered.length - 1]!.ts : null;
  const newestReadAt = rebuild ? newestStored : max(device?.newestReadAt ?? null, newestStored);
  const cleared = outOfScope.map((r) => ({ ...r, outcome: null, delta: 0, fromDay: null, toDay: null }));

  return {
    kind: 'ok',
    device: { family, initialCount, latestCount, lifeCount, newestReadAt },
    writes: [...cleared, ...ordered.filter((r) => dirty.has(r.ts))],
    ledger,
    anomaliesAdded,
    anomaliesRemoved,
    unusable,
  };
}
