// What the engine's utility process does, minus the Electron port binding (engine-process.ts):
// on `init` it opens the engine with the proxy cipher, resumes a demo, starts the schedule and
// then serves API calls, pushes ApiEvents and asks main for what only main can do. The same
// wiring as the web shell's serve/start.ts. Electron-free, so it is tested in plain Node.
import { createApi, type ApiService } from '../api/handlers';
import { LiveState } from '../api/live-state';
import { resumeDemo, type RunningDemo } from '../engine/demo';
import { Engine } from '../engine/engine';
import { messageOf } from '../engine/errors';
import type { ClientOptions } from '../engine/printtracker/client';
import type { Scheduler } from '../engine/schedule/scheduler';
import { parseToEngine, type FromEngineMessage, type InitMessage } from './engine-protocol';
import { createRemoteCipher, HostClient } from './host-client';

export interface EnginePort {
  postMessage(message: FromEngineMessage): void;
  onMessage(listener: (data: unknown) => void): void;
}

export interface EngineServiceOptions {
  /** Ends the process once the engine is closed (the utility process exits; tests do nothing). */
  exit?: (code: number) => void;
  clientOptions?: ClientOptions;
}

interface Running {
  engine: Engine;
  api: ApiService;
  scheduler: Scheduler | null;
  demos: RunningDemo[];
}

export function serveEngine(port: EnginePort, options: EngineServiceOptions = {}): void {
  const host = new HostClient((m) => port.postMessage(m));
  const log = (level: 'info' | 'error', line: string) => port.postMessage({ type: 'log', level, line });
  let running: Promise<Running> | null = null;
  let closing = false;

  async function open(init: InitMessage): Promise<Running> {
    const engine = await Engine.open({
      dataDir: init.dataDir,
      cipher: createRemoteCipher(host, init.cipherDescription),
      ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    });
    try {
      const demos: RunningDemo[] = [];
      const resumed = await resumeDemo(engine);
      if (resumed) demos.push(resumed);
      const live = new LiveState(engine.events);
      live.subscribe((event) => port.postMessage({ type: 'event', event }));
      const api = createApi(engine, live, {
        shell: 'desktop',
        version: init.version,
        secretStoreDescription: engine.ctx.secrets.description,
        chooseExportDirectory: (month) => host.call({ op: 'chooseExportDirectory', month }),
        setLaunchAtLogin: async (enabled) => {
          await host.call({ op: 'setLaunchAtLogin', enabled });
        },
        onDemoStarted: (demo) => demos.push(demo),
      });
      const scheduler = init.scheduler ? await engine.startScheduler((context, err) => log('error', `${context}: ${messageOf(err)}`)) : null;
      return { engine, api, scheduler, demos };
    } catch (err) {
      await engine.close();
      throw err;
    }
  }

  async function shutdown(): Promise<void> {
    if (closing) return;
    closing = true;
    try {
      const r = await running?.catch(() => null);
      if (r) {
        await r.engine.close();
        for (const d of r.demos) await d.close().catch(() => undefined);
      }
    } finally {
      host.abandon('PrintReleaf Tray is closing');
      port.postMessage({ type: 'closed' });
      options.exit?.(0);
    }
  }

  port.onMessage((data) => {
    const message = parseToEngine(data);
    if (!message) {
      log('error', 'Ignored a malformed message from the main process');
      return;
    }
    switch (message.type) {
      case 'init':
        if (running) return;
        running = open(message);
        running.then(
          () => port.postMessage({ type: 'ready' }),
          (err: unknown) => port.postMessage({ type: 'fatal', message: messageOf(err) }),
        );
        return;
      case 'invoke': {
        const { id, method, input } = message;
        if (!running || closing) {
          port.postMessage({ type: 'result', id, result: { ok: false, error: { kind: 'operation', message: 'PrintReleaf Tray is not ready yet; try again in a moment.' } } });
          return;
        }
        running
          .then((r) => r.api.invoke(method, input))
          .then(
            (result) => port.postMessage({ type: 'result', id, result }),
            (err: unknown) => port.postMessage({ type: 'result', id, result: { ok: false, error: { kind: 'operation', message: `PrintReleaf Tray could not open its data: ${messageOf(err)}` } } }),
          );
        return;
      }
      case 'host-result':
        host.settle(message);
        return;
      case 'catch-up':
        void running
          ?.then((r) => r.scheduler?.catchUpIfMissed())
          .catch((err: unknown) => log('error', `catch-up after resume: ${messageOf(err)}`));
        return;
      case 'shutdown':
        void shutdown();
        return;
    }
  });
}
