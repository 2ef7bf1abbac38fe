// A real engine on a real SQLite file in a temp folder, talking over real HTTPS to the
// Print Tracker simulator. Used by the integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../main/engine/clock';
import { Engine } from '../../main/engine/engine';
import type { ClientOptions } from '../../main/engine/printtracker/client';
import { PrintTrackerClient } from '../../main/engine/printtracker/client';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../main/engine/printtracker/simulator/index';
import { isoFromDay } from '../../main/engine/time/days';
import { referenceLedger, type RawRead } from './reference-ledger';

export const DAY = 86_400_000;
/** Short timeouts and retries so fault tests finish quickly. */
export const FAST_CLIENT: ClientOptions = { timeoutMs: 1_500, retries: 1, retryBaseMs: 20, maxRetryAfterMs: 200 };

export interface Fixture {
  sim: Simulator;
  engine: Engine;
  clock: ManualClock;
  dataDir: string;
  serverId: number;
  /** Moves both the engine's and the simulator's clocks. */
  setNow(at: Date | number): void;
  advanceDays(days: number): void;
  /** Reopens the engine on the same folder (as a restarted app would). */
  reopen(): Promise<Engine>;
  close(): Promise<void>;
}

export async function createFixture(o: SimulatorOptions & { now: Date; timezone?: string; concurrency?: number; register?: boolean }): Promise<Fixture> {
  const sim = await startSimulator(o);
  const dataDir = mkdtempSync(join(tmpdir(), 'printreleaf-test-'));
  const clock = new ManualClock(o.now.getTime());
  const open = async () => {
    const e = await Engine.open({ dataDir, clock, clientOptions: FAST_CLIENT });
    await e.updateSettings({ timezone: o.timezone ?? 'UTC', concurrency: o.concurrency ?? 4 });
    return e;
  };
  let engine = await open();
  let serverId = 0;
  if (o.register !== false) {
    const server = await engine.servers.add({ url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    serverId = server.id;
  }
  const fixture: Fixture = {
    sim,
    get engine() {
      return engine;
    },
    clock,
    dataDir,
    serverId,
    setNow(at) {
      const ts = typeof at === 'number' ? at : at.getTime();
      clock.set(ts);
      sim.setNow(new Date(ts));
    },
    advanceDays(days) {
      fixture.setNow(clock.now() + days * DAY);
    },
    async reopen() {
      await engine.close();
      engine = await open();
      return engine;
    },
    async close() {
      await engine.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Fixtures that a test file creates freely and that are all closed after each test. */
export function fixturesClosedAfterEach(afterEach: (fn: () => Promise<void>) => void): (o: Parameters<typeof createFixture>[0]) => Promise<Fixture> {
  const open: Fixture[] = [];
  afterEach(async () => {
    for (const f of open.splice(0)) await f.close();
  });
  return async (o) => {
    const f = await createFixture(o);
    open.push(f);
    return f;
  };
}

/** Every read the simulator serves for an entity up to its now, straight from the API. */
export async function allReadsOf(sim: Simulator, entityId: string, from: Date, o: { excludeDisabled?: boolean } = {}): Promise<RawRead[]> {
  const client = new PrintTrackerClient({ url: sim.url, apiKey: sim.apiKey, caPem: sim.caPem });
  try {
    const items = await client.listMeterReads(entityId, { start: from, end: sim.now(), excludeDisabled: o.excludeDisabled ?? false });
    return items.map((i) => {
      const pc = (i['pageCounts'] ?? {}) as Record<string, { total?: { value?: unknown } } | undefined>;
      return { deviceKey: String(i['deviceKey']), timestamp: String(i['timestamp']), life: pc['life']?.total?.value, def: pc['default']?.total?.value };
    });
  } finally {
    client.close();
  }
}

/** The engine's ledger of a feed as ISO date → pages. */
export async function ledgerOf(engine: Engine, feedId: number): Promise<Map<string, number>> {
  const rows = await engine.ctx.db.ledger.feedDays(feedId, -1e6, 1e6);
  return new Map(rows.map((r) => [isoFromDay(r.day), r.pages]));
}

export async function expectedLedger(sim: Simulator, entityId: string, activation: string, zone: string, o: { excludeDisabled?: boolean } = {}): Promise<Map<string, number>> {
  const reads = await allReadsOf(sim, entityId, new Date(Date.parse(activation) - 2 * DAY), o);
  return referenceLedger(reads, { zone, activation, now: sim.now().getTime() });
}

export function total(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}
