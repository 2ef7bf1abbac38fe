import type { Knex } from 'knex';
import { writeTransaction } from '../write-transaction';

export interface LockHolder {
  owner: string;
  pid: number;
  acquiredAt: number;
  heartbeatAt: number;
}

/**
 * Named locks in the database, shared by every process that opens the data folder (the
 * desktop app, the CLI, the web shell). A crashed holder is recognised by the caller
 * (`isStale`) and its lock taken over, so a lock never outlives its process for good.
 */
export class LocksRepository {
  constructor(private readonly knex: Knex) {}

  /** Takes the lock if it is free or stale; returns the current holder when it is not. */
  async acquire(name: string, me: Omit<LockHolder, 'heartbeatAt'>, isStale: (h: LockHolder) => boolean): Promise<{ acquired: true } | { acquired: false; holder: LockHolder }> {
    return writeTransaction(this.knex, async (trx) => {
      const row = await trx('locks').where({ name }).first<{ owner: string; pid: number; acquired_at: number; heartbeat_at: number } | undefined>();
      if (row) {
        const holder = { owner: row.owner, pid: row.pid, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at };
        if (!isStale(holder)) return { acquired: false as const, holder };
        await trx('locks').where({ name }).delete();
      }
      await trx('locks').insert({ name, owner: me.owner, pid: me.pid, acquired_at: me.acquiredAt, heartbeat_at: me.acquiredAt });
      return { acquired: true as const };
    });
  }

  async heartbeat(name: string, owner: string, now: number): Promise<void> {
    await this.knex('locks').where({ name, owner }).update({ heartbeat_at: now });
  }

  async release(name: string, owner: string): Promise<void> {
    await this.knex('locks').where({ name, owner }).delete();
  }
}
