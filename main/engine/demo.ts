// The embedded demo: a simulated dealer (the Print Tracker simulator) registered in an
// engine with every customer mapped, so the app can be explored without a real server.
// The simulator is deterministic (seed, history start) and its API key derives from the
// seed, so a shell restarted on a demo data folder starts it again and only the URL and CA
// of the demo server change: the ledger carries on as if the server had never gone away.
import type { FeedRecord, ServerRecord } from '../../db/records';
import type { Engine } from './engine';
import { startSimulator, type Simulator } from './printtracker/simulator/index';
import { dayFromIso, isoFromDay, monthOf } from './time/days';

const DAY = 86_400_000;
const DEMO_KEY = '_demo';
const SEED = 2025;
export const DEMO_ACTIVATION_MONTHS_BACK = 2;

interface DemoConfig {
  serverId: number;
  customers: number;
  historyStart: number;
  staleCustomer: string | null;
  staleFrom: number;
}

export interface RunningDemo {
  simulator: Simulator;
  close(): Promise<void>;
}

async function launch(c: Omit<DemoConfig, 'serverId'>, now: number | undefined): Promise<Simulator> {
  const simulator = await startSimulator({ seed: SEED, customers: c.customers, historyStart: new Date(c.historyStart), ...(now !== undefined ? { now: new Date(now) } : {}) });
  if (c.staleCustomer) simulator.staleAgent(c.staleCustomer, new Date(c.staleFrom), null);
  return simulator;
}

export async function demoConfig(engine: Engine): Promise<DemoConfig | null> {
  const stored = (await engine.ctx.db.settings.all())[DEMO_KEY];
  return stored && typeof stored === 'object' ? (stored as DemoConfig) : null;
}

/**
 * Starts the simulator and registers it with every customer mapped (activation: the first
 * day of the month two months back, so history is backfilled). One customer's agent went
 * quiet six days ago, so the demo also shows an unhealthy feed.
 * `frozenNow`: the simulator's clock stays at that instant (the CLI's --now); otherwise real time.
 */
export async function startDemo(engine: Engine, o: { customers: number; frozenNow?: number }): Promise<{ server: ServerRecord; feeds: FeedRecord[]; demo: RunningDemo }> {
  const now = engine.clock.now();
  const config: Omit<DemoConfig, 'serverId'> = { customers: o.customers, historyStart: now - 150 * DAY, staleCustomer: null, staleFrom: now - 6 * DAY };
  const simulator = await launch(config, o.frozenNow);
  config.staleCustomer = simulator.customers()[2]?.id ?? null;
  if (config.staleCustomer) simulator.staleAgent(config.staleCustomer, new Date(config.staleFrom), null);
  try {
    const server = await engine.servers.add({ url: simulator.url, entityId: simulator.parentEntityId, apiKey: simulator.apiKey, caPem: simulator.caPem, name: `${simulator.parentName} (demo)` });
    await engine.ctx.db.settings.set({ [DEMO_KEY]: { ...config, serverId: server.id } satisfies DemoConfig });
    const calendar = await engine.calendar();
    let first = dayFromIso(`${monthOf(calendar.dayOf(now))}-01`);
    for (let i = 0; i < DEMO_ACTIVATION_MONTHS_BACK; i++) first = dayFromIso(`${monthOf(first - 1)}-01`);
    const feeds = await engine.feeds.addAllUnmapped({ serverId: server.id, activationDate: isoFromDay(first), scope: 'all' });
    return { server, feeds, demo: { simulator, close: () => simulator.close() } };
  } catch (err) {
    await simulator.close();
    throw err;
  }
}

/** On a demo data folder, starts the simulator again and points the demo server at it. */
export async function resumeDemo(engine: Engine): Promise<RunningDemo | null> {
  const config = await demoConfig(engine);
  if (!config) return null;
  const server = await engine.ctx.db.servers.get(config.serverId);
  if (!server) return null;
  const simulator = await launch(config, undefined);
  await engine.ctx.db.servers.update(server.id, { url: simulator.url, caPem: simulator.caPem });
  await engine.servers.check(server.id);
  return { simulator, close: () => simulator.close() };
}
