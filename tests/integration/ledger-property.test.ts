// The property of R6/R7 end to end, through HTTPS and SQLite: random dealers whose devices
// upload late, duplicate, reset, glitch and spike, collected at random moments, end with
// exactly the ledger of the naive in-order reference over everything the API serves; one
// more collection then changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFixture, DAY, expectedLedger, ledgerOf } from '../support/fixture';

const START = Date.parse('2025-07-01T02:00:00Z');

describe('engine ledger property (R2–R7)', () => {
  it('random histories delivered in random batches give the reference ledger; re-collecting changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          zone: fc.constantFrom('UTC', 'America/Los_Angeles', 'Europe/London', 'Asia/Kathmandu'),
          scripts: fc.array(
            fc.record({
              device: fc.nat(5),
              kind: fc.constantFrom('late', 'duplicate', 'reset', 'glitch', 'spike', 'zero'),
              day: fc.integer({ min: 0, max: 40 }),
              amount: fc.integer({ min: 1, max: 9 }),
            }),
            { maxLength: 6 },
          ),
          gaps: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 7 }),
        }),
        async ({ seed, zone, scripts, gaps }) => {
          const fx = await createFixture({ seed, customers: 2, devicesPerCustomer: 3, historyStart: new Date(START - 20 * DAY), now: new Date(START), timezone: zone });
          try {
            const devices = fx.sim.customers().flatMap((c) => c.devices);
            for (const s of scripts) {
              const device = devices[s.device % devices.length]!.id;
              const at = new Date(START + s.day * DAY + 7 * 3_600_000);
              if (s.kind === 'late') fx.sim.lateUploads(device, s.amount);
              else if (s.kind === 'duplicate') fx.sim.duplicateReads(device);
              else if (s.kind === 'reset') fx.sim.resetCounter(device, at, 10 * s.amount);
              else if (s.kind === 'glitch') fx.sim.addGlitch(device, at, s.amount);
              else if (s.kind === 'spike') fx.sim.addGlitch(device, at, 50_000_000 * s.amount);
              else fx.sim.zeroReads(device, at, new Date(at.getTime() + s.amount * DAY));
            }
            const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-06-25', scope: 'all' });
            for (const gap of gaps) {
              await fx.engine.collect({ trigger: 'schedule' });
              fx.advanceDays(gap);
            }
            await fx.engine.collect({ trigger: 'schedule' });
            for (const feed of feeds) {
              expect(await ledgerOf(fx.engine, feed.id)).toEqual(await expectedLedger(fx.sim, feed.entityId, '2025-06-25', zone));
            }
            const again = await fx.engine.collect({ trigger: 'schedule' });
            expect(again.feeds.map((f) => f.pages)).toEqual(feeds.map(() => 0));
            expect(await fx.engine.ctx.db.consistencyProblems()).toEqual([]);
          } finally {
            await fx.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
