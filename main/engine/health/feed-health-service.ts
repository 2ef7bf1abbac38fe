// Applies R11 to a stored feed and records a change with when and why. Turning unhealthy
// remembers the newest stored read (R6 reaches back to it until 31 days after recovery).
import type { FeedRecord } from '../../../db/records';
import type { EngineContext } from '../context';
import type { Settings } from '../settings';
import type { LocalCalendar } from '../time/days';
import { judgeFeedHealth, type FeedHealthJudgement } from './feed-health';

export async function judgeAndRecordFeed(ctx: EngineContext, feed: FeedRecord, settings: Settings, calendar: LocalCalendar): Promise<FeedHealthJudgement & { changed: boolean }> {
  const now = ctx.clock.now();
  const judgement = judgeFeedHealth({ newestFetchedAt: feed.newestFetchedAt, activationDate: feed.activationDate, now, calendar, holidays: settings.holidays });
  const changed = judgement.health !== feed.health;
  if (changed) {
    if (judgement.health === 'unhealthy') {
      await ctx.db.feeds.recordHealth(feed.id, { health: 'unhealthy', reason: judgement.reason, unhealthyAnchorAt: await ctx.db.ledger.newestRead(feed.id) }, now);
    } else {
      await ctx.db.feeds.recordHealth(feed.id, { health: 'healthy', reason: judgement.reason, recoveredAt: now }, now);
    }
    ctx.events.emit('health-changed', { subject: 'feed', id: feed.id, name: feed.name, health: judgement.health, reason: judgement.reason, observedAt: now });
  } else if (judgement.reason !== feed.healthReason) {
    await ctx.db.feeds.refreshHealthReason(feed.id, judgement.reason);
  }
  return { ...judgement, changed };
}
