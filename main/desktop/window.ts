// The one window: the renderer, sandboxed (contextIsolation, sandbox, no Node), loaded from
// printreleaf://app/. It never navigates away and never opens another window; allow-listed
// links open in the dealer's browser or mail program instead.
import { BrowserWindow, screen, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './external-links';
import { RENDERER_URL, isTrustedSender } from './app-url';
import type { Preferences } from './preferences';
import { MIN_SIZE, restoredBounds, type Bounds } from './window-bounds';

export interface WindowOptions {
  preloadPath: string;
  preferences: Preferences;
  show: boolean;
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
  log(line: string): void;
}

function openIfAllowed(url: string, log: (line: string) => void): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  else log(`blocked a link to ${url.slice(0, 200)}`);
}

/** Navigation and pop-ups are refused for every web contents the app ever creates. */
export function lockDownContents(contents: WebContents, log: (line: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedSender({ url, parent: null }, RENDERER_URL)) return; // a reload of the app itself
    event.preventDefault();
    openIfAllowed(url, log);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, log);
    return { action: 'deny' };
  });
}

export function createMainWindow(o: WindowOptions): BrowserWindow {
  const bounds = restoredBounds(o.preferences.get('windowBounds'), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'PrintReleaf Tray',
    backgroundColor: '#f6f7f4',
    autoHideMenuBar: true,
    webPreferences: {
      preload: o.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: o.devTools,
    },
  });
  // Navigation and pop-ups: refused by lockDownContents, which main applies to every web contents.

  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (!win.isDestroyed() && !win.isMinimized() && !win.isMaximized()) o.preferences.set('windowBounds', win.getBounds() satisfies Bounds);
    }, 400);
  };
  win.on('resize', saveBounds);
  win.on('move', saveBounds);
  win.once('ready-to-show', () => {
    if (o.show) win.show();
  });
  void win.loadURL(RENDERER_URL);
  return win;
}
