// The app shell: finds out whether a server exists (first run or dashboard), follows the
// address hash for the screen, and lays out the navigation beside the screen.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfo, Screen } from '../../../preload/api';
import { api } from '../api/bridge';
import { Callout } from '../components/Callout';
import { Loading } from '../components/EmptyState';
import { NoticeProvider } from '../components/Notices';
import { errorText } from '../format/errors';
import { useApiData } from '../hooks/useApiData';
import { LiveProvider } from '../hooks/live';
import { CertificatesScreen } from '../screens/certificates/CertificatesScreen';
import { DashboardScreen } from '../screens/dashboard/DashboardScreen';
import { FeedsScreen } from '../screens/feeds/FeedsScreen';
import { FirstRunScreen } from '../screens/first-run/FirstRunScreen';
import { ServersScreen } from '../screens/servers/ServersScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { AppProvider } from './AppContext';
import { Sidebar } from './Sidebar';
import { hashFor, parseHash, type Route } from './routes';

function useRoute(): [Route, (screen: Screen, id?: number | null) => void] {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = useCallback((screen: Screen, id?: number | null) => {
    window.location.hash = hashFor(screen, id);
  }, []);
  return [route, navigate];
}

function ScreenFor({ route, hasServer }: { route: Route; hasServer: boolean }) {
  switch (route.screen) {
    case 'feeds':
      return <FeedsScreen focusId={route.id} />;
    case 'certificates':
      return <CertificatesScreen />;
    case 'servers':
      return <ServersScreen focusId={route.id} />;
    case 'settings':
      return <SettingsScreen />;
    case 'first-run':
      return <FirstRunScreen />;
    default:
      return hasServer ? <DashboardScreen /> : <FirstRunScreen />;
  }
}

function Shell({ info }: { info: AppInfo }) {
  const [route, navigate] = useRoute();
  const servers = useApiData(() => api.listServers(), ['servers']);
  const main = useRef<HTMLElement>(null);
  const hasServer = (servers.data?.length ?? 0) > 0;
  const reloadServers = servers.reload;

  // Whether a server exists decides the first screen: check again on every move.
  useEffect(() => {
    window.addEventListener('hashchange', reloadServers);
    return () => window.removeEventListener('hashchange', reloadServers);
  }, [reloadServers]);

  // A new screen: bring its title into view and to the screen reader's attention.
  const screenKey = `${route.screen}`;
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    el.scrollTop = 0;
    const heading = el.querySelector<HTMLElement>('h1');
    if (heading && document.activeElement && document.activeElement !== document.body && !el.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }, [screenKey]);

  return (
    <AppProvider info={info} navigate={navigate} hasServer={hasServer}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app">
        <Sidebar current={route.screen === 'dashboard' && !hasServer && !servers.loading ? 'first-run' : route.screen} />
        <main id="main" ref={main} className="main" tabIndex={-1}>
          {servers.loading ? <Loading label="Loading…" /> : <ScreenFor route={route} hasServer={hasServer} />}
        </main>
      </div>
    </AppProvider>
  );
}

export function App() {
  const info = useApiData(() => api.getAppInfo(), ['settings', 'servers']); // the demo flag follows the servers
  if (info.data) {
    return (
      <NoticeProvider>
        <Shell info={info.data} />
      </NoticeProvider>
    );
  }
  if (info.error) {
    return (
      <div className="fatal">
        <Callout tone="error" title="PrintReleaf Tray cannot be reached">
          {errorText(info.error)}. Open the address PrintReleaf Tray printed when it started (it carries the access token), or start it again.
        </Callout>
      </div>
    );
  }
  return <Loading label="Starting PrintReleaf Tray…" />;
}

export function Root() {
  return (
    <LiveProvider>
      <App />
    </LiveProvider>
  );
}
