// What the engine tells its shells while it works: the desktop turns these into the tray
// state and notifications, the web UI into live updates, the CLI into progress lines.
import { EventEmitter } from 'node:events';

export interface RunStartedEvent {
  runId: number;
  trigger: string;
  feedsTotal: number;
  startedAt: number;
}

export interface RunProgressEvent {
  runId: number;
  feedsDone: number;
  feedsTotal: number;
  /** The customer being collected now, with backfill progress in days. */
  current: { feedId: number; name: string; daysDone: number; daysTotal: number } | null;
  /** The feed whose end this event reports, if any. */
  completed?: { feedId: number; name: string; status: 'ok' | 'skipped' | 'error'; pages: number; error: string | null };
}

export interface RunFinishedEvent {
  runId: number;
  status: 'ok' | 'partial' | 'failed';
  finishedAt: number;
  feedsOk: number;
  feedsSkipped: number;
  feedsFailed: number;
  pages: number;
}

export interface HealthChangedEvent {
  subject: 'server' | 'feed';
  id: number;
  name: string;
  health: 'healthy' | 'unhealthy';
  reason: string;
  observedAt: number;
}

export interface CertificatesIssuedEvent {
  month: string;
  count: number;
}

export interface EngineEventMap {
  'run-started': [RunStartedEvent];
  'run-progress': [RunProgressEvent];
  'run-finished': [RunFinishedEvent];
  'health-changed': [HealthChangedEvent];
  'certificates-issued': [CertificatesIssuedEvent];
  'data-changed': [{ what: 'servers' | 'feeds' | 'settings' | 'certificates' }];
}

export type EngineEventName = keyof EngineEventMap;

export class EngineEvents extends EventEmitter<EngineEventMap> {}
