// Follows the engine's events: keeps the collection in progress (for the dashboard and the
// tray) and turns engine events into the contract's ApiEvents for every transport.
import type { ApiEvent, CollectionProgress } from '../../preload/api';
import type { EngineEvents } from '../engine/events';

export class LiveState {
  private progress: CollectionProgress | null = null;
  private readonly listeners = new Set<(e: ApiEvent) => void>();

  constructor(events: EngineEvents) {
    events.on('run-started', (e) => {
      this.progress = { runId: e.runId, feedsDone: 0, feedsTotal: e.feedsTotal, current: null };
      this.emit({ type: 'run-started', runId: e.runId, feedsTotal: e.feedsTotal });
    });
    events.on('run-progress', (e) => {
      this.progress = { runId: e.runId, feedsDone: e.feedsDone, feedsTotal: e.feedsTotal, current: e.current };
      this.emit({ type: 'run-progress', progress: this.progress });
    });
    events.on('run-finished', (e) => {
      this.progress = null;
      this.emit({ type: 'run-finished', runId: e.runId, status: e.status, pages: e.pages });
    });
    events.on('health-changed', (e) => this.emit({ type: 'health-changed', subject: e.subject, id: e.id, name: e.name, health: e.health, reason: e.reason }));
    events.on('data-changed', (e) => this.emit({ type: 'data-changed', what: e.what }));
    events.on('certificates-issued', () => this.emit({ type: 'data-changed', what: 'certificates' }));
  }

  get collecting(): CollectionProgress | null {
    return this.progress;
  }

  subscribe(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: ApiEvent): void {
    for (const l of this.listeners) l(e);
  }
}
