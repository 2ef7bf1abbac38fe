// What the repositories hand to the engine: plain camelCase records, no SQL shapes.
export type Health = 'healthy' | 'unhealthy';
export type ServerHealth = Health | 'unknown';
export type FeedScope = 'all' | 'managed';
export type FeedStatus = 'active' | 'paused';

export interface ServerRecord {
  id: number;
  name: string;
  url: string;
  entityId: string;
  entityName: string | null;
  caPem: string | null;
  health: ServerHealth;
  healthReason: string | null;
  healthChangedAt: number | null;
  checkedAt: number | null;
  createdAt: number;
}

export interface FeedRecord {
  id: number;
  serverId: number;
  entityId: string;
  name: string;
  email: string | null;
  activationDate: string;
  scope: FeedScope;
  status: FeedStatus;
  health: Health;
  healthReason: string | null;
  healthChangedAt: number | null;
  newestFetchedAt: number | null;
  unhealthyAnchorAt: number | null;
  recoveredAt: number | null;
  ledgerTz: string | null;
  lastCollectedAt: number | null;
  createdAt: number;
}

export interface RunRecord {
  id: number;
  trigger: string;
  status: 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
  startedAt: number;
  finishedAt: number | null;
  feedsTotal: number;
}

export type RunFeedStatus = 'ok' | 'skipped' | 'error';

export interface RunFeedRecord {
  runId: number;
  feedId: number;
  entityId: string;
  name: string;
  status: RunFeedStatus;
  reads: number;
  pages: number;
  error: string | null;
  finishedAt: number;
}

export interface HealthEventRecord {
  id: number;
  subject: 'server' | 'feed';
  subjectId: number;
  health: string;
  reason: string | null;
  observedAt: number;
}

export interface AnomalyRecord {
  id: number;
  feedId: number;
  deviceKey: string;
  ts: number;
  kind: string;
  observedAt: number;
}
