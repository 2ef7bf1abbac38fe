// The collection engine against the Print Tracker simulator over real HTTPS and a real
// SQLite file: the ledger equals the naive reference over everything the API serves
// (R1–R7), collections are idempotent, and nightly runs add up to one big backfill.
import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, DAY, expectedLedger, ledgerOf, total, type Fixture } from '../support/fixture';

const NOW = new Date('2025-10-15T09:00:00Z');
let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

describe('collection against the simulator', () => {
  it('backfills every feed to its activation date and matches the reference ledger exactly', async () => {
    fx = await createFixture({ seed: 7, customers: 4, devicesPerCustomer: [2, 5], historyStart: new Date('2025-06-01T00:00:00Z'), now: NOW, timezone: 'America/Chicago' });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-08-01', scope: 'all' });
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    const run = await fx.engine.collect({ trigger: 'cli' });
    expect(run.status).toBe('ok');
    for (const feed of feeds) {
      const expected = await expectedLedger(fx.sim, feed.entityId, '2025-08-01', 'America/Chicago');
      const actual = await ledgerOf(fx.engine, feed.id);
      expect(actual).toEqual(expected);
      expect(total(actual)).toBeGreaterThan(0);
      // Nothing before the activation date (R3).
      expect([...actual.keys()].every((d) => d > '2025-08-01')).toBe(true);
      const result = run.feeds.find((f) => f.id === feed.id)!;
      expect(result.pages).toBe(total(expected));
      expect(result.reads).toBeGreaterThan(0);
    }
    // R8/R9: a month's pages are the sum of its local days; trees come from those pages.
    const report = await fx.engine.report('2025-09');
    for (const feed of feeds) {
      const expected = await expectedLedger(fx.sim, feed.entityId, '2025-08-01', 'America/Chicago');
      const september = [...expected].filter(([day]) => day.startsWith('2025-09-')).reduce((s, [, p]) => s + p, 0);
      const line = report.feeds.find((f) => f.id === feed.id)!;
      expect(line.pages).toBe(september);
      expect(line.trees).toBe(Math.round((september / 8333) * 100) / 100);
    }
    expect(report.totalPages).toBe(report.feeds.reduce((s, f) => s + f.pages, 0));
  });

  it('a second collection at the same instant changes nothing (R7 idempotent)', async () => {
    fx = await createFixture({ seed: 3, customers: 2, devicesPerCustomer: 3, historyStart: new Date('2025-08-01T00:00:00Z'), now: NOW });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const before = await Promise.all(feeds.map((f) => ledgerOf(fx!.engine, f.id)));
    const again = await fx.engine.collect({ trigger: 'cli' });
    expect(again.feeds.map((f) => f.pages)).toEqual(feeds.map(() => 0));
    const after = await Promise.all(feeds.map((f) => ledgerOf(fx!.engine, f.id)));
    expect(after).toEqual(before);
  });

  it('nightly collections over three weeks equal one backfill at the end', async () => {
    fx = await createFixture({ seed: 11, customers: 3, devicesPerCustomer: [2, 4], historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-20T02:00:00Z'), timezone: 'Europe/Berlin' });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    for (let night = 0; night < 21; night++) {
      await fx.engine.collect({ trigger: 'schedule' });
      fx.advanceDays(1);
    }
    await fx.engine.collect({ trigger: 'schedule' });
    for (const feed of feeds) {
      expect(await ledgerOf(fx.engine, feed.id)).toEqual(await expectedLedger(fx.sim, feed.entityId, '2025-09-01', 'Europe/Berlin'));
    }
  });

  it('merges reads uploaded days late into the days they belong to (R6)', async () => {
    fx = await createFixture({ seed: 5, customers: 1, devicesPerCustomer: 3, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z') });
    const [customer] = fx.sim.customers();
    const late = customer!.devices[0]!.id;
    fx.sim.lateUploads(late, 6);
    const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    for (let night = 0; night < 12; night++) {
      await fx.engine.collect({ trigger: 'schedule' });
      fx.advanceDays(1);
    }
    await fx.engine.collect({ trigger: 'schedule' });
    expect(await ledgerOf(fx.engine, feed!.id)).toEqual(await expectedLedger(fx.sim, feed!.entityId, '2025-09-01', 'UTC'));
  });

  it('keeps counting across a counter reset, and ignores a glitch, a spike and zero reads (R4)', async () => {
    fx = await createFixture({ seed: 9, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: NOW });
    const [customer] = fx.sim.customers();
    const [a, b] = customer!.devices;
    fx.sim.resetCounter(a!.id, new Date('2025-09-20T00:00:00Z'), 50);
    fx.sim.addGlitch(b!.id, new Date('2025-09-12T15:00:00Z'), 3);
    fx.sim.addGlitch(b!.id, new Date('2025-09-25T15:00:00Z'), 99_000_000);
    fx.sim.zeroReads(b!.id, new Date('2025-10-01T00:00:00Z'), new Date('2025-10-03T00:00:00Z'));
    fx.sim.duplicateReads(a!.id);
    const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    expect(await ledgerOf(fx.engine, feed!.id)).toEqual(await expectedLedger(fx.sim, feed!.entityId, '2025-09-01', 'UTC'));
    const kinds = await fx.engine.ctx.db.ledger.anomalyCounts(feed!.id);
    expect(kinds['counter-reset']).toBe(1);
    expect(kinds['counter-glitch']).toBe(1);
    expect(kinds['counter-spike']).toBe(1);
    expect(kinds['no-usable-counter']).toBeGreaterThanOrEqual(2);
  });

  it('counts only managed devices for a managed-only feed, and keeps stored reads of a device disabled later (R5)', async () => {
    fx = await createFixture({ seed: 21, customers: 1, devicesPerCustomer: 6, managedRatio: 0.5, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-20T03:00:00Z') });
    const [customer] = fx.sim.customers();
    const managed = customer!.devices.filter((d) => d.managed);
    expect(managed.length).toBeGreaterThan(0);
    expect(managed.length).toBeLessThan(customer!.devices.length);
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-09-01', scope: 'managed' });
    await fx.engine.collect({ trigger: 'cli' });
    const devices = await fx.engine.ctx.db.ledger.devices(feed.id);
    expect(devices.map((d) => d.deviceKey).sort()).toEqual(managed.map((d) => d.id).sort());
    expect(devices.every((d) => d.managed)).toBe(true);
    expect(await ledgerOf(fx.engine, feed.id)).toEqual(await expectedLedger(fx.sim, customer!.id, '2025-09-01', 'UTC', { excludeDisabled: true }));

    const before = await ledgerOf(fx.engine, feed.id);
    fx.sim.setManaged(managed[0]!.id, false);
    fx.advanceDays(2);
    await fx.engine.collect({ trigger: 'cli' });
    const after = await ledgerOf(fx.engine, feed.id);
    for (const [day, pages] of before) expect(after.get(day)).toBe(pages);
    // Its Managed flag is its status at this collection: no longer managed.
    const stored = await fx.engine.ctx.db.ledger.devices(feed.id);
    expect(stored.find((d) => d.deviceKey === managed[0]!.id)?.managed).toBe(false);
    expect(stored.filter((d) => d.managed)).toHaveLength(managed.length - 1);
  });

  it('flags the Managed status of an all-devices feed from the device listing (R5)', async () => {
    fx = await createFixture({ seed: 22, customers: 1, devicesPerCustomer: 5, managedRatio: 0.6, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-05T03:00:00Z') });
    const [customer] = fx.sim.customers();
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const devices = await fx.engine.ctx.db.ledger.devices(feed.id);
    expect(devices).toHaveLength(customer!.devices.length);
    for (const d of customer!.devices) expect(devices.find((x) => x.deviceKey === d.id)?.managed).toBe(d.managed);
    const flip = customer!.devices[0]!;
    fx.sim.setManaged(flip.id, !flip.managed);
    fx.advanceDays(1);
    await fx.engine.collect({ trigger: 'cli' });
    expect((await fx.engine.ctx.db.ledger.devices(feed.id)).find((x) => x.deviceKey === flip.id)?.managed).toBe(!flip.managed);
  });

  for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
    it(`re-buckets the ledger when the dealer changes time zone, UTC → ${zone} (R4)`, async () => {
      fx = await createFixture({ seed: 31, customers: 1, devicesPerCustomer: 12, historyStart: new Date('2025-08-01T00:00:00Z'), now: NOW, timezone: 'UTC' });
      const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
      await fx.engine.collect({ trigger: 'cli' });
      await fx.engine.updateSettings({ timezone: zone });
      await fx.engine.collect({ trigger: 'cli' });
      expect(await ledgerOf(fx.engine, feed!.id)).toEqual(await expectedLedger(fx.sim, feed!.entityId, '2025-09-01', zone));
      // Reads that fell before the moved activation contribute nothing any more.
      expect(await fx.engine.ctx.db.consistencyProblems()).toEqual([]);
    });
  }

  it('stores only the device facts the integration may keep', async () => {
    fx = await createFixture({ seed: 4, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-09-01T00:00:00Z'), now: new Date('2025-09-10T00:00:00Z') });
    const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const [device] = await fx.engine.ctx.db.ledger.devices(feed!.id);
    expect(Object.keys(device!).sort()).toEqual(['deviceKey', 'family', 'feedId', 'id', 'initialCount', 'latestCount', 'lifeCount', 'managed', 'newestReadAt'].sort());
    expect(device!.lifeCount).toBe(device!.latestCount! - device!.initialCount!);
  });
});

export { DAY };
