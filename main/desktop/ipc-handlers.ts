// One ipcMain handler per contract method. Each checks its sender before anything else —
// only the top frame of the app's own renderer page may call — then forwards the call to the
// engine process. Answers are always envelopes: errors do not survive IPC intact.
import type { IpcMain } from 'electron';
import { API_METHODS, IPC_CHANNEL_PREFIX, type ApiMethod, type ApiResult } from '../../preload/api';
import { isTrustedSender, type SenderFrame } from './app-url';

export const REFUSED_SENDER: ApiResult<never> = { ok: false, error: { kind: 'input', message: 'Refused: this page may not call PrintReleaf Tray.' } };

export type Invoke = (method: ApiMethod, input: unknown) => Promise<ApiResult<unknown>>;

/** The handler for one method, given the event's sender frame (Electron-free, unit-tested). */
export function createApiHandler(method: ApiMethod, invoke: Invoke, rendererUrl: string, onRefused: (url: string) => void) {
  return async (event: { senderFrame: SenderFrame | null }, input: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      onRefused(event.senderFrame?.url ?? '(no frame)');
      return REFUSED_SENDER;
    }
    return invoke(method, input);
  };
}

export function registerApiHandlers(ipcMain: IpcMain, invoke: Invoke, rendererUrl: string, log: (line: string) => void): void {
  for (const method of API_METHODS) {
    ipcMain.handle(IPC_CHANNEL_PREFIX + method, createApiHandler(method, invoke, rendererUrl, (url) => log(`refused an IPC call to ${method} from ${url.slice(0, 200)}`)));
  }
}
