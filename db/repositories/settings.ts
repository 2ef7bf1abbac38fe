import type { Knex } from 'knex';

/** Key → JSON value store for the app's settings (the engine validates them). */
export class SettingsRepository {
  constructor(private readonly knex: Knex) {}

  async all(): Promise<Record<string, unknown>> {
    const rows = await this.knex('settings').select<{ key: string; value: string }[]>('key', 'value');
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  }

  async set(values: Record<string, unknown>): Promise<void> {
    await this.knex.transaction(async (trx) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) await trx('settings').where({ key }).delete();
        else await trx('settings').insert({ key, value: JSON.stringify(value) }).onConflict('key').merge();
      }
    });
  }
}
