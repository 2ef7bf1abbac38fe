// A collection run: check every involved server (R12), then collect the active feeds of the
// healthy ones with bounded, 429-aware concurrency, one transaction per feed (R7), judging
// each feed's health afterwards (R11). A failure of one feed never stops the others.
import type { FeedRecord, RunFeedStatus, ServerRecord } from '../../../db/records';
import { calendarOf, clientFor, loadSettings, type EngineContext } from '../context';
import { messageOf, NotFoundError } from '../errors';
import type { RunProgressEvent } from '../events';
import { checkServer } from '../health/server-health';
import { judgeAndRecordFeed } from '../health/feed-health-service';
import { PrintTrackerError } from '../printtracker/client';
import { AdaptiveLimiter } from './adaptive-limiter';
import { collectFeed } from './collect-feed';
import { ProcessLock } from '../process-lock';

export type RunTrigger = 'manual' | 'schedule' | 'catch-up' | 'cli' | 'demo';

export interface CollectOptions {
  feedId?: number;
  trigger: RunTrigger;
}

export interface FeedRunResult {
  id: number;
  entityId: string;
  name: string;
  status: RunFeedStatus;
  reads: number;
  pages: number;
  error: string | null;
}

export interface CollectSummary {
  runId: number;
  status: 'ok' | 'partial' | 'failed';
  startedAt: number;
  finishedAt: number;
  servers: { id: number; name: string; health: 'healthy' | 'unhealthy'; reason: string }[];
  feeds: FeedRunResult[];
}

export class Collector {
  private current: Promise<CollectSummary> | null = null;

  constructor(private readonly ctx: EngineContext) {}

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a collection, or joins the one this engine is already running. */
  collect(options: CollectOptions): Promise<CollectSummary> {
    if (this.current) return this.current;
    const run = this.runLocked(options).finally(() => {
      this.current = null;
    });
    this.current = run;
    return run;
  }

  private async runLocked(options: CollectOptions): Promise<CollectSummary> {
    const lock = await ProcessLock.acquire(this.ctx.db, 'collection', (h) => {
      const since = new Date(h.acquiredAt).toISOString().slice(11, 16);
      return `Another collection is already running (process ${h.pid}, since ${since} UTC); try again when it has finished`;
    });
    try {
      return await this.run(options);
    } finally {
      await lock.release();
    }
  }

  private async run(options: CollectOptions): Promise<CollectSummary> {
    const { db, clock, events } = this.ctx;
    await db.runs.markInterrupted(clock.now());
    const settings = await loadSettings(this.ctx);
    const calendar = await calendarOf(this.ctx);
    const feeds = options.feedId !== undefined ? [await this.feedOrThrow(options.feedId)] : (await db.feeds.list()).filter((f) => f.status === 'active');
    const startedAt = clock.now();
    const runId = await db.runs.start(options.trigger, feeds.length, startedAt);
    events.emit('run-started', { runId, trigger: options.trigger, feedsTotal: feeds.length, startedAt });

    const results = new Map<number, FeedRunResult>();
    let done = 0;
    const progress = (current: RunProgressEvent['current'], completed?: RunProgressEvent['completed']) =>
      events.emit('run-progress', { runId, feedsDone: done, feedsTotal: feeds.length, current, ...(completed ? { completed } : {}) });
    const finishFeed = async (feed: FeedRecord, r: Omit<FeedRunResult, 'id' | 'entityId' | 'name'>, recorded: boolean) => {
      results.set(feed.id, { id: feed.id, entityId: feed.entityId, name: feed.name, ...r });
      if (!recorded) await db.runs.recordFeed(runId, { feedId: feed.id, entityId: feed.entityId, name: feed.name, ...r, finishedAt: clock.now() });
      done++;
      progress(null, { feedId: feed.id, name: feed.name, status: r.status, pages: r.pages, error: r.error });
    };

    // R12: every server involved is checked first; an unhealthy one pauses all its feeds.
    const serverIds = [...new Set(feeds.map((f) => f.serverId))];
    const serverResults: CollectSummary['servers'] = [];
    const healthy = new Map<number, ServerRecord>();
    const servers = (await Promise.all(serverIds.map((id) => db.servers.get(id)))).filter((s): s is ServerRecord => s !== null);
    // Checked side by side: one server that does not answer must not delay the others.
    const checks = await Promise.all(servers.map((server) => checkServer(this.ctx, server)));
    for (const [i, server] of servers.entries()) {
      const check = checks[i]!;
      const health = check.ok ? 'healthy' : 'unhealthy';
      serverResults.push({ id: server.id, name: server.name, health, reason: check.reason });
      await db.runs.recordServer(runId, server.id, health, check.reason);
      if (check.ok) healthy.set(server.id, server);
    }

    const work: Promise<void>[] = [];
    for (const feed of feeds) {
      if (feed.status === 'paused') {
        await finishFeed(feed, { status: 'skipped', reads: 0, pages: 0, error: 'feed is paused' }, false);
      } else if (!healthy.has(feed.serverId)) {
        const reason = serverResults.find((s) => s.id === feed.serverId)?.reason ?? 'server unavailable';
        await finishFeed(feed, { status: 'skipped', reads: 0, pages: 0, error: `server unhealthy: ${reason}` }, false);
      }
    }
    for (const [serverId, server] of healthy) {
      const serverFeeds = feeds.filter((f) => f.serverId === serverId && f.status === 'active');
      if (serverFeeds.length === 0) continue;
      const limiter = new AdaptiveLimiter(settings.concurrency);
      const client = await clientFor(this.ctx, server, { maxSockets: settings.concurrency * 2, onRateLimited: () => limiter.onRateLimited() });
      work.push(
        Promise.all(
          serverFeeds.map((feed) =>
            limiter.run(async () => {
              progress({ feedId: feed.id, name: feed.name, daysDone: 0, daysTotal: 1 });
              let outcome: Omit<FeedRunResult, 'id' | 'entityId' | 'name'>;
              let recorded = true; // a successful collection wrote its run row in its own transaction
              try {
                const r = await collectFeed({ db, client, calendar, now: clock.now(), runId, onProgress: (p) => progress({ feedId: feed.id, name: feed.name, daysDone: p.daysDone, daysTotal: p.daysTotal }) }, feed);
                outcome = { status: 'ok', reads: r.reads, pages: r.pages, error: null };
              } catch (err) {
                outcome = { status: 'error', reads: 0, pages: 0, error: describeFeedError(err) };
                recorded = false;
              }
              await finishFeed(feed, outcome, recorded);
              // R11 judges every active feed of a healthy server, failing collections included:
              // a feed whose reads cannot be fetched for days is as stale as a quiet agent.
              // A judgement that fails is simply made again at the next run or health check.
              const fresh = await db.feeds.get(feed.id).catch(() => null);
              if (fresh) await judgeAndRecordFeed(this.ctx, fresh, settings, calendar).catch(() => undefined);
            }),
          ),
        ).then(
          () => client.close(),
          () => client.close(),
        ),
      );
    }
    await Promise.all(work);

    const feedResults = feeds.map((f) => results.get(f.id)!);
    const failed = feedResults.filter((f) => f.status === 'error').length;
    const skipped = feedResults.filter((f) => f.status === 'skipped').length;
    const status: CollectSummary['status'] = failed + skipped === 0 ? 'ok' : failed === feedResults.length && failed > 0 ? 'failed' : 'partial';
    const finishedAt = clock.now();
    await db.runs.finish(runId, status, finishedAt);
    const pages = feedResults.reduce((sum, f) => sum + f.pages, 0);
    events.emit('run-finished', { runId, status, finishedAt, feedsOk: feedResults.length - failed - skipped, feedsSkipped: skipped, feedsFailed: failed, pages });
    return { runId, status, startedAt, finishedAt, servers: serverResults, feeds: feedResults };
  }

  private async feedOrThrow(feedId: number): Promise<FeedRecord> {
    const feed = await this.ctx.db.feeds.get(feedId);
    if (!feed) throw new NotFoundError(`There is no feed with ID ${feedId}`);
    return feed;
  }
}

/** A per-feed error in words; Print Tracker failures already are. */
export function describeFeedError(err: unknown): string {
  // The server check just accepted the key: a refusal here concerns this customer's data.
  if (err instanceof PrintTrackerError && err.kind === 'auth' && err.status !== undefined) return `Print Tracker refused access to this customer's data (${err.status})`;
  if (err instanceof PrintTrackerError) return err.reason;
  return `internal error: ${messageOf(err)}`;
}
