// The Certificates screen's data: every feed's state for a month (R10), the certificates as
// issued, and the outcomes of issuing, exporting and e-mailing, as contract views.
import type { CertificateMonth, CertificateRowStatus, CertificateView, IssueOutcome, SendOutcome } from '../../preload/api';
import type { ListedCertificate } from '../engine/certificates/certificate-service';
import { isCertifiable } from '../engine/certificates/certify';
import type { Engine } from '../engine/engine';
import { monthRange } from '../engine/time/days';

export function certificateView(c: ListedCertificate, email: string | null): CertificateView {
  return {
    id: c.id,
    number: c.number,
    feedId: c.feedId,
    entityId: c.entityId,
    name: c.name,
    month: c.month,
    pages: c.pages,
    carriedPages: c.carriedPages,
    trees: c.trees,
    issuedAt: c.issuedAt,
    sha256: c.sha256,
    email,
    sent: c.email.status === 'not sent' ? null : { at: c.email.at, to: c.email.to, status: c.email.status, error: c.email.status === 'failed' ? c.email.error : null },
  };
}

export async function certificateMonth(engine: Engine, month: string): Promise<CertificateMonth> {
  const db = engine.ctx.db;
  const [settings, calendar, feeds, listed, certified] = await Promise.all([
    engine.settings(),
    engine.calendar(),
    db.feeds.list(),
    engine.certificates.list(month),
    db.certificates.certificationsOfMonth(month),
  ]);
  const { first, last } = monthRange(month);
  const pages = await db.ledger.pagesByFeed(first, last);
  const byFeed = new Map(listed.map((c) => [c.feedId, c]));
  const certifiedFeeds = new Set(certified.map((c) => c.feedId));
  const rows: CertificateMonth['rows'] = feeds.map((f) => {
    const cert = byFeed.get(f.id);
    let status: CertificateRowStatus;
    if (cert) status = 'issued';
    else if (f.activationDate.slice(0, 7) > month) status = 'activated-later';
    else if (certifiedFeeds.has(f.id)) status = 'nothing-to-certify';
    else if (f.status !== 'active') status = 'not-active';
    else status = 'not-yet';
    return { feedId: f.id, name: f.name, entityId: f.entityId, status, ledgerPages: pages.get(f.id) ?? 0, certificate: cert ? certificateView(cert, f.email) : null };
  });
  // Certificates outlive removed feeds: they still belong to the month.
  const known = new Set(feeds.map((f) => f.id));
  for (const c of listed) {
    if (!known.has(c.feedId)) rows.push({ feedId: c.feedId, name: c.name, entityId: c.entityId, status: 'issued', ledgerPages: 0, certificate: certificateView(c, null) });
  }
  const from = await engine.certificates.certifiableFrom(month);
  return { month, certifiable: isCertifiable(month, engine.clock.now(), settings.graceDays, calendar), certifiableFrom: from.at, rows };
}

export async function issueOutcome(engine: Engine, month: string): Promise<IssueOutcome> {
  const result = await engine.certificates.issue(month);
  const emails = new Map((await engine.ctx.db.feeds.list()).map((f) => [f.id, f.email]));
  const listed = new Map((await engine.certificates.list(month)).map((c) => [c.id, c]));
  return {
    month,
    issued: result.certificates.filter((c) => c.issuedNow).map((c) => certificateView(listed.get(c.id) ?? { ...c, email: { status: 'not sent' } }, emails.get(c.feedId) ?? null)),
    skipped: result.skipped.map((s) => ({ feedId: s.feedId, name: s.name, reason: s.message })),
  };
}

export async function sendOutcome(engine: Engine, input: { month: string; feedId?: number; resend?: boolean }): Promise<SendOutcome> {
  const r = await engine.certificates.send({ month: input.month, ...(input.feedId !== undefined ? { feedId: input.feedId } : {}), ...(input.resend !== undefined ? { resend: input.resend } : {}) });
  return {
    sent: r.sent.map((s) => ({ certificateId: s.certificateId, to: s.to })),
    failed: r.failed.map((f) => ({ certificateId: f.certificateId, to: f.to, error: f.error })),
    skipped: r.skipped.map((s) => ({ certificateId: s.certificateId, reason: s.message })),
  };
}
