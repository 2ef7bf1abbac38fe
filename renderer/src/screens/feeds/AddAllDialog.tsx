// "Add all unmapped customers": every customer of a server without a feed becomes one, in
// one step, with one activation date and one sync setting.
import { useState } from 'react';
import type { FeedView, Scope, ServerView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog, DialogActions } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { Loading } from '../../components/EmptyState';
import { errorText } from '../../format/errors';
import { firstOfMonth } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useForm } from '../../hooks/useForm';
import { useNow } from '../../hooks/useNow';
import { activationDateRule } from '../../validation/rules';
import { ActivationDateField, ScopeField } from './FeedFields';

const RULES = { activationDate: activationDateRule };

export function AddAllDialog({ servers, onClose, onAdded }: { servers: ServerView[]; onClose: () => void; onAdded: (feeds: FeedView[]) => void }) {
  const { dates, count } = useApp();
  const now = useNow(600_000);
  const today = dates.today(now);
  const [chosenServer, setServerId] = useState<number | null>(null);
  const serverId = chosenServer ?? servers[0]?.id ?? 0;
  const entities = useApiData(() => api.listEntities({ serverId }), ['feeds'], String(serverId));
  const [scope, setScope] = useState<Scope>('all');
  const form = useForm({ activationDate: firstOfMonth(today) }, RULES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const unmapped = (entities.data ?? []).filter((e) => e.feedId === null);
  const n = unmapped.length;

  const submit = async () => {
    if (!form.validate() || n === 0) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.addAllUnmapped({ serverId, activationDate: form.values.activationDate, scope }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const preview = unmapped.slice(0, 6).map((e) => e.name);
  return (
    <Dialog
      title="Add all unmapped customers"
      description="Every customer of the server that has no feed yet becomes one, with the same activation date and sync settings."
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      width="wide"
      footer={
        <DialogActions onCancel={onClose} busy={busy} icon="plus" busyLabel="Adding…" disabled={entities.loading || n === 0}>
          {n > 0 ? `Add ${count(n)} feed${n === 1 ? '' : 's'}` : 'Add feeds'}
        </DialogActions>
      }
    >
      {servers.length > 1 ? <SelectField label="Server" value={String(serverId)} onChange={(v) => setServerId(Number(v))} options={servers.map((s) => ({ value: String(s.id), label: s.name }))} /> : null}
      {entities.loading ? (
        <Loading label="Loading the server’s customers…" />
      ) : entities.error ? (
        <Callout tone="error" title="The customer list could not be loaded" actions={<Button onClick={entities.reload}>Try again</Button>}>
          {errorText(entities.error)}
        </Callout>
      ) : n === 0 ? (
        <Callout tone="ok" title="Every customer already has a feed">
          There is nothing to add from this server.
        </Callout>
      ) : (
        <div className="unmapped-summary">
          <strong>
            {count(n)} of {count(entities.data?.length ?? 0)} customers
          </strong>{' '}
          have no feed yet: {preview.join(', ')}
          {n > preview.length ? ` and ${count(n - preview.length)} more` : ''}.
        </div>
      )}
      <ActivationDateField binding={form.field('activationDate')} today={today} />
      <ScopeField value={scope} onChange={setScope} />
      {error ? (
        <Callout tone="error" live title="No feed was added">
          {error}
        </Callout>
      ) : null}
    </Dialog>
  );
}
