// The renderer's transport over Electron IPC, built by the preload from ipcRenderer and
// exposed as `window.printreleaf`. Only the contract's methods can be invoked, only the API
// event channel can be listened to, and the IPC event object (with its sender) never reaches
// the page. No runtime imports but the contract's constants: the sandboxed preload bundles
// this file, and tests run it in plain Node with a fake ipcRenderer.
import { API_METHODS, IPC_CHANNEL_PREFIX, IPC_EVENT_CHANNEL, type ApiEvent, type ApiMethod, type ApiResult, type ApiTransport } from '../../preload/api';

/** The parts of Electron's ipcRenderer the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const METHODS: ReadonlySet<string> = new Set(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && METHODS.has(name);
}

export function createIpcTransport(ipc: IpcRendererLike): ApiTransport {
  return {
    async invoke(method, input) {
      if (!isApiMethod(method)) return { ok: false, error: { kind: 'input', message: `Unknown API method ${String(method).slice(0, 60)}` } };
      try {
        return (await ipc.invoke(IPC_CHANNEL_PREFIX + method, input ?? null)) as ApiResult<unknown>;
      } catch {
        return { ok: false, error: { kind: 'internal', message: 'PrintReleaf Tray did not answer this request. Try again, or restart the app.' } };
      }
    },
    onEvent(listener) {
      if (typeof listener !== 'function') return () => undefined;
      const relay = (_event: unknown, payload: unknown) => listener(payload as ApiEvent);
      ipc.on(IPC_EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, relay);
      };
    },
  };
}
