// Sending a month's certificates to each customer's contact address: who gets one, who is
// skipped (no address), and whether to send again to those already sent.
import { useState } from 'react';
import type { CertificateMonth } from '../../../../preload/api';
import { useApp } from '../../app/AppContext';
import { Dialog, DialogActions } from '../../components/Dialog';
import { Switch } from '../../components/Field';

export function SendDialog({ month, data, busy, onSend, onClose }: { month: string; data: CertificateMonth; busy: boolean; onSend: (resend: boolean) => void; onClose: () => void }) {
  const { dates, count } = useApp();
  const [resend, setResend] = useState(false);
  const issued = data.rows.flatMap((r) => (r.certificate ? [r.certificate] : []));
  const withAddress = issued.filter((c) => c.email);
  const alreadySent = withAddress.filter((c) => c.sent?.status === 'sent');
  const toSend = resend ? withAddress.length : withAddress.length - alreadySent.length;
  const noAddress = issued.length - withAddress.length;
  return (
    <Dialog
      title={`Send the ${dates.month(month)} certificates`}
      description="Each customer receives its own certificate as a PDF attachment, from the address set in Settings."
      onClose={onClose}
      busy={busy}
      onSubmit={() => onSend(resend)}
      footer={
        <DialogActions onCancel={onClose} busy={busy} icon="mail" busyLabel="Sending…" disabled={toSend === 0}>
          {toSend > 0 ? `Send ${count(toSend)} e-mail${toSend === 1 ? '' : 's'}` : 'Nothing to send'}
        </DialogActions>
      }
    >
      <ul className="plain-list">
        <li>
          <strong>{count(withAddress.length - alreadySent.length)}</strong> not sent yet
        </li>
        <li>
          <strong>{count(alreadySent.length)}</strong> already sent
        </li>
        <li>
          <strong>{count(noAddress)}</strong> without a contact e-mail: skipped (add one on the Feeds screen)
        </li>
      </ul>
      {alreadySent.length > 0 ? <Switch label="Send again to those already sent" checked={resend} onChange={setResend} /> : null}
    </Dialog>
  );
}
