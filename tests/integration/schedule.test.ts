// The nightly schedule, catch-up after sleep, the run lock, run history and engine events.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEventMap } from '../../main/engine/events';
import { lastSlotAtOrBefore, nextSlotAfter } from '../../main/engine/schedule/slots';
import { runCli } from '../support/cli';
import { fixturesClosedAfterEach } from '../support/fixture';

const fixture = fixturesClosedAfterEach(afterEach);

describe('nightly slots in the dealer zone', () => {
  it('finds the last and next 02:00 across a DST change (America/New_York, 2 Nov 2025)', () => {
    const zone = 'America/New_York';
    expect(new Date(nextSlotAfter(Date.parse('2025-11-01T12:00:00Z'), '02:00', zone)).toISOString()).toBe('2025-11-02T07:00:00.000Z');
    expect(new Date(nextSlotAfter(Date.parse('2025-11-02T07:00:00Z'), '02:00', zone)).toISOString()).toBe('2025-11-03T07:00:00.000Z');
    expect(new Date(lastSlotAtOrBefore(Date.parse('2025-11-02T06:59:00Z'), '02:00', zone)).toISOString()).toBe('2025-11-01T06:00:00.000Z');
    expect(new Date(lastSlotAtOrBefore(Date.parse('2025-11-02T07:00:00Z'), '02:00', zone)).toISOString()).toBe('2025-11-02T07:00:00.000Z');
  });
});

describe('scheduler and runs', () => {
  it('runs exactly one catch-up after a night slept through, however many wake-ups ask for it', async () => {
    const fx = await fixture({ seed: 50, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z') });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.updateSettings({ scheduleTime: '02:00', timezone: 'UTC' });
    await fx.engine.collect({ trigger: 'schedule' }); // the 10 Sep night ran
    // The laptop sleeps from 10 Sep evening to 12 Sep 09:00: two slots missed.
    fx.setNow(new Date('2025-09-12T09:00:00Z'));
    const finished: number[] = [];
    fx.engine.events.on('run-finished', (e) => finished.push(e.runId));
    const scheduler = await fx.engine.startScheduler(() => undefined);
    // Start-up and resume both ask at once (start() already asked in the background).
    const asked = await Promise.all([scheduler.catchUpIfMissed(), scheduler.catchUpIfMissed()]);
    await waitFor(() => finished.length >= 1);
    expect(asked).toEqual([true, true]); // both shared the one catch-up started at start-up
    const runs = await fx.engine.runs(10);
    expect(runs.map((r) => r.trigger)).toEqual(['catch-up', 'schedule']);
    expect(await scheduler.catchUpIfMissed()).toBe(false); // nothing missed any more
    expect(scheduler.nextRunAt()).toBe(Date.parse('2025-09-13T02:00:00Z'));
    await fx.engine.updateSettings({ scheduleEnabled: false });
    expect(scheduler.nextRunAt()).toBeNull();
    expect(await fx.engine.runs(10)).toHaveLength(2);
  });

  it('joins a running collection instead of starting a second', async () => {
    const fx = await fixture({ seed: 51, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z'), latencyMs: 30 });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    const [a, b] = await Promise.all([fx.engine.collect({ trigger: 'manual' }), fx.engine.collect({ trigger: 'schedule' })]);
    expect(a.runId).toBe(b.runId);
    expect(await fx.engine.runs(10)).toHaveLength(1);
  });

  it('refuses a second collection from another process, and takes over a lock left by a dead one', async () => {
    const fx = await fixture({ seed: 52, customers: 4, devicesPerCustomer: 3, historyStart: new Date('2025-05-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z'), latencyMs: 150 });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-05-15', scope: 'all' });
    const running = fx.engine.collect({ trigger: 'manual' });
    await new Promise((r) => setTimeout(r, 100));
    const other = await runCli(['--data-dir', fx.dataDir, 'collect']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/Another collection is already running \(process \d+/);
    await running;

    await fx.engine.ctx.db.locks.acquire('collection', { owner: 'crashed', pid: 2_147_483_000, acquiredAt: Date.now() }, () => false);
    const after = await fx.engine.collect({ trigger: 'manual' });
    expect(after.status).toBe('ok');
  });

  it('marks a run left "running" by a crashed process as interrupted, and lists runs newest first', async () => {
    const fx = await fixture({ seed: 53, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z') });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    const orphan = await fx.engine.ctx.db.runs.start('schedule', 1, Date.parse('2025-09-09T02:00:00Z'));
    await fx.engine.collect({ trigger: 'manual' });
    const runs = await fx.engine.runs(5);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [orphan + 1, 'ok'],
      [orphan, 'interrupted'],
    ]);
    expect(runs[0]!.feeds[0]).toMatchObject({ status: 'ok', error: null });
    expect(runs[0]!.feeds[0]!.reads).toBeGreaterThan(0);
  });

  it('emits typed events: run started, progress for every feed, finished, and health changes', async () => {
    const fx = await fixture({ seed: 54, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z') });
    const [, , quiet] = fx.sim.customers();
    fx.sim.staleAgent(quiet!.id, new Date('2025-09-01T00:00:00Z'), null);
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-08-20', scope: 'all' });
    const seen: { [K in keyof EngineEventMap]?: EngineEventMap[K][0][] } = {};
    const record =
      <K extends keyof EngineEventMap>(name: K) =>
      (e: EngineEventMap[K][0]) =>
        (seen[name] ??= [] as never).push(e as never);
    fx.engine.events.on('run-started', record('run-started'));
    fx.engine.events.on('run-progress', record('run-progress'));
    fx.engine.events.on('run-finished', record('run-finished'));
    fx.engine.events.on('health-changed', record('health-changed'));
    await fx.engine.collect({ trigger: 'manual' });
    expect(seen['run-started']).toEqual([expect.objectContaining({ feedsTotal: feeds.length, trigger: 'manual' })]);
    const done = seen['run-progress']!.map((p) => p.feedsDone);
    expect(Math.max(...done)).toBe(feeds.length);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(seen['run-finished']).toEqual([expect.objectContaining({ status: 'ok', feedsOk: feeds.length })]);
    expect(seen['health-changed']).toEqual([expect.objectContaining({ subject: 'feed', health: 'unhealthy', name: feeds.find((f) => f.entityId === quiet!.id)!.name })]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
