import type { Knex } from 'knex';
import type { FeedRecord, FeedScope, FeedStatus, Health } from '../records';

interface FeedRow {
  id: number;
  server_id: number;
  entity_id: string;
  name: string;
  email: string | null;
  activation_date: string;
  scope: FeedScope;
  status: FeedStatus;
  health: Health;
  health_reason: string | null;
  health_changed_at: number | null;
  newest_fetched_at: number | null;
  unhealthy_anchor_at: number | null;
  recovered_at: number | null;
  ledger_tz: string | null;
  last_collected_at: number | null;
  created_at: number;
}

function toRecord(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    serverId: r.server_id,
    entityId: r.entity_id,
    name: r.name,
    email: r.email,
    activationDate: r.activation_date,
    scope: r.scope,
    status: r.status,
    health: r.health,
    healthReason: r.health_reason,
    healthChangedAt: r.health_changed_at,
    newestFetchedAt: r.newest_fetched_at,
    unhealthyAnchorAt: r.unhealthy_anchor_at,
    recoveredAt: r.recovered_at,
    ledgerTz: r.ledger_tz,
    lastCollectedAt: r.last_collected_at,
    createdAt: r.created_at,
  };
}

export interface NewFeed {
  serverId: number;
  entityId: string;
  name: string;
  email: string | null;
  activationDate: string;
  scope: FeedScope;
}

export interface HealthChange {
  health: Health;
  reason: string;
  /** R6: the feed's newest stored read when it turned unhealthy. */
  unhealthyAnchorAt?: number | null;
  recoveredAt?: number | null;
}

export class FeedsRepository {
  constructor(private readonly knex: Knex) {}

  async list(filter: { serverId?: number } = {}): Promise<FeedRecord[]> {
    const q = this.knex<FeedRow>('feeds').select('*').orderBy('id');
    if (filter.serverId !== undefined) void q.where({ server_id: filter.serverId });
    return (await q).map(toRecord);
  }

  async get(id: number): Promise<FeedRecord | null> {
    const row = await this.knex<FeedRow>('feeds').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  /** Inserts feeds in one transaction; returns their ids in order. */
  async insertMany(feeds: NewFeed[], now: number): Promise<number[]> {
    return this.knex.transaction(async (trx) => {
      const ids: number[] = [];
      for (const f of feeds) {
        const [row] = await trx('feeds')
          .insert({
            server_id: f.serverId,
            entity_id: f.entityId,
            name: f.name,
            email: f.email,
            activation_date: f.activationDate,
            scope: f.scope,
            status: 'active',
            health: 'healthy',
            created_at: now,
          })
          .returning<{ id: number }[]>('id');
        ids.push(row!.id);
      }
      return ids;
    });
  }

  async update(id: number, patch: { name?: string; email?: string | null; status?: FeedStatus; scope?: FeedScope }): Promise<void> {
    const row: Record<string, unknown> = {};
    if (patch.name !== undefined) row['name'] = patch.name;
    if (patch.email !== undefined) row['email'] = patch.email;
    if (patch.status !== undefined) row['status'] = patch.status;
    if (patch.scope !== undefined) row['scope'] = patch.scope;
    if (Object.keys(row).length > 0) await this.knex('feeds').where({ id }).update(row);
  }

  /** R11: records a health change and its history row together. */
  async recordHealth(id: number, change: HealthChange, now: number): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const row: Record<string, unknown> = { health: change.health, health_reason: change.reason, health_changed_at: now };
      if (change.unhealthyAnchorAt !== undefined) row['unhealthy_anchor_at'] = change.unhealthyAnchorAt;
      if (change.recoveredAt !== undefined) row['recovered_at'] = change.recoveredAt;
      await trx('feeds').where({ id }).update(row);
      await trx('health_events').insert({ subject: 'feed', subject_id: id, health: change.health, reason: change.reason, observed_at: now });
    });
  }

  /** Keeps the reason current ("newest read Mon 8 Sep") without a history row: the state did not change. */
  async refreshHealthReason(id: number, reason: string): Promise<void> {
    await this.knex('feeds').where({ id }).update({ health_reason: reason });
  }

  async remove(id: number): Promise<void> {
    await this.knex('feeds').where({ id }).delete();
  }
}
