// Scenario (b): one collection that backfills a year of history for 1,000 devices, with no
// added latency, so it measures parsing, the ledger and SQLite rather than the network.
import { timedCollection, type TimedCollection } from './collect';
import { DEVICES_PER_CUSTOMER, NIGHT, mapDealer, openEngine, startDealer } from './dealer';
import { progress } from './log';
import { RssSampler } from './rss';
import type { Workspace } from './workspace';

const BACKFILL_DAYS = 365;

export interface BackfillResult extends TimedCollection {
  customers: number;
  devices: number;
  days: number;
  requests: number;
  readsPerSecond: number;
  sampledPeakRssMb: number;
}

/** 1,000 devices for the default 1,000 customers: the backfill scales with `--customers`. */
export function backfillCustomersFor(customers: number): number {
  return Math.max(1, Math.round((customers * 40) / 1000));
}

export async function runBackfill(customers: number, ws: Workspace): Promise<BackfillResult> {
  const rss = new RssSampler().start();
  progress(`(b) backfill: starting a simulated dealer of ${customers} customers × ${DEVICES_PER_CUSTOMER} devices in a worker thread`);
  const sim = await startDealer({ customers, now: NIGHT, seed: 2000 });
  const dir = ws.create('backfill');
  try {
    const { engine } = await openEngine(dir, NIGHT);
    try {
      const feeds = await mapDealer(engine, sim, BACKFILL_DAYS);
      progress(`(b) backfilling ${feeds} feeds, activation ${BACKFILL_DAYS} days ago, no latency`);
      await sim.clearRequests();
      const run = await timedCollection(engine, 'backfill', 'cli');
      const requests = (await sim.requests()).length;
      progress(`(b) backfill: ${run.reads} reads in ${run.seconds.toFixed(1)} s`);
      return {
        ...run,
        customers,
        devices: customers * DEVICES_PER_CUSTOMER,
        days: BACKFILL_DAYS,
        requests,
        readsPerSecond: run.reads / run.seconds,
        sampledPeakRssMb: rss.stop(),
      };
    } finally {
      await engine.close();
    }
  } finally {
    rss.stop();
    ws.remove(dir);
    await sim.close();
  }
}
