// R10 as pure functions: when a month may be certified (grace period in the dealer's zone),
// the order of certification, and the pages each certificate shows — checked on examples
// and, with fast-check, against an independent incremental model over a year of late data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certifiableFrom,
  isCertifiable,
  latestCertifiableMonth,
  monthsFromTo,
  nextMonth,
  openCarry,
  planCertification,
  previousMonth,
  type CertifiedMonth,
} from '../../main/engine/certificates/certify';
import { LocalCalendar } from '../../main/engine/time/days';

const chicago = new LocalCalendar('America/Chicago');
const utc = new LocalCalendar('UTC');

describe('months', () => {
  it('steps across year ends', () => {
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(nextMonth('2025-09')).toBe('2025-10');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2025-10')).toBe('2025-09');
    expect(monthsFromTo('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsFromTo('2025-11', '2025-10')).toEqual([]);
  });
});

describe('grace period (R10)', () => {
  it('opens October from the first instant of 4 November in the dealer zone with 3 days of grace', () => {
    expect(new Date(certifiableFrom('2025-10', 3, chicago)).toISOString()).toBe('2025-11-04T06:00:00.000Z'); // CST after the DST change
    expect(new Date(certifiableFrom('2025-10', 3, utc)).toISOString()).toBe('2025-11-04T00:00:00.000Z');
    expect(new Date(certifiableFrom('2025-10', 3, new LocalCalendar('Asia/Tokyo'))).toISOString()).toBe('2025-11-03T15:00:00.000Z');
    expect(isCertifiable('2025-10', Date.parse('2025-11-04T05:59:59.999Z'), 3, chicago)).toBe(false);
    expect(isCertifiable('2025-10', Date.parse('2025-11-04T06:00:00.000Z'), 3, chicago)).toBe(true);
  });

  it('with no grace, a month is certifiable once it has ended (local midnight, daylight time)', () => {
    expect(new Date(certifiableFrom('2025-09', 0, chicago)).toISOString()).toBe('2025-10-01T05:00:00.000Z');
    expect(new Date(certifiableFrom('2025-12', 0, utc)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(new Date(certifiableFrom('2026-01', 28, utc)).toISOString()).toBe('2026-03-01T00:00:00.000Z'); // 1 Feb + 28 days
  });

  it('names the newest certifiable month', () => {
    expect(latestCertifiableMonth(Date.parse('2025-11-04T05:59:59Z'), 3, chicago)).toBe('2025-09');
    expect(latestCertifiableMonth(Date.parse('2025-11-04T06:00:00Z'), 3, chicago)).toBe('2025-10');
    expect(latestCertifiableMonth(Date.parse('2026-01-01T00:00:00Z'), 0, utc)).toBe('2025-12');
    expect(latestCertifiableMonth(Date.parse('2025-12-31T23:59:59Z'), 0, utc)).toBe('2025-11');
    expect(latestCertifiableMonth(Date.parse('2026-02-28T23:59:59Z'), 28, utc)).toBe('2025-12');
  });
});

describe('planCertification (R10)', () => {
  const ledger = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('certifies in order from the activation month, never before it', () => {
    const plan = planCertification({ activationMonth: '2025-08', certified: [], ledgerByMonth: ledger({ '2025-07': 999, '2025-08': 10, '2025-09': 20, '2025-10': 30 }), throughMonth: '2025-10' });
    expect(plan).toEqual([
      { month: '2025-08', ledgerPages: 10, openCarry: 0, shownPages: 10, carriedPages: 0 },
      { month: '2025-09', ledgerPages: 20, openCarry: 0, shownPages: 20, carriedPages: 0 },
      { month: '2025-10', ledgerPages: 30, openCarry: 0, shownPages: 30, carriedPages: 0 },
    ]);
    expect(planCertification({ activationMonth: '2025-11', certified: [], ledgerByMonth: ledger({}), throughMonth: '2025-10' })).toEqual([]);
  });

  it('carries later pages of certified months forward, positive or negative', () => {
    const certified: CertifiedMonth[] = [
      { month: '2025-09', shownPages: 100 },
      { month: '2025-10', shownPages: 200 },
    ];
    const up = planCertification({ activationMonth: '2025-09', certified, ledgerByMonth: ledger({ '2025-09': 105, '2025-10': 212, '2025-11': 50 }), throughMonth: '2025-11' });
    expect(up).toEqual([{ month: '2025-11', ledgerPages: 50, openCarry: 17, shownPages: 67, carriedPages: 17 }]);
    const down = planCertification({ activationMonth: '2025-09', certified, ledgerByMonth: ledger({ '2025-09': 100, '2025-10': 190, '2025-11': 50 }), throughMonth: '2025-11' });
    expect(down).toEqual([{ month: '2025-11', ledgerPages: 50, openCarry: -10, shownPages: 40, carriedPages: -10 }]);
  });

  it('shows nothing when the adjustment outweighs the month, and keeps the rest open', () => {
    const certified: CertifiedMonth[] = [{ month: '2025-09', shownPages: 100 }];
    const plan = planCertification({ activationMonth: '2025-09', certified, ledgerByMonth: ledger({ '2025-09': 40, '2025-10': 25, '2025-11': 70 }), throughMonth: '2025-11' });
    expect(plan).toEqual([
      { month: '2025-10', ledgerPages: 25, openCarry: -60, shownPages: 0, carriedPages: -25 },
      { month: '2025-11', ledgerPages: 70, openCarry: -35, shownPages: 35, carriedPages: -35 },
    ]);
  });

  it('gives the same certificates month by month as all at once when nothing changes in between', () => {
    const pages = ledger({ '2025-01': 5, '2025-02': 0, '2025-03': 7 });
    const all = planCertification({ activationMonth: '2025-01', certified: [], ledgerByMonth: pages, throughMonth: '2025-03' });
    const certified: CertifiedMonth[] = [];
    const stepwise = [];
    for (const m of ['2025-01', '2025-02', '2025-03']) {
      const [step] = planCertification({ activationMonth: '2025-01', certified, ledgerByMonth: pages, throughMonth: m });
      stepwise.push(step);
      certified.push({ month: step!.month, shownPages: step!.shownPages });
    }
    expect(stepwise).toEqual(all);
  });
});

// ---- property: a year of late data, certified month by month -----------------------------

const MONTHS = monthsFromTo('2025-01', '2025-12');

/** What happens after month i is certified: late pages reach earlier months (±). */
const lateChange = fc.record({
  monthsBack: fc.integer({ min: 0, max: 11 }),
  delta: fc.integer({ min: -5_000, max: 5_000 }),
});

const yearScenario = fc.record({
  activationIndex: fc.integer({ min: 0, max: 6 }),
  // Ledger pages first seen for each month (before its certification); zeros included.
  initial: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })), { minLength: 12, maxLength: 12 }),
  // After each certification, some late reads.
  late: fc.array(fc.array(lateChange, { maxLength: 4 }), { minLength: 12, maxLength: 12 }),
  // Some months are certified together (a dealer who certifies late).
  skipMonth: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
});

describe('R10 invariant over a year (property)', () => {
  it('Σ shown + open carry = ledger of certified months after every step, matching an incremental model', () => {
    fc.assert(
      fc.property(yearScenario, (s) => {
        const ledgerNow = new Map<string, number>();
        const certified: CertifiedMonth[] = [];
        // Independent model: one running carry, moved by every late change to a certified month.
        let modelCarry = 0;
        const modelShown = new Map<string, number>();
        const activation = MONTHS[s.activationIndex]!;
        for (let i = 0; i < 12; i++) {
          const month = MONTHS[i]!;
          ledgerNow.set(month, s.initial[i]!);
          if (s.skipMonth[i] && i < 11) continue; // certified together with the next month
          const plan = planCertification({ activationMonth: activation, certified, ledgerByMonth: ledgerNow, throughMonth: month });
          for (const step of plan) {
            const p = ledgerNow.get(step.month) ?? 0;
            const shown = Math.max(0, p + modelCarry);
            expect(step).toEqual({ month: step.month, ledgerPages: p, openCarry: modelCarry, shownPages: shown, carriedPages: shown - p });
            modelCarry = modelCarry + p - shown;
            modelShown.set(step.month, shown);
            certified.push({ month: step.month, shownPages: step.shownPages });
          }
          expect(certified.map((c) => c.month)).toEqual(monthsFromTo(activation, month));
          // Late reads land in this and earlier months (never making a month negative).
          for (const change of s.late[i]!) {
            const target = MONTHS[Math.max(0, i - change.monthsBack)]!;
            const before = ledgerNow.get(target) ?? 0;
            const after = Math.max(0, before + change.delta);
            ledgerNow.set(target, after);
            if (modelShown.has(target)) modelCarry += after - before;
          }
          const shownTotal = certified.reduce((sum, c) => sum + c.shownPages, 0);
          const certifiedLedger = certified.reduce((sum, c) => sum + (ledgerNow.get(c.month) ?? 0), 0);
          const carry = openCarry(certified, (m) => ledgerNow.get(m) ?? 0);
          expect(carry).toBe(modelCarry);
          expect(shownTotal + carry).toBe(certifiedLedger);
          expect(certified.every((c) => c.shownPages >= 0)).toBe(true);
        }
        // The carry left open is what the next certificate carries: a big month reveals it.
        const probe = planCertification({ activationMonth: activation, certified, ledgerByMonth: new Map([...ledgerNow, ['2026-01', 1_000_000]]), throughMonth: '2026-01' });
        expect(probe).toHaveLength(1);
        expect(probe[0]!.carriedPages).toBe(modelCarry);
      }),
      { numRuns: 500 },
    );
  });
});
