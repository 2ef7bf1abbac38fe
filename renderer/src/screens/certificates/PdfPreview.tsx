// The certificate exactly as issued: the engine's PDF rendered by pdf.js, with its text
// layer on (selectable, and readable by a test), its fingerprint, download and send.
import { useEffect, useRef, useState } from 'react';
import type { CertificateView } from '../../../../preload/api';
import { api } from '../../api/bridge';
import { useApp } from '../../app/AppContext';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Loading } from '../../components/EmptyState';
import { errorText } from '../../format/errors';
import { downloadBlob } from '../../format/download';
import { useApiData } from '../../hooks/useApiData';
import { base64ToBytes, openPdf, renderFirstPage } from './pdf';

export function PdfPreview({ certificate, onSend, sending }: { certificate: CertificateView; onSend: () => void; sending: boolean }) {
  const { dates } = useApp();
  const pdf = useApiData(() => api.getCertificatePdf({ certificateId: certificate.id }), [], String(certificate.id));
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState<string | null>(null);
  const [renderError, setRenderError] = useState<{ key: string; message: string } | null>(null);
  const base64 = pdf.data?.base64;
  const [width, setWidth] = useState(0);

  // The page is drawn at the pane's width, again when the window is resized.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth((w) => (Math.abs(w - entry.contentRect.width) > 4 ? Math.floor(entry.contentRect.width) : w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!base64 || !canvas.current || !textLayer.current || width === 0) return;
    let cancelled = false;
    let cancel: (() => void) | null = null;
    const key = `${certificate.id}`;
    void openPdf(base64ToBytes(base64))
      .then(async (doc) => {
        if (cancelled) return;
        cancel = await renderFirstPage(doc, canvas.current!, textLayer.current!, width);
        if (!cancelled) setRendered(key);
      })
      .catch((err: unknown) => {
        if (!cancelled) setRenderError({ key, message: err instanceof Error ? err.message : String(err) });
      });
    return () => {
      cancelled = true;
      cancel?.();
    };
  }, [base64, certificate.id, width]);

  const download = () => {
    if (!pdf.data) return;
    downloadBlob(new Blob([base64ToBytes(pdf.data.base64)], { type: 'application/pdf' }), pdf.data.fileName);
  };

  const ready = rendered === String(certificate.id);
  const failed = renderError?.key === String(certificate.id) ? renderError.message : null;
  return (
    <section className="card preview" aria-label={`Certificate ${certificate.number} for ${certificate.name}`}>
      <div className="preview-head">
        <h2 className="preview-title">{certificate.name}</h2>
        <p className="muted small">
          No. {certificate.number} · issued {dates.date(certificate.issuedAt)}
        </p>
      </div>
      {pdf.error ? (
        <Callout tone="error" title="The PDF could not be loaded">
          {errorText(pdf.error)}
        </Callout>
      ) : null}
      {failed ? (
        <Callout tone="error" title="The PDF could not be shown">
          {failed}. Download it to open it in another viewer.
        </Callout>
      ) : null}
      <div className="pdf-frame" ref={frame}>
        {!ready && !pdf.error && !failed ? <Loading label="Rendering the certificate…" /> : null}
        <div className={`pdf-page ${ready ? 'is-ready' : ''}`} data-testid="pdf-page">
          <canvas ref={canvas} className="pdf-canvas" aria-hidden="true" />
          <div ref={textLayer} className="textLayer" data-testid="pdf-text" />
        </div>
      </div>
      <div className="preview-actions">
        <Button icon="download" onClick={download} disabled={!pdf.data}>
          Download PDF
        </Button>
        <Button icon="mail" onClick={onSend} busy={sending} busyLabel="Sending…" disabled={!certificate.email}>
          {certificate.email ? `${certificate.sent?.status === 'sent' ? 'Send again to' : 'Send to'} ${certificate.email}` : 'No contact e-mail'}
        </Button>
      </div>
      {!certificate.email ? <p className="muted small">Add the customer’s contact e-mail on the Feeds screen to send it.</p> : null}
      <p className="fingerprint">
        <span className="muted">SHA-256 of the PDF file</span> <span className="mono">{certificate.sha256}</span>
      </p>
    </section>
  );
}
