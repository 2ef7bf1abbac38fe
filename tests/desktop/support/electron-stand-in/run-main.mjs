// Runs the built main bundle (argv[2]) on the Electron stand-in and answers the test's
// commands over the IPC channel: the state main created, IPC calls with a chosen sender
// frame, app-scheme requests, navigation attempts, test hooks.
import Module, { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);
const standInPath = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standInPath : resolveFilename.call(this, request, ...rest);
};
const load = createRequire(import.meta.url);
const electron = load(standInPath);
const state = globalThis.__electronStandIn;
load(process.argv[2]);

const hooks = () => globalThis.__printreleafTest;
const win = () => state.windows.find((w) => !w.destroyed) ?? state.windows[0];

const commands = {
  snapshot: () => ({
    sandbox: state.sandbox,
    appUserModelId: state.appUserModelId,
    privileged: state.privileged,
    protocols: [...state.protocols.keys()],
    channels: [...state.ipc.keys()],
    windows: state.windows.map((w) => ({ webPreferences: w.options.webPreferences, url: w.url, visible: w.visible, destroyed: w.destroyed, sent: w.webContents.sent.length })),
    tray: hooks()?.tray() ?? null,
    trayTooltip: state.trays[0]?.tooltip ?? null,
    trayMenu: state.trays[0]?.menu?.items.map((i) => i.label) ?? null,
    engineState: hooks()?.engineState() ?? null,
    notifications: state.notifications,
    opened: state.opened,
    missingImages: state.missingImages,
    engineChildren: state.children.map((c) => ({ modulePath: c.modulePath, serviceName: c.options?.serviceName, exitCode: c.child.exitCode })),
    permissions: { camera: state.permissionCheck?.(null, 'media'), clipboard: state.permissionCheck?.(null, 'clipboard-sanitized-write') },
    store: state.store ? Object.fromEntries(state.store.values) : null,
  }),
  ipc: async ({ channel, frame, input }) => state.ipc.get(channel)({ senderFrame: frame }, input),
  protocol: async ({ url, method }) => {
    const response = await state.protocols.get('printreleaf')(new Request(url, { method: method ?? 'GET' }));
    const body = response.body ? Buffer.from(await response.arrayBuffer()).toString('utf8', 0, 200) : '';
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  },
  navigate: ({ url }) => {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    win().webContents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  },
  openWindow: ({ url }) => win().webContents.windowOpenHandler({ url }),
  hook: ({ name, args }) => hooks()[name](...(args ?? [])),
  closeWindow: () => win().close(),
  resume: () => electron.powerMonitor.emit('resume'),
};

process.on('message', async ({ id, command, args }) => {
  try {
    process.send({ id, ok: true, value: await commands[command](args ?? {}) });
  } catch (err) {
    process.send({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.send({ id: 0, ok: true, value: 'loaded' });
