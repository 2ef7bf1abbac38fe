// The Electron main process (dist/desktop/main.cjs): lifecycle, tray, window, IPC, secrets.
// The engine runs in a utility process (engine-process.ts) so SQLite never blocks this one;
// every decision worth testing lives in a plain module (lifecycle, tray-state, app-url,
// health-notifications, safe-storage-cipher…) and this file only wires Electron to them.
import { join, resolve } from 'node:path';
import { app, dialog, ipcMain, Notification, powerMonitor, protocol, safeStorage, session, utilityProcess, type BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL, type ApiEvent, type CollectionProgress, type Overview } from '../../preload/api';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { RENDERER_URL } from './app-url';
import { BASIC_TEXT_QUESTION, basicTextConsent } from './basic-text-consent';
import { EngineHost, type EngineChild } from './engine-host';
import type { ToEngineMessage } from './engine-protocol';
import { healthNotifications, type HealthEvent } from './health-notifications';
import { registerApiHandlers } from './ipc-handlers';
import { bringToFrontSteps, closeDecision, closeNotice, HIDDEN_FLAG, restartDelay, singleInstanceOutcome, startsHidden } from './lifecycle';
import { openPreferences, type Preferences } from './preferences';
import { SafeStorageCipher } from './safe-storage-cipher';
import { installTestHooks, testHooksEnabled } from './test-hooks';
import { TrayController } from './tray';
import { trayState, type TrayAction } from './tray-state';
import { createMainWindow, lockDownContents } from './window';

const APP_ID = 'com.printreleaf.tray';
const PATHS = {
  renderer: join(__dirname, '..', 'renderer'),
  preload: join(__dirname, 'preload.cjs'),
  engine: join(__dirname, 'engine-process.cjs'),
  trayIcons: join(__dirname, '..', '..', 'build', 'tray'),
};
/** Health changes arriving within this window become one batch of notifications. */
const NOTIFY_BATCH_MS = 1_500;
const OVERVIEW_REFRESH_MS = 60_000;

function log(line: string): void {
  console.error(`[printreleaf] ${new Date().toISOString()} ${line}`);
}

// A separate profile (tests, a second dealer account) — before anything reads userData,
// because the single-instance lock lives there too.
if (process.env['PRINTRELEAF_USER_DATA_DIR']) app.setPath('userData', resolve(process.env['PRINTRELEAF_USER_DATA_DIR']));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.enableSandbox();
registerAppScheme(protocol);

if (singleInstanceOutcome(app.requestSingleInstanceLock()) === 'quit') {
  app.quit();
} else {
  run().catch((err: unknown) => {
    log(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    dialog.showErrorBox('PrintReleaf Tray cannot start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

async function run(): Promise<void> {
  const testHooks = testHooksEnabled(process.env);
  let quitting = false;
  let win: BrowserWindow | null = null;
  let overview: Overview | null = null;
  let progress: CollectionProgress | null = null;
  let zone = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, locale: 'en-US' };
  let nextFolderAnswer: { directory: string | null } | null = null;
  const shownNotifications: { title: string; body: string }[] = [];

  app.on('second-instance', () => bringToFront());
  app.on('window-all-closed', () => undefined); // the tray keeps the app running
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, log));

  await app.whenReady();
  const preferences: Preferences = await openPreferences();
  serveAppScheme(protocol, PATHS.renderer);
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'clipboard-sanitized-write'));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === 'clipboard-sanitized-write');

  const cipher = new SafeStorageCipher(safeStorage, {
    platform: process.platform,
    consentToBasicText: basicTextConsent(preferences, async () => {
      const answer = await dialog.showMessageBox({
        type: 'warning',
        title: BASIC_TEXT_QUESTION.title,
        message: BASIC_TEXT_QUESTION.message,
        detail: BASIC_TEXT_QUESTION.detail,
        buttons: [BASIC_TEXT_QUESTION.refuse, BASIC_TEXT_QUESTION.accept],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return answer.response === 1;
    }),
  });

  const spawnEngine = (): EngineChild => {
    const child = utilityProcess.fork(PATHS.engine, [], { serviceName: 'PrintReleaf Tray engine', stdio: 'pipe' });
    child.stdout?.on('data', (chunk: Buffer) => log(`engine: ${chunk.toString('utf8').trimEnd()}`));
    child.stderr?.on('data', (chunk: Buffer) => log(`engine: ${chunk.toString('utf8').trimEnd()}`));
    // Messages wait for the process to be up.
    let spawned = false;
    const waiting: ToEngineMessage[] = [];
    child.once('spawn', () => {
      spawned = true;
      for (const message of waiting.splice(0)) child.postMessage(message);
    });
    return {
      postMessage: (message) => (spawned ? child.postMessage(message) : void waiting.push(message)),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => {
        child.kill();
      },
    };
  };

  const host = new EngineHost(
    spawnEngine,
    {
      type: 'init',
      dataDir: join(app.getPath('userData'), 'data'),
      version: app.getVersion(),
      cipherDescription: cipher.description,
      // Tests that drive collections themselves may turn the nightly schedule off.
      scheduler: !(testHooks && process.env['PRINTRELEAF_NO_SCHEDULER'] === '1'),
    },
    {
      encrypt: (plain) => cipher.encrypt(plain),
      decrypt: (ciphertext) => cipher.decrypt(ciphertext),
      chooseExportDirectory: async (month) => {
        if (nextFolderAnswer) {
          const { directory } = nextFolderAnswer;
          nextFolderAnswer = null;
          return directory;
        }
        const options = {
          title: `Choose a folder for the ${new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })} certificates`,
          buttonLabel: 'Save certificates here',
          defaultPath: app.getPath('documents'),
          properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
        };
        const chosen = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
      setLaunchAtLogin: async (enabled) => {
        // An unpackaged app would register the development Electron binary: only packaged builds do it.
        if (!app.isPackaged) {
          log(`launch at login ${enabled ? 'on' : 'off'}: applied by installed builds only`);
          return;
        }
        app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
      },
    },
  );
  host.on('log', (level, line) => (level === 'error' ? log(`engine: ${line}`) : undefined));

  // ---- tray ----
  const tray = new TrayController(PATHS.trayIcons, process.platform, (action) => onTrayAction(action));
  const redrawTray = () => tray.update(trayState({ engine: host.status, overview, progress, ...zone, now: Date.now() }));

  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  async function refreshOverview(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        const result = await host.invoke('getOverview', null);
        if (result.ok) overview = result.value as Overview;
      } while (refreshAgain);
    })().finally(() => {
      refreshing = null;
      redrawTray();
    });
    return refreshing;
  }

  async function refreshZone(): Promise<void> {
    const info = await host.invoke('getAppInfo', null);
    if (info.ok) {
      const value = info.value as { timezone: string; locale: string };
      zone = { timeZone: value.timezone, locale: value.locale };
    }
  }

  function notify(title: string, body: string, urgent = false): void {
    shownNotifications.push({ title, body });
    if (!Notification.isSupported()) return;
    const n = new Notification({ title, body, urgency: urgent ? 'critical' : 'normal' });
    n.on('click', () => bringToFront());
    n.show();
  }

  function onTrayAction(action: TrayAction): void {
    switch (action) {
      case 'open':
        bringToFront();
        return;
      case 'collect':
        void host.invoke('collectNow', null).then((r) => {
          if (!r.ok) notify('Collection could not run', r.error.message, true);
        });
        return;
      case 'toggle-schedule': {
        const enable = overview ? !overview.scheduleEnabled : true;
        void host.invoke('updateSettings', { scheduleEnabled: enable }).then((r) => {
          if (!r.ok) notify('The schedule could not be changed', r.error.message, true);
          void refreshOverview();
        });
        return;
      }
      case 'quit':
        quitting = true;
        app.quit();
        return;
    }
  }

  // ---- engine events ----
  let healthBatch: HealthEvent[] = [];
  let healthTimer: NodeJS.Timeout | null = null;
  host.on('event', (event: ApiEvent) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, event);
    switch (event.type) {
      case 'run-started':
        progress = { runId: event.runId, feedsDone: 0, feedsTotal: event.feedsTotal, current: null };
        redrawTray();
        return;
      case 'run-progress':
        progress = event.progress;
        redrawTray();
        return;
      case 'run-finished':
        progress = null;
        void refreshOverview();
        return;
      case 'health-changed':
        healthBatch.push(event);
        healthTimer ??= setTimeout(() => {
          const batch = healthBatch;
          healthBatch = [];
          healthTimer = null;
          for (const n of healthNotifications(batch)) notify(n.title, n.body, n.urgent);
        }, NOTIFY_BATCH_MS);
        void refreshOverview();
        return;
      case 'data-changed':
        if (event.what === 'settings') void refreshZone();
        void refreshOverview();
        return;
    }
  });

  const crashes: number[] = [];
  host.on('status', (status) => {
    redrawTray();
    if (status.state === 'ready') {
      void refreshZone().then(() => refreshOverview());
      void syncLoginItem();
    }
    if (status.state === 'failed') notify('PrintReleaf Tray has a problem', status.message, true);
  });
  host.on('exit', (code) => {
    if (quitting) return;
    log(`engine process exited (code ${code})`);
    crashes.push(Date.now());
    const delay = restartDelay(crashes, Date.now());
    if (delay !== null) setTimeout(() => host.start(), delay);
  });

  async function syncLoginItem(): Promise<void> {
    if (!app.isPackaged) return;
    const settings = await host.invoke('getSettings', null);
    if (!settings.ok) return;
    const wanted = (settings.value as { launchAtLogin: boolean }).launchAtLogin;
    if (app.getLoginItemSettings().openAtLogin !== wanted) app.setLoginItemSettings({ openAtLogin: wanted, args: [HIDDEN_FLAG] });
  }

  // ---- window ----
  function openWindow(show: boolean): BrowserWindow {
    const w = createMainWindow({ preloadPath: PATHS.preload, preferences, show, devTools: !app.isPackaged, log });
    w.on('close', (event) => {
      const decision = closeDecision({ quitting, noticeShown: preferences.get('closeNoticeShown') });
      if (!decision.keepRunning) return;
      event.preventDefault();
      w.hide();
      if (decision.showNotice) {
        const notice = closeNotice(process.platform);
        notify(notice.title, notice.body);
        preferences.set('closeNoticeShown', true);
      }
    });
    w.on('closed', () => {
      if (win === w) win = null;
    });
    win = w;
    return w;
  }

  function bringToFront(): void {
    const w = win && !win.isDestroyed() ? win : null;
    for (const step of bringToFrontSteps({ exists: w !== null, visible: w?.isVisible() ?? false, minimized: w?.isMinimized() ?? false })) {
      if (step === 'create') openWindow(false);
      else if (step === 'restore') win?.restore();
      else if (step === 'show') win?.show();
      else win?.focus();
    }
  }

  registerApiHandlers(ipcMain, (method, input) => host.invoke(method, input), RENDERER_URL, log);
  powerMonitor.on('resume', () => host.catchUp());
  app.on('activate', () => bringToFront()); // macOS: the Dock icon was clicked

  let shutDown = false;
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    void host.shutdown().finally(() => {
      shutDown = true;
      tray.destroy();
      app.quit();
    });
  });

  if (testHooks) {
    installTestHooks({
      tray: () => tray.current,
      clickTray: (action) => tray.click(action),
      window: () => ({ exists: win !== null && !win.isDestroyed(), visible: win?.isVisible() ?? false, focused: win?.isFocused() ?? false }),
      closeWindow: () => win?.close(),
      engineState: () => host.status.state,
      answerNextFolderDialog: (directory) => {
        nextFolderAnswer = { directory };
      },
      notifications: () => [...shownNotifications],
    });
  }

  host.start();
  redrawTray();
  setInterval(() => void refreshOverview(), OVERVIEW_REFRESH_MS).unref();
  const hidden = startsHidden(process.argv, process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  openWindow(!hidden);
}
