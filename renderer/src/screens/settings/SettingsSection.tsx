// A settings section: what it is about on the left, its fields on the right, and a save
// button that says what it saves (busy while saving, off while nothing changed).
import { useState, type ReactNode } from 'react';
import type { SettingsPatch, SettingsView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { useNotify } from '../../components/Notices';
import { errorText } from '../../format/errors';

export function Section({ id, title, description, children }: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-intro">
        <h2 className="section-title" id={id}>
          {title}
        </h2>
        <p className="section-text">{description}</p>
      </div>
      <div className="card settings-card">{children}</div>
    </section>
  );
}

/** Saves a patch; reports the engine's words on failure. */
export function useSave(onSaved: (s: SettingsView) => void, what: string) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (patch: SettingsPatch) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateSettings(patch));
      notify(`${what} saved`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, save };
}

export function SaveBar({ label, busy, dirty, error, onSave }: { label: string; busy: boolean; dirty: boolean; error: string | null; onSave: () => void }) {
  return (
    <>
      {error ? (
        <Callout tone="error" live title="Not saved">
          {error}
        </Callout>
      ) : null}
      <div className="form-actions">
        {dirty ? <span className="muted small">Unsaved changes</span> : null}
        <Button variant="primary" icon="check" busy={busy} busyLabel="Saving…" disabled={!dirty} onClick={onSave}>
          {label}
        </Button>
      </div>
    </>
  );
}
