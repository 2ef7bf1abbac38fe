// The left navigation: the five screens, what needs attention at a glance, and the
// collection in progress.
import type { Overview, Screen } from '../../../preload/api';
import { api } from '../api/bridge';
import { Icon, type IconName } from '../components/Icon';
import { useApiData } from '../hooks/useApiData';
import { useProgress } from '../hooks/live';
import { useApp } from './AppContext';
import { hashFor } from './routes';

const ITEMS: { screen: Screen; label: string; icon: IconName }[] = [
  { screen: 'dashboard', label: 'Dashboard', icon: 'dashboard' },
  { screen: 'feeds', label: 'Feeds', icon: 'feeds' },
  { screen: 'certificates', label: 'Certificates', icon: 'certificate' },
  { screen: 'servers', label: 'Servers', icon: 'servers' },
  { screen: 'settings', label: 'Settings', icon: 'settings' },
];

function attentionCount(o: Overview | undefined, screen: Screen): number {
  if (!o) return 0;
  return o.attention.filter((a) => a.action.screen === screen).length;
}

export function Sidebar({ current }: { current: Screen }) {
  const { info, count } = useApp();
  const overview = useApiData(() => api.getOverview(), ['servers', 'feeds', 'health', 'runs', 'certificates']);
  const { progress } = useProgress();
  const active = current === 'first-run' ? 'dashboard' : current;

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="leaf" size={18} />
        </span>
        <span className="brand-text">
          <span className="brand-name">PrintReleaf Tray</span>
          <span className="brand-sub">{info.demo ? 'Demo data' : info.shell === 'web' ? 'Web' : 'Desktop'}</span>
        </span>
      </div>
      <nav aria-label="Main">
        <ul className="nav">
          {ITEMS.map((item) => {
            const n = attentionCount(overview.data, item.screen);
            return (
              <li key={item.screen}>
                <a className={`nav-item ${active === item.screen ? 'is-current' : ''}`} href={hashFor(item.screen)} aria-current={active === item.screen ? 'page' : undefined}>
                  <Icon name={item.icon} size={17} />
                  <span className="nav-label">{item.label}</span>
                  {n > 0 ? (
                    <span className="nav-count" title={`${n} need${n === 1 ? 's' : ''} attention`}>
                      <span aria-hidden="true">{count(n)}</span>
                      <span className="visually-hidden">, {n} need{n === 1 ? 's' : ''} attention</span>
                    </span>
                  ) : null}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-foot">
        {progress ? (
          <a className="sidebar-status is-busy" href={hashFor('dashboard')}>
            <span className="pulse" aria-hidden="true" />
            <span>{progress.feedsTotal > 0 ? `Collecting ${count(progress.feedsDone)} of ${count(progress.feedsTotal)}` : 'Collecting…'}</span>
          </a>
        ) : null}
        <span className="sidebar-version">Version {info.version}</span>
      </div>
    </aside>
  );
}
