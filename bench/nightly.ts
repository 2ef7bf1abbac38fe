// Scenario (a): a nightly collection of a large dealer over a slow link, with the default
// concurrency and with concurrency 1, from the same starting state in the same run.
// The state (every feed collected up to last night) is prepared once without latency; the
// closed (checkpointed) data folder is copied, and each copy collects "tonight".
import { BenchFailure, timedCollection, type TimedCollection } from './collect';
import { DAY_MS, DEVICES_PER_CUSTOMER, NIGHT, mapDealer, openEngine, startDealer } from './dealer';
import { progress } from './log';
import { RssSampler } from './rss';
import type { Workspace } from './workspace';

export const LATENCY_MS = 100;
/** Activation of the prepared feeds: enough history that the nightly look-back (R6, 31 days) is all stored. */
const PREPARED_DAYS = 45;

export interface NightlyRun extends TimedCollection {
  concurrency: number;
  /** HTTP requests the simulator answered during the run. */
  requests: number;
}

export interface NightlyResult {
  customers: number;
  devicesPerCustomer: number;
  latencyMs: number;
  prepare: TimedCollection;
  /** The prepared data folder (closed), kept for the certificates scenario; the workspace removes it. */
  prepared: string;
  concurrent: NightlyRun;
  serial: NightlyRun;
  speedup: number;
  /** Sampled peak RSS over the whole scenario, preparation included. */
  sampledPeakRssMb: number;
}

export async function runNightly(customers: number, ws: Workspace): Promise<NightlyResult> {
  const rss = new RssSampler().start();
  const lastNight = NIGHT - DAY_MS;
  progress(`(a) nightly: starting a simulated dealer of ${customers} customers × ${DEVICES_PER_CUSTOMER} devices in a worker thread`);
  const sim = await startDealer({ customers, now: lastNight, seed: 1000 });
  try {
    const prepared = ws.create('nightly-prepared');
    const prep = await openEngine(prepared, lastNight);
    let prepare: TimedCollection;
    try {
      const feeds = await mapDealer(prep.engine, sim, PREPARED_DAYS);
      progress(`(a) preparing: collecting ${feeds} feeds up to last night (${PREPARED_DAYS} days of history, no latency)`);
      prepare = await timedCollection(prep.engine, 'preparation', 'cli');
      progress(`(a) prepared: ${prepare.reads} reads in ${prepare.seconds.toFixed(1)} s`);
    } finally {
      await prep.engine.close(); // checkpoints the WAL: the copies start from one complete file
    }

    await sim.setNow(new Date(NIGHT));
    await sim.setLatency(LATENCY_MS);
    const nightly = async (label: string, concurrency: number | null): Promise<NightlyRun> => {
      const dir = ws.copy(prepared, `nightly-${label}`);
      const { engine } = await openEngine(dir, NIGHT, concurrency === null ? {} : { concurrency });
      try {
        const used = (await engine.settings()).concurrency;
        progress(`(a) ${label} nightly: concurrency ${used}, ${LATENCY_MS} ms per request`);
        await sim.clearRequests();
        const run = await timedCollection(engine, `${label} nightly`, 'schedule');
        const requests = (await sim.requests()).length;
        progress(`(a) ${label} nightly: ${run.seconds.toFixed(1)} s, ${requests} requests, ${run.reads} reads`);
        return { ...run, concurrency: used, requests };
      } finally {
        await engine.close();
        ws.remove(dir);
      }
    };
    const concurrent = await nightly('concurrent', null); // the default setting
    const serial = await nightly('serial', 1);

    if (concurrent.reads !== serial.reads || concurrent.pages !== serial.pages || concurrent.feeds !== serial.feeds) {
      throw new BenchFailure(
        `the two nightly collections disagree: concurrent ${concurrent.feeds} feeds/${concurrent.reads} reads/${concurrent.pages} pages, serial ${serial.feeds}/${serial.reads}/${serial.pages}`,
      );
    }
    return {
      customers,
      devicesPerCustomer: DEVICES_PER_CUSTOMER,
      latencyMs: LATENCY_MS,
      prepare,
      prepared,
      concurrent,
      serial,
      speedup: serial.seconds / concurrent.seconds,
      sampledPeakRssMb: rss.stop(),
    };
  } finally {
    rss.stop();
    await sim.close();
  }
}
