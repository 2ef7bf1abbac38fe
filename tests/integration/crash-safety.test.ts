// R7 crash safety: a collection killed with SIGKILL at random moments leaves a consistent
// database every time, and re-running reaches exactly the totals of an uninterrupted run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine/engine';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator/index';
import { CLI, runCli } from '../support/cli';

const NOW = '2025-10-15T09:00:00Z';
const KILLS = 24;
let sim: Simulator;
let dir: string;

async function prepare(dataDir: string): Promise<void> {
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sim.caPem);
  const base = ['--data-dir', dataDir, '--now', NOW];
  for (const [args, env] of [
    [['server', 'add', '--url', sim.url, '--entity', sim.parentEntityId, '--ca-file', caFile], { PRINTTRACKER_API_KEY: sim.apiKey }],
    [['config', 'set', 'concurrency', '3'], {}],
    [['feed', 'add', '--server', '1', '--all-unmapped', '--activation', '2025-03-01', '--scope', 'all'], {}],
  ] as const) {
    const r = await runCli([...base, ...args], { env });
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
}

async function state(dataDir: string) {
  const engine = await Engine.open({ dataDir });
  try {
    const problems = await engine.ctx.db.consistencyProblems();
    const feeds = await engine.feeds.list();
    const ledgers: Record<number, [number, number][]> = {};
    for (const f of feeds) ledgers[f.id] = (await engine.ctx.db.ledger.feedDays(f.id, -1e6, 1e6)).map((d) => [d.day, d.pages]);
    return { problems, ledgers };
  } finally {
    await engine.close();
  }
}

function collectAndKill(dataDir: string, afterMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, '--now', NOW, 'collect', '--json'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

beforeAll(async () => {
  // A long backfill (seven months, small latency) so that kills land in every phase.
  sim = await startSimulator({ seed: 99, customers: 8, devicesPerCustomer: [4, 12], historyStart: new Date('2025-01-01T00:00:00Z'), now: new Date(NOW), latencyMs: 3 });
  dir = mkdtempSync(join(tmpdir(), 'printreleaf-crash-'));
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('crash safety (R7)', () => {
  it(`survives ${KILLS} SIGKILLs mid-collection and converges to the uninterrupted totals`, async () => {
    const reference = join(dir, 'reference');
    await prepare(reference);
    const started = Date.now();
    const uninterrupted = await runCli(['--data-dir', reference, '--now', NOW, 'collect', '--json']);
    const duration = Date.now() - started;
    expect(uninterrupted.code, uninterrupted.stdout + uninterrupted.stderr).toBe(0);
    const expected = await state(reference);
    expect(expected.problems).toEqual([]);

    const victim = join(dir, 'victim');
    await prepare(victim);
    let killed = 0;
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 0; killed < KILLS && attempt < KILLS * 8; attempt++) {
      // Every few kills, start again from scratch so early phases (the first backfill) are hit too.
      if (attempt > 0 && attempt % 8 === 0) {
        rmSync(victim, { recursive: true, force: true });
        await prepare(victim);
      }
      // Kill anywhere from process start-up to the end of a full run.
      const delay = 100 + Math.floor(random() * duration);
      const outcome = await collectAndKill(victim, delay);
      if (outcome === 'killed') killed++;
      expect((await state(victim)).problems, `after attempt ${attempt} (${outcome} at ${delay} ms)`).toEqual([]);
    }
    expect(killed).toBeGreaterThanOrEqual(KILLS);

    const finish = await runCli(['--data-dir', victim, '--now', NOW, 'collect', '--json']);
    expect(finish.code, finish.stdout + finish.stderr).toBe(0);
    const final = await state(victim);
    expect(final.problems).toEqual([]);
    expect(final.ledgers).toEqual(expected.ledgers);
  }, 240_000);
});
