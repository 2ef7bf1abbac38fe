// A Print Tracker failure is an error for that feed only: the other feeds are collected, the
// failing feed's data is left exactly as it was (nothing half-written, even when the failure
// hits its second request), and the next collection catches up with nothing missed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../main/engine/printtracker/simulator/index';
import { createFixture, expectedLedger, ledgerOf, type Fixture } from '../support/fixture';

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const FAULTS: { fault: Fault; reason: string }[] = [
  { fault: { kind: 'status', status: 500 }, reason: 'Print Tracker server error (500)' },
  { fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, reason: 'rate limited by Print Tracker (429)' },
  { fault: { kind: 'status', status: 401 }, reason: "Print Tracker refused access to this customer's data (401)" },
  { fault: { kind: 'status', status: 404 }, reason: 'Entity not found (404)' },
  { fault: { kind: 'malformed-json' }, reason: 'unexpected response: not JSON' },
  { fault: { kind: 'wrong-shape' }, reason: 'unexpected response: expected a list' },
  { fault: { kind: 'hang' }, reason: 'timed out after 1.5 s' },
  { fault: { kind: 'drop-connection' }, reason: 'connection dropped' },
];

describe('per-feed failures', () => {
  for (const { fault, reason } of FAULTS) {
    it(`${fault.kind}${'status' in fault ? ` ${fault.status}` : ''} on one feed's second request: "${reason}", others collected, nothing half-written`, async () => {
      fx = await createFixture({ seed: 60, customers: 3, devicesPerCustomer: 3, historyStart: new Date('2025-05-01T00:00:00Z'), now: new Date('2025-08-01T02:00:00Z') });
      const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-06-01', scope: 'all' });
      await fx.engine.collect({ trigger: 'schedule' });
      fx.advanceDays(40); // the next look-back spans three 35-day windows
      const victim = feeds[1]!;
      const before = await fx.engine.ctx.db.snapshot();
      fx.sim.fault({ ...fault, match: `/v1/entity/${victim.entityId}/meter`, skip: 1 });

      const run = await fx.engine.collect({ trigger: 'schedule' });
      const byId = new Map(run.feeds.map((f) => [f.id, f]));
      expect(byId.get(victim.id)).toMatchObject({ status: 'error', error: reason, pages: 0 });
      for (const f of feeds.filter((x) => x.id !== victim.id)) expect(byId.get(f.id)).toMatchObject({ status: 'ok', error: null });
      expect(run.status).toBe('partial');

      const after = await fx.engine.ctx.db.snapshot();
      const victimDevices = new Set((before['devices'] as { id: number; feed_id: number }[]).filter((d) => d.feed_id === victim.id).map((d) => d.id));
      const mine = (rows: unknown[]) => (rows as { feed_id?: number; device_id?: number; id?: number }[]).filter((r) => r.feed_id === victim.id || victimDevices.has(r.device_id ?? -1));
      for (const table of ['devices', 'reads', 'ledger_days', 'anomalies']) expect(mine(after[table]!)).toEqual(mine(before[table]!));
      // The feed's collected state is as it was; only its health was judged (R11: forty days without new data).
      const collectedState = (rows: unknown[]) => {
        const { health: _h, health_reason: _r, health_changed_at: _c, unhealthy_anchor_at: _a, ...rest } = (rows as { id: number }[]).find((f) => f.id === victim.id) as Record<string, unknown> & { id: number };
        return rest;
      };
      expect(collectedState(after['feeds']!)).toEqual(collectedState(before['feeds']!));
      expect((after['feeds'] as { id: number; health: string }[]).find((f) => f.id === victim.id)!.health).toBe('unhealthy');
      expect(await fx.engine.ctx.db.consistencyProblems()).toEqual([]);

      fx.sim.clearFaults();
      fx.advanceDays(1);
      const next = await fx.engine.collect({ trigger: 'schedule' });
      expect(next.status).toBe('ok');
      expect(await ledgerOf(fx.engine, victim.id)).toEqual(await expectedLedger(fx.sim, victim.entityId, '2025-06-01', 'UTC'));
    });
  }

  it('backs off its concurrency when Print Tracker rate-limits, and still collects every feed', async () => {
    fx = await createFixture({ seed: 61, customers: 8, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T02:00:00Z'), concurrency: 8, latencyMs: 20 });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    fx.sim.fault({ match: '/meter', kind: 'status', status: 429, retryAfterSeconds: 0, times: 6 });
    const run = await fx.engine.collect({ trigger: 'schedule' });
    expect(run.feeds.filter((f) => f.status === 'ok')).toHaveLength(feeds.length);
    expect(fx.sim.requests().filter((r) => r.status === 429)).toHaveLength(6);
  });
});
