// The page ledger's storage: devices, their reads with what rule R4 made of them, and the
// daily totals (R7). A feed collection is written by `applyCollection` in ONE transaction,
// so a crash leaves the previous complete state.
import type { Knex } from 'knex';
import { writeTransaction } from '../write-transaction';
import type { DeviceFigures, LedgerRead } from '../../main/engine/ledger/device-ledger';
import type { Outcome } from '../../main/engine/ledger/walk';
import type { CounterFamily } from '../../main/engine/printtracker/reads';
import type { AnomalyRecord, RunFeedStatus } from '../records';

export interface DeviceRecord extends DeviceFigures {
  id: number;
  feedId: number;
  deviceKey: string;
  managed: boolean;
}

interface DeviceRow {
  id: number;
  feed_id: number;
  device_key: string;
  managed: number;
  family: CounterFamily | null;
  initial_count: number | null;
  latest_count: number | null;
  life_count: number;
  newest_read_at: number | null;
}

interface ReadRow {
  device_id: number;
  ts: number;
  life: number | null;
  def: number | null;
  outcome: Outcome | null;
  delta: number;
  from_day: number | null;
  to_day: number | null;
}

function toDevice(r: DeviceRow): DeviceRecord {
  return {
    id: r.id,
    feedId: r.feed_id,
    deviceKey: r.device_key,
    managed: r.managed === 1,
    family: r.family,
    initialCount: r.initial_count,
    latestCount: r.latest_count,
    lifeCount: r.life_count,
    newestReadAt: r.newest_read_at,
  };
}

function toRead(r: ReadRow): LedgerRead {
  return { ts: r.ts, life: r.life, def: r.def, outcome: r.outcome, delta: r.delta, fromDay: r.from_day, toDay: r.to_day };
}

export interface DeviceWrite {
  /** null: a device seen for the first time, inserted with `deviceKey`. */
  deviceId: number | null;
  deviceKey: string;
  managed: boolean;
  figures: DeviceFigures;
  reads: LedgerRead[];
}

export interface AnomalyKey {
  deviceKey: string;
  ts: number;
  kind: string;
}

export interface FeedCollectionWrite {
  feedId: number;
  now: number;
  devices: DeviceWrite[];
  /** R5: the keys of the feed's devices managed now; every other device of the feed is not. */
  managedSnapshot: string[];
  /** Time zone changed: the feed's ledger is replaced by `ledger` instead of adjusted by it. */
  rebuildLedger: boolean;
  /** Page changes per epoch day (or the whole ledger with rebuildLedger). */
  ledger: Map<number, number>;
  anomaliesAdded: AnomalyKey[];
  anomaliesRemoved: AnomalyKey[];
  feed: { newestFetchedAt: number | null; ledgerTz: string };
  runFeed: { runId: number; entityId: string; name: string; status: RunFeedStatus; reads: number; pages: number; error: string | null } | null;
}

const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class LedgerRepository {
  constructor(private readonly knex: Knex) {}

  async devices(feedId: number): Promise<DeviceRecord[]> {
    const rows = await this.knex<DeviceRow>('devices').where({ feed_id: feedId }).orderBy('device_key');
    return rows.map(toDevice);
  }

  /** Stored reads of a feed's devices with ts ≥ from, grouped by device id, in ts order. */
  async readsSince(feedId: number, from: number): Promise<Map<number, LedgerRead[]>> {
    const rows = await this.knex<ReadRow>('reads')
      .join('devices', 'devices.id', 'reads.device_id')
      .where('devices.feed_id', feedId)
      .andWhere('reads.ts', '>=', from)
      .orderBy([{ column: 'reads.device_id' }, { column: 'reads.ts' }])
      .select('reads.device_id', 'reads.ts', 'reads.life', 'reads.def', 'reads.outcome', 'reads.delta', 'reads.from_day', 'reads.to_day');
    const byDevice = new Map<number, LedgerRead[]>();
    for (const r of rows) {
      let list = byDevice.get(r.device_id);
      if (!list) byDevice.set(r.device_id, (list = []));
      list.push(toRead(r));
    }
    return byDevice;
  }

  /** Devices per feed. */
  async deviceCounts(): Promise<Map<number, number>> {
    const rows = await this.knex('devices').groupBy('feed_id').select<{ feed_id: number; n: number }[]>('feed_id', this.knex.raw('COUNT(*) AS n'));
    return new Map(rows.map((r) => [r.feed_id, Number(r.n)]));
  }

  /** Every stored read of one device, in ts order. */
  async deviceHistory(deviceId: number): Promise<LedgerRead[]> {
    const rows = await this.knex<ReadRow>('reads').where({ device_id: deviceId }).orderBy('ts');
    return rows.map(toRead);
  }

  async applyCollection(w: FeedCollectionWrite): Promise<void> {
    await writeTransaction(this.knex, async (trx) => {
      const readRows: ReadRow[] = [];
      for (const d of w.devices) {
        const figures = {
          managed: d.managed,
          family: d.figures.family,
          initial_count: d.figures.initialCount,
          latest_count: d.figures.latestCount,
          life_count: d.figures.lifeCount,
          newest_read_at: d.figures.newestReadAt,
        };
        let id = d.deviceId;
        if (id === null) {
          const [row] = await trx('devices').insert({ feed_id: w.feedId, device_key: d.deviceKey, ...figures }).returning<{ id: number }[]>('id');
          id = row!.id;
        } else {
          await trx('devices').where({ id }).update(figures);
        }
        for (const r of d.reads) {
          readRows.push({ device_id: id, ts: r.ts, life: r.life, def: r.def, outcome: r.outcome, delta: r.delta, from_day: r.fromDay, to_day: r.toDay });
        }
      }
      for (const part of chunks(readRows)) {
        await trx('reads').insert(part).onConflict(['device_id', 'ts']).merge();
      }

      await trx('devices').where({ feed_id: w.feedId }).update({ managed: false });
      for (const part of chunks(w.managedSnapshot)) {
        await trx('devices').where({ feed_id: w.feedId }).whereIn('device_key', part).update({ managed: true });
      }

      if (w.rebuildLedger) await trx('ledger_days').where({ feed_id: w.feedId }).delete();
      const dayRows = [...w.ledger].filter(([, pages]) => pages !== 0).map(([day, pages]) => ({ feed_id: w.feedId, day, pages }));
      for (const part of chunks(dayRows)) {
        await trx('ledger_days')
          .insert(part)
          .onConflict(['feed_id', 'day'])
          .merge({ pages: trx.raw('ledger_days.pages + excluded.pages') });
      }
      if (dayRows.length > 0) await trx('ledger_days').where({ feed_id: w.feedId, pages: 0 }).delete();

      for (const a of w.anomaliesRemoved) {
        await trx('anomalies').where({ feed_id: w.feedId, device_key: a.deviceKey, ts: a.ts, kind: a.kind }).delete();
      }
      const anomalyRows = w.anomaliesAdded.map((a) => ({ feed_id: w.feedId, device_key: a.deviceKey, ts: a.ts, kind: a.kind, observed_at: w.now }));
      for (const part of chunks(anomalyRows)) {
        await trx('anomalies').insert(part).onConflict(['feed_id', 'device_key', 'ts', 'kind']).ignore();
      }

      await trx('feeds')
        .where({ id: w.feedId })
        .update({ newest_fetched_at: w.feed.newestFetchedAt, ledger_tz: w.feed.ledgerTz, last_collected_at: w.now });

      if (w.runFeed) {
        await trx('run_feeds').insert({
          run_id: w.runFeed.runId,
          feed_id: w.feedId,
          entity_id: w.runFeed.entityId,
          name: w.runFeed.name,
          status: w.runFeed.status,
          reads: w.runFeed.reads,
          pages: w.runFeed.pages,
          error: w.runFeed.error,
          finished_at: w.now,
        });
      }
    });
  }

  /** R7/R8: ledger pages of a feed per epoch day in [firstDay, lastDay]. */
  async feedDays(feedId: number, firstDay: number, lastDay: number): Promise<{ day: number; pages: number }[]> {
    return this.knex('ledger_days')
      .where({ feed_id: feedId })
      .andWhereBetween('day', [firstDay, lastDay])
      .orderBy('day')
      .select<{ day: number; pages: number }[]>('day', 'pages');
  }

  /** R8: pages per feed over [firstDay, lastDay] (feeds with no ledger rows are absent). */
  async pagesByFeed(firstDay: number, lastDay: number, feedIds?: number[]): Promise<Map<number, number>> {
    const q = this.knex('ledger_days')
      .whereBetween('day', [firstDay, lastDay])
      .groupBy('feed_id')
      .select<{ feed_id: number; pages: number }[]>('feed_id', this.knex.raw('SUM(pages) AS pages'));
    if (feedIds) void q.whereIn('feed_id', feedIds);
    const rows = await q;
    return new Map(rows.map((r) => [r.feed_id, Number(r.pages)]));
  }

  /** All ledger pages of a feed. */
  async feedTotal(feedId: number): Promise<number> {
    const row = await this.knex('ledger_days').where({ feed_id: feedId }).sum<{ pages: number | null }>('pages as pages').first();
    return Number(row?.pages ?? 0);
  }

  /** Newest stored read of a feed (R6), or null. */
  async newestRead(feedId: number): Promise<number | null> {
    const row = await this.knex('devices').where({ feed_id: feedId }).max<{ newest: number | null }>('newest_read_at as newest').first();
    return row?.newest ?? null;
  }

  async recentAnomalies(limit: number, feedId?: number): Promise<AnomalyRecord[]> {
    const q = this.knex('anomalies').orderBy([{ column: 'observed_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit);
    if (feedId !== undefined) void q.where({ feed_id: feedId });
    const rows = await q.select<{ id: number; feed_id: number; device_key: string; ts: number; kind: string; observed_at: number }[]>('*');
    return rows.map((r) => ({ id: r.id, feedId: r.feed_id, deviceKey: r.device_key, ts: r.ts, kind: r.kind, observedAt: r.observed_at }));
  }

  async anomalyCounts(feedId: number): Promise<Record<string, number>> {
    const rows = await this.knex('anomalies').where({ feed_id: feedId }).groupBy('kind').select<{ kind: string; n: number }[]>('kind', this.knex.raw('COUNT(*) AS n'));
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }
}
