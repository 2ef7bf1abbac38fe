// What every end-to-end spec runs against: the Print Tracker simulator (in-process, real
// HTTPS on 127.0.0.1 with a throwaway CA) and the built web shell as a child process
// (`node dist/cli.js serve`) in a fresh data folder. The shell trusts the simulator's CA
// through NODE_EXTRA_CA_CERTS, as a dealer behind TLS inspection would configure it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_TOKEN_HEADER, type ApiResult, type PrintReleafApi } from '../../../preload/api';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../main/engine/printtracker/simulator/index';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DAY_MS = 86_400_000;

export interface Stack {
  sim: Simulator;
  /** The page address with its token, as `serve` printed it. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls the web shell's API with the token, as the renderer does. */
  call<M extends keyof PrintReleafApi>(method: M, input?: Parameters<PrintReleafApi[M]>[0]): Promise<Awaited<ReturnType<PrintReleafApi[M]>>>;
  close(): Promise<void>;
}

function waitForUiLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no ui: line within 30 s. stderr:\n${stderr()}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) {
        clearTimeout(timer);
        if (line.startsWith('ui: ')) resolve(line.slice(4).trim());
        else reject(new Error(`serve's first line is not "ui: <URL>": ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL. stderr:\n${stderr()}`));
    });
  });
}

export async function startStack(options: SimulatorOptions = {}): Promise<Stack> {
  if (!existsSync(join(ROOT, 'dist/cli.js')) || !existsSync(join(ROOT, 'dist/renderer/index.html'))) {
    throw new Error('The app is not built: run `node scripts/build.mjs` before the end-to-end tests');
  }
  const sim = await startSimulator({ customers: 30, historyStart: new Date(Date.now() - 125 * DAY_MS), ...options });
  const dir = mkdtempSync(join(tmpdir(), 'printreleaf-e2e-'));
  const caFile = join(dir, 'simulator-ca.pem');
  writeFileSync(caFile, sim.caPem);
  const dataDir = join(dir, 'data');
  let stderr = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC', NODE_EXTRA_CA_CERTS: caFile, PRINTRELEAF_SECRET_KEY: randomBytes(32).toString('base64') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  let url: string;
  try {
    url = await waitForUiLine(child, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const origin = parsed.origin;

  return {
    sim,
    url,
    origin,
    token,
    dataDir,
    async call(method, input) {
      const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token }, body: JSON.stringify(input ?? null) });
      const result = (await response.json()) as ApiResult<never>;
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value;
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers the simulator's server, maps every customer from `activation`, and returns the server's ID. */
export async function registerAll(stack: Stack, activation: string): Promise<number> {
  const server = await stack.call('addServer', { url: stack.sim.url, entityId: stack.sim.parentEntityId, apiKey: stack.sim.apiKey });
  await stack.call('addAllUnmapped', { serverId: server.id, activationDate: activation, scope: 'all' });
  return server.id;
}

/** YYYY-MM-DD of the first day of the month `monthsBack` months before now (UTC). */
export function firstOfMonthsAgo(monthsBack: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}
