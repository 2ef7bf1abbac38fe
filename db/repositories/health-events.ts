import type { Knex } from 'knex';
import type { HealthEventRecord } from '../records';

export class HealthEventsRepository {
  constructor(private readonly knex: Knex) {}

  async list(filter: { subject?: 'server' | 'feed'; subjectId?: number; limit?: number } = {}): Promise<HealthEventRecord[]> {
    const q = this.knex('health_events').orderBy('id', 'desc').limit(filter.limit ?? 100);
    if (filter.subject) void q.where({ subject: filter.subject });
    if (filter.subjectId !== undefined) void q.where({ subject_id: filter.subjectId });
    const rows = await q.select<{ id: number; subject: 'server' | 'feed'; subject_id: number; health: string; reason: string | null; observed_at: number }[]>('*');
    return rows.map((r) => ({ id: r.id, subject: r.subject, subjectId: r.subject_id, health: r.health, reason: r.reason, observedAt: r.observed_at }));
  }
}
