// The BUILT main bundle (dist/desktop/main.cjs) run in plain Node on a stand-in for Electron
// (support/electron-stand-in): what main wires up — sandboxed window on the app scheme,
// the CSP on every app response, an IPC handler per contract method with its sender check,
// the engine in its own process, the tray drawn from the engine's state, close-to-tray,
// navigation refused, the single-instance hand-over and an orderly quit. The stand-in only
// records calls; Electron's own behaviour is what the _electron suite checks on Windows and macOS.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, IPC_CHANNEL_PREFIX } from '../../preload/api';
import { CONTENT_SECURITY_POLICY } from '../../main/serve/web-shell';

const root = join(import.meta.dirname, '..', '..');
const mainBundle = join(root, 'dist', 'desktop', 'main.cjs');
const harness = join(import.meta.dirname, 'support', 'electron-stand-in', 'run-main.mjs');
const APP = 'printreleaf://app/index.html';

interface Snapshot {
  sandbox: boolean;
  appUserModelId: string | null;
  privileged: { scheme: string; privileges: Record<string, boolean> }[];
  protocols: string[];
  channels: string[];
  windows: { webPreferences: Record<string, unknown>; url: string | null; visible: boolean; destroyed: boolean; sent: number }[];
  tray: { icon: string; tooltip: string; menu: { id: string; label: string; enabled: boolean }[] } | null;
  trayTooltip: string | null;
  trayMenu: string[] | null;
  engineState: string | null;
  notifications: { title: string; body: string }[];
  opened: string[];
  missingImages: string[];
  engineChildren: { modulePath: string; serviceName: string; exitCode: number | null }[];
  permissions: { camera: boolean; clipboard: boolean };
  store: Record<string, unknown> | null;
}

class Harness {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: { ok: boolean; value?: unknown; error?: string }) => void>();
  readonly exited: Promise<number | null>;
  readonly loaded: Promise<void>;
  output = '';

  constructor(readonly child: ChildProcess) {
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.loaded = new Promise((resolve) => this.waiting.set(0, () => resolve()));
    child.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  async run<T>(command: string, args?: unknown): Promise<T> {
    const id = this.nextId++;
    const reply = await new Promise<{ ok: boolean; value?: unknown; error?: string }>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, command, args });
    });
    if (!reply.ok) throw new Error(`${command}: ${reply.error}`);
    return reply.value as T;
  }

  snapshot(): Promise<Snapshot> {
    return this.run<Snapshot>('snapshot');
  }
}

function launch(env: Record<string, string>): Harness {
  const child = fork(harness, [mainBundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  return new Harness(child);
}

const dirs: string[] = [];
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), name));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

beforeAll(() => {
  for (const file of [mainBundle, join(root, 'dist', 'desktop', 'engine-process.cjs'), join(root, 'dist', 'renderer', 'index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` before these tests.`);
  }
});

describe('main process wiring (built bundle on an Electron stand-in)', () => {
  let h: Harness;
  let userData: string;

  beforeAll(async () => {
    userData = tempDir('printreleaf-main-');
    h = launch({ PRINTRELEAF_TEST_HOOKS: '1', PRINTRELEAF_USER_DATA_DIR: userData, PRINTRELEAF_NO_SCHEDULER: '1', STAND_IN_HOME: tempDir('printreleaf-home-') });
    await h.loaded;
    for (let waited = 0; (await h.snapshot()).engineState !== 'ready'; waited += 100) {
      if (waited > 30_000) throw new Error(`the engine did not become ready:\n${h.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (h.child.exitCode === null) h.child.kill();
  });

  it('a sandboxed window on the app scheme, a privileged scheme, sandbox for all renderers', async () => {
    const s = await h.snapshot();
    expect(s.sandbox).toBe(true);
    expect(s.privileged).toEqual([{ scheme: 'printreleaf', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(s.protocols).toEqual(['printreleaf']);
    expect(s.windows).toHaveLength(1);
    expect(s.windows[0]!.url).toBe(APP);
    expect(s.windows[0]!.visible).toBe(true);
    expect(s.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, preload: join(root, 'dist', 'desktop', 'preload.cjs') });
    expect(s.permissions).toEqual({ camera: false, clipboard: true });
    expect(s.missingImages).toEqual([]); // every tray icon main asked for exists
  });

  it('the engine runs in its own process, opened on the profile data folder', async () => {
    const s = await h.snapshot();
    expect(s.engineChildren).toEqual([{ modulePath: join(root, 'dist', 'desktop', 'engine-process.cjs'), serviceName: 'PrintReleaf Tray engine', exitCode: null }]);
    const info = await h.run<{ ok: boolean; value: { dataDir: string; shell: string; secretStore: string } }>('ipc', { channel: `${IPC_CHANNEL_PREFIX}getAppInfo`, frame: { url: APP, parent: null }, input: null });
    expect(info).toMatchObject({ ok: true, value: { dataDir: join(userData, 'data'), shell: 'desktop', secretStore: 'GNOME Keyring / libsecret (Electron safeStorage)' } });
  });

  it('one IPC handler per contract method, each refusing any sender but the app page', async () => {
    const s = await h.snapshot();
    expect(s.channels.sort()).toEqual(API_METHODS.map((m) => IPC_CHANNEL_PREFIX + m).sort());
    for (const frame of [null, { url: 'https://evil.example/', parent: null }, { url: 'file:///tmp/index.html', parent: null }, { url: APP, parent: {} }]) {
      expect(await h.run('ipc', { channel: `${IPC_CHANNEL_PREFIX}listServers`, frame, input: null })).toEqual({ ok: false, error: { kind: 'input', message: 'Refused: this page may not call PrintReleaf Tray.' } });
    }
    expect(await h.run('ipc', { channel: `${IPC_CHANNEL_PREFIX}listServers`, frame: { url: `${APP}#/servers`, parent: null }, input: null })).toEqual({ ok: true, value: [] });
  });

  it('serves the renderer with the strict CSP, and nothing outside it', async () => {
    const page = await h.run<{ status: number; headers: Record<string, string>; body: string }>('protocol', { url: APP });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toMatch(/<!doctype html>/i);
    expect((await h.run<{ status: number }>('protocol', { url: 'printreleaf://app/%2e%2e%2f%2e%2e%2fpackage.json' })).status).toBe(404);
    expect((await h.run<{ status: number }>('protocol', { url: 'printreleaf://app/index.html', method: 'POST' })).status).toBe(405);
  });

  it('the tray follows the engine: the empty state, then a paused schedule from its menu', async () => {
    let s = await h.snapshot();
    expect(s.tray?.icon).toBe('attention');
    expect(s.trayTooltip).toBe('No Print Tracker server registered yet — open PrintReleaf Tray to set it up');
    expect(s.trayMenu).toEqual(['Open PrintReleaf Tray', 'Collect now', 'Pause schedule', 'Quit']);
    expect(await h.run('hook', { name: 'clickTray', args: ['toggle-schedule'] })).toBe(true);
    await expect.poll(async () => (await h.snapshot()).trayMenu?.[2]).toBe('Resume schedule');
    s = await h.snapshot();
    expect((await h.run<{ ok: true; value: { scheduleEnabled: boolean } }>('ipc', { channel: `${IPC_CHANNEL_PREFIX}getSettings`, frame: { url: APP, parent: null }, input: null })).value.scheduleEnabled).toBe(false);
    expect(s.windows[0]!.sent).toBeGreaterThan(0); // the settings change reached the window as an event
  });

  it('navigation is refused; allow-listed links open in the browser, once', async () => {
    expect(await h.run('navigate', { url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await h.run('navigate', { url: 'https://printreleaf.com/about' })).toEqual({ prevented: true });
    expect(await h.run('openWindow', { url: 'https://www.printtrackerpro.com/' })).toEqual({ action: 'deny' });
    expect(await h.run('openWindow', { url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect((await h.snapshot()).opened).toEqual(['https://printreleaf.com/about', 'https://www.printtrackerpro.com/']);
  });

  it('closing the window hides it with a one-time notice; the tray opens it again', async () => {
    await h.run('closeWindow');
    let s = await h.snapshot();
    expect(s.windows[0]).toMatchObject({ visible: false, destroyed: false });
    expect(s.notifications.filter((n) => n.title === 'PrintReleaf Tray is still running')).toHaveLength(1);
    expect(s.store).toMatchObject({ closeNoticeShown: true });
    await h.run('hook', { name: 'clickTray', args: ['open'] });
    expect((await h.snapshot()).windows[0]!.visible).toBe(true);
    await h.run('closeWindow');
    s = await h.snapshot();
    expect(s.notifications.filter((n) => n.title === 'PrintReleaf Tray is still running')).toHaveLength(1);
  });

  it('waking from sleep asks the engine to catch up without disturbing it', async () => {
    await h.run('resume');
    expect((await h.snapshot()).engineState).toBe('ready');
  });

  it('Quit closes the engine process first, then the app', async () => {
    await h.run('hook', { name: 'clickTray', args: ['quit'] });
    expect(await h.exited).toBe(0);
    expect(existsSync(join(userData, 'data', 'printreleaf.sqlite'))).toBe(true);
    expect(existsSync(join(userData, 'data', 'printreleaf.sqlite-wal'))).toBe(false);
  });
});

describe('single instance (built bundle on an Electron stand-in)', () => {
  it('a second launch quits at once, without a window or an engine', async () => {
    const h = launch({ PRINTRELEAF_USER_DATA_DIR: tempDir('printreleaf-second-'), STAND_IN_LOCK: 'taken', STAND_IN_HOME: tempDir('printreleaf-home-') });
    expect(await h.exited).toBe(0);
  });
});
