// A new API key for a server: checked against the server before it replaces the old one.
import { useState } from 'react';
import type { ServerView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { Callout } from '../../components/Callout';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { errorText } from '../../format/errors';
import { useForm } from '../../hooks/useForm';
import { apiKeyRule } from '../../validation/rules';

const RULES = { apiKey: apiKeyRule };

export function ReplaceKeyDialog({ server, onClose, onReplaced }: { server: ServerView; onClose: () => void; onReplaced: () => void }) {
  const form = useForm({ apiKey: '' }, RULES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!form.validate()) return;
    const apiKey = form.values.apiKey.trim();
    form.reset({ apiKey: '' });
    setBusy(true);
    setError(null);
    try {
      await api.replaceServerKey({ serverId: server.id, apiKey });
      onReplaced();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Replace the API key of ${server.name}`}
      description="The new key is checked against the server first; the old one is discarded only if it works."
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={
        <DialogActions onCancel={onClose} busy={busy} icon="key" busyLabel="Checking the key…">
          Check and replace key
        </DialogActions>
      }
    >
      <TextField label="New API key" binding={form.field('apiKey')} type="password" autoComplete="off" spellCheck={false} placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" hint="Stored encrypted on this computer and never shown again." autoFocus />
      {error ? (
        <Callout tone="error" live title="The key was not replaced">
          {error}
          {/old key/i.test(error) ? '' : ' The old key stays in use.'}
        </Callout>
      ) : null}
    </Dialog>
  );
}
