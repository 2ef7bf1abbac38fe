// Recent oddities in the meter reads, in words (a counter reset, a glitch ignored), so the
// dealer knows the figures were looked after.
import type { AnomalyView } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Card } from '../../components/Card';

export function AnomalyList({ anomalies }: { anomalies: AnomalyView[] }) {
  const { dates, navigate } = useApp();
  return (
    <Card title="Recent anomalies">
      {anomalies.length === 0 ? (
        <p className="muted">No anomalies in the recent meter reads.</p>
      ) : (
        <ul className="anomaly-list">
          {anomalies.map((a, i) => (
            <li key={`${a.feedId}-${a.observedAt}-${i}`}>
              <button type="button" className="link anomaly-feed" onClick={() => navigate('feeds', a.feedId)}>
                {a.feedName}
              </button>
              <span className="anomaly-text">{a.text}</span>
              <span className="anomaly-when">{dates.short(a.readAt ?? a.observedAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
