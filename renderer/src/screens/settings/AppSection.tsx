// About this installation: where data and secrets live, and (desktop only) launch at login.
import { useState } from 'react';
import type { SettingsView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Callout } from '../../components/Callout';
import { Switch } from '../../components/Field';
import { errorText } from '../../format/errors';
import { Section } from './SettingsSection';

export function AppSection({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const { info } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setLaunch = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateSettings({ launchAtLogin: on }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="settings-app" title="This computer" description="Where PrintReleaf Tray keeps its data and secrets.">
      {settings.launchAtLoginAvailable ? (
        <Switch label="Start PrintReleaf Tray when I log in" checked={settings.launchAtLogin} onChange={(v) => !busy && void setLaunch(v)} hint="It waits in the tray and collects on schedule." />
      ) : null}
      {error ? (
        <Callout tone="error" live title="Not changed">
          {error}
        </Callout>
      ) : null}
      <dl className="facts facts--stacked">
        <div>
          <dt>Data folder</dt>
          <dd className="mono">{info.dataDir}</dd>
        </div>
        <div>
          <dt>Secrets</dt>
          <dd>{info.secretStore}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {info.version} · {info.shell === 'web' ? 'web interface' : 'desktop app'} on {info.platform}
          </dd>
        </div>
      </dl>
    </Section>
  );
}
