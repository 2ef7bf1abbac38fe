// The desktop app itself, launched with Playwright's _electron: the sandboxed window on the
// app scheme with its preload bridge, the tray and its menu (through the test hooks main
// exposes with PRINTRELEAF_TEST_HOOKS=1), close-to-tray, the single-instance lock, a full
// collection against the simulator registered through the window's API, and a certificate
// saved to a folder. Skipped, with the reason, where no Electron binary exists.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { ApiMethod, ApiTransport, CertificateMonth, ExportOutcome, FeedView, IssueOutcome, RunView, ServerView } from '../../preload/api';
import type { DesktopTestHooks } from '../../main/desktop/test-hooks';
import type { TrayAction, TrayView } from '../../main/desktop/tray-state';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator/index';
import { electronBinary, SKIP_REASON } from './support/electron-binary';

const root = join(import.meta.dirname, '..', '..');
const binary = electronBinary();
test.skip(binary === null, SKIP_REASON);
test.describe.configure({ mode: 'serial' });

const DAY = 86_400_000;
/** Linux (not a release target) runs Chromium's sandbox only with its setuid helper: off there. */
const ARGS = [...(process.platform === 'linux' ? ['--no-sandbox'] : []), root];

function appEnv(userDataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, PRINTRELEAF_TEST_HOOKS: '1', PRINTRELEAF_USER_DATA_DIR: userDataDir, PRINTRELEAF_NO_SCHEDULER: '1' };
}

/** Calls the contract from inside the window, through the preload bridge and IPC. */
async function call<T>(page: Page, method: ApiMethod, input: unknown = null): Promise<T> {
  const result = await page.evaluate(([m, i]) => (window as unknown as { printreleaf: ApiTransport }).printreleaf.invoke(m, i), [method, input] as [ApiMethod, unknown]);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

const tray = (app: ElectronApplication) => app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.tray()) as Promise<TrayView | null>;
const clickTray = (app: ElectronApplication, action: TrayAction) =>
  app.evaluate((_e, a) => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.clickTray(a), action);
const windowState = (app: ElectronApplication) => app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.window());
const notifications = (app: ElectronApplication) => app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.notifications());
const label = (view: TrayView | null, id: TrayAction) => view?.menu.find((m) => m.id === id)?.label;

test.describe('PrintReleaf Tray desktop app', () => {
  let userDataDir: string;
  let exportDir: string;
  let app: ElectronApplication;
  let page: Page;
  let sim: Simulator | null = null;

  test.beforeAll(async () => {
    userDataDir = mkdtempSync(join(tmpdir(), 'printreleaf-electron-'));
    exportDir = mkdtempSync(join(tmpdir(), 'printreleaf-export-'));
    app = await electron.launch({ executablePath: binary!, args: ARGS, env: appEnv(userDataDir) });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.engineState())).toBe('ready');
  });

  test.afterAll(async () => {
    await app?.close().catch(() => undefined);
    await sim?.close();
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(exportDir, { recursive: true, force: true });
  });

  test('launches a sandboxed window on the app scheme with only the contract bridge', async () => {
    expect(page.url()).toBe('printreleaf://app/index.html');
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown> & { printreleaf: Record<string, unknown> };
      return {
        require: typeof w['require'],
        process: typeof w['process'],
        bridge: Object.keys(w.printreleaf).sort(),
      };
    });
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'onEvent'] });
    // The CSP (a response header of the app scheme) blocks inline script.
    const inlineRan = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
    // Names outside the contract never reach main.
    const refused = await page.evaluate(() => (window as unknown as { printreleaf: ApiTransport }).printreleaf.invoke('shutdown' as ApiMethod, null));
    expect(refused.ok).toBe(false);
    expect(refused.ok ? null : refused.error.kind).toBe('input');
    const info = await call<{ shell: string; secretStore: string }>(page, 'getAppInfo');
    expect(info.shell).toBe('desktop');
    expect(info.secretStore).toMatch(/Electron safeStorage/);
  });

  test('the tray shows the empty state and offers its menu', async () => {
    await expect.poll(async () => (await tray(app))?.tooltip).toBe('No Print Tracker server registered yet — open PrintReleaf Tray to set it up');
    const view = await tray(app);
    expect(view?.icon).toBe('attention');
    expect(view?.menu.map((m) => m.label)).toEqual(['Open PrintReleaf Tray', 'Collect now', 'Pause schedule', 'Quit']);
  });

  test('tray menu: pause and resume the schedule', async () => {
    expect(await clickTray(app, 'toggle-schedule')).toBe(true);
    await expect.poll(async () => label(await tray(app), 'toggle-schedule')).toBe('Resume schedule');
    expect((await call<{ scheduleEnabled: boolean }>(page, 'getSettings')).scheduleEnabled).toBe(false);
    expect(await clickTray(app, 'toggle-schedule')).toBe(true);
    await expect.poll(async () => label(await tray(app), 'toggle-schedule')).toBe('Pause schedule');
  });

  test('navigation and new windows are refused', async () => {
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('printreleaf://app/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  test('closing the window keeps the app in the tray, with a notice the first time; Open brings it back', async () => {
    await app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.closeWindow());
    await expect.poll(async () => (await windowState(app)).visible).toBe(false);
    expect((await windowState(app)).exists).toBe(true);
    expect((await notifications(app)).filter((n) => n.title === 'PrintReleaf Tray is still running')).toHaveLength(1);
    expect(await clickTray(app, 'open')).toBe(true);
    await expect.poll(async () => (await windowState(app)).visible).toBe(true);
    await app.evaluate(() => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.closeWindow());
    await expect.poll(async () => (await windowState(app)).visible).toBe(false);
    expect((await notifications(app)).filter((n) => n.title === 'PrintReleaf Tray is still running')).toHaveLength(1);
  });

  test('a second launch hands over to the first, which shows its window', async () => {
    const second = spawn(binary!, ARGS, { env: appEnv(userDataDir), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect.poll(async () => (await windowState(app)).visible).toBe(true);
  });

  test('a full collection against the simulator, then a certificate saved to a folder', async () => {
    const now = Date.now();
    sim = await startSimulator({ seed: 2025, customers: 4, devicesPerCustomer: 2, historyStart: new Date(now - 150 * DAY) });
    const server = await call<ServerView>(page, 'addServer', { url: sim.url, entityId: sim.parentEntityId, apiKey: sim.apiKey, caPem: sim.caPem });
    expect(server).toMatchObject({ health: 'healthy', hasApiKey: true });
    const today = new Date(now);
    const activation = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 3, 1)).toISOString().slice(0, 10);
    const feeds = await call<FeedView[]>(page, 'addAllUnmapped', { serverId: server.id, activationDate: activation, scope: 'all' });
    expect(feeds.length).toBeGreaterThanOrEqual(4);

    // Collect from the tray menu, as a dealer would.
    expect(await clickTray(app, 'collect')).toBe(true);
    await expect.poll(async () => (await call<RunView[]>(page, 'listRuns', { limit: 1 }))[0]?.status ?? 'none', { timeout: 180_000 }).toBe('ok');
    const [run] = await call<RunView[]>(page, 'listRuns', { limit: 1 });
    expect(run!.trigger).toBe('manual');
    expect(run!.pages).toBeGreaterThan(0);
    await expect.poll(async () => (await tray(app))?.icon).toBe('healthy');
    expect((await tray(app))?.tooltip).toMatch(/^\d+ feeds healthy · last run /);

    // Certify the latest closed month, and save the PDFs where the folder dialog "chooses".
    const months = [1, 2].map((back) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
    let month: string | null = null;
    for (const m of months) {
      if ((await call<CertificateMonth>(page, 'getCertificateMonth', { month: m })).certifiable) {
        month = m;
        break;
      }
    }
    expect(month).not.toBeNull();
    const issued = await call<IssueOutcome>(page, 'issueCertificates', { month });
    expect(issued.issued.length).toBeGreaterThan(0);
    await app.evaluate((_e, dir) => (globalThis as unknown as Record<string, DesktopTestHooks>)['__printreleafTest']!.answerNextFolderDialog(dir), exportDir);
    const exported = await call<ExportOutcome>(page, 'exportCertificates', { month });
    expect(exported.directory).toBe(exportDir);
    expect(exported.files.length).toBe(issued.issued.length);
    const pdfs = readdirSync(exportDir).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBe(issued.issued.length);
    for (const f of pdfs) expect(readFileSync(join(exportDir, f)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('Quit in the tray ends the app and its engine process', async () => {
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    await clickTray(app, 'quit').catch(() => undefined); // the app may go before answering
    expect(await exited).toBe(0);
    // The engine closed its database cleanly: no WAL left behind.
    expect(existsSync(join(userDataDir, 'data', 'printreleaf.sqlite'))).toBe(true);
    expect(existsSync(join(userDataDir, 'data', 'printreleaf.sqlite-wal'))).toBe(false);
  });
});
