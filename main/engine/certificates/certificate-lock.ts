// Never two processes issuing or e-mailing certificates at once (the desktop app's nightly
// run and a CLI call share one data folder): a named lock in the database with the
// holder's pid, taken over when the holder is gone. Within one engine, calls queue instead.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../db/database';
import type { LockHolder } from '../../../db/repositories/locks';
import { OperationError } from '../errors';

const LOCK_NAME = 'certificates';
const HEARTBEAT_MS = 30_000;
const STALE_AFTER_MS = 5 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `work` holding the certificates lock; fails with a plain sentence when another process holds it. */
export async function withCertificateLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  const now = Date.now(); // real time: staleness is about the live process, not a replayed clock
  const result = await db.locks.acquire(LOCK_NAME, { owner, pid: process.pid, acquiredAt: now }, (h: LockHolder) => !processAlive(h.pid) || now - h.heartbeatAt > STALE_AFTER_MS);
  if (!result.acquired) {
    throw new OperationError(`Certificates are being issued or sent by another process (${result.holder.pid}); try again when it has finished`);
  }
  const timer = setInterval(() => void db.locks.heartbeat(LOCK_NAME, owner, Date.now()).catch(() => undefined), HEARTBEAT_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await db.locks.release(LOCK_NAME, owner);
  }
}

/** Serialises async work within one process: each call starts when the previous one has settled. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
