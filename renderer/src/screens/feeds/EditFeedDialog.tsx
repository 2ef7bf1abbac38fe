// Rename a feed, set the contact e-mail its certificates go to, or change its sync settings.
import { useState } from 'react';
import type { FeedView, Scope } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { Callout } from '../../components/Callout';
import { Dialog, DialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { errorField, errorText } from '../../format/errors';
import { useForm } from '../../hooks/useForm';
import { emailRule, feedNameRule, optional, type Rule } from '../../validation/rules';
import { ScopeField } from './FeedFields';

type FieldName = 'name' | 'email';
const RULES: Partial<Record<FieldName, Rule>> = { name: feedNameRule, email: optional(emailRule) };

export function EditFeedDialog({ feed, onClose, onSaved }: { feed: FeedView; onClose: () => void; onSaved: (feed: FeedView) => void }) {
  const form = useForm<FieldName>({ name: feed.name, email: feed.email ?? '' }, RULES);
  const [scope, setScope] = useState<Scope>(feed.scope);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!form.validate()) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.updateFeed({ feedId: feed.id, name: form.values.name.trim(), email: form.values.email.trim() || null, scope }));
    } catch (err) {
      const field = errorField(err);
      if (field === 'name' || field === 'email') form.setServerError(field, errorText(err));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Edit ${feed.name}`}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={
        <DialogActions onCancel={onClose} busy={busy} icon="check" busyLabel="Saving…">
          Save changes
        </DialogActions>
      }
    >
      <TextField label="Name" binding={form.field('name')} hint="As printed on its certificates." autoFocus />
      <TextField label="Contact e-mail" optional type="email" binding={form.field('email')} placeholder="name@customer.com" hint="Where its monthly certificate is sent." />
      <ScopeField value={scope} onChange={setScope} />
      {error ? (
        <Callout tone="error" live title="The changes were not saved">
          {error}
        </Callout>
      ) : null}
    </Dialog>
  );
}
