// "How is everything, as of now?" Servers as last checked; active feeds of healthy servers
// judged now (R11), the others keep their last state (paused, or their server is down).
import type { Health, ServerHealth } from '../../../db/records';
import { calendarOf, loadSettings, type EngineContext } from '../context';
import { judgeAndRecordFeed } from './feed-health-service';

export interface HealthReport {
  servers: { id: number; name: string; health: ServerHealth; reason: string | null; changedAt: number | null; checkedAt: number | null }[];
  feeds: { id: number; serverId: number; entityId: string; name: string; status: 'active' | 'paused'; health: Health; reason: string | null; newestRead: number | null; changedAt: number | null; judged: boolean }[];
}

export async function healthReport(ctx: EngineContext): Promise<HealthReport> {
  const settings = await loadSettings(ctx);
  const calendar = await calendarOf(ctx);
  const servers = await ctx.db.servers.list();
  const healthyServers = new Set(servers.filter((s) => s.health === 'healthy').map((s) => s.id));
  const feeds: HealthReport['feeds'] = [];
  for (let feed of await ctx.db.feeds.list()) {
    const judged = feed.status === 'active' && healthyServers.has(feed.serverId);
    if (judged) {
      await judgeAndRecordFeed(ctx, feed, settings, calendar);
      feed = (await ctx.db.feeds.get(feed.id))!;
    }
    feeds.push({
      id: feed.id,
      serverId: feed.serverId,
      entityId: feed.entityId,
      name: feed.name,
      status: feed.status,
      health: feed.health,
      reason: feed.healthReason,
      newestRead: feed.newestFetchedAt,
      changedAt: feed.healthChangedAt,
      judged,
    });
  }
  return {
    servers: servers.map((s) => ({ id: s.id, name: s.name, health: s.health, reason: s.healthReason, changedAt: s.healthChangedAt, checkedAt: s.checkedAt })),
    feeds,
  };
}
