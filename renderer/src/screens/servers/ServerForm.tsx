// Registering a Print Tracker server: URL (prefilled), parent Entity ID and API key, checked
// as you type; "Test connection" shows the entity and its customers without saving; "Test
// and save" saves only when the check passes. The key is cleared after each save attempt
// and never shown back.
import { useState } from 'react';
import type { ServerTestResult, ServerView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { TextField } from '../../components/Field';
import { errorField, errorText } from '../../format/errors';
import { useForm } from '../../hooks/useForm';
import { apiKeyRule, entityIdRule, serverUrlRule, type Rule } from '../../validation/rules';

export const DEFAULT_SERVER_URL = 'https://papi.printtrackerpro.com';

type FieldName = 'url' | 'entityId' | 'apiKey' | 'name';
const RULES: Partial<Record<FieldName, Rule>> = { url: serverUrlRule, entityId: entityIdRule, apiKey: apiKeyRule };
const FIELDS: readonly string[] = ['url', 'entityId', 'apiKey', 'name'];

type Outcome = { kind: 'tested'; result: ServerTestResult } | { kind: 'failed'; message: string; saving: boolean } | null;

export function ServerForm({ onSaved, onCancel }: { onSaved: (server: ServerView) => void; onCancel?: () => void }) {
  const { count } = useApp();
  const form = useForm<FieldName>({ url: DEFAULT_SERVER_URL, entityId: '', apiKey: '', name: '' }, RULES);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const input = () => ({ url: form.values.url.trim(), entityId: form.values.entityId.trim(), apiKey: form.values.apiKey.trim(), ...(form.values.name.trim() ? { name: form.values.name.trim() } : {}) });

  const fail = (err: unknown, saving: boolean) => {
    const field = errorField(err);
    if (field && FIELDS.includes(field)) {
      form.setServerError(field as FieldName, errorText(err));
      setOutcome(null);
    } else setOutcome({ kind: 'failed', message: errorText(err), saving });
  };

  const test = async () => {
    if (!form.validate()) return;
    setBusy('test');
    setOutcome(null);
    try {
      setOutcome({ kind: 'tested', result: await api.testServer(input()) });
    } catch (err) {
      fail(err, false);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!form.validate()) return;
    setBusy('save');
    setOutcome(null);
    const values = input();
    form.reset({ apiKey: '' }); // the key leaves the page with this call, whatever happens
    try {
      const server = await api.addServer(values);
      form.reset({ entityId: '', name: '' });
      onSaved(server);
    } catch (err) {
      fail(err, true);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label="Register a Print Tracker server"
    >
      <TextField label="Server URL" binding={form.field('url')} type="url" inputMode="url" autoComplete="off" spellCheck={false} hint="The address of your Print Tracker API. Only https:// is accepted." />
      <TextField label="Parent Entity ID" binding={form.field('entityId')} autoComplete="off" spellCheck={false} placeholder="24 characters, e.g. 5f1a3c…" hint="Your dealer entity in Print Tracker; its customers become the feeds you can add." />
      <TextField
        label="API key"
        binding={form.field('apiKey')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        hint="Stored encrypted on this computer and never shown again."
      />
      <TextField label="Name" optional binding={form.field('name')} autoComplete="off" hint="How this server is called in the app. Leave empty to use the entity's name." />

      {outcome?.kind === 'tested' ? (
        <Callout tone="ok" live title={`Connected to ${outcome.result.entityName}`}>
          {count(outcome.result.customers)} customer{outcome.result.customers === 1 ? '' : 's'} can be added as feeds. Nothing is saved until you choose Test and save.
        </Callout>
      ) : null}
      {outcome?.kind === 'failed' ? (
        <Callout tone="error" live title={outcome.saving ? 'The server was not saved' : 'The connection test failed'}>
          {outcome.message}
          {outcome.saving && !/nothing was saved/i.test(outcome.message) ? ' Nothing was saved.' : ''} Check the URL, the Entity ID and the API key, then try again.
        </Callout>
      ) : null}

      <div className="form-actions">
        {onCancel ? (
          <Button onClick={onCancel} disabled={busy !== null}>
            Cancel
          </Button>
        ) : null}
        <Button icon="refresh" onClick={() => void test()} busy={busy === 'test'} busyLabel="Testing…" disabled={busy === 'save'}>
          Test connection
        </Button>
        <Button type="submit" variant="primary" icon="check" busy={busy === 'save'} busyLabel="Testing and saving…" disabled={busy === 'test'}>
          Test and save
        </Button>
      </div>
    </form>
  );
}
