// The glance: one line of truth, the counts that matter, the collection (last, next, now),
// and what needs attention with the button that fixes it.
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Callout } from '../../components/Callout';
import { Loading } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../format/errors';
import { useApiData } from '../../hooks/useApiData';
import { useProgress } from '../../hooks/live';
import { AnomalyList } from './AnomalyList';
import { AttentionList } from './AttentionList';
import { CollectionCard } from './CollectionCard';
import { StatCards } from './StatCards';
import { SummaryBanner } from './SummaryBanner';

export function DashboardScreen() {
  const overview = useApiData(() => api.getOverview(), ['servers', 'feeds', 'health', 'runs', 'settings', 'certificates']);
  const { progress } = useProgress();
  const { info } = useApp();
  const o = overview.data;

  return (
    <div className="page">
      <PageHeader title="Dashboard" />
      {overview.error ? (
        <Callout tone="error" title="The overview could not be loaded">
          {errorText(overview.error)}
        </Callout>
      ) : null}
      {info.demo ? (
        <Callout tone="info" title="You are exploring with demo data">
          A simulated dealer runs on this computer. To collect your own customers, remove the demo server on the Servers screen and register yours.
        </Callout>
      ) : null}
      {!o ? (
        overview.loading ? <Loading label="Loading the overview…" /> : null
      ) : (
        <div className="dashboard">
          <SummaryBanner overview={o} collecting={progress ?? o.collecting} />
          <StatCards overview={o} />
          <div className="dashboard-row">
            <CollectionCard overview={o} onFinished={overview.reload} />
            <AttentionList items={o.attention} />
          </div>
          <AnomalyList anomalies={o.anomalies} />
        </div>
      )}
    </div>
  );
}
