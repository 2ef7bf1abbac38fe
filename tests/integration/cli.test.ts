// The headless CLI as a public contract (cli-contract.md), run as a real process against
// the simulator: JSON shapes, exit codes, and bad input rejected with exit 2, nothing written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator/index';
import { json, runCli, snapshotOf } from '../support/cli';

const NOW = '2025-10-15T09:00:00Z';
let sim: Simulator;
let dir: string;
let caFile: string;

const cli = (args: string[], env: Record<string, string> = {}, input?: string) => runCli(['--data-dir', join(dir, 'data'), '--now', NOW, ...args], { env, ...(input !== undefined ? { input } : {}) });

beforeAll(async () => {
  sim = await startSimulator({ seed: 42, customers: 5, devicesPerCustomer: [2, 4], historyStart: new Date('2025-07-01T00:00:00Z'), now: new Date(NOW) });
  dir = mkdtempSync(join(tmpdir(), 'printreleaf-cli-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sim.caPem);
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('printreleaf CLI', () => {
  it('rejects bad input before creating anything (exit 2)', async () => {
    const key = { PRINTTRACKER_API_KEY: sim.apiKey };
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['server', 'add', '--url', 'http://papi.example.com', '--entity', sim.parentEntityId, '--ca-file', caFile], /Only https:\/\//, key],
      [['server', 'add', '--url', 'not a url', '--entity', sim.parentEntityId], /Not a valid URL/, key],
      [['server', 'add', '--url', sim.url, '--entity', 'ae6456e192cf03114696de5'], /An Entity ID is 24 characters, 0–9 and a–f/, key],
      [['server', 'add', '--url', sim.url, '--entity', 'zz6456e192cf03114696de54'], /An Entity ID is 24 characters/, key],
      [['server', 'add', '--url', sim.url, '--entity', sim.parentEntityId, '--ca-file', caFile], /An API key is a UUID/, { PRINTTRACKER_API_KEY: 'a97153a6-f975-4826-a63e' }],
      [['feed', 'add', '--server', '1', '--entity', sim.parentEntityId, '--activation', '2025-02-30', '--scope', 'all'], /must exist on the calendar/],
      [['feed', 'add', '--server', '1', '--entity', sim.parentEntityId, '--activation', '2025-09-01', '--scope', 'some'], /"all" \(all devices\) or "managed"/],
      [['report', '--month', '2025-13'], /A month is written YYYY-MM/],
      [['config', 'set', 'timezone', 'Mars/Olympus_Mons'], /Not a known time zone/],
      [['config', 'set', 'grace-days', 'three'], /grace-days: Expected a whole number/],
      [['collect', '--bogus'], /Unknown option '--bogus'/],
      [['frobnicate'], /Unknown command "frobnicate"/],
      [['health', '--now', 'yesterday'], /--now takes an ISO-8601 instant/],
      [['feed', 'list', '--url', 'x'], /'feed list' does not take --url/],
      [['health', '--now', '2025-02-30T00:00:00Z'], /--now takes an ISO-8601 instant/],
      [['feed', 'add', '--server', '1', '--entity', sim.parentEntityId, '--activation', '2025-09-01', '--scope', 'all'], /There is no PrintReleaf Tray data in .* yet: register a server first/],
      [['feed', 'pause', '--id', '3'], /register a server first/],
      [['entities', '--server', '1'], /register a server first/],
      [['certificates', 'issue', '--month', '2025-09'], /register a server first/],
    ];
    for (const [args, message, env] of cases) {
      const r = await cli(args, env ?? {});
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('registers a server only when its connection check passes, reading the key from the environment or stdin', async () => {
    const wrong = await cli(['--json', 'server', 'add', '--url', sim.url, '--entity', sim.parentEntityId, '--ca-file', caFile], { PRINTTRACKER_API_KEY: 'a97153a6-f975-4826-a63e-03fe618b4531' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('API key rejected (401)');
    expect(wrong.stderr).not.toContain('a97153a6');
    expect(json(await cli(['--json', 'server', 'list'])).servers).toEqual([]);

    const untrusted = await cli(['server', 'add', '--url', sim.url, '--entity', sim.parentEntityId], { PRINTTRACKER_API_KEY: sim.apiKey });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('TLS certificate not trusted');

    const ok = await cli(['server', 'add', '--json', '--url', sim.url, '--entity', sim.parentEntityId.toUpperCase(), '--ca-file', caFile], {}, `${sim.apiKey}\n`);
    expect(ok.code).toBe(0);
    expect(json(ok)).toEqual({ id: 1, name: sim.parentName, url: sim.url, entityId: sim.parentEntityId, health: 'healthy' });

    const list = json<{ servers: Record<string, unknown>[] }>(await cli(['server', 'list', '--json']));
    expect(list.servers).toHaveLength(1);
    expect(list.servers[0]).toMatchObject({ id: 1, health: 'healthy', entityId: sim.parentEntityId });
    expect(Object.keys(list.servers[0]!).sort()).toEqual(['changedAt', 'entityId', 'health', 'id', 'name', 'reason', 'url']);
  });

  it('lists entities, maps feeds (one, then all unmapped), collects and reports', async () => {
    const entities = json<{ entities: { id: string; name: string }[] }>(await cli(['entities', '--server', '1', '--json'])).entities;
    expect(entities.length).toBeGreaterThanOrEqual(5);
    const first = entities[0]!;
    const one = json(await cli(['--json', 'feed', 'add', '--server', '1', '--entity', first.id, '--activation', '2025-09-01', '--scope', 'all', '--email', 'billing@example.com']));
    expect(one).toEqual({ id: 1, serverId: 1, entityId: first.id, name: first.name, activationDate: '2025-09-01', scope: 'all', email: 'billing@example.com' });
    const dup = await cli(['feed', 'add', '--server', '1', '--entity', first.id, '--activation', '2025-09-01', '--scope', 'all']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('already has a feed');

    const rest = json<{ feeds: { id: number; entityId: string }[] }>(await cli(['feed', 'add', '--server', '1', '--all-unmapped', '--activation', '2025-09-01', '--scope', 'managed', '--json']));
    expect(rest.feeds.map((f) => f.entityId).sort()).toEqual(entities.slice(1).map((e) => e.id).sort());

    const collect = await cli(['collect', '--json']);
    expect(collect.code).toBe(0);
    const c = json<{ servers: unknown[]; feeds: { status: string; reads: number; pages: number }[] }>(collect);
    expect(c.servers).toEqual([{ id: 1, health: 'healthy', reason: `connected to ${sim.parentName}` }]);
    expect(c.feeds).toHaveLength(entities.length);
    expect(c.feeds.every((f) => f.status === 'ok' && f.reads > 0 && f.pages > 0)).toBe(true);

    const report = json<{ month: string; feeds: { id: number; pages: number; trees: number }[] }>(await cli(['report', '--month', '2025-09', '--json', '--csv', join(dir, 'sep.csv')]));
    expect(report.month).toBe('2025-09');
    for (const f of report.feeds) {
      expect(Number.isInteger(f.pages)).toBe(true);
      expect(f.trees).toBe(Math.round((f.pages / 8333) * 100) / 100);
    }
    expect(existsSync(join(dir, 'sep.csv'))).toBe(true);

    const runs = json<{ runs: { id: number; feeds: unknown[] }[] }>(await cli(['runs', '--json']));
    expect(runs.runs[0]!.feeds).toHaveLength(entities.length);

    const health = json<{ servers: { health: string }[]; feeds: { health: string; newestRead: string }[] }>(await cli(['health', '--json']));
    expect(health.servers[0]!.health).toBe('healthy');
    expect(health.feeds.every((f) => f.health === 'healthy' && typeof f.newestRead === 'string')).toBe(true);
  });

  it('changes nothing when a command is rejected on a populated data folder', async () => {
    const before = await snapshotOf(join(dir, 'data'));
    const rejected = [
      await cli(['feed', 'add', '--server', '1', '--entity', sim.parentEntityId, '--activation', '2025-09-01', '--scope', 'all']),
      await cli(['feed', 'pause', '--id', '999']),
      await cli(['config', 'set', 'paper', 'tabloid']),
      await cli(['server', 'set-key', '--id', '1'], { PRINTTRACKER_API_KEY: 'not-a-key' }),
    ];
    expect(rejected.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(await snapshotOf(join(dir, 'data'))).toEqual(before);
  });

  it('exits 3 when collect skips a feed, and says which and why', async () => {
    const paused = await cli(['feed', 'pause', '--id', '2', '--json']);
    expect(json(paused)).toMatchObject({ id: 2, status: 'paused' });
    const one = await cli(['collect', '--feed', '2', '--json']);
    expect(one.code).toBe(3);
    expect(json<{ feeds: unknown[] }>(one).feeds).toEqual([{ id: 2, entityId: expect.any(String), status: 'skipped', reads: 0, pages: 0, error: 'feed is paused' }]);
  });

  it('accepts global options after the command words', async () => {
    const r = await runCli(['feed', 'list', '--json', '--data-dir', join(dir, 'data')]);
    expect(r.code).toBe(0);
    expect(json<{ feeds: unknown[] }>(r).feeds.length).toBeGreaterThanOrEqual(5);
  });
});
