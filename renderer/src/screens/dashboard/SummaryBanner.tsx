// The one line of truth ("All 42 feeds healthy · last collection 02:00, 18,240 pages").
import type { CollectionProgress, Overview } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Icon, type IconName } from '../../components/Icon';

const LOOK: Record<Overview['status'], { tone: string; icon: IconName }> = {
  healthy: { tone: 'ok', icon: 'checkCircle' },
  attention: { tone: 'warn', icon: 'warning' },
  error: { tone: 'error', icon: 'error' },
  collecting: { tone: 'info', icon: 'refresh' },
  empty: { tone: 'neutral', icon: 'info' },
};

export function SummaryBanner({ overview, collecting }: { overview: Overview; collecting: CollectionProgress | null }) {
  const { count } = useApp();
  const look = collecting ? LOOK.collecting : LOOK[overview.status];
  const text = collecting && collecting.feedsTotal > 0 ? `Collecting · ${count(collecting.feedsDone)} of ${count(collecting.feedsTotal)} feeds${collecting.current ? ` · ${collecting.current.name}` : ''}` : overview.summary;
  return (
    <div className={`summary summary--${look.tone}`} role="status" aria-live="polite" data-testid="summary">
      <Icon name={look.icon} size={22} className={collecting ? 'spin-slow' : undefined} />
      <p className="summary-text">{text}</p>
    </div>
  );
}
