// Opens the app's SQLite database through knex + better-sqlite3 (node-sqlite3 is deprecated
// upstream), with WAL, foreign keys and a busy timeout so the desktop app and the CLI can
// share one file. Pending migrations run at start-up, after a backup copy of the file.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations/index';

export async function openKnex(file: string): Promise<Knex> {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file);
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 10000');
        conn.pragma('synchronous = NORMAL'); // safe with WAL: a crash loses no committed transaction's consistency
        done(null, conn);
      },
    },
  });
  try {
    const [, pending] = (await knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    if (pending.length > 0) {
      if (existed) await backup(knex, file);
      await knex.migrate.latest({ migrationSource });
    }
  } catch (err) {
    await knex.destroy();
    throw err;
  }
  return knex;
}

/** A consistent copy of the database next to it, taken before a schema change. */
async function backup(knex: Knex, file: string): Promise<void> {
  const target = `${file}.before-migration-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await knex.raw('VACUUM INTO ?', [target]);
}
