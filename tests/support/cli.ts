// Runs the built CLI (dist/cli.js) as a real child process, asynchronously so that an
// in-process simulator keeps answering while it runs.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../main/engine/engine';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], o: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, PRINTTRACKER_API_KEY: '', ...o.env }, cwd: o.cwd, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (o.input !== undefined) child.stdin?.end(o.input);
    else child.stdin?.end();
  });
}

export function json<T = Record<string, unknown>>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not one JSON document on stdout (exit ${r.code}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
}

/** Every row of a data folder's database (knex's own lock table aside): "nothing was written" checks. */
export async function snapshotOf(dataDir: string): Promise<Record<string, unknown[]>> {
  const engine = await Engine.open({ dataDir });
  try {
    const s = await engine.ctx.db.snapshot();
    delete s['knex_migrations_lock'];
    return s;
  } finally {
    await engine.close();
  }
}
