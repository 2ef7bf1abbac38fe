// What both scenarios share: a simulated dealer in a worker thread (so the fake server does
// not compete with the engine's thread), and an engine on a data folder with a movable clock.
import { ManualClock } from '../main/engine/clock';
import { Engine } from '../main/engine/engine';
import { startSimulatorInWorker, type RemoteSimulator } from '../main/engine/printtracker/simulator/worker';
import { isoFromDay } from '../main/engine/time/days';

export const DAY_MS = 86_400_000;
export const DEVICES_PER_CUSTOMER = 25;
/** A dealer in the US Midwest: DST and a non-UTC calendar are part of the work measured. */
export const TIMEZONE = 'America/Chicago';
/** The benchmark's "tonight": 02:00 local time (the default schedule), fixed so runs compare. */
export const NIGHT = Date.parse('2025-06-15T07:00:00Z');

export async function startDealer(o: { customers: number; now: number; seed: number }): Promise<RemoteSimulator> {
  return startSimulatorInWorker({
    seed: o.seed,
    customers: o.customers,
    devicesPerCustomer: DEVICES_PER_CUSTOMER,
    subSites: false, // exactly customers × 25 devices, one feed per customer
    historyStart: new Date(o.now - 400 * DAY_MS),
    now: new Date(o.now),
    latencyMs: 0,
  });
}

export interface BenchEngine {
  engine: Engine;
  clock: ManualClock;
}

export async function openEngine(dataDir: string, now: number, settings: { concurrency?: number } = {}): Promise<BenchEngine> {
  const clock = new ManualClock(now);
  const engine = await Engine.open({ dataDir, clock });
  await engine.updateSettings({ timezone: TIMEZONE, ...settings });
  return { engine, clock };
}

/** Registers the simulator and maps every customer, activated `activationDaysBack` local days ago. */
export async function mapDealer(engine: Engine, sim: RemoteSimulator, activationDaysBack: number): Promise<number> {
  const server = await engine.servers.add({ url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
  const calendar = await engine.calendar();
  const activationDate = isoFromDay(calendar.dayOf(engine.clock.now()) - activationDaysBack);
  const feeds = await engine.feeds.addAllUnmapped({ serverId: server.id, activationDate, scope: 'all' });
  return feeds.length;
}
