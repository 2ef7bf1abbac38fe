// How certificates look and when they are issued: paper size, the dealer's name and logo,
// the reforestation partner's text and the statement printed on each.
import { useRef, useState } from 'react';
import type { SettingsView } from '../../../../preload/api';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { RadioGroup, Switch, TextAreaField, TextField } from '../../components/Field';
import { useForm } from '../../hooks/useForm';
import { SaveBar, Section, useSave } from './SettingsSection';

const RULES = {
  dealerName: (v: string) => (v.trim().length > 200 ? 'The dealer name is at most 200 characters' : null),
  partnerText: (v: string) => (v.length > 500 ? 'The partner text is at most 500 characters' : null),
  statement: (v: string) => (v.length > 1000 ? 'The statement is at most 1,000 characters' : null),
};

const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export function CertificateSection({ settings, onSaved }: { settings: SettingsView; onSaved: (s: SettingsView) => void }) {
  const form = useForm({ dealerName: settings.dealerName, partnerText: settings.partnerText, statement: settings.statement }, RULES);
  const [paper, setPaper] = useState(settings.paper);
  const [autoIssue, setAutoIssue] = useState(settings.autoIssueCertificates);
  // undefined: unchanged; null: removed; string: a new data URL.
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [logoError, setLogoError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { busy, error, save } = useSave(onSaved, 'Certificate settings');

  const shownLogo = logo === undefined ? (settings.dealerLogo?.dataUrl ?? null) : logo;
  const dirty = logo !== undefined || paper !== settings.paper || autoIssue !== settings.autoIssueCertificates || form.values.dealerName !== settings.dealerName || form.values.partnerText !== settings.partnerText || form.values.statement !== settings.statement;

  const pickLogo = (file: File | undefined) => {
    setLogoError(null);
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) return setLogoError('The logo must be a PNG or JPEG image');
    if (file.size > MAX_LOGO_BYTES) return setLogoError('The logo is too large (2 MB at most)');
    const reader = new FileReader();
    reader.onload = () => setLogo(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => setLogoError('The file could not be read');
    reader.readAsDataURL(file);
  };

  return (
    <Section id="settings-certificates" title="Certificates" description="What every Certificate of Reforestation shows besides the customer and its figures. Changes apply to certificates issued from now on.">
      <RadioGroup
        legend="Paper size"
        name="paper"
        value={paper}
        onChange={setPaper}
        options={[
          { value: 'letter', label: 'Letter', hint: '8.5 × 11 in, landscape' },
          { value: 'a4', label: 'A4', hint: '297 × 210 mm, landscape' },
        ]}
      />
      <Switch label="Issue certificates automatically" checked={autoIssue} onChange={setAutoIssue} hint="When a month can be certified, the nightly collection issues its certificates." />
      <TextField label="Dealer name" binding={form.field('dealerName')} hint="Printed as the issuer." />
      <div className="field">
        <span className="field-label">Logo</span>
        <div className="logo-row">
          <div className="logo-box">{shownLogo ? <img src={shownLogo} alt="Dealer logo" /> : <span className="muted small">No logo</span>}</div>
          <div className="logo-actions">
            <input ref={fileInput} type="file" accept="image/png,image/jpeg" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(e) => pickLogo(e.target.files?.[0])} />
            <Button icon="upload" onClick={() => fileInput.current?.click()}>
              {shownLogo ? 'Replace logo…' : 'Choose logo…'}
            </Button>
            {shownLogo ? (
              <Button variant="ghost" icon="trash" onClick={() => setLogo(null)}>
                Remove logo
              </Button>
            ) : null}
            <p className="field-hint">PNG or JPEG, 2 MB at most.</p>
          </div>
        </div>
        {logoError ? (
          <Callout tone="error" live>
            {logoError}
          </Callout>
        ) : null}
      </div>
      <TextAreaField label="Reforestation partner" binding={form.field('partnerText')} rows={2} maxLength={500} hint="Who plants the trees, in a sentence." />
      <TextAreaField label="Statement" binding={form.field('statement')} rows={3} maxLength={1000} hint="The certificate's main sentence. Keep it to what the figures support." />
      <SaveBar
        label="Save certificate settings"
        busy={busy}
        dirty={dirty}
        error={error}
        onSave={() => {
          if (!form.validate()) return;
          void save({
            paper,
            autoIssueCertificates: autoIssue,
            dealerName: form.values.dealerName.trim(),
            partnerText: form.values.partnerText,
            statement: form.values.statement,
            ...(logo !== undefined ? { dealerLogo: logo } : {}),
          });
        }}
      />
    </Section>
  );
}
