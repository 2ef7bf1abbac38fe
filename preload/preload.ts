// The sandboxed preload (dist/desktop/preload.cjs): exposes the contract's transport as
// `window.printreleaf` through contextBridge — never ipcRenderer itself. The method allow-list
// and the event relay live in main/desktop/ipc-transport.ts, bundled in here.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcTransport } from '../main/desktop/ipc-transport';

contextBridge.exposeInMainWorld('printreleaf', createIpcTransport(ipcRenderer));
