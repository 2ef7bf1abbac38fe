// Migrations are listed in code (not discovered on disk) so they survive bundling and
// packaging into an asar. Forward-only: a migration is never edited once released.
import type { Knex } from 'knex';
import * as initial from './001_initial';
import * as certificates from './002_certificates';

interface Migration {
  up(knex: Knex): Promise<void>;
}

const MIGRATIONS: Record<string, Migration> = {
  '001_initial': initial,
  '002_certificates': certificates,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const m = MIGRATIONS[name];
    if (!m) throw new Error(`unknown migration ${name}`);
    return { up: m.up, down: async () => { throw new Error('migrations are forward-only'); } };
  },
};
