// Engine records → the views of the API contract. Dates stay epoch ms; the renderer
// formats them in the dealer's zone.
import type { FeedRecord, RunFeedRecord, RunRecord, ServerRecord } from '../../db/records';
import type { AnomalyRecord } from '../../db/records';
import type { FeedView, RunView, ServerView, AnomalyView } from '../../preload/api';
import { treesFromPages } from '../engine/ledger/trees';

export function serverView(s: ServerRecord, hasApiKey: boolean, feeds: number): ServerView {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    entityId: s.entityId,
    entityName: s.entityName,
    health: s.health,
    reason: s.healthReason,
    changedAt: s.healthChangedAt,
    checkedAt: s.checkedAt,
    hasApiKey,
    feeds,
  };
}

export function feedView(f: FeedRecord, monthPages: number, devices: number): FeedView {
  return {
    id: f.id,
    serverId: f.serverId,
    entityId: f.entityId,
    name: f.name,
    email: f.email,
    activationDate: f.activationDate,
    scope: f.scope,
    status: f.status,
    health: f.health,
    reason: f.healthReason,
    healthChangedAt: f.healthChangedAt,
    newestRead: f.newestFetchedAt,
    lastCollectedAt: f.lastCollectedAt,
    monthPages,
    monthTrees: treesFromPages(monthPages),
    devices,
  };
}

export function runView(r: RunRecord & { feeds: RunFeedRecord[] }): RunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    pages: r.feeds.reduce((s, f) => s + f.pages, 0),
    feeds: r.feeds.map((f) => ({ feedId: f.feedId, name: f.name, status: f.status, reads: f.reads, pages: f.pages, error: f.error })),
  };
}

const ANOMALY_TEXT: Record<string, string> = {
  'counter-reset': 'Counter reset or device swapped: counting restarted from the new counter',
  'counter-jump': 'Counter jumped (device swapped to a higher counter): counting continues from it',
  'counter-glitch': 'A counter reading below the previous one was ignored',
  'counter-spike': 'An impossible jump in the counter was ignored',
  'no-usable-counter': 'A read without a usable page counter was ignored',
  'missing-device-key': 'A read without a device ID was ignored',
  'bad-timestamp': 'A read with an unreadable date was ignored',
  'other-entity': 'A read of another customer’s device was ignored',
};

export function anomalyView(a: AnomalyRecord, feedName: string): AnomalyView {
  const device = a.deviceKey ? ` (device ${a.deviceKey})` : '';
  return { feedId: a.feedId, feedName, kind: a.kind, text: `${ANOMALY_TEXT[a.kind] ?? a.kind}${device}`, readAt: a.ts || null, observedAt: a.observedAt };
}
