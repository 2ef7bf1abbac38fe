// The embedded demo: a simulated dealer (the Print Tracker simulator) registered in an
// engine with every customer mapped, so the app can be explored without a real server.
import type { FeedRecord, ServerRecord } from '../../db/records';
import type { Engine } from './engine';
import { startSimulator, type Simulator } from './printtracker/simulator/index';
import { dayFromIso, isoFromDay, monthOf } from './time/days';

export const DEMO_ACTIVATION_MONTHS_BACK = 2;

export interface DemoSimulator {
  simulator: Simulator;
  /** Registers the simulator as a server and maps every customer. */
  register(engine: Engine): Promise<{ server: ServerRecord; feeds: FeedRecord[] }>;
  close(): Promise<void>;
}

export async function startDemoSimulator(o: { customers: number; now: number }): Promise<DemoSimulator> {
  const day = 86_400_000;
  const simulator = await startSimulator({ seed: 2025, customers: o.customers, historyStart: new Date(o.now - 150 * day), now: new Date(o.now) });
  // One customer's data-collection agent went quiet six days ago: the demo shows an unhealthy feed.
  const quiet = simulator.customers()[2];
  if (quiet) simulator.staleAgent(quiet.id, new Date(o.now - 6 * day), null);
  return {
    simulator,
    async register(engine) {
      const server = await engine.servers.add({ url: simulator.url, entityId: simulator.parentEntityId, apiKey: simulator.apiKey, caPem: simulator.caPem, name: `${simulator.parentName} (demo)` });
      const calendar = await engine.calendar();
      const thisMonth = monthOf(calendar.dayOf(o.now));
      let first = dayFromIso(`${thisMonth}-01`);
      for (let i = 0; i < DEMO_ACTIVATION_MONTHS_BACK; i++) first = dayFromIso(`${monthOf(first - 1)}-01`);
      const feeds = await engine.feeds.addAllUnmapped({ serverId: server.id, activationDate: isoFromDay(first), scope: 'all' });
      return { server, feeds };
    },
    close: () => simulator.close(),
  };
}
