import type { Knex } from 'knex';
import type { RunFeedRecord, RunFeedStatus, RunRecord } from '../records';

interface RunRow {
  id: number;
  trigger: string;
  status: RunRecord['status'];
  started_at: number;
  finished_at: number | null;
  feeds_total: number;
}

interface RunFeedRow {
  run_id: number;
  feed_id: number;
  entity_id: string;
  name: string;
  status: RunFeedStatus;
  reads: number;
  pages: number;
  error: string | null;
  finished_at: number;
}

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  feedsTotal: r.feeds_total,
});

const toRunFeed = (r: RunFeedRow): RunFeedRecord => ({
  runId: r.run_id,
  feedId: r.feed_id,
  entityId: r.entity_id,
  name: r.name,
  status: r.status,
  reads: r.reads,
  pages: r.pages,
  error: r.error,
  finishedAt: r.finished_at,
});

export class RunsRepository {
  constructor(private readonly knex: Knex) {}

  async start(trigger: string, feedsTotal: number, now: number): Promise<number> {
    const [row] = await this.knex('runs').insert({ trigger, status: 'running', started_at: now, feeds_total: feedsTotal }).returning<{ id: number }[]>('id');
    return row!.id;
  }

  async finish(id: number, status: RunRecord['status'], now: number): Promise<void> {
    await this.knex('runs').where({ id }).update({ status, finished_at: now });
  }

  async setFeedsTotal(id: number, feedsTotal: number): Promise<void> {
    await this.knex('runs').where({ id }).update({ feeds_total: feedsTotal });
  }

  /** A feed outcome that wrote nothing to the ledger (skipped, or failed). */
  async recordFeed(runId: number, f: Omit<RunFeedRecord, 'runId'>): Promise<void> {
    await this.knex('run_feeds')
      .insert({ run_id: runId, feed_id: f.feedId, entity_id: f.entityId, name: f.name, status: f.status, reads: f.reads, pages: f.pages, error: f.error, finished_at: f.finishedAt })
      .onConflict(['run_id', 'feed_id'])
      .merge();
  }

  async recordServer(runId: number, serverId: number, health: string, reason: string | null): Promise<void> {
    await this.knex('run_servers').insert({ run_id: runId, server_id: serverId, health, reason }).onConflict(['run_id', 'server_id']).merge();
  }

  /** Runs left 'running' by a process that died: they will never finish. */
  async markInterrupted(now: number, exceptId?: number): Promise<number> {
    const q = this.knex('runs').where({ status: 'running' });
    if (exceptId !== undefined) void q.whereNot({ id: exceptId });
    return q.update({ status: 'interrupted', finished_at: now });
  }

  async latest(limit: number): Promise<(RunRecord & { feeds: RunFeedRecord[] })[]> {
    const runs = (await this.knex<RunRow>('runs').orderBy('id', 'desc').limit(limit)).map(toRun);
    if (runs.length === 0) return [];
    const feeds = await this.knex<RunFeedRow>('run_feeds')
      .whereIn(
        'run_id',
        runs.map((r) => r.id),
      )
      .orderBy(['run_id', 'feed_id']);
    return runs.map((r) => ({ ...r, feeds: feeds.filter((f) => f.run_id === r.id).map(toRunFeed) }));
  }

  /** The newest run that finished without being interrupted (for catch-up decisions). */
  async lastCompleted(): Promise<RunRecord | null> {
    const row = await this.knex<RunRow>('runs').whereIn('status', ['ok', 'partial', 'failed']).orderBy('started_at', 'desc').first();
    return row ? toRun(row) : null;
  }
}
