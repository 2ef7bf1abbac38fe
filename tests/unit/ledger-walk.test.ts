// Rules R1–R4 and R9 on the pure ledger functions, starting with the worked example of
// accounting-rules.md, reproduced exactly.
import { describe, expect, it } from 'vitest';
import { spreadDelta, walkDevice, type WalkRead } from '../../main/engine/ledger/walk';
import { treesFromPages } from '../../main/engine/ledger/trees';
import { parseMeterReads, parseTimestamp, usableCounter } from '../../main/engine/printtracker/reads';
import { dayFromIso, isoFromDay, LocalCalendar } from '../../main/engine/time/days';
import { updateDeviceLedger, type LedgerRead } from '../../main/engine/ledger/device-ledger';

const UTC = new LocalCalendar('UTC');

function reads(list: [string, number][], cal = UTC): WalkRead[] {
  return list.map(([iso, value]) => {
    const ts = Date.parse(iso);
    return { ts, value, day: cal.dayOf(ts) };
  });
}

/** Runs a full device ledger over raw items and returns pages per ISO day. */
function ledgerOf(items: Record<string, unknown>[], cal = UTC, activation = '2025-01-01') {
  const parsed = parseMeterReads(items, { entityId: 'e', from: 0, to: Date.parse('2100-01-01') });
  const result = updateDeviceLedger({ device: null, stored: [], storedFrom: null, incoming: parsed.reads, calendar: cal, activationStart: cal.startOfDay(dayFromIso(activation)), rebuild: false });
  if (result.kind !== 'ok') throw new Error('needs history');
  const days: Record<string, number> = {};
  for (const [day, pages] of [...result.ledger].sort((a, b) => a[0] - b[0])) days[isoFromDay(day)] = pages;
  return { days, result };
}

function item(timestamp: string, value: unknown, deviceKey = 'd1'): Record<string, unknown> {
  return { deviceKey, timestamp, pageCounts: { life: { total: { value } } } };
}

describe('the worked example (accounting-rules.md)', () => {
  const base: Record<string, unknown>[] = [
    item('2025-09-01T10:00:00Z', '1000'),
    item('2025-09-02T10:00:00Z', '1040'),
    item('2025-09-05T10:00:00Z', '1101'),
    item('2025-09-05T18:00:00Z', '1101'),
    item('2025-09-06T10:00:00Z', '0'),
    item('2025-09-08T10:00:00Z', '200'),
  ];

  it('gives 2 Sep 40 · 3 Sep 20 · 4 Sep 20 · 5 Sep 21 · 9 Sep 60, total 161', () => {
    const { days, result } = ledgerOf([...base, item('2025-09-09T10:00:00Z', '260')]);
    expect(days).toEqual({ '2025-09-02': 40, '2025-09-03': 20, '2025-09-04': 20, '2025-09-05': 21, '2025-09-09': 60 });
    expect(Object.values(days).reduce((a, b) => a + b, 0)).toBe(161);
    if (result.kind !== 'ok') throw new Error();
    // R3: InitialCount is the baseline, LatestCount the newest accepted counter, LifeCount the pages.
    expect(result.device).toMatchObject({ family: 'life', initialCount: 1000, latestCount: 260, lifeCount: 161 });
    expect(result.anomaliesAdded.map((a) => a.kind)).toEqual(['counter-reset']);
    expect(result.unusable).toEqual([Date.parse('2025-09-06T10:00:00Z')]);
  });

  it('with 1,130 on Tue 9 Sep the 200 is a glitch and 29 spreads 7, 7, 7, 8 over 6–9 Sep (total 130)', () => {
    const { days, result } = ledgerOf([...base, item('2025-09-09T10:00:00Z', '1130')]);
    expect(days).toEqual({ '2025-09-02': 40, '2025-09-03': 20, '2025-09-04': 20, '2025-09-05': 21, '2025-09-06': 7, '2025-09-07': 7, '2025-09-08': 7, '2025-09-09': 8 });
    expect(Object.values(days).reduce((a, b) => a + b, 0)).toBe(130);
    if (result.kind !== 'ok') throw new Error();
    expect(result.anomaliesAdded.map((a) => a.kind)).toEqual(['counter-glitch']);
  });
});

describe('R1 usable counters', () => {
  it.each([
    [1, 1],
    ['350', 350],
    ['007', 7],
    [2 ** 53 - 1, 2 ** 53 - 1],
    ['9007199254740991', 2 ** 53 - 1],
  ])('%j is usable as %d', (raw, value) => expect(usableCounter(raw)).toBe(value));

  it.each([0, '0', 'N/A', '3.5', '1e3', -5, '-5', 3.5, '', ' 12', '12 ', null, undefined, true, {}, 2 ** 53, '9007199254740992', '99999999999999999999'])(
    '%j is unusable',
    (raw) => expect(usableCounter(raw)).toBeNull(),
  );

  it('uses life.total when any read of the device has one, else default.total — never mixing', () => {
    const mixed = [
      { deviceKey: 'd', timestamp: '2025-09-01T10:00:00Z', pageCounts: { default: { total: { value: '5000' } } } },
      { deviceKey: 'd', timestamp: '2025-09-02T10:00:00Z', pageCounts: { default: { total: { value: '5100' } }, life: { total: { value: '90000' } } } },
      { deviceKey: 'd', timestamp: '2025-09-03T10:00:00Z', pageCounts: { default: { total: { value: '5200' } }, life: { total: { value: '90150' } } } },
    ];
    const { days, result } = ledgerOf(mixed);
    expect(days).toEqual({ '2025-09-03': 150 });
    if (result.kind !== 'ok') throw new Error();
    expect(result.device.family).toBe('life');
    // The first read has no life counter: ignored and recorded.
    expect(result.unusable).toEqual([Date.parse('2025-09-01T10:00:00Z')]);
    const defaultOnly = mixed.map((m) => ({ ...m, pageCounts: { default: m.pageCounts.default } }));
    expect(ledgerOf(defaultOnly).days).toEqual({ '2025-09-02': 100, '2025-09-03': 100 });
  });

  it('ignores and records reads without a deviceKey or a parseable timestamp', () => {
    const parsed = parseMeterReads(
      [
        { timestamp: '2025-09-01T10:00:00Z', pageCounts: {} },
        { deviceKey: 'd', timestamp: 'yesterday' },
        { deviceKey: 'd', timestamp: 'Jan 5 2025' },
        { deviceKey: 'd', timestamp: 1756720800000 },
        { deviceKey: 7, timestamp: '2025-09-01T10:00:00Z' },
      ],
      { entityId: 'e', from: 0, to: Date.parse('2100-01-01') },
    );
    expect(parsed.reads).toEqual([]);
    expect(parsed.ignored.map((i) => i.kind)).toEqual(['missing-device-key', 'bad-timestamp', 'bad-timestamp', 'bad-timestamp', 'missing-device-key']);
    // R11: ignored reads still show the agent is alive.
    expect(parsed.newestTs).toBe(Date.parse('2025-09-01T10:00:00Z'));
  });

  it('parses timestamps as instants with offsets, not as strings', () => {
    expect(parseTimestamp('2025-09-01T12:00:00+02:00')).toBe(Date.parse('2025-09-01T10:00:00Z'));
    expect(parseTimestamp('2025-09-01T10:00:00')).toBe(Date.parse('2025-09-01T10:00:00Z'));
    expect(parseTimestamp('2025-02-30T10:00:00Z')).toBeNull();
  });
});

describe('R2 identity and duplicates', () => {
  it('treats two reads of one instant as one, keeping the highest usable counter', () => {
    const { days } = ledgerOf([
      item('2025-09-01T10:00:00Z', '1000'),
      item('2025-09-02T10:00:00Z', '1030'),
      item('2025-09-02T12:00:00+02:00', '1050'), // the same instant, written another way
      item('2025-09-02T10:00:00.000Z', 'N/A'),
    ]);
    expect(days).toEqual({ '2025-09-02': 50 });
  });

  it('orders reads by instant whatever order they arrive in', () => {
    const inOrder = ledgerOf([item('2025-09-01T10:00:00Z', '100'), item('2025-09-02T10:00:00Z', '150'), item('2025-09-04T10:00:00Z', '190')]).days;
    const shuffled = ledgerOf([item('2025-09-04T10:00:00Z', '190'), item('2025-09-01T10:00:00Z', '100'), item('2025-09-02T10:00:00Z', '150')]).days;
    expect(shuffled).toEqual(inOrder);
    expect(inOrder).toEqual({ '2025-09-02': 50, '2025-09-03': 20, '2025-09-04': 20 });
  });
});

describe('R3 baseline and activation', () => {
  it('counts nothing before the first usable read at or after activation', () => {
    const { days, result } = ledgerOf(
      [item('2025-08-31T23:00:00Z', '500'), item('2025-09-01T10:00:00Z', '1000'), item('2025-09-02T10:00:00Z', '1010')],
      UTC,
      '2025-09-01',
    );
    expect(days).toEqual({ '2025-09-02': 10 });
    if (result.kind !== 'ok') throw new Error();
    expect(result.device.initialCount).toBe(1000);
  });

  it('starts the activation day at local midnight in the dealer zone', () => {
    const chicago = new LocalCalendar('America/Chicago');
    // 04:30 UTC on 1 Sep is still 31 Aug in Chicago: before activation, not a baseline.
    const { result } = ledgerOf([item('2025-09-01T04:30:00Z', '500'), item('2025-09-01T06:00:00Z', '1000'), item('2025-09-02T06:00:00Z', '1010')], chicago, '2025-09-01');
    if (result.kind !== 'ok') throw new Error();
    expect(result.device.initialCount).toBe(1000);
  });
});

describe('R4 deltas and days', () => {
  it('spreads a delta over k days, remainder to the last days, summing exactly', () => {
    const got: [number, number][] = [];
    spreadDelta(10, 0, 4, (d, p) => got.push([d, p]));
    expect(got).toEqual([
      [1, 2],
      [2, 2],
      [3, 3],
      [4, 3],
    ]);
    const small: [number, number][] = [];
    spreadDelta(2, 0, 5, (d, p) => small.push([d, p]));
    expect(small).toEqual([
      [4, 1],
      [5, 1],
    ]);
  });

  it('puts a same-day delta on that day', () => {
    const got: [number, number][] = [];
    spreadDelta(7, 3, 3, (d, p) => got.push([d, p]));
    expect(got).toEqual([[3, 7]]);
  });

  it('calls a drop with no next read yet a glitch, and re-decides it when the next read confirms a reset', () => {
    const first = walkDevice(reads([['2025-09-01T10:00:00Z', 1000], ['2025-09-02T10:00:00Z', 50]]), null);
    expect(first.steps.map((s) => s.outcome)).toEqual(['baseline', 'glitch']);
    const later = walkDevice(reads([['2025-09-01T10:00:00Z', 1000], ['2025-09-02T10:00:00Z', 50], ['2025-09-03T10:00:00Z', 80]]), null);
    expect(later.steps.map((s) => s.outcome)).toEqual(['baseline', 'reset', 'accepted']);
    expect(later.steps[2]!.delta).toBe(30);
  });

  it('ignores a spike above 1,000,000 pages per day unless the next read confirms a jump', () => {
    const spike = walkDevice(reads([['2025-09-01T10:00:00Z', 1000], ['2025-09-02T10:00:00Z', 5_000_000], ['2025-09-03T10:00:00Z', 1100]]), null);
    expect(spike.steps.map((s) => s.outcome)).toEqual(['baseline', 'spike', 'accepted']);
    expect(spike.steps[2]!.delta).toBe(100);
    const jump = walkDevice(reads([['2025-09-01T10:00:00Z', 1000], ['2025-09-02T10:00:00Z', 5_000_000], ['2025-09-03T10:00:00Z', 5_000_100]]), null);
    expect(jump.steps.map((s) => s.outcome)).toEqual(['baseline', 'jump', 'accepted']);
    expect(jump.steps[2]!.delta).toBe(100);
  });

  it('allows 1,000,000 pages per elapsed day: exactly k million is a delta, one more is a spike', () => {
    const ok = walkDevice(reads([['2025-09-01T10:00:00Z', 1], ['2025-09-03T10:00:00Z', 2_000_001]]), null);
    expect(ok.steps[1]!.outcome).toBe('accepted');
    const tooMuch = walkDevice(reads([['2025-09-01T10:00:00Z', 1], ['2025-09-03T10:00:00Z', 2_000_002]]), null);
    expect(tooMuch.steps[1]!.outcome).toBe('spike');
  });

  it('buckets days in the dealer zone across a DST change (America/New_York, 2 Nov 2025)', () => {
    const ny = new LocalCalendar('America/New_York');
    // 03:30 UTC on 2 Nov is 23:30 on 1 Nov (EDT); 05:30 UTC on 3 Nov is 00:30 on 3 Nov (EST).
    const { days } = ledgerOf([item('2025-11-01T03:30:00Z', '100'), item('2025-11-02T03:30:00Z', '130'), item('2025-11-03T05:30:00Z', '160')], ny, '2025-10-01');
    expect(days).toEqual({ '2025-11-01': 30, '2025-11-02': 15, '2025-11-03': 15 });
  });

  it('splits month boundaries in a non-UTC zone by local date (Europe/Berlin)', () => {
    const berlin = new LocalCalendar('Europe/Berlin');
    // 22:30 UTC on 30 Sep is 00:30 on 1 Oct in Berlin (CEST, +2).
    const { days } = ledgerOf([item('2025-09-29T10:00:00Z', '100'), item('2025-09-30T22:30:00Z', '160')], berlin, '2025-09-01');
    expect(days).toEqual({ '2025-09-30': 30, '2025-10-01': 30 });
  });
});

describe('R9 trees', () => {
  it.each([
    [0, 0],
    [8333, 1],
    [8332, 1],
    [41, 0],
    [42, 0.01], // 0.00504… rounds half up to 0.01
    [1_234_567, 148.15],
    [16_666, 2],
  ])('%d pages are %d trees', (pages, trees) => expect(treesFromPages(pages)).toBe(trees));

  it('rounds exactly half up (pages where pages*100/8333 ends in exactly .5 cannot occur, so check the boundary)', () => {
    // 0.005 trees = 41.665 pages: 41 → 0.00, 42 → 0.01.
    expect(treesFromPages(41)).toBe(0);
    expect(treesFromPages(42)).toBe(0.01);
  });
});

describe('device ledger: incremental equals full', () => {
  it('re-decides the previous glitch when a confirming read arrives in a later collection', () => {
    const cal = UTC;
    const activationStart = Date.parse('2025-09-01T00:00:00Z');
    const first = parseMeterReads([item('2025-09-01T10:00:00Z', '1000'), item('2025-09-02T10:00:00Z', '1040'), item('2025-09-03T10:00:00Z', '10')], { entityId: 'e', from: 0, to: Infinity });
    const r1 = updateDeviceLedger({ device: null, stored: [], storedFrom: null, incoming: first.reads, calendar: cal, activationStart, rebuild: false });
    if (r1.kind !== 'ok') throw new Error();
    const stored: LedgerRead[] = r1.writes;
    expect(stored.map((r) => r.outcome)).toEqual(['baseline', 'accepted', 'glitch']);
    const second = parseMeterReads([item('2025-09-03T10:00:00Z', '10'), item('2025-09-04T10:00:00Z', '25')], { entityId: 'e', from: 0, to: Infinity });
    const r2 = updateDeviceLedger({ device: r1.device, stored, storedFrom: Date.parse('2025-09-01T00:00:00Z'), incoming: second.reads, calendar: cal, activationStart, rebuild: false });
    if (r2.kind !== 'ok') throw new Error();
    expect(r2.anomaliesRemoved).toEqual([{ ts: Date.parse('2025-09-03T10:00:00Z'), kind: 'counter-glitch' }]);
    expect(r2.anomaliesAdded).toEqual([{ ts: Date.parse('2025-09-03T10:00:00Z'), kind: 'counter-reset' }]);
    expect(Object.fromEntries([...r2.ledger].map(([d, p]) => [isoFromDay(d), p]))).toEqual({ '2025-09-04': 15 });
    expect(r2.device).toMatchObject({ initialCount: 1000, latestCount: 25, lifeCount: 55 });
  });

  it('asks for the full history when the window does not reach the reference read', () => {
    const activationStart = Date.parse('2025-09-01T00:00:00Z');
    const stored: LedgerRead[] = [{ ts: Date.parse('2025-09-10T10:00:00Z'), life: 2000, def: null, outcome: 'accepted', delta: 5, fromDay: dayFromIso('2025-09-09'), toDay: dayFromIso('2025-09-10') }];
    const incoming = parseMeterReads([item('2025-09-11T10:00:00Z', '2010')], { entityId: 'e', from: 0, to: Infinity }).reads;
    const r = updateDeviceLedger({
      device: { family: 'life', initialCount: 1000, latestCount: 2000, lifeCount: 1000, newestReadAt: Date.parse('2025-09-10T10:00:00Z') },
      stored,
      storedFrom: Date.parse('2025-09-10T00:00:00Z'),
      incoming,
      calendar: UTC,
      activationStart,
      rebuild: false,
    });
    expect(r.kind).toBe('needs-history');
  });

  it('on a time-zone change that moves the activation later, clears what the reads before it contributed and re-decides the family', () => {
    const utc = new LocalCalendar('UTC');
    const la = new LocalCalendar('America/Los_Angeles');
    const items = [
      { deviceKey: 'd', timestamp: '2025-09-01T00:30:00Z', pageCounts: { life: { total: { value: '500' } }, default: { total: { value: '50' } } } },
      { deviceKey: 'd', timestamp: '2025-09-01T01:30:00Z', pageCounts: { life: { total: { value: '600' } }, default: { total: { value: '60' } } } },
      { deviceKey: 'd', timestamp: '2025-09-02T10:00:00Z', pageCounts: { default: { total: { value: '80' } } } },
      { deviceKey: 'd', timestamp: '2025-09-03T10:00:00Z', pageCounts: { default: { total: { value: '95' } } } },
    ];
    const reads = parseMeterReads(items, { entityId: 'e', from: 0, to: Infinity }).reads;
    const first = updateDeviceLedger({ device: null, stored: [], storedFrom: null, incoming: reads, calendar: utc, activationStart: Date.parse('2025-09-01T00:00:00Z'), rebuild: false });
    if (first.kind !== 'ok') throw new Error();
    expect(first.device.family).toBe('life'); // the first two reads carry a life counter
    const stored = first.writes;
    // The dealer moves to Los Angeles: 1 Sep starts at 07:00 UTC, the first two reads fall before it.
    const rebuilt = updateDeviceLedger({ device: first.device, stored, storedFrom: null, incoming: [], calendar: la, activationStart: Date.parse('2025-09-01T07:00:00Z'), rebuild: true });
    if (rebuilt.kind !== 'ok') throw new Error();
    expect(rebuilt.device).toMatchObject({ family: 'default', initialCount: 80, latestCount: 95, lifeCount: 15 });
    const after = new Map(stored.map((r) => [r.ts, r]));
    for (const w of rebuilt.writes) after.set(w.ts, w);
    const deltas = [...after.values()].reduce((sum, r) => sum + r.delta, 0);
    const ledgerTotal = [...rebuilt.ledger.values()].reduce((a, b) => a + b, 0);
    expect(deltas).toBe(ledgerTotal);
    expect(ledgerTotal).toBe(15);
    expect(after.get(Date.parse('2025-09-01T01:30:00Z'))).toMatchObject({ outcome: null, delta: 0 });
  });
});
