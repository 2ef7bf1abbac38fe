// Never two collections at once, across every process that opens the data folder. The lock
// lives in the database with the holder's pid and a heartbeat, so a holder that crashed
// (pid gone, or no heartbeat for 5 minutes) is recognised and its lock taken over.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/database';
import type { LockHolder } from '../../../db/repositories/locks';
import { OperationError } from '../errors';

export const COLLECTION_LOCK = 'collection';
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

export class RunLock {
  private constructor(
    private readonly db: Database,
    private readonly owner: string,
    private readonly timer: NodeJS.Timeout,
  ) {}

  static async acquire(db: Database): Promise<RunLock> {
    const owner = randomUUID();
    const now = Date.now(); // real time: staleness is about the live process, not a replayed clock
    const result = await db.locks.acquire(COLLECTION_LOCK, { owner, pid: process.pid, acquiredAt: now }, (h: LockHolder) => !processAlive(h.pid) || now - h.heartbeatAt > STALE_AFTER_MS);
    if (!result.acquired) {
      const since = new Date(result.holder.acquiredAt).toISOString().slice(11, 16);
      throw new OperationError(`Another collection is already running (process ${result.holder.pid}, since ${since} UTC); try again when it has finished`);
    }
    const timer = setInterval(() => void db.locks.heartbeat(COLLECTION_LOCK, owner, Date.now()).catch(() => undefined), HEARTBEAT_MS);
    timer.unref();
    return new RunLock(db, owner, timer);
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.db.locks.release(COLLECTION_LOCK, this.owner);
  }
}
