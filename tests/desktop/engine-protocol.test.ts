// The main ↔ engine-process protocol: the zod schemas reject malformed messages, and main's
// EngineHost talks to the engine service over a real MessageChannel (structured clone, as
// Electron's ports do) with a real engine on a SQLite file; secrets are encrypted in "main"
// (SafeStorageCipher on a fake safeStorage), never in the engine process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../preload/api';
import { EngineHost, hostErrorOf, type EngineChild, type EngineStatus } from '../../main/desktop/engine-host';
import { parseFromEngine, parseToEngine, type InitMessage } from '../../main/desktop/engine-protocol';
import { serveEngine } from '../../main/desktop/engine-service';
import { SafeStorageCipher } from '../../main/desktop/safe-storage-cipher';
import { OperationError } from '../../main/engine/errors';
import { secretNames, SecretUnavailableError } from '../../main/engine/secrets/secret-store';
import { startSimulator } from '../../main/engine/printtracker/simulator/index';
import { Database } from '../../db/database';
import { FakeSafeStorage } from './support/fake-safe-storage';

describe('message schemas', () => {
  const init: InitMessage = { type: 'init', dataDir: '/data', version: '1.0.0', cipherDescription: 'macOS Keychain', scheduler: true };

  it('accepts every well-formed message to the engine', () => {
    expect(parseToEngine(init)).toEqual(init);
    expect(parseToEngine({ type: 'invoke', id: 3, method: 'getOverview', input: null })).toMatchObject({ type: 'invoke', method: 'getOverview' });
    expect(parseToEngine({ type: 'invoke', id: 4, method: 'addFeed', input: { anything: ['goes', 1] } })).not.toBeNull();
    expect(parseToEngine({ type: 'host-result', id: 1, ok: true, value: 'v1:abc' })).not.toBeNull();
    expect(parseToEngine({ type: 'host-result', id: 1, ok: true, value: null })).not.toBeNull();
    expect(parseToEngine({ type: 'host-result', id: 1, ok: false, error: { kind: 'unavailable', message: 'Re-enter it.' } })).not.toBeNull();
    expect(parseToEngine({ type: 'catch-up' })).toEqual({ type: 'catch-up' });
    expect(parseToEngine({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
  });

  it('rejects malformed messages to the engine', () => {
    const bad: unknown[] = [
      null,
      'shutdown',
      42,
      [],
      {},
      { type: 'reboot' },
      { type: 'invoke', id: 1, method: 'dropDatabase', input: null },
      { type: 'invoke', id: '1', method: 'getOverview', input: null },
      { type: 'invoke', id: -1, method: 'getOverview', input: null },
      { type: 'invoke', id: 1.5, method: 'getOverview', input: null },
      { type: 'invoke', method: 'getOverview', input: null },
      { type: 'invoke', id: 1, method: '__proto__', input: null },
      { ...init, dataDir: '' },
      { ...init, scheduler: 'yes' },
      { ...init, extra: true },
      { type: 'host-result', id: 1, ok: true, value: 42 },
      { type: 'host-result', id: 1, ok: false, error: { kind: 'panic', message: 'x' } },
      { type: 'host-result', id: 1, ok: false },
      { type: 'shutdown', now: true },
    ];
    for (const m of bad) expect(parseToEngine(m), JSON.stringify(m)).toBeNull();
  });

  it('accepts every well-formed message from the engine, and strips events to the contract', () => {
    expect(parseFromEngine({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseFromEngine({ type: 'result', id: 1, result: { ok: true, value: { any: 'thing' } } })).not.toBeNull();
    expect(parseFromEngine({ type: 'result', id: 1, result: { ok: false, error: { kind: 'input', message: 'Bad month', field: 'month' } } })).not.toBeNull();
    expect(parseFromEngine({ type: 'host-call', id: 2, call: { op: 'chooseExportDirectory', month: '2025-10' } })).not.toBeNull();
    expect(parseFromEngine({ type: 'host-call', id: 2, call: { op: 'setLaunchAtLogin', enabled: true } })).not.toBeNull();
    const progress = { type: 'event', event: { type: 'run-progress', progress: { runId: 1, feedsDone: 1, feedsTotal: 2, current: { feedId: 1, name: 'A', daysDone: 1, daysTotal: 9, internal: 'x' } } } };
    expect(parseFromEngine(progress)).toEqual({ type: 'event', event: { type: 'run-progress', progress: { runId: 1, feedsDone: 1, feedsTotal: 2, current: { feedId: 1, name: 'A', daysDone: 1, daysTotal: 9 } } } });
  });

  it('rejects malformed messages from the engine', () => {
    const bad: unknown[] = [
      { type: 'result', id: 1, result: { ok: 'yes', value: 1 } },
      { type: 'result', id: 1, result: { ok: false, error: { kind: 'input' } } },
      { type: 'result', id: 1, result: { ok: false, error: { kind: 'fatal', message: 'x' } } },
      { type: 'event', event: { type: 'run-finished', runId: 1, status: 'exploded', pages: 1 } },
      { type: 'event', event: { type: 'health-changed', subject: 'printer', id: 1, name: 'x', health: 'healthy', reason: '' } },
      { type: 'event', event: { type: 'unknown' } },
      { type: 'host-call', id: 1, call: { op: 'readFile', path: '/etc/passwd' } },
      { type: 'host-call', id: 1, call: { op: 'chooseExportDirectory', month: '../../etc' } },
      { type: 'host-call', id: 1, call: { op: 'chooseExportDirectory', month: '2025-13' } },
      { type: 'host-call', id: 1, call: { op: 'encrypt', plain: 5 } },
      { type: 'host-call', id: 1, call: { op: 'encrypt', plain: 'x'.repeat(100_001) } },
      { type: 'log', level: 'debug', line: 'x' },
      { type: 'fatal' },
    ];
    for (const m of bad) expect(parseFromEngine(m), JSON.stringify(m).slice(0, 80)).toBeNull();
  });

  it('maps host errors to kinds the engine side rebuilds', () => {
    expect(hostErrorOf(new SecretUnavailableError('Re-enter it.'))).toEqual({ kind: 'unavailable', message: 'Re-enter it.' });
    expect(hostErrorOf(new OperationError('No keychain.'))).toEqual({ kind: 'operation', message: 'No keychain.' });
    expect(hostErrorOf(new Error('boom'))).toEqual({ kind: 'internal', message: 'boom' });
  });
});

/** The engine service on one end of a MessageChannel, EngineHost's child on the other. */
function channelChild(): { spawn: () => EngineChild; exits: (() => void)[]; engineSide: () => MessagePort | null } {
  let port: MessagePort | null = null;
  const exits: (() => void)[] = [];
  return {
    exits,
    engineSide: () => port,
    spawn: () => {
      const { port1, port2 } = new MessageChannel();
      port = port2;
      let exitListener: (code: number) => void = () => undefined;
      serveEngine(
        { postMessage: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) },
        { exit: (code) => setTimeout(() => exitListener(code), 0) },
      );
      const child: EngineChild = {
        postMessage: (m) => port1.postMessage(m),
        onMessage: (l) => port1.on('message', l),
        onExit: (l) => {
          exitListener = (code) => {
            port1.close();
            l(code);
          };
        },
        kill: () => exitListener(137),
      };
      exits.push(() => exitListener(1));
      return child;
    },
  };
}

function waitFor(host: EngineHost, state: EngineStatus['state']): Promise<EngineStatus> {
  if (host.status.state === state) return Promise.resolve(host.status);
  return new Promise((resolve) => {
    const on = (s: EngineStatus) => {
      if (s.state !== state) return;
      host.off('status', on);
      resolve(s);
    };
    host.on('status', on);
  });
}

describe('EngineHost ↔ engine service', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function start(o: { safe?: FakeSafeStorage; dataDir?: string } = {}) {
    const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'printreleaf-host-'));
    if (!o.dataDir) cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const safe = o.safe ?? new FakeSafeStorage();
    const cipher = new SafeStorageCipher(safe, { platform: 'darwin', consentToBasicText: async () => false });
    const folders: string[] = [];
    const logins: boolean[] = [];
    const child = channelChild();
    const host = new EngineHost(
      child.spawn,
      { type: 'init', dataDir, version: '9.9.9', cipherDescription: cipher.description, scheduler: false },
      {
        encrypt: (p) => cipher.encrypt(p),
        decrypt: (c) => cipher.decrypt(c),
        chooseExportDirectory: async (month) => {
          folders.push(month);
          return null;
        },
        setLaunchAtLogin: async (enabled) => void logins.push(enabled),
      },
    );
    const events: ApiEvent[] = [];
    const logs: string[] = [];
    host.on('event', (e) => events.push(e));
    host.on('log', (_level, line) => logs.push(line));
    host.start();
    cleanup.push(() => host.shutdown(2_000));
    await waitFor(host, 'ready');
    return { host, safe, events, logs, folders, logins, dataDir, child };
  }

  it('serves the contract: app info, settings with the login item routed through main', async () => {
    const { host, logins } = await start();
    expect(await host.invoke('getAppInfo', null)).toMatchObject({ ok: true, value: { version: '9.9.9', shell: 'desktop', secretStore: 'macOS Keychain (Electron safeStorage)' } });
    const updated = await host.invoke('updateSettings', { launchAtLogin: true, scheduleEnabled: false });
    expect(updated).toMatchObject({ ok: true, value: { launchAtLogin: true, launchAtLoginAvailable: true, scheduleEnabled: false } });
    expect(logins).toEqual([true]);
    expect(await host.invoke('getOverview', null)).toMatchObject({ ok: true, value: { status: 'empty' } });
  });

  it('input errors come back as envelopes', async () => {
    const { host } = await start();
    const r = await host.invoke('listRuns', { limit: 'ten' });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error.kind).toBe('input');
  });

  it('a full collection: server and key through main, events relayed, secrets encrypted in main only', async () => {
    const now = new Date();
    const sim = await startSimulator({ seed: 5, customers: 2, devicesPerCustomer: 2, historyStart: new Date(now.getTime() - 40 * 86_400_000) });
    cleanup.push(() => sim.close());
    const { host, safe, events, dataDir } = await start();
    const added = await host.invoke('addServer', { url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    expect(added).toMatchObject({ ok: true, value: { hasApiKey: true, health: 'healthy' } });
    expect(safe.calls.encrypt).toBe(1);
    const serverId = (added as { value: { id: number } }).value.id;
    const activation = new Date(now.getTime() - 20 * 86_400_000).toISOString().slice(0, 10);
    const feeds = await host.invoke('addAllUnmapped', { serverId, activationDate: activation, scope: 'all' });
    expect(feeds).toMatchObject({ ok: true });
    expect((feeds as { value: unknown[] }).value).toHaveLength(2);
    const run = await host.invoke('collectNow', null);
    expect(run).toMatchObject({ ok: true, value: { status: 'ok', trigger: 'manual' } });
    expect((run as { value: { pages: number } }).value.pages).toBeGreaterThan(0);
    expect(safe.calls.decrypt).toBeGreaterThan(0);
    const types = events.map((e) => e.type);
    expect(types).toContain('run-started');
    expect(types).toContain('run-progress');
    expect(types).toContain('run-finished');
    expect(types).toContain('data-changed');

    // The database holds the safeStorage ciphertext only.
    await host.shutdown(2_000);
    const db = await Database.open(join(dataDir, 'printreleaf.sqlite'));
    try {
      const row = await db.secrets.get(secretNames.serverApiKey(serverId));
      expect(row?.store).toBe('electron-safe-storage');
      expect(row?.ciphertext).toMatch(/^v1:/);
      expect(row?.ciphertext).not.toContain(sim.apiKey);
    } finally {
      await db.close();
    }
  });

  it('main answers the engine host calls: the export folder dialog, secrets', async () => {
    const { child, folders } = await start();
    const port = child.engineSide()!;
    const answers: unknown[] = [];
    port.on('message', (m: { type: string; id?: number }) => {
      if (m.type === 'host-result' && (m.id ?? 0) >= 700) answers.push(m);
    });
    port.postMessage({ type: 'host-call', id: 701, call: { op: 'chooseExportDirectory', month: '2025-09' } });
    port.postMessage({ type: 'host-call', id: 702, call: { op: 'decrypt', ciphertext: 'v1:bm90IGEgY2lwaGVydGV4dA==' } });
    await expect.poll(() => answers.length).toBe(2);
    expect(folders).toEqual(['2025-09']);
    expect(answers).toContainEqual({ type: 'host-result', id: 701, ok: true, value: null });
    expect(answers).toContainEqual({ type: 'host-result', id: 702, ok: false, error: { kind: 'unavailable', message: expect.stringMatching(/Re-enter it/) } });
  });

  it('malformed messages from the engine are ignored and logged; a call whose answer is malformed still ends', async () => {
    const { host, logs, child } = await start();
    const port = child.engineSide()!;
    port.postMessage({ type: 'event', event: { type: 'nonsense' } });
    port.postMessage({ type: 'result', id: 999_999, result: 'not an envelope' });
    const answered = await host.invoke('getAppInfo', null);
    expect(answered.ok).toBe(true);
    expect(logs.filter((l) => /malformed/.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('when the engine process dies, waiting calls are answered and the host reports it', async () => {
    const { host, child } = await start();
    const failed = waitFor(host, 'failed');
    const exited = new Promise<number>((resolve) => host.once('exit', resolve));
    child.exits[0]!();
    expect(await exited).toBe(1);
    expect(await failed).toMatchObject({ state: 'failed', message: expect.stringMatching(/stopped unexpectedly/) });
    expect(await host.invoke('getOverview', null)).toMatchObject({ ok: false, error: { kind: 'operation' } });
  });

  it('shutdown closes the engine cleanly and a restart opens the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'printreleaf-host-'));
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const safe = new FakeSafeStorage();
    const first = await start({ dataDir, safe });
    await first.host.invoke('updateSettings', { dealerName: 'Green Copiers' });
    const exited = new Promise<number>((resolve) => first.host.once('exit', resolve));
    await first.host.shutdown(2_000);
    expect(await exited).toBe(0);
    expect(first.host.status.state).toBe('stopped');
    const second = await start({ dataDir, safe });
    expect(await second.host.invoke('getSettings', null)).toMatchObject({ ok: true, value: { dealerName: 'Green Copiers' } });
  });
});
