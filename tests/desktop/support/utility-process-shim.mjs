// Runs a built utility-process bundle in plain Node: gives it the `process.parentPort` Electron
// would (messages arrive as { data }, postMessage sends to the parent), carried over Node's
// child-process IPC with structured-clone serialization.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send(message);
process.on('message', (data) => parentPort.emit('message', { data }));
process.on('disconnect', () => process.exit(0));
process.parentPort = parentPort;

const load = createRequire(import.meta.url);
load(process.argv[2]);
