// Never two processes issuing or e-mailing certificates at once (the desktop app's nightly
// run and a CLI call share one data folder). Within one engine, calls queue instead.
import type { Database } from '../../../db/database';
import { withProcessLock } from '../process-lock';

/** Runs `work` holding the certificates lock; fails with a plain sentence when another process holds it. */
export function withCertificateLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  return withProcessLock(db, 'certificates', (h) => `Certificates are being issued or sent by another process (${h.pid}); try again when it has finished`, work);
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
