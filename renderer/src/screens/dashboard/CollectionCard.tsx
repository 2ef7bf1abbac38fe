// The collection: when it last ran and how it went, when it runs next, and "Collect now"
// with a progress bar (feeds done / total, the current customer, days of a long backfill).
import type { CollectionProgress, Overview, RunView } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Badge, type Tone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { ProgressBar } from '../../components/ProgressBar';
import { useCollect } from '../../hooks/useCollect';

const RUN_STATUS: Record<RunView['status'], { tone: Tone; label: string }> = {
  running: { tone: 'info', label: 'Running' },
  ok: { tone: 'ok', label: 'Completed' },
  partial: { tone: 'warn', label: 'Partly failed' },
  failed: { tone: 'error', label: 'Failed' },
  interrupted: { tone: 'warn', label: 'Interrupted' },
};

const TRIGGERS: Record<string, string> = { manual: 'started by hand', schedule: 'scheduled', demo: 'demo', 'catch-up': 'catch-up after a missed slot' };

export function runSummary(run: RunView, count: (n: number) => string): string {
  const errors = run.feeds.filter((f) => f.status === 'error').length;
  const skipped = run.feeds.filter((f) => f.status === 'skipped').length;
  return [`${count(run.feeds.length)} feed${run.feeds.length === 1 ? '' : 's'}`, `${count(run.pages)} pages`, errors ? `${count(errors)} failed` : '', skipped ? `${count(skipped)} skipped` : ''].filter(Boolean).join(' · ');
}

export function CollectionCard({ overview: o, onFinished }: { overview: Overview; onFinished: () => void }) {
  const { dates, count, navigate } = useApp();
  const run = useCollect(onFinished);
  const progress = run.progress ?? o.collecting;
  const { finished, error, collect } = run;
  const running = run.running || progress !== null;
  const last = o.lastRun;
  return (
    <Card title="Collection" className="collection-card">
      <dl className="run-facts">
        <div>
          <dt>Last collection</dt>
          <dd>
            {last ? (
              <>
                <span className="run-when">{dates.short(last.startedAt)}</span>
                <Badge {...RUN_STATUS[last.status]} />
                <span className="run-detail">
                  {runSummary(last, count)}
                  {TRIGGERS[last.trigger] ? ` · ${TRIGGERS[last.trigger]}` : ''}
                </span>
              </>
            ) : (
              <span className="muted">Not yet collected</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Next collection</dt>
          <dd>
            {!o.scheduleEnabled ? (
              <>
                <span className="muted">The schedule is off.</span>{' '}
                <button type="button" className="link" onClick={() => navigate('settings')}>
                  Turn it on in Settings
                </button>
              </>
            ) : o.nextRunAt ? (
              <span className="run-when">{dates.short(o.nextRunAt)}</span>
            ) : (
              <span className="muted">Not scheduled</span>
            )}
          </dd>
        </div>
      </dl>

      <CollectionProgressView running={running} progress={progress} finished={finished} />
      {error ? (
        <Callout tone="error" live title="The collection could not run">
          {error} No pages are lost: the next collection picks up where this one stopped.
        </Callout>
      ) : null}

      <div className="card-actions">
        <Button variant="primary" icon="refresh" onClick={() => void collect()} busy={running} busyLabel="Collecting…" disabled={o.servers.total === 0}>
          Collect now
        </Button>
        <span className="muted small">Collects every active feed now; it is safe to run any time.</span>
      </div>
    </Card>
  );
}

/** The bar of a collection running (feeds done / total, the customer, days of a backfill) or just finished. */
export function CollectionProgressView({ running, progress, finished }: { running: boolean; progress: CollectionProgress | null; finished: RunView | null }) {
  const { count } = useApp();
  const current = progress?.current;
  if (running) {
    return (
      <ProgressBar
        value={progress?.feedsDone ?? 0}
        max={progress?.feedsTotal ?? 0}
        label={progress && progress.feedsTotal > 0 ? `Collecting: ${count(progress.feedsDone)} of ${count(progress.feedsTotal)} feeds` : 'Starting the collection…'}
        detail={current ? `${current.name}${current.daysTotal > 1 ? ` · day ${count(current.daysDone)} of ${count(current.daysTotal)}` : ''}` : undefined}
      />
    );
  }
  return finished ? <ProgressBar value={finished.feeds.length} max={finished.feeds.length} label="Collection finished" detail={runSummary(finished, count)} /> : null;
}
