// A month's Certificates of Reforestation: which customers have one, issuing the month,
// previewing the very PDF, exporting, sending by e-mail, and the month report as CSV.
import { useEffect, useMemo, useState } from 'react';
import type { CertificateMonth, ExportOutcome, IssueOutcome, SendOutcome } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { EmptyState, Loading } from '../../components/EmptyState';
import { useNotify } from '../../components/Notices';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { shiftMonth } from '../../format/dates';
import { downloadBlob } from '../../format/download';
import { errorText } from '../../format/errors';
import { useApiData } from '../../hooks/useApiData';
import { useNow } from '../../hooks/useNow';
import { CertificateTable } from './CertificateTable';
import { CERT_FILTERS, visibleRows, type CertFilter, type CertSort } from './certificateRows';
import { MonthPicker } from './MonthPicker';
import { candidateMonth, monthOptions } from './months';
import { PdfPreview } from './PdfPreview';
import { SendDialog } from './SendDialog';

export function CertificatesScreen() {
  const { dates } = useApp();
  const now = useNow(600_000);
  const today = dates.today(now);
  const [month, setMonth] = useState<string | null>(null);

  // Open on the latest month that can be certified.
  useEffect(() => {
    let live = true;
    const first = candidateMonth(today);
    api.getCertificateMonth({ month: first }).then(
      (m) => live && setMonth((current) => current ?? (m.certifiable ? first : shiftMonth(first, -1))),
      () => live && setMonth((current) => current ?? first),
    );
    return () => {
      live = false;
    };
  }, [today]);

  return month ? <CertificateMonthView month={month} onMonth={setMonth} today={today} /> : <Loading label="Loading certificates…" />;
}

type Outcome = { kind: 'issued'; value: IssueOutcome } | { kind: 'exported'; value: ExportOutcome } | { kind: 'sent'; value: SendOutcome } | { kind: 'error'; title: string; message: string } | null;

function CertificateMonthView({ month, onMonth, today }: { month: string; onMonth: (m: string) => void; today: string }) {
  const { dates, count } = useApp();
  const notify = useNotify();
  const data = useApiData(() => api.getCertificateMonth({ month }), ['certificates', 'feeds'], month);
  const feeds = useApiData(() => api.listFeeds(), ['feeds']);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<CertFilter>('all');
  const [sort, setSort] = useState<{ key: CertSort; dir: 'asc' | 'desc' }>({ key: 'name', dir: 'asc' });
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [busy, setBusy] = useState<'issue' | 'export' | 'send' | 'send-one' | 'csv' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sendOpen, setSendOpen] = useState(false);

  const months = useMemo(() => monthOptions(today, (feeds.data ?? []).map((f) => f.activationDate)), [today, feeds.data]);
  const m: CertificateMonth | undefined = data.data;
  const rows = useMemo(() => (m ? visibleRows(m.rows, { search, filter, sort: sort.key, dir: sort.dir }) : []), [m, search, filter, sort]);
  const issued = m?.rows.filter((r) => r.certificate) ?? [];
  const ready = m?.rows.filter((r) => r.status === 'not-yet') ?? [];
  const selected = m?.rows.find((r) => r.certificate?.id === selectedId)?.certificate ?? issued[0]?.certificate ?? null;

  const run = async (kind: NonNullable<typeof busy>, title: string, work: () => Promise<Outcome | void>) => {
    setBusy(kind);
    setOutcome(null);
    try {
      const result = await work();
      if (result) setOutcome(result);
      data.reload();
    } catch (err) {
      setOutcome({ kind: 'error', title, message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const issue = () => run('issue', 'The certificates were not issued', async () => ({ kind: 'issued', value: await api.issueCertificates({ month }) }));
  const exportAll = () => run('export', 'The certificates were not exported', async () => ({ kind: 'exported', value: await api.exportCertificates({ month }) }));
  const send = (resend: boolean) =>
    run('send', 'The certificates were not sent', async () => {
      const value = await api.sendCertificates({ month, resend });
      setSendOpen(false);
      return { kind: 'sent', value };
    });
  const sendOne = (feedId: number | null, resend: boolean) =>
    feedId === null ? undefined : run('send-one', 'The certificate was not sent', async () => ({ kind: 'sent', value: await api.sendCertificates({ month, feedId, resend }) }));
  const csv = () =>
    run('csv', 'The report was not created', async () => {
      const report = await api.getMonthReportCsv({ month });
      downloadBlob(new Blob([report.csv], { type: 'text/csv;charset=utf-8' }), report.fileName);
      notify(`${report.fileName} downloaded`);
    });

  const onSort = (key: CertSort) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' || key === 'status' || key === 'sent' ? 'asc' : 'desc' }));
  const monthName = dates.month(month);
  const notice = !m
    ? null
    : !m.certifiable
      ? `${monthName} can be certified from ${dates.dateTime(m.certifiableFrom)}, once its last meter reads are in.`
      : m.rows.length > 0 && ready.length === 0 && issued.length === 0
        ? `No customer has pages to certify for ${monthName}.`
        : null;
  // Why "Issue certificates" cannot be pressed, if it cannot.
  const issueBlocked = !m ? 'Loading…' : (notice ?? (ready.length === 0 ? `Every certificate for ${monthName} is issued.` : null));

  return (
    <div className="page page--fill">
      <PageHeader
        title="Certificates"
        subtitle="One Certificate of Reforestation per customer and month, from the pages collected."
        actions={
          <>
            <Button icon="download" onClick={() => void csv()} busy={busy === 'csv'} busyLabel="Preparing…">
              Download CSV
            </Button>
            <Button icon="folder" onClick={() => void exportAll()} busy={busy === 'export'} busyLabel="Exporting…" disabled={issued.length === 0}>
              Export all
            </Button>
            <Button icon="mail" onClick={() => setSendOpen(true)} disabled={issued.length === 0 || busy === 'send'}>
              Send by e-mail
            </Button>
            <Button variant="primary" icon="certificate" onClick={() => void issue()} busy={busy === 'issue'} busyLabel="Issuing…" disabled={issueBlocked !== null} title={issueBlocked ?? undefined}>
              Issue certificates
            </Button>
          </>
        }
      />

      <div className="toolbar toolbar--page">
        <MonthPicker month={month} months={months} onChange={onMonth} />
        {m ? (
          <span className="month-state">
            {m.certifiable ? <Badge tone="ok" icon="check" label="Can be certified" /> : <Badge tone="neutral" icon="clock" label={`From ${dates.date(m.certifiableFrom)}`} />}
            <span className="muted small">
              {count(issued.length)} of {count(m.rows.length)} issued
            </span>
          </span>
        ) : null}
        <span className="spacer" />
        <SearchBox value={search} onChange={setSearch} label="Search certificates" placeholder="Search customer or number" />
        <div className="segmented" role="group" aria-label="Show">
          {CERT_FILTERS.map((f) => (
            <button key={f.value} type="button" className={`segment ${filter === f.value ? 'is-on' : ''}`} aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
              {f.label}
            </button>
          ))}
        </div>
      </div>

      {notice ? <Callout tone="info">{notice}</Callout> : null}
      <OutcomeCallout outcome={outcome} monthName={monthName} onDismiss={() => setOutcome(null)} />

      {data.error ? (
        <Callout tone="error" title="The certificates could not be loaded">
          {errorText(data.error)}
        </Callout>
      ) : data.loading ? (
        <Loading label={`Loading ${monthName}…`} />
      ) : m && m.rows.length === 0 ? (
        <div className="card">
          <EmptyState icon="certificate" title={`No feeds for ${monthName}`}>
            Certificates are issued for the customers you collect. Add feeds on the Feeds screen, then come back after the month ends.
          </EmptyState>
        </div>
      ) : m ? (
        <div className={`cert-layout ${selected ? 'has-preview' : ''}`}>
          <div className="table-panel">
            <CertificateTable rows={rows} certifiable={m.certifiable} sort={sort.key} dir={sort.dir} onSort={onSort} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
            {rows.length === 0 ? <p className="table-note">No certificates match this search or filter.</p> : null}
          </div>
          {selected ? <PdfPreview certificate={selected} sending={busy === 'send-one'} onSend={() => void sendOne(selected.feedId, selected.sent?.status === 'sent')} /> : null}
        </div>
      ) : null}

      {sendOpen && m ? <SendDialog month={month} data={m} busy={busy === 'send'} onSend={(resend) => void send(resend)} onClose={() => setSendOpen(false)} /> : null}
    </div>
  );
}

function OutcomeCallout({ outcome, monthName, onDismiss }: { outcome: Outcome; monthName: string; onDismiss: () => void }) {
  const { count } = useApp();
  if (!outcome) return null;
  const dismiss = (
    <Button size="small" onClick={onDismiss}>
      Dismiss
    </Button>
  );
  switch (outcome.kind) {
    case 'error':
      return (
        <Callout tone="error" live title={outcome.title} actions={dismiss}>
          {outcome.message}
        </Callout>
      );
    case 'issued': {
      const { issued, skipped, month } = outcome.value;
      const thisMonth = issued.filter((c) => c.month === month).length;
      const earlier = issued.length - thisMonth;
      return (
        <Callout tone="ok" live title={`${count(thisMonth)} certificate${thisMonth === 1 ? '' : 's'} issued for ${monthName}`} actions={dismiss}>
          {earlier > 0 ? `${count(earlier)} for earlier months were issued first, as they had not been certified yet. ` : ''}
          {skipped.length > 0
            ? `${count(skipped.length)} skipped: ${skipped
                .slice(0, 5)
                .map((s) => `${s.name} (${s.reason})`)
                .join('; ')}${skipped.length > 5 ? ` and ${count(skipped.length - 5)} more` : ''}.`
            : 'Every customer with pages has its certificate.'}
        </Callout>
      );
    }
    case 'exported':
      return (
        <Callout tone="ok" live title={`${count(outcome.value.files.length)} PDF${outcome.value.files.length === 1 ? '' : 's'} exported`} actions={dismiss}>
          Saved in <span className="mono" data-testid="export-dir">{outcome.value.directory}</span>
        </Callout>
      );
    case 'sent': {
      const { sent, failed, skipped } = outcome.value;
      return (
        <Callout tone={failed.length > 0 ? 'warn' : 'ok'} live title={`${count(sent.length)} sent${failed.length ? ` · ${count(failed.length)} not delivered` : ''}${skipped.length ? ` · ${count(skipped.length)} skipped` : ''}`} actions={dismiss}>
          {failed.length > 0 ? `Not delivered: ${failed.map((f) => `${f.to ?? 'no address'} (${f.error})`).join('; ')}. Check the e-mail settings, then send again.` : 'Each customer received its own certificate.'}
          {skipped.length > 0 ? ` Skipped: ${skipped.map((s) => s.reason).join('; ')}.` : ''}
        </Callout>
      );
    }
  }
}
