import type { Knex } from 'knex';
import { writeTransaction } from '../write-transaction';
import type { ServerHealth, ServerRecord } from '../records';

interface ServerRow {
  id: number;
  name: string;
  url: string;
  entity_id: string;
  entity_name: string | null;
  ca_pem: string | null;
  health: ServerHealth;
  health_reason: string | null;
  health_changed_at: number | null;
  checked_at: number | null;
  created_at: number;
}

function toRecord(r: ServerRow): ServerRecord {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    entityId: r.entity_id,
    entityName: r.entity_name,
    caPem: r.ca_pem,
    health: r.health,
    healthReason: r.health_reason,
    healthChangedAt: r.health_changed_at,
    checkedAt: r.checked_at,
    createdAt: r.created_at,
  };
}

export interface NewServer {
  name: string;
  url: string;
  entityId: string;
  entityName: string | null;
  caPem: string | null;
  health: ServerHealth;
  healthReason: string | null;
  now: number;
}

export class ServersRepository {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<ServerRecord[]> {
    const rows = await this.knex<ServerRow>('servers').select('*').orderBy('id');
    return rows.map(toRecord);
  }

  async get(id: number): Promise<ServerRecord | null> {
    const row = await this.knex<ServerRow>('servers').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  async findByUrlAndEntity(url: string, entityId: string): Promise<ServerRecord | null> {
    const row = await this.knex<ServerRow>('servers').where({ url, entity_id: entityId }).first();
    return row ? toRecord(row) : null;
  }

  async insert(s: NewServer): Promise<number> {
    const [row] = await this.knex('servers')
      .insert({
        name: s.name,
        url: s.url,
        entity_id: s.entityId,
        entity_name: s.entityName,
        ca_pem: s.caPem,
        health: s.health,
        health_reason: s.healthReason,
        health_changed_at: s.now,
        checked_at: s.now,
        created_at: s.now,
      })
      .returning<{ id: number }[]>('id');
    return row!.id;
  }

  async update(id: number, patch: Partial<Pick<ServerRecord, 'name' | 'entityName' | 'caPem' | 'url'>>): Promise<void> {
    const row: Record<string, unknown> = {};
    if (patch.url !== undefined) row['url'] = patch.url;
    if (patch.name !== undefined) row['name'] = patch.name;
    if (patch.entityName !== undefined) row['entity_name'] = patch.entityName;
    if (patch.caPem !== undefined) row['ca_pem'] = patch.caPem;
    if (Object.keys(row).length > 0) await this.knex('servers').where({ id }).update(row);
  }

  /** Records a check; the health history gets a row only when the state changes. */
  async recordCheck(id: number, health: ServerHealth, reason: string | null, now: number): Promise<{ changed: boolean }> {
    return writeTransaction(this.knex, async (trx) => {
      const current = await trx<ServerRow>('servers').where({ id }).first('health', 'health_reason');
      if (!current) return { changed: false };
      const changed = current.health !== health;
      await trx('servers')
        .where({ id })
        .update({
          health,
          health_reason: reason,
          checked_at: now,
          ...(changed ? { health_changed_at: now } : {}),
        });
      if (changed) {
        await trx('health_events').insert({ subject: 'server', subject_id: id, health, reason, observed_at: now });
      }
      return { changed };
    });
  }

  async remove(id: number): Promise<void> {
    await this.knex('servers').where({ id }).delete();
  }
}
