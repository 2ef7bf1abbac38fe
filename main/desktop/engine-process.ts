// Entry of the engine's Electron utility process (dist/desktop/engine-process.cjs): the engine,
// with better-sqlite3's synchronous work, runs here so it never blocks the main process.
// Only the port binding lives in this file; the work is in engine-service.ts.
import type { ParentPort } from 'electron';
import { messageOf } from '../engine/errors';
import { serveEngine } from './engine-service';

const parentPort: ParentPort | undefined = (process as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  console.error('engine-process runs only as an Electron utility process (started by the PrintReleaf Tray main process).');
  process.exit(2);
}

process.on('uncaughtException', (err) => {
  parentPort.postMessage({ type: 'fatal', message: `The engine stopped: ${messageOf(err)}` });
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  parentPort.postMessage({ type: 'log', level: 'error', line: `unhandled rejection in the engine: ${messageOf(err)}` });
});

serveEngine(
  {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
  },
  { exit: (code) => process.exit(code) },
);
