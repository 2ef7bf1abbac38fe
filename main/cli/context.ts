import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, Engine } from '../engine/engine';
import { fixedClock, systemClock, type Clock } from '../engine/clock';
import { InputError } from '../engine/errors';
import { parseTimestamp } from '../engine/printtracker/reads';
import { defaultHeadlessDataDir } from './data-dir';
import { stringOption, type ParsedArgs } from './args';
import type { Output } from './output';

export interface CliContext {
  args: ParsedArgs;
  out: Output;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  clock: Clock;
  /**
   * Opens the engine once per command; closed by the runner. `mustExist`: the command names
   * records (a server, a feed), so an empty data folder is rejected input — and stays empty.
   */
  engine(o?: { mustExist?: boolean }): Promise<Engine>;
}

export function clockFrom(args: ParsedArgs): Clock {
  const now = stringOption(args, 'now');
  if (now === undefined) return systemClock;
  // An instant: a date-time with an offset (or Z), or a bare date meaning its UTC midnight;
  // the same strict parser as for read timestamps (it refuses 30 February).
  const ts = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(now) ? parseTimestamp(now) : null;
  if (ts === null) throw new InputError(`--now takes an ISO-8601 instant such as 2025-10-04T02:00:00Z (got ${now})`);
  return fixedClock(ts);
}

export function createCliContext(args: ParsedArgs, out: Output, env: NodeJS.ProcessEnv): CliContext & { close(): Promise<void> } {
  const dataDir = stringOption(args, 'data-dir') ?? defaultHeadlessDataDir(env);
  const clock = clockFrom(args);
  let opened: Promise<Engine> | null = null;
  return {
    args,
    out,
    env,
    dataDir,
    clock,
    engine(o = {}) {
      if (!opened && o.mustExist && !existsSync(join(dataDir, DATABASE_FILE))) {
        return Promise.reject(new InputError(`There is no PrintReleaf Tray data in ${dataDir} yet: register a server first (server add)`));
      }
      opened ??= Engine.open({ dataDir, clock });
      return opened;
    },
    async close() {
      if (opened) await (await opened).close();
    },
  };
}
