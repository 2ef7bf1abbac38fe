// The simulator in a worker thread, so a benchmark's fake server does not compete with the
// engine for the main thread. Same fields as Simulator, every method async.
//
// Where the worker's code comes from:
// - Running the TypeScript sources (vitest): this file's URL ends in .ts, and Node cannot run
//   TS in a worker, so worker-entry.ts is bundled on the fly with esbuild (a devDependency)
//   into CommonJS text and started with `eval: true`.
// - Running bundled JS (the built app/benchmark): the build must emit worker-entry.ts as
//   `simulator-worker.cjs` (esbuild: bundle, platform node, format cjs) into the SAME folder
//   as the bundle that contains this module; it is found next to it via the module URL.
//   `startSimulatorInWorker(o, { script })` overrides that path.
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import type { Simulator, SimulatorOptions } from './index';
import type { WorkerCall, WorkerReply } from './worker-entry';

export const WORKER_BUNDLE_NAME = 'simulator-worker.cjs';

type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/** A simulator running in a worker thread: its fields, and async versions of its methods. */
export type RemoteSimulator = Remote<Simulator>;

const METHODS = [
  'customers', 'now', 'setNow', 'advance', 'setLatency', 'resetCounter', 'swapToHigherCounter', 'addGlitch',
  'duplicateReads', 'zeroReads', 'lateUploads', 'staleAgent', 'backlog', 'setManaged', 'addDevice', 'fault', 'clearFaults',
  'requests', 'clearRequests', 'connectionCount', 'close',
] as const satisfies readonly (keyof Simulator)[];

// Fails to compile when Simulator gains a method that is not forwarded above.
type Missing = Exclude<{ [K in keyof Simulator]: Simulator[K] extends (...a: never[]) => unknown ? K : never }[keyof Simulator], (typeof METHODS)[number]>;
const allForwarded: [Missing] extends [never] ? true : Missing = true;
void allForwarded;

function thisModuleUrl(): string {
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string' && url !== '') return url;
  return pathToFileURL(__filename).href; // bundled as CommonJS, where import.meta is empty
}

let devBundle: Promise<string> | undefined;

function bundleEntryFromSources(entryUrl: URL): Promise<string> {
  devBundle ??= (async () => {
    const name = 'esbuild'; // not a literal import, so the app's own bundler leaves it alone
    const esbuild = (await import(name)) as typeof Esbuild;
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(entryUrl)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const file = out.outputFiles[0];
    if (!file) throw new Error('esbuild produced no simulator worker bundle');
    return file.text;
  })();
  return devBundle;
}

async function createWorker(options: SimulatorOptions, script: string | URL | undefined): Promise<Worker> {
  const workerData = { options };
  if (script !== undefined) return new Worker(script, { workerData });
  const here = thisModuleUrl();
  if (here.endsWith('.ts')) {
    const code = await bundleEntryFromSources(new URL('./worker-entry.ts', here));
    return new Worker(code, { eval: true, workerData });
  }
  return new Worker(new URL(`./${WORKER_BUNDLE_NAME}`, here), { workerData });
}

export async function startSimulatorInWorker(
  o: SimulatorOptions = {},
  opts: { script?: string | URL } = {},
): Promise<RemoteSimulator> {
  const worker = await createWorker(o, opts.script);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  const ready = new Promise<Extract<WorkerReply, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (msg: WorkerReply) => {
      if ('type' in msg) {
        if (msg.type === 'ready') resolve(msg);
        else reject(new Error(`simulator worker failed to start: ${msg.message}`));
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.message));
    });
    worker.on('error', (e) => {
      reject(e);
      failAll(e);
    });
    worker.on('exit', (code) => {
      exited = true;
      const e = new Error(`simulator worker exited (code ${code})`);
      reject(e);
      failAll(e);
    });
  });
  const info = await ready;

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (exited) return Promise.reject(new Error('simulator worker has exited'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies WorkerCall);
    });
  };

  const remote: Record<string, unknown> = {
    url: info.url,
    caPem: info.caPem,
    apiKey: info.apiKey,
    parentEntityId: info.parentEntityId,
    parentName: info.parentName,
  };
  for (const method of METHODS) remote[method] = (...args: unknown[]) => call(method, args);
  remote['close'] = async () => {
    if (exited) return;
    await call('close', []);
    await worker.terminate();
  };
  return remote as unknown as RemoteSimulator;
}
