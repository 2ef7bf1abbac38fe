// The counts at a glance: servers, feeds by health, this month's pages and trees.
import type { ReactNode } from 'react';
import type { Overview } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Icon, type IconName } from '../../components/Icon';

function Stat({ icon, label, value, children }: { icon: IconName; label: string; value: string; children?: ReactNode }) {
  return (
    <section className="card stat-card" aria-label={label}>
      <div className="stat-label">
        <Icon name={icon} size={15} />
        <h2>{label}</h2>
      </div>
      <div className="stat-value">{value}</div>
      <div className="stat-sub">{children}</div>
    </section>
  );
}

export function StatCards({ overview: o }: { overview: Overview }) {
  const { count, trees, dates } = useApp();
  const active = o.feeds.total - o.feeds.paused;
  return (
    <div className="stat-grid">
      <Stat icon="servers" label="Servers" value={count(o.servers.total)}>
        {o.servers.total === 0 ? 'None registered' : o.servers.healthy === o.servers.total ? (o.servers.total === 1 ? 'Connected' : 'All connected') : `${count(o.servers.total - o.servers.healthy)} cannot connect`}
      </Stat>
      <Stat icon="feeds" label="Feeds" value={count(o.feeds.total)}>
        <span className="dot-line">
          <span className="dot dot--ok" aria-hidden="true" />
          {count(o.feeds.healthy)} healthy
        </span>
        {o.feeds.unhealthy > 0 ? (
          <span className="dot-line">
            <span className="dot dot--warn" aria-hidden="true" />
            {count(o.feeds.unhealthy)} need{o.feeds.unhealthy === 1 ? 's' : ''} attention
          </span>
        ) : null}
        {o.feeds.paused > 0 ? (
          <span className="dot-line">
            <span className="dot dot--neutral" aria-hidden="true" />
            {count(o.feeds.paused)} paused
          </span>
        ) : null}
        {active === 0 && o.feeds.total === 0 ? 'No customers added yet' : null}
      </Stat>
      <Stat icon="file" label="Pages this month" value={count(o.month.pages)}>
        {dates.month(o.month.month)} so far
      </Stat>
      <Stat icon="tree" label="Trees this month" value={trees(o.month.trees)}>
        1 tree = {count(8333)} letter-size pages
      </Stat>
    </div>
  );
}
