// All settings, grouped the way a dealer thinks of them; each group saves on its own.
import type { SettingsView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { Callout } from '../../components/Callout';
import { Loading } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { errorText } from '../../format/errors';
import { useApiData } from '../../hooks/useApiData';
import { AppSection } from './AppSection';
import { CalendarSection } from './CalendarSection';
import { CertificateSection } from './CertificateSection';
import { EmailSection } from './EmailSection';
import { ScheduleSection } from './ScheduleSection';

/** A section starts afresh whenever the saved values it edits change. */
function keyOf(s: SettingsView, keys: (keyof SettingsView)[]): string {
  return JSON.stringify(keys.map((k) => s[k]));
}

export function SettingsScreen() {
  const loaded = useApiData(() => api.getSettings(), ['settings']);
  const settings = loaded.data;
  const onSaved = loaded.mutate;

  return (
    <div className="page page--narrow">
      <PageHeader title="Settings" subtitle="Schedule, calendar, certificates and e-mail." />
      {loaded.error ? (
        <Callout tone="error" title="The settings could not be loaded">
          {errorText(loaded.error)}
        </Callout>
      ) : null}
      {!settings ? (
        loaded.loading ? <Loading label="Loading settings…" /> : null
      ) : (
        <div className="settings">
          <ScheduleSection key={keyOf(settings, ['scheduleEnabled', 'scheduleTime', 'concurrency'])} settings={settings} onSaved={onSaved} />
          <CalendarSection key={keyOf(settings, ['timezone', 'locale', 'graceDays', 'holidays'])} settings={settings} onSaved={onSaved} />
          <CertificateSection key={keyOf(settings, ['paper', 'autoIssueCertificates', 'dealerName', 'dealerLogo', 'partnerText', 'statement'])} settings={settings} onSaved={onSaved} />
          <EmailSection key={keyOf(settings, ['smtpHost', 'smtpPort', 'smtpUser', 'smtpFrom', 'smtpSecure'])} settings={settings} onSaved={onSaved} />
          <AppSection settings={settings} onSaved={onSaved} />
        </div>
      )}
    </div>
  );
}
