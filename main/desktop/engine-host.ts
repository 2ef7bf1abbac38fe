// Main's side of the engine process: starts it, forwards API calls and pairs the answers,
// relays its ApiEvents, and serves its host calls (safeStorage, dialogs, the login item).
// The child is passed in (an Electron utilityProcess in the app, a MessageChannel in tests),
// so this module is Electron-free.
import { EventEmitter } from 'node:events';
import type { ApiEvent, ApiMethod, ApiResult } from '../../preload/api';
import { OperationError, messageOf } from '../engine/errors';
import { SecretUnavailableError } from '../engine/secrets/secret-store';
import { parseFromEngine, type HostCall, type HostError, type InitMessage, type ToEngineMessage } from './engine-protocol';

export interface EngineChild {
  postMessage(message: ToEngineMessage): void;
  onMessage(listener: (data: unknown) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/** What main does for the engine process. */
export interface HostServices {
  encrypt(plain: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
  chooseExportDirectory(month: string): Promise<string | null>;
  setLaunchAtLogin(enabled: boolean): Promise<void>;
}

export type EngineStatus = { state: 'starting' } | { state: 'ready' } | { state: 'failed'; message: string } | { state: 'stopped' };

interface EngineHostEvents {
  status: [EngineStatus];
  event: [ApiEvent];
  log: ['info' | 'error', string];
  /** The process ended (code 0: after a shutdown it was asked for). */
  exit: [number];
}

const STOPPED: ApiResult<never> = { ok: false, error: { kind: 'operation', message: 'The PrintReleaf Tray engine is not running; it restarts by itself — try again in a moment.' } };

export function hostErrorOf(err: unknown): HostError {
  if (err instanceof SecretUnavailableError) return { kind: 'unavailable', message: err.message };
  if (err instanceof OperationError) return { kind: 'operation', message: err.message };
  return { kind: 'internal', message: messageOf(err) };
}

function resultIdOf(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, id } = data as { type?: unknown; id?: unknown };
  return type === 'result' && typeof id === 'number' ? id : null;
}

export class EngineHost extends EventEmitter<EngineHostEvents> {
  private child: EngineChild | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private current: EngineStatus = { state: 'stopped' };
  private closed: (() => void) | null = null;

  constructor(
    private readonly spawn: () => EngineChild,
    private readonly init: InitMessage,
    private readonly services: HostServices,
  ) {
    super();
  }

  get status(): EngineStatus {
    return this.current;
  }

  start(): void {
    if (this.child) return;
    const child = this.spawn();
    this.child = child;
    this.setStatus({ state: 'starting' });
    child.onMessage((data) => this.receive(child, data));
    child.onExit((code) => {
      if (this.child !== child) return;
      this.child = null;
      for (const answer of this.pending.values()) answer(STOPPED);
      this.pending.clear();
      this.closed?.();
      if (this.current.state !== 'failed') this.setStatus(code === 0 ? { state: 'stopped' } : { state: 'failed', message: `The engine stopped unexpectedly (exit code ${code}).` });
      this.emit('exit', code);
    });
    child.postMessage(this.init);
  }

  /** One API call; always answers with an envelope, never throws. */
  invoke(method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
    const child = this.child;
    if (!child) return Promise.resolve(STOPPED);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.postMessage({ type: 'invoke', id, method, input });
    });
  }

  /** The machine woke up: run the nightly collection if its slot passed while asleep. */
  catchUp(): void {
    this.child?.postMessage({ type: 'catch-up' });
  }

  /** Asks the engine to close its database; kills it if it has not gone after `timeoutMs`. */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => (this.closed = resolve));
    child.postMessage({ type: 'shutdown' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    if ((await Promise.race([gone, late])) === 'late') child.kill();
    clearTimeout(timer);
  }

  private receive(child: EngineChild, data: unknown): void {
    const message = parseFromEngine(data);
    if (!message) {
      this.emit('log', 'error', 'Ignored a malformed message from the engine process');
      // A call whose answer was malformed still gets one, so the window does not wait forever.
      const id = resultIdOf(data);
      const answer = id === null ? undefined : this.pending.get(id);
      if (id !== null && answer) {
        this.pending.delete(id);
        answer({ ok: false, error: { kind: 'internal', message: 'The engine gave an answer PrintReleaf Tray cannot read.' } });
      }
      return;
    }
    switch (message.type) {
      case 'ready':
        this.setStatus({ state: 'ready' });
        return;
      case 'fatal':
        this.setStatus({ state: 'failed', message: message.message });
        return;
      case 'result': {
        const answer = this.pending.get(message.id);
        this.pending.delete(message.id);
        answer?.(message.result);
        return;
      }
      case 'event':
        this.emit('event', message.event);
        return;
      case 'host-call':
        void this.serve(message.call).then(
          (value) => child.postMessage({ type: 'host-result', id: message.id, ok: true, value }),
          (err: unknown) => child.postMessage({ type: 'host-result', id: message.id, ok: false, error: hostErrorOf(err) }),
        );
        return;
      case 'log':
        this.emit('log', message.level, message.line);
        return;
      case 'closed':
        this.closed?.();
        return;
    }
  }

  private async serve(call: HostCall): Promise<string | null> {
    switch (call.op) {
      case 'encrypt':
        return this.services.encrypt(call.plain);
      case 'decrypt':
        return this.services.decrypt(call.ciphertext);
      case 'chooseExportDirectory':
        return this.services.chooseExportDirectory(call.month);
      case 'setLaunchAtLogin':
        await this.services.setLaunchAtLogin(call.enabled);
        return null;
    }
  }

  private setStatus(status: EngineStatus): void {
    this.current = status;
    this.emit('status', status);
  }
}
