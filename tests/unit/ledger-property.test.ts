// Property (R6, R7): whatever order and batches reads arrive in — out of order, duplicated,
// uploaded late — merging them collection by collection gives the same ledger as the
// naive in-order reference, and merging the same reads again changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateDeviceLedger, type DeviceFigures, type LedgerRead } from '../../main/engine/ledger/device-ledger';
import { parseMeterReads } from '../../main/engine/printtracker/reads';
import { isoFromDay, LocalCalendar } from '../../main/engine/time/days';
import { referenceLedger, type RawRead } from '../support/reference-ledger';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const START = Date.parse('2025-03-01T00:00:00Z');
const HOUR = 3_600_000;

/** A device history: mostly rising counters, with resets, glitches, spikes, zeros and duplicates. */
const deviceHistory = (key: string) =>
  fc
    .array(
      fc.record({
        gapHours: fc.integer({ min: 0, max: 80 }),
        kind: fc.constantFrom('normal', 'normal', 'normal', 'normal', 'drop', 'spike', 'zero', 'dup', 'same'),
        pages: fc.integer({ min: 0, max: 900 }),
        defaultOnly: fc.boolean(),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((steps) => {
      const reads: RawRead[] = [];
      let t = START + 5 * HOUR;
      let counter = 10_000;
      for (const s of steps) {
        t += s.gapHours * HOUR + 60_000;
        let value: unknown;
        if (s.kind === 'drop') value = Math.max(1, counter - 5_000 - s.pages);
        else if (s.kind === 'spike') value = counter + 3_000_000 + s.pages;
        else if (s.kind === 'zero') value = '0';
        else {
          counter += s.kind === 'same' ? 0 : s.pages;
          value = String(counter);
        }
        if (s.kind === 'drop' && s.pages % 3 === 0) counter = Number(value); // sometimes a real reset
        const read: RawRead = s.defaultOnly && reads.length % 5 === 0 ? { deviceKey: key, timestamp: new Date(t).toISOString(), def: value } : { deviceKey: key, timestamp: new Date(t).toISOString(), life: value, def: value };
        reads.push(read);
        if (s.kind === 'dup') reads.push({ ...read, life: typeof read.life === 'string' ? String(Math.max(1, Number(read.life) - 7)) : read.life });
      }
      return reads;
    });

function toItem(r: RawRead): Record<string, unknown> {
  const pageCounts: Record<string, unknown> = {};
  if (r.life !== undefined) pageCounts['life'] = { total: { value: r.life } };
  if (r.def !== undefined) pageCounts['default'] = { total: { value: r.def } };
  return { deviceKey: r.deviceKey, timestamp: r.timestamp, pageCounts };
}

/** Stands in for the database: stored rows, device figures and the ledger, per device. */
class Store {
  rows = new Map<number, LedgerRead>();
  device: DeviceFigures | null = null;
  ledger = new Map<number, number>();
  historyLoads = 0;

  collect(batch: RawRead[], calendar: LocalCalendar, activationStart: number, lookbackFrom: number): void {
    const incoming = parseMeterReads(batch.map(toItem), { entityId: 'e', from: lookbackFrom, to: Infinity }).reads;
    const window = [...this.rows.values()].filter((r) => r.ts >= lookbackFrom);
    let result = updateDeviceLedger({ device: this.device, stored: window, storedFrom: this.device ? lookbackFrom : null, incoming, calendar, activationStart, rebuild: false });
    if (result.kind === 'needs-history') {
      this.historyLoads++;
      result = updateDeviceLedger({ device: this.device, stored: [...this.rows.values()], storedFrom: null, incoming, calendar, activationStart, rebuild: false });
    }
    if (result.kind !== 'ok') throw new Error('needs history twice');
    for (const w of result.writes) this.rows.set(w.ts, { ...w });
    for (const [d, p] of result.ledger) {
      const v = (this.ledger.get(d) ?? 0) + p;
      if (v === 0) this.ledger.delete(d);
      else this.ledger.set(d, v);
    }
    this.device = result.device;
  }

  ledgerByIso(): Map<string, number> {
    return new Map([...this.ledger].map(([d, p]) => [isoFromDay(d), p]));
  }
}

describe('ledger merge property (R2, R4, R6, R7)', () => {
  it('any batching, order and duplication gives the in-order reference ledger; re-merging changes nothing', () => {
    fc.assert(
      fc.property(
        deviceHistory('dev-1'),
        fc.constantFrom(...ZONES),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (reads, zone, cuts, seed) => {
          const calendar = new LocalCalendar(zone);
          const activationStart = calendar.startOfDay(calendar.dayOf(START));
          // Deal the reads into batches: each read lands in one batch, some are re-sent later.
          const shuffled = [...reads].sort((a, b) => hash(a.timestamp + seed) - hash(b.timestamp + seed));
          const batches: RawRead[][] = cuts.map(() => []);
          shuffled.forEach((r, i) => {
            const b = (cuts[i % cuts.length]! + i * 7 + seed) % batches.length;
            batches[b]!.push(r);
            if ((i + seed) % 4 === 0) batches[(b + 1) % batches.length]!.push(r);
          });
          const store = new Store();
          for (const batch of batches) {
            if (batch.length === 0) continue;
            // The look-back window starts at the earliest read of the batch (the engine's
            // R6 window always covers what it fetches).
            const from = Math.min(...batch.map((r) => Date.parse(r.timestamp)));
            store.collect(batch, calendar, activationStart, from);
          }
          const expected = referenceLedger(reads, { zone, activation: isoFromDay(calendar.dayOf(START)) });
          expect(store.ledgerByIso()).toEqual(expected);
          const lifeSum = [...expected.values()].reduce((a, b) => a + b, 0);
          expect(store.device?.lifeCount ?? 0).toBe(lifeSum);
          // Idempotent: everything again, in one batch, changes nothing.
          const before = store.ledgerByIso();
          store.collect(reads, calendar, activationStart, Math.min(...reads.map((r) => Date.parse(r.timestamp))));
          expect(store.ledgerByIso()).toEqual(before);
        },
      ),
      { numRuns: 400 },
    );
  });
});

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
