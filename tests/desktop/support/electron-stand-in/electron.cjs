/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS stand-in, required by the CommonJS main bundle */
// A stand-in for the parts of Electron main.ts uses, so the BUILT main bundle can be run in
// plain Node (tests/desktop/main-wiring.test.ts). It records what main does (windows, tray,
// IPC handlers, protocol handler, notifications, links opened) on globalThis.__electronStandIn
// and runs the engine "utility process" as a Node child with a parentPort shim. It proves
// main's wiring, not Electron's behaviour.
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');
const { createCipheriv, createDecipheriv, randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');

const state = {
  windows: [],
  trays: [],
  ipc: new Map(),
  protocols: new Map(),
  privileged: [],
  opened: [],
  notifications: [],
  dialogs: [],
  missingImages: [],
  children: [],
  loginItem: { openAtLogin: false },
  paths: {},
  sandbox: false,
  appUserModelId: null,
  permissionRequest: null,
  permissionCheck: null,
};
globalThis.__electronStandIn = state;

const makeEvent = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = false;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }
  whenReady() {
    return this.ready;
  }
  requestSingleInstanceLock() {
    return process.env.STAND_IN_LOCK !== 'taken';
  }
  setPath(name, value) {
    state.paths[name] = value;
  }
  getPath(name) {
    return state.paths[name] ?? path.join(process.env.STAND_IN_HOME ?? process.cwd(), name);
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  enableSandbox() {
    state.sandbox = true;
  }
  setAppUserModelId(id) {
    state.appUserModelId = id;
  }
  getLoginItemSettings() {
    return { ...state.loginItem, wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings) {
    state.loginItem = settings;
  }
  /** As Electron: before-quit, then every window is closed (a prevented close cancels), then will-quit. */
  quit() {
    this.emit('before-quit', makeEvent());
    for (const w of state.windows.filter((w) => !w.destroyed)) {
      if (!w.close()) return;
    }
    const willQuit = makeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit');
    setImmediate(() => process.exit(0));
  }
  exit(code) {
    process.exit(code);
  }
}
const app = new App();
setImmediate(() => app.markReady());

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.visible = false;
    this.destroyed = false;
    this.url = null;
    this.webContents = new WebContents();
    state.windows.push(this);
    app.emit('web-contents-created', makeEvent(), this.webContents);
  }
  loadURL(url) {
    this.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  restore() {}
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isFocused() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getBounds() {
    return { x: 10, y: 10, width: 1180, height: 780 };
  }
  /** Returns whether the window really closed. */
  close() {
    const e = makeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    return true;
  }
}

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    state.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    this.tooltip = '';
    this.menu = null;
    state.trays.push(this);
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

const SHIM = path.join(__dirname, '..', 'utility-process-shim.mjs');
const utilityProcess = {
  fork(modulePath, _args, options) {
    const child = fork(SHIM, [modulePath], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: options?.env ?? process.env });
    const proc = new EventEmitter();
    proc.stdout = child.stdout;
    proc.stderr = child.stderr;
    proc.pid = child.pid;
    proc.postMessage = (message) => child.send(message);
    proc.kill = () => child.kill();
    child.on('spawn', () => proc.emit('spawn'));
    child.on('message', (message) => proc.emit('message', message));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    state.children.push({ modulePath, options, child });
    return proc;
  },
};

let safeKey = randomBytes(32);
const safeStorage = {
  async isAsyncEncryptionAvailable() {
    return true;
  },
  getSelectedStorageBackend() {
    return 'gnome_libsecret';
  },
  async encryptStringAsync(plain) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', safeKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  },
  async decryptStringAsync(buf) {
    const d = createDecipheriv('aes-256-gcm', safeKey, buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    return { shouldReEncrypt: false, result: Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8') };
  },
  rotateKey() {
    safeKey = randomBytes(32);
  },
};

module.exports = {
  app,
  BrowserWindow,
  Notification,
  Tray,
  utilityProcess,
  safeStorage,
  Menu: { buildFromTemplate: (items) => ({ items }) },
  nativeImage: {
    createFromPath(file) {
      if (!existsSync(file)) state.missingImages.push(file);
      return { file, setTemplateImage() {} };
    },
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  shell: {
    async openExternal(url) {
      state.opened.push(url);
    },
  },
  dialog: {
    async showOpenDialog(...args) {
      state.dialogs.push({ kind: 'open', options: args[args.length - 1] });
      return { canceled: true, filePaths: [] };
    },
    async showMessageBox(options) {
      state.dialogs.push({ kind: 'message', options });
      return { response: 0 };
    },
    showErrorBox(title, content) {
      state.dialogs.push({ kind: 'error', options: { title, content } });
    },
  },
  ipcMain: {
    handle(channel, handler) {
      if (state.ipc.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.ipc.set(channel, handler);
    },
  },
  powerMonitor: new EventEmitter(),
  protocol: {
    registerSchemesAsPrivileged(schemes) {
      state.privileged.push(...schemes);
    },
    handle(scheme, handler) {
      state.protocols.set(scheme, handler);
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler(handler) {
        state.permissionRequest = handler;
      },
      setPermissionCheckHandler(handler) {
        state.permissionCheck = handler;
      },
    },
  },
};
