// The mail server certificates are sent through. The password goes straight to the secret
// store and is never shown back: only whether one is stored.
import { useState } from 'react';
import type { SettingsView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Switch, TextField } from '../../components/Field';
import { useNotify } from '../../components/Notices';
import { errorText } from '../../format/errors';
import { useForm } from '../../hooks/useForm';
import { emailRule, integerRule, optional } from '../../validation/rules';
import { SaveBar, Section, useSave } from './SettingsSection';

const RULES = {
  smtpHost: (v: string) => (/\s/.test(v.trim()) ? 'A host name has no spaces, e.g. smtp.office365.com' : null),
  smtpPort: integerRule(1, 65535, 'The port'),
  smtpFrom: optional((v: string) => emailRule(v.replace(/^.*<([^>]+)>\s*$/, '$1'))),
};
const PASSWORD_RULES = { password: (v: string) => (v ? null : 'Enter the SMTP password') };
const TEST_RULES = { to: emailRule };

export function EmailSection({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const notify = useNotify();
  const form = useForm({ smtpHost: settings.smtpHost, smtpPort: String(settings.smtpPort), smtpUser: settings.smtpUser, smtpFrom: settings.smtpFrom }, RULES);
  const [secure, setSecure] = useState(settings.smtpSecure);
  const { busy, error, save } = useSave(onSaved, 'E-mail settings');
  const password = useForm({ password: '' }, PASSWORD_RULES);
  const [pwBusy, setPwBusy] = useState(false);
  const [pwError, setPwError] = useState<string | null>(null);
  const test = useForm({ to: '' }, TEST_RULES);
  const [testBusy, setTestBusy] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);

  const dirty = form.values.smtpHost !== settings.smtpHost || Number(form.values.smtpPort) !== settings.smtpPort || form.values.smtpUser !== settings.smtpUser || form.values.smtpFrom !== settings.smtpFrom || secure !== settings.smtpSecure;

  const storePassword = async () => {
    if (!password.validate()) return;
    const value = password.values.password;
    password.reset({ password: '' }); // never kept in the page
    setPwBusy(true);
    setPwError(null);
    try {
      onSaved(await api.setSmtpPassword({ password: value }));
      notify('SMTP password stored');
    } catch (err) {
      setPwError(errorText(err));
    } finally {
      setPwBusy(false);
    }
  };

  const sendTest = async () => {
    if (!test.validate()) return;
    setTestBusy(true);
    setTestResult(null);
    try {
      await api.testSmtp({ to: test.values.to.trim() });
      setTestResult({ ok: true, text: `A test e-mail was sent to ${test.values.to.trim()}. Check that it arrived (and not in spam).` });
    } catch (err) {
      setTestResult({ ok: false, text: errorText(err) });
    } finally {
      setTestBusy(false);
    }
  };

  return (
    <Section id="settings-email" title="E-mail" description="Certificates are sent to each customer's contact address through your own mail server (SMTP).">
      <div className="form-row form-row--wide-narrow">
        <TextField label="SMTP server" binding={form.field('smtpHost')} placeholder="smtp.example.com" autoComplete="off" spellCheck={false} />
        <TextField label="Port" type="number" inputMode="numeric" binding={form.field('smtpPort')} hint="587 or 465" />
      </div>
      <Switch label="Use TLS from the start (port 465)" checked={secure} onChange={setSecure} hint="Off: the connection is upgraded with STARTTLS when the server offers it (port 587)." />
      <div className="form-row">
        <TextField label="User name" optional binding={form.field('smtpUser')} autoComplete="off" spellCheck={false} />
        <TextField label="From address" binding={form.field('smtpFrom')} placeholder="Green Copiers <certificates@dealer.com>" autoComplete="off" />
      </div>
      <SaveBar
        label="Save e-mail settings"
        busy={busy}
        dirty={dirty}
        error={error}
        onSave={() => {
          if (form.validate()) void save({ smtpHost: form.values.smtpHost.trim(), smtpPort: Number(form.values.smtpPort), smtpUser: form.values.smtpUser.trim(), smtpFrom: form.values.smtpFrom.trim(), smtpSecure: secure });
        }}
      />

      <hr className="divider" />
      <div className="inline-add">
        <TextField label="SMTP password" type="password" autoComplete="new-password" binding={password.field('password')} className="inline-add-field" hint="Stored encrypted on this computer; never shown again." />
        <Button icon="key" onClick={() => void storePassword()} busy={pwBusy} busyLabel="Storing…">
          Store password
        </Button>
      </div>
      <div>{settings.smtpPasswordSet ? <Badge tone="ok" icon="key" label="Password stored" /> : <Badge tone="neutral" icon="key" label="No password stored" />}</div>
      {pwError ? (
        <Callout tone="error" live title="The password was not stored">
          {pwError}
        </Callout>
      ) : null}

      <hr className="divider" />
      <div className="inline-add">
        <TextField label="Send a test e-mail to" type="email" binding={test.field('to')} placeholder="you@dealer.com" className="inline-add-field" />
        <Button icon="mail" onClick={() => void sendTest()} busy={testBusy} busyLabel="Sending…" disabled={dirty}>
          Send test e-mail
        </Button>
      </div>
      {dirty ? <p className="muted small">Save the e-mail settings first: the test uses the saved ones.</p> : null}
      {testResult ? (
        <Callout tone={testResult.ok ? 'ok' : 'error'} live title={testResult.ok ? 'Test e-mail sent' : 'The test e-mail was not sent'}>
          {testResult.text}
        </Callout>
      ) : null}
    </Section>
  );
}
