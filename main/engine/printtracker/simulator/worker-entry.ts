// Runs inside the worker thread started by worker.ts: a simulator plus a tiny RPC loop.
// Kept free of import.meta and top-level await so it can be bundled as CommonJS.
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';

export interface WorkerCall {
  id: number;
  method: string;
  args: unknown[];
}

export type WorkerReply =
  | { type: 'ready'; url: string; caPem: string; apiKey: string; parentEntityId: string; parentName: string }
  | { type: 'failed'; message: string }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

function run(port: NonNullable<typeof parentPort>): void {
  const options = (workerData as { options?: SimulatorOptions } | null)?.options ?? {};
  startSimulator(options).then(
    (sim) => {
      const reply = (r: WorkerReply) => port.postMessage(r);
      reply({ type: 'ready', url: sim.url, caPem: sim.caPem, apiKey: sim.apiKey, parentEntityId: sim.parentEntityId, parentName: sim.parentName });
      port.on('message', (call: WorkerCall) => {
        const fn = (sim as unknown as Record<string, unknown>)[call.method];
        if (typeof fn !== 'function') {
          reply({ id: call.id, ok: false, message: `unknown simulator method ${call.method}` });
          return;
        }
        Promise.resolve()
          .then(() => (fn as (...a: unknown[]) => unknown).apply(sim as Simulator, call.args))
          .then(
            (value) => reply({ id: call.id, ok: true, value }),
            (e: unknown) => reply({ id: call.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
          );
      });
    },
    (e: unknown) => port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
}

if (parentPort) run(parentPort);
