import type { Knex } from 'knex';

/** Encrypted secrets only: the ciphertext and the name of the store that can open it. */
export class SecretsRepository {
  constructor(private readonly knex: Knex) {}

  async get(name: string): Promise<{ store: string; ciphertext: string } | null> {
    const row = await this.knex('secrets').where({ name }).first<{ store: string; ciphertext: string } | undefined>('store', 'ciphertext');
    return row ?? null;
  }

  async put(name: string, store: string, ciphertext: string, now: number): Promise<void> {
    await this.knex('secrets').insert({ name, store, ciphertext, updated_at: now }).onConflict('name').merge();
  }

  async delete(name: string): Promise<void> {
    await this.knex('secrets').where({ name }).delete();
  }

  async names(): Promise<string[]> {
    const rows = await this.knex('secrets').select<{ name: string }[]>('name');
    return rows.map((r) => r.name);
  }
}
