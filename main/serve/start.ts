// Everything `printreleaf serve` runs: the engine with its scheduler, the demo simulator
// when this data folder is a demo (or is empty and the demo was asked for), and the web shell.
import { version as appVersion } from '../../package.json';
import { createApi } from '../api/handlers';
import { LiveState } from '../api/live-state';
import { resumeDemo, startDemo, type RunningDemo } from '../engine/demo';
import type { Engine } from '../engine/engine';
import { messageOf } from '../engine/errors';
import { exportsDirectory } from '../api/handlers';
import { locateRendererDir } from './renderer-dir';
import { startWebShell, type WebShell } from './web-shell';

export interface ServeOptions {
  port?: number;
  demoIfEmpty?: boolean;
  rendererDir?: string;
  scheduler?: boolean;
  log?: (line: string) => void;
}

export interface RunningServe {
  shell: WebShell;
  close(): Promise<void>;
}


export async function startServe(engine: Engine, o: ServeOptions = {}): Promise<RunningServe> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const demos: RunningDemo[] = [];
  const resumed = await resumeDemo(engine);
  if (resumed) demos.push(resumed);
  else if (o.demoIfEmpty && (await engine.servers.list()).length === 0) {
    const started = await startDemo(engine, { customers: 14 });
    demos.push(started.demo);
    log('No Print Tracker server is configured: exploring with the embedded demo (a simulated dealer).');
    void engine.collect({ trigger: 'demo' }).catch((err: unknown) => log(`demo collection failed: ${messageOf(err)}`));
  }
  const live = new LiveState(engine.events);
  const api = createApi(engine, live, {
    shell: 'web',
    version: appVersion,
    secretStoreDescription: engine.ctx.secrets.description,
    chooseExportDirectory: async (month) => exportsDirectory(engine, month),
    onDemoStarted: (demo) => demos.push(demo),
  });
  if (o.scheduler !== false) await engine.startScheduler((context, err) => log(`${context}: ${messageOf(err)}`));
  const shell = await startWebShell({ api, live, rendererDir: o.rendererDir ?? locateRendererDir(), ...(o.port !== undefined ? { port: o.port } : {}) });
  return {
    shell,
    async close() {
      await shell.close();
      for (const d of demos) await d.close();
    },
  };
}
