// A transaction that takes SQLite's write lock at its first statement ("BEGIN IMMEDIATE").
// knex opens every transaction with a plain BEGIN; a transaction that reads first and
// writes later then fails at once with SQLITE_BUSY when another process (the desktop app
// and the CLI share the file) committed in between — the busy timeout does not apply to
// that upgrade. Starting with a write makes SQLite wait its busy timeout instead.
import type { Knex } from 'knex';

export function writeTransaction<T>(knex: Knex, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    // Matches no row, but it is a write statement: the transaction becomes a writer here.
    await trx('locks').where('name', '').whereRaw('0').update({ heartbeat_at: 0 });
    return work(trx);
  });
}
