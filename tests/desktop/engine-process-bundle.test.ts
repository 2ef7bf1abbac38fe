// The BUILT engine process (dist/desktop/engine-process.cjs, run `node scripts/build.mjs`
// first) in a separate process, given the parentPort an Electron utility process would have,
// driven by main's EngineHost: a full collection against the simulator over HTTPS, the demo
// (whose certificate code is bundled, not a dev dependency), and a clean shutdown. Only
// Electron's port is replaced; everything else is what ships.
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../preload/api';
import { EngineHost, type EngineChild, type EngineStatus } from '../../main/desktop/engine-host';
import { SafeStorageCipher } from '../../main/desktop/safe-storage-cipher';
import { startSimulator } from '../../main/engine/printtracker/simulator/index';
import { FakeSafeStorage } from './support/fake-safe-storage';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'desktop', 'engine-process.cjs');
const shim = join(import.meta.dirname, 'support', 'utility-process-shim.mjs');

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\` before these tests.`);
});

function forkedChild(): EngineChild {
  const child = fork(shim, [bundle], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  return {
    postMessage: (m) => child.send(m),
    onMessage: (l) => child.on('message', l),
    onExit: (l) => child.on('exit', (code, signal) => l(code ?? (signal ? 1 : 0))),
    kill: () => {
      child.kill();
    },
  };
}

function waitFor(host: EngineHost, state: EngineStatus['state']): Promise<EngineStatus> {
  if (host.status.state === state) return Promise.resolve(host.status);
  return new Promise((resolve) => {
    const on = (s: EngineStatus) => {
      if (s.state === state || s.state === 'failed') {
        host.off('status', on);
        resolve(s);
      }
    };
    host.on('status', on);
  });
}

describe('the built engine process', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start() {
    const dataDir = mkdtempSync(join(tmpdir(), 'printreleaf-bundle-'));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const safe = new FakeSafeStorage();
    const cipher = new SafeStorageCipher(safe, { platform: 'win32', consentToBasicText: async () => false });
    const host = new EngineHost(forkedChild, { type: 'init', dataDir, version: '1.2.3', cipherDescription: cipher.description, scheduler: true }, {
      encrypt: (p) => cipher.encrypt(p),
      decrypt: (c) => cipher.decrypt(c),
      chooseExportDirectory: async () => null,
      setLaunchAtLogin: async () => undefined,
    });
    const events: ApiEvent[] = [];
    host.on('event', (e) => events.push(e));
    host.start();
    cleanup.push(() => host.shutdown(5_000));
    expect(await waitFor(host, 'ready')).toEqual({ state: 'ready' });
    return { host, safe, events };
  }

  it('collects against the simulator and shuts down cleanly', async () => {
    const now = Date.now();
    const sim = await startSimulator({ seed: 9, customers: 3, devicesPerCustomer: 2, historyStart: new Date(now - 60 * 86_400_000) });
    cleanup.push(() => sim.close());
    const { host, safe, events } = await start();
    expect(await host.invoke('getAppInfo', null)).toMatchObject({ ok: true, value: { version: '1.2.3', shell: 'desktop', secretStore: expect.stringMatching(/DPAPI/) } });
    const added = await host.invoke('addServer', { url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    expect(added).toMatchObject({ ok: true, value: { health: 'healthy', hasApiKey: true } });
    const serverId = (added as { value: { id: number } }).value.id;
    const activationDate = new Date(now - 30 * 86_400_000).toISOString().slice(0, 10);
    const feeds = await host.invoke('addAllUnmapped', { serverId, activationDate, scope: 'all' });
    expect(feeds).toMatchObject({ ok: true });
    const feedCount = (feeds as { value: unknown[] }).value.length;
    expect(feedCount).toBeGreaterThanOrEqual(3);
    const run = await host.invoke('collectNow', null);
    expect(run).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect((run as { value: { pages: number } }).value.pages).toBeGreaterThan(0);
    expect(safe.calls.encrypt).toBe(1);
    expect(events.some((e) => e.type === 'run-finished' && e.status === 'ok')).toBe(true);
    const overview = await host.invoke('getOverview', null);
    expect(overview).toMatchObject({ ok: true, value: { feeds: { total: feedCount }, scheduleEnabled: true } });
    expect((overview as { value: { nextRunAt: number | null } }).value.nextRunAt).toBeGreaterThan(now); // the schedule runs in the engine process

    const exited = new Promise<number>((resolve) => host.once('exit', resolve));
    await host.shutdown(5_000);
    expect(await exited).toBe(0);
  });

  it('starts the demo (the simulator and its certificates are bundled)', async () => {
    const { host } = await start();
    const demo = await host.invoke('startDemo', null);
    expect(demo).toMatchObject({ ok: true, value: { name: expect.stringMatching(/\(demo\)$/), health: 'healthy' } });
    expect(await host.invoke('getAppInfo', null)).toMatchObject({ ok: true, value: { demo: true } });
  });

  it('refuses to run outside a utility process', () => {
    const r = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/runs only as an Electron utility process/);
  });
});
