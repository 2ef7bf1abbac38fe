// A named lock shared by every process that opens the data folder (the desktop app, the CLI,
// the web shell), so two collections — or two certificate runs — never overlap. It lives in
// the database with the holder's pid and a heartbeat: a holder that crashed (pid gone, or no
// heartbeat for 5 minutes) is recognised and its lock taken over.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database';
import type { LockHolder } from '../../db/repositories/locks';
import { OperationError } from './errors';

const HEARTBEAT_MS = 30_000;
const STALE_AFTER_MS = 5 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

export class ProcessLock {
  private constructor(
    private readonly db: Database,
    private readonly name: string,
    private readonly owner: string,
    private readonly timer: NodeJS.Timeout,
  ) {}

  /** Takes the lock or fails with `refusal(holder)`, a sentence for the dealer. */
  static async acquire(db: Database, name: string, refusal: (holder: LockHolder) => string): Promise<ProcessLock> {
    const owner = randomUUID();
    const now = Date.now(); // real time: staleness is about the live process, not a replayed clock
    const result = await db.locks.acquire(name, { owner, pid: process.pid, acquiredAt: now }, (h) => !processAlive(h.pid) || now - h.heartbeatAt > STALE_AFTER_MS);
    if (!result.acquired) throw new OperationError(refusal(result.holder));
    const timer = setInterval(() => void db.locks.heartbeat(name, owner, Date.now()).catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    return new ProcessLock(db, name, owner, timer);
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.db.locks.release(this.name, this.owner);
  }
}

/** Runs `work` holding the named lock. */
export async function withProcessLock<T>(db: Database, name: string, refusal: (holder: LockHolder) => string, work: () => Promise<T>): Promise<T> {
  const lock = await ProcessLock.acquire(db, name, refusal);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
