// Map one customer to a feed: pick it from the server's customers (searchable; customers
// that already have a feed are shown but cannot be picked), the activation date and the
// sync settings, optionally a name and a contact e-mail for its certificates.
import { useMemo, useState } from 'react';
import type { FeedView, Scope, ServerView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Combobox, type ComboOption } from '../../components/Combobox';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Loading } from '../../components/EmptyState';
import { SelectField, TextField } from '../../components/Field';
import { errorField, errorText } from '../../format/errors';
import { firstOfMonth } from '../../format/dates';
import { useApiData } from '../../hooks/useApiData';
import { useForm } from '../../hooks/useForm';
import { useNow } from '../../hooks/useNow';
import { activationDateRule, emailRule, optional, type Rule } from '../../validation/rules';
import { ActivationDateField, ScopeField } from './FeedFields';

type FieldName = 'activationDate' | 'name' | 'email';
const RULES: Partial<Record<FieldName, Rule>> = { activationDate: activationDateRule, email: optional(emailRule) };

export function AddFeedDialog({ servers, onClose, onAdded }: { servers: ServerView[]; onClose: () => void; onAdded: (feed: FeedView) => void }) {
  const { dates, count } = useApp();
  const now = useNow(600_000);
  const today = dates.today(now);
  const [chosenServer, setServerId] = useState<number | null>(null);
  const serverId = chosenServer ?? servers[0]?.id ?? 0;
  const entities = useApiData(() => api.listEntities({ serverId }), ['feeds'], String(serverId));
  const [entityId, setEntityId] = useState<string | null>(null);
  const [entityTouched, setEntityTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [scope, setScope] = useState<Scope>('all');
  const form = useForm<FieldName>({ activationDate: firstOfMonth(today), name: '', email: '' }, RULES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [entityError, setEntityError] = useState<string | null>(null);

  const options = useMemo<ComboOption[]>(
    () => (entities.data ?? []).map((e) => ({ value: e.id, label: e.name, detail: e.id, ...(e.feedId !== null ? { disabledReason: 'Has a feed' } : {}) })),
    [entities.data],
  );
  const chosen = entities.data?.find((e) => e.id === entityId) ?? null;
  const free = options.filter((o) => !o.disabledReason).length;
  const entityProblem = entityId === null ? 'Choose a customer from the list' : null;
  const showEntityProblem = (entityTouched || submitted ? entityProblem : null) ?? entityError;

  const submit = async () => {
    setSubmitted(true);
    const fieldsOk = form.validate();
    if (!fieldsOk || entityId === null) return;
    setBusy(true);
    setError(null);
    try {
      const feed = await api.addFeed({
        serverId,
        entityId,
        activationDate: form.values.activationDate,
        scope,
        ...(form.values.name.trim() ? { name: form.values.name.trim() } : {}),
        email: form.values.email.trim() || null,
      });
      onAdded(feed);
    } catch (err) {
      const field = errorField(err);
      if (field === 'entityId') setEntityError(errorText(err));
      else if (field === 'activationDate' || field === 'name' || field === 'email') form.setServerError(field, errorText(err));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add a feed"
      description="Choose a customer of your Print Tracker server; its pages are collected every night."
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      width="wide"
      footer={
        <DialogActions onCancel={onClose} busy={busy} icon="plus" busyLabel="Adding…" disabled={entities.loading}>
          Add feed
        </DialogActions>
      }
    >
      {servers.length > 1 ? (
        <SelectField
          label="Server"
          value={String(serverId)}
          onChange={(v) => {
            setServerId(Number(v));
            setEntityId(null);
          }}
          options={servers.map((s) => ({ value: String(s.id), label: s.name }))}
        />
      ) : null}
      {entities.error ? (
        <Callout tone="error" title="The customer list could not be loaded" actions={<Button onClick={entities.reload}>Try again</Button>}>
          {errorText(entities.error)}
        </Callout>
      ) : entities.loading ? (
        <Loading label="Loading the server’s customers…" />
      ) : (
        <Combobox
          autoFocus
          label="Customer"
          noun={['customer', 'customers']}
          options={options}
          value={entityId}
          onChange={(v) => {
            setEntityId(v);
            setEntityError(null);
          }}
          onBlur={() => setEntityTouched(true)}
          placeholder="Type to search customers"
          hint={free === 0 ? 'Every customer of this server already has a feed.' : `${count(free)} of ${count(options.length)} customers have no feed yet.`}
          error={showEntityProblem ?? undefined}
        />
      )}
      <div className="form-row">
        <ActivationDateField binding={form.field('activationDate')} today={today} />
        <TextField label="Name" optional binding={form.field('name')} placeholder={chosen?.name ?? 'The customer’s name'} hint="As printed on its certificates." />
      </div>
      <ScopeField value={scope} onChange={setScope} />
      <TextField label="Contact e-mail" optional type="email" binding={form.field('email')} autoComplete="off" placeholder="name@customer.com" hint="Where its monthly certificate is sent." />
      {error ? (
        <Callout tone="error" live title="The feed was not added">
          {error}
        </Callout>
      ) : null}
    </Dialog>
  );
}
