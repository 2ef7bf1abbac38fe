// The engine-facing side of Certificates of Reforestation (R10): issuing (in order per feed,
// frozen at issue), listing, verified PDF bytes, export and e-mail.
import { readFile, rm } from 'node:fs/promises';
import type { CertificateRecord, CertificateSendRecord, CertificationRecord, FeedCertificationTx, StoredLogo } from '../../../db/repositories/certificates';
import type { FeedRecord } from '../../../db/records';
import { loadSettings, type EngineContext } from '../context';
import { InputError, NotFoundError, OperationError, messageOf } from '../errors';
import { treesFromPages } from '../ledger/trees';
import { defaultSettings, type Settings } from '../settings';
import { LocalCalendar, monthRange } from '../time/days';
import { email as emailSchema, id as idSchema, month as monthSchema, parseInput } from '../validation';
import { SerialQueue, withCertificateLock } from './certificate-lock';
import { certifiableFrom, isCertifiable, latestCertifiableMonth, monthsFromTo, nextMonth, planCertification, type MonthCertification } from './certify';
import { sendCertificates, sendTestMessage, type SendOptions, type SendResult } from './certificate-sender';
import { certificateFingerprint, sha256Hex } from './fingerprint';
import { freezeDocument, parseFrozenDocument, thawDocument, type FrozenDocument } from './frozen-document';
import { writeExport } from './export';
import { issueDateLabel, messageDate, messageMonth, periodLabel } from './labels';
import { certificateNumber } from './numbering';
import { renderCertificatePdf, type CertificateDocument } from './pdf';
import { absolutePdfPath, relativePdfPath, writeFileAtomic } from './pdf-store';

export type { SendOptions, SendResult } from './certificate-sender';

/** What the app, the CLI and the web UI show of a certificate. */
export interface CertificateSummary {
  id: number;
  number: string;
  month: string;
  feedId: number;
  entityId: string;
  /** The customer's name as printed on the certificate. */
  name: string;
  /** Pages shown, carriedPages included. */
  pages: number;
  carriedPages: number;
  trees: number;
  /** SHA-256 of the PDF file, hex. */
  sha256: string;
  fingerprint: string;
  periodLabel: string;
  issuedAt: number;
  /** The stored PDF in the data folder. */
  pdfPath: string;
}

export interface IssuedCertificate extends CertificateSummary {
  /** True when this call issued it; false when it had been issued before. */
  issuedNow: boolean;
}

export type SkipReason = 'activated-after-month' | 'paused' | 'nothing-to-certify' | 'held';

export interface SkippedFeed {
  feedId: number;
  entityId: string;
  name: string;
  reason: SkipReason;
  message: string;
}

/** A feed-month this call certified, with or without a document. */
export interface CertifiedFeedMonth extends MonthCertification {
  feedId: number;
  certificateId: number | null;
}

export interface IssueResult {
  month: string;
  /** Every certificate of the month, and those of earlier months this call had to issue first. */
  certificates: IssuedCertificate[];
  /** Every feed-month this call certified (oldest first per feed). */
  certified: CertifiedFeedMonth[];
  skipped: SkippedFeed[];
  /** How many certificate documents this call issued. */
  issuedCount: number;
}

export type EmailState =
  | { status: 'not sent' }
  | { status: 'sent'; to: string; at: number; messageId: string | null }
  | { status: 'failed'; to: string; at: number; error: string };

export interface ListedCertificate extends CertificateSummary {
  email: EmailState;
}

export interface CertificateDetail extends ListedCertificate {
  ledgerPages: number;
  issueDateLabel: string;
  paper: 'letter' | 'a4';
  dealerName: string;
  sends: CertificateSendRecord[];
}

export interface ExportedCertificate {
  certificate: CertificateSummary;
  /** The file written. */
  path: string;
}

export interface CertificateServiceOptions {
  /** Retries of a failed e-mail within one send call (default 2). */
  sendRetries?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms). */
  sendBackoffMs?: number;
  /** Test hook: trust this CA for the SMTP server's certificate. */
  smtpCaPem?: string;
}

export class CertificateService {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: CertificateServiceOptions = {},
  ) {}

  /** The first instant `month` can be certified (R10), and that date in words. */
  async certifiableFrom(month: string): Promise<{ at: number; label: string }> {
    const m = parseInput(monthSchema, month, 'month');
    const settings = await loadSettings(this.ctx);
    const at = certifiableFrom(m, settings.graceDays, new LocalCalendar(settings.timezone));
    return { at, label: messageDate(at, settings.timezone) };
  }

  /**
   * R10: certifies `month` for every active feed — first every earlier uncertified month of
   * the feed from its activation month — and issues a certificate for each feed-month that
   * shows pages. A month that cannot be certified yet is refused (InputError), nothing written.
   */
  async issue(month: string): Promise<IssueResult> {
    const m = parseInput(monthSchema, month, 'month');
    return this.queue.run(async () => {
      const settings = await loadSettings(this.ctx);
      const calendar = new LocalCalendar(settings.timezone);
      const now = this.ctx.clock.now();
      if (!isCertifiable(m, now, settings.graceDays, calendar)) throw new InputError(notYetMessage(m, settings, calendar), 'month');
      const result = await withCertificateLock(this.ctx.db, () => this.certifyThrough(m, settings, calendar, now));
      this.announce([result]);
      return result;
    });
  }

  /** Certifies every month that is due for every active feed (after the nightly run). Results only for months where something was certified. */
  async issueDue(): Promise<IssueResult[]> {
    return this.queue.run(async () => {
      const settings = await loadSettings(this.ctx);
      const calendar = new LocalCalendar(settings.timezone);
      const now = this.ctx.clock.now();
      const latest = latestCertifiableMonth(now, settings.graceDays, calendar);
      const feeds = (await this.ctx.db.feeds.list()).filter((f) => f.status === 'active' && activationMonthOf(f) <= latest);
      if (feeds.length === 0) return [];
      const last = await this.ctx.db.certificates.lastCertifiedMonths();
      const firstDue = feeds.map((f) => firstUncertifiedMonth(f, last.get(f.id))).reduce((a, b) => (a < b ? a : b));
      if (firstDue > latest) return [];
      const results = await withCertificateLock(this.ctx.db, async () => {
        const out: IssueResult[] = [];
        for (const m of monthsFromTo(firstDue, latest)) {
          const result = await this.certifyThrough(m, settings, calendar, now, { holdUnhealthy: true });
          if (result.certified.length > 0) out.push(result);
        }
        return out;
      });
      this.announce(results);
      return results;
    });
  }

  /** The issued certificates of a month, with their e-mail state. */
  async list(month: string): Promise<ListedCertificate[]> {
    const m = parseInput(monthSchema, month, 'month');
    const records = await this.ctx.db.certificates.byMonth(m);
    const sends = new Map<number, CertificateSendRecord[]>();
    for (const s of await this.ctx.db.certificates.sends(records.map((r) => r.id))) sends.set(s.certificateId, [...(sends.get(s.certificateId) ?? []), s]);
    return records.map((r) => ({ ...this.summary(r), email: emailState(sends.get(r.id) ?? []) }));
  }

  async get(id: number): Promise<CertificateDetail> {
    const record = await this.record(id);
    const frozen = parseFrozenDocument(record.document);
    const sends = await this.ctx.db.certificates.sends([record.id]);
    return {
      ...this.summary(record),
      email: emailState(sends),
      ledgerPages: record.ledgerPages,
      issueDateLabel: frozen.issueDateLabel,
      paper: frozen.paper,
      dealerName: frozen.dealerName,
      sends,
    };
  }

  /** The PDF exactly as issued, verified against its SHA-256 (re-created from the frozen inputs if the file is gone). */
  async pdf(id: number): Promise<Buffer> {
    return this.verifiedPdf(await this.record(id));
  }

  /** Writes every certificate of `month` into `dir` as <number>.pdf. */
  async exportMonth(month: string, dir: string): Promise<ExportedCertificate[]> {
    const m = parseInput(monthSchema, month, 'month');
    const out: ExportedCertificate[] = [];
    for (const record of await this.ctx.db.certificates.byMonth(m)) out.push(await this.exportRecord(record, dir));
    return out;
  }

  async exportOne(id: number, dir: string): Promise<ExportedCertificate> {
    return this.exportRecord(await this.record(id), dir);
  }

  /** The feed's certification records (R10), oldest first. */
  certifications(feedId: number): Promise<CertificationRecord[]> {
    return this.ctx.db.certificates.certifications(parseInput(idSchema, feedId, 'feedId'));
  }

  /** R10's open carry of a feed now: ledger pages of its certified months minus the pages their certificates show. */
  async openCarry(feedId: number): Promise<number> {
    const records = await this.certifications(feedId);
    let carry = 0;
    for (const r of records) {
      const { first, last } = monthRange(r.month);
      carry += (await this.ctx.db.certificates.ledgerPages(feedId, first, last)) - r.shownPages;
    }
    return carry;
  }

  /**
   * E-mails each certificate of the month (or of one feed) to its feed's contact address,
   * PDF attached. A certificate already sent is not sent again unless `resend`.
   */
  async send(options: SendOptions): Promise<SendResult> {
    const m = parseInput(monthSchema, options.month, 'month');
    const feedId = options.feedId === undefined ? undefined : parseInput(idSchema, options.feedId, 'feedId');
    return this.queue.run(async () => {
      let records = await this.ctx.db.certificates.byMonth(m);
      if (feedId !== undefined) {
        if (!(await this.ctx.db.feeds.get(feedId)) && !records.some((r) => r.feedId === feedId)) throw new NotFoundError(`There is no feed with ID ${feedId}`);
        records = records.filter((r) => r.feedId === feedId);
      }
      const result = await withCertificateLock(this.ctx.db, () =>
        sendCertificates(this.ctx, records, { month: m, resend: options.resend ?? false }, {
          pdf: (r) => this.verifiedPdf(r),
          retries: this.options.sendRetries ?? 2,
          backoffMs: this.options.sendBackoffMs ?? 500,
          ...(this.options.smtpCaPem ? { caPem: this.options.smtpCaPem } : {}),
        }),
      );
      if (result.sent.length > 0 || result.failed.length > 0) this.ctx.events.emit('data-changed', { what: 'certificates' });
      return result;
    });
  }

  /** A test message with the current SMTP settings. */
  async sendTest(to: string): Promise<{ messageId: string }> {
    return sendTestMessage(this.ctx, parseInput(emailSchema, to, 'to'), this.options.smtpCaPem);
  }

  // ---- issuing ---------------------------------------------------------------------------

  /**
   * `holdUnhealthy` (the automatic nightly issue): a feed that is unhealthy, or whose server is,
   * may still be missing pages of the month; R10 would freeze them as 0 and carry them later.
   * The nightly run waits for it instead; the dealer can always issue by hand.
   */
  private async certifyThrough(month: string, settings: Settings, calendar: LocalCalendar, now: number, o: { holdUnhealthy?: boolean } = {}): Promise<IssueResult> {
    const feeds = await this.ctx.db.feeds.list();
    const badServers = new Map((await this.ctx.db.servers.list()).filter((sv) => sv.health === 'unhealthy').map((sv) => [sv.id, sv]));
    const monthRecords = new Map((await this.ctx.db.certificates.certificationsOfMonth(month)).map((r) => [r.feedId, r]));
    const skipped: SkippedFeed[] = [];
    const certified: CertifiedFeedMonth[] = [];
    const issued: CertificateRecord[] = [];
    const branding = brandingOf(settings);
    for (const feed of feeds) {
      if (activationMonthOf(feed) > month) {
        skipped.push(skip(feed, 'activated-after-month', `activated on ${feed.activationDate}, after ${messageMonth(month)}`));
        continue;
      }
      if (feed.status !== 'active') {
        if (!monthRecords.has(feed.id)) skipped.push(skip(feed, 'paused', 'feed is paused'));
        continue;
      }
      if (o.holdUnhealthy && !monthRecords.has(feed.id)) {
        const monthEnd = calendar.startOfDay(monthRange(month).last + 1);
        let why: string | null = null;
        if (badServers.has(feed.serverId)) why = `its server cannot be reached (${badServers.get(feed.serverId)!.healthReason ?? 'unhealthy'})`;
        else if (feed.health === 'unhealthy') why = feed.healthReason ?? 'the feed is unhealthy';
        else if (feed.lastCollectedAt === null || feed.lastCollectedAt < monthEnd) why = `it has not been collected since ${messageMonth(month)} ended`;
        if (why) {
          skipped.push(skip(feed, 'held', `held back until it is healthy again: ${why}`));
          continue;
        }
      }
      const done = await this.certifyFeed(feed, month, branding, calendar, now);
      certified.push(...done.certified);
      issued.push(...done.issued);
      const record = done.certified.find((c) => c.month === month) ?? monthRecords.get(feed.id);
      if (record && record.certificateId === null) skipped.push(skip(feed, 'nothing-to-certify', nothingMessage(month, record)));
    }
    const newIds = new Set(issued.map((r) => r.id));
    const ofMonth = await this.ctx.db.certificates.byMonth(month);
    const all = [...issued.filter((r) => r.month !== month), ...ofMonth].sort((a, b) => (a.month === b.month ? a.seq - b.seq : a.month < b.month ? -1 : 1));
    return {
      month,
      certificates: all.map((r) => ({ ...this.summary(r), issuedNow: newIds.has(r.id) })),
      certified,
      skipped,
      issuedCount: issued.length,
    };
  }

  /** One feed, one transaction: certify its months up to `through` in order, render and store each certificate. */
  private async certifyFeed(feed: FeedRecord, through: string, branding: Branding, calendar: LocalCalendar, now: number): Promise<{ certified: CertifiedFeedMonth[]; issued: CertificateRecord[] }> {
    const written: string[] = [];
    try {
      return await this.ctx.db.certificates.certifyFeed(feed.id, async (tx) => {
        const records = await tx.certifications();
        const activationMonth = activationMonthOf(feed);
        const lastMonth = records.reduce((max, r) => (r.month > max ? r.month : max), through);
        const ledger = await tx.ledgerByMonth(monthRange(activationMonth).first, monthRange(lastMonth).last);
        const plan = planCertification({ activationMonth, certified: records, ledgerByMonth: ledger, throughMonth: through });
        const certified: CertifiedFeedMonth[] = [];
        const issued: CertificateRecord[] = [];
        for (const step of plan) {
          let certificateId: number | null = null;
          if (step.shownPages > 0) {
            const record = await this.issueCertificate(tx, feed, step, branding, calendar, now, written);
            issued.push(record);
            certificateId = record.id;
          }
          await tx.insertCertification({ feedId: feed.id, ...step, certificateId, certifiedAt: now });
          certified.push({ feedId: feed.id, ...step, certificateId });
        }
        return { certified, issued };
      });
    } catch (err) {
      // Nothing was recorded: a PDF written for it was never issued.
      await Promise.all(written.map((path) => rm(path, { force: true })));
      throw new OperationError(`Certifying ${messageMonth(through)} for "${feed.name}" (feed ${feed.id}) failed: ${messageOf(err)}`);
    }
  }

  private async issueCertificate(
    tx: FeedCertificationTx,
    feed: FeedRecord,
    step: MonthCertification,
    branding: Branding,
    calendar: LocalCalendar,
    now: number,
    written: string[],
  ): Promise<CertificateRecord> {
    const seq = await tx.nextSequence();
    const number = certificateNumber(step.month, seq);
    const pages = step.shownPages;
    const fingerprint = certificateFingerprint({ number, feedId: feed.id, entityId: feed.entityId, month: step.month, pages, carriedPages: step.carriedPages });
    const doc: CertificateDocument = {
      number,
      customerName: feed.name,
      periodLabel: periodLabel(step.month, branding.locale),
      pages,
      carriedPages: step.carriedPages,
      trees: treesFromPages(pages),
      issueDateLabel: issueDateLabel(now, calendar.timeZone, branding.locale),
      issuedAt: new Date(now),
      paper: branding.paper,
      dealerName: branding.dealerName,
      dealerLogo: branding.logo ? { bytes: new Uint8Array(branding.logo.bytes), type: branding.logo.type } : null,
      partnerText: branding.partnerText,
      statement: branding.statement,
      fingerprint,
      locale: branding.locale,
    };
    const bytes = await renderCertificatePdf(doc);
    const sha256 = sha256Hex(bytes);
    const pdfPath = relativePdfPath(step.month, number);
    const file = absolutePdfPath(this.ctx.dataDir, pdfPath);
    written.push(file);
    await writeFileAtomic(file, bytes);
    if (branding.logo) await tx.saveLogo(branding.logo.sha256, branding.logo);
    const record: Omit<CertificateRecord, 'id'> = {
      seq,
      number,
      feedId: feed.id,
      entityId: feed.entityId,
      customerName: feed.name,
      month: step.month,
      pages,
      carriedPages: step.carriedPages,
      ledgerPages: step.ledgerPages,
      trees: doc.trees,
      fingerprint,
      issuedAt: now,
      pdfPath,
      pdfSha256: sha256,
      pdfSize: bytes.length,
      document: JSON.stringify(freezeDocument(doc, branding.logo?.sha256 ?? null)),
      logoSha256: branding.logo?.sha256 ?? null,
    };
    const id = await tx.insertCertificate(record);
    return { id, ...record };
  }

  private announce(results: IssueResult[]): void {
    let any = false;
    for (const r of results) {
      const counts = new Map<string, number>();
      for (const c of r.certificates) if (c.issuedNow) counts.set(c.month, (counts.get(c.month) ?? 0) + 1);
      for (const [month, count] of [...counts].sort()) this.ctx.events.emit('certificates-issued', { month, count });
      if (r.certified.length > 0) any = true;
    }
    if (any) this.ctx.events.emit('data-changed', { what: 'certificates' });
  }

  // ---- stored certificates ---------------------------------------------------------------

  private async record(id: number): Promise<CertificateRecord> {
    const certificateId = parseInput(idSchema, id, 'id');
    const record = await this.ctx.db.certificates.get(certificateId);
    if (!record) throw new NotFoundError(`There is no certificate with ID ${certificateId}`);
    return record;
  }

  private summary(r: CertificateRecord): CertificateSummary {
    return {
      id: r.id,
      number: r.number,
      month: r.month,
      feedId: r.feedId,
      entityId: r.entityId,
      name: r.customerName,
      pages: r.pages,
      carriedPages: r.carriedPages,
      trees: r.trees,
      sha256: r.pdfSha256,
      fingerprint: r.fingerprint,
      periodLabel: periodLabelOf(r),
      issuedAt: r.issuedAt,
      pdfPath: absolutePdfPath(this.ctx.dataDir, r.pdfPath),
    };
  }

  /** The stored file if its SHA-256 matches; otherwise re-drawn from the frozen inputs, checked, and put back. */
  private async verifiedPdf(r: CertificateRecord): Promise<Buffer> {
    const file = absolutePdfPath(this.ctx.dataDir, r.pdfPath);
    let stored: Buffer | null = null;
    try {
      stored = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new OperationError(`The PDF of certificate ${r.number} cannot be read (${file}): ${messageOf(err)}`);
    }
    if (stored && sha256Hex(stored) === r.pdfSha256) return stored;
    const problem = stored ? 'has been altered (its SHA-256 no longer matches)' : 'is missing';
    let bytes: Buffer;
    try {
      const frozen = parseFrozenDocument(r.document);
      bytes = await renderCertificatePdf(thawDocument(frozen, await this.logoOf(frozen)));
    } catch (err) {
      throw new OperationError(`The PDF of certificate ${r.number} ${problem} (${file}) and cannot be re-created: ${messageOf(err)}`);
    }
    if (sha256Hex(bytes) !== r.pdfSha256) {
      throw new OperationError(
        `The PDF of certificate ${r.number} ${problem} (${file}), and re-creating it from its stored data does not give the issued file (SHA-256 ${r.pdfSha256}); restore the file from a backup`,
      );
    }
    await writeFileAtomic(file, bytes);
    return bytes;
  }

  private async logoOf(frozen: FrozenDocument): Promise<StoredLogo | null> {
    return frozen.logoSha256 === null ? null : this.ctx.db.certificates.logo(frozen.logoSha256);
  }

  private async exportRecord(record: CertificateRecord, dir: string): Promise<ExportedCertificate> {
    const bytes = await this.verifiedPdf(record);
    const path = await writeExport(dir, record.number, bytes);
    return { certificate: this.summary(record), path };
  }
}

interface Branding {
  paper: 'letter' | 'a4';
  locale: string;
  dealerName: string;
  partnerText: string;
  statement: string;
  logo: (StoredLogo & { sha256: string }) | null;
}

function brandingOf(settings: Settings): Branding {
  const logoBytes = settings.dealerLogo ? Buffer.from(settings.dealerLogo.base64, 'base64') : null;
  return {
    paper: settings.paper,
    locale: settings.locale,
    // The template needs a dealer name; a blank setting falls back to the default.
    dealerName: settings.dealerName.trim() || defaultSettings().dealerName,
    partnerText: settings.partnerText,
    statement: settings.statement,
    logo: settings.dealerLogo && logoBytes ? { type: settings.dealerLogo.type, bytes: logoBytes, sha256: sha256Hex(logoBytes) } : null,
  };
}

function activationMonthOf(feed: FeedRecord): string {
  return feed.activationDate.slice(0, 7);
}

function firstUncertifiedMonth(feed: FeedRecord, lastCertified: string | undefined): string {
  return lastCertified === undefined ? activationMonthOf(feed) : nextMonth(lastCertified);
}

function skip(feed: FeedRecord, reason: SkipReason, message: string): SkippedFeed {
  return { feedId: feed.id, entityId: feed.entityId, name: feed.name, reason, message };
}

function nothingMessage(month: string, r: { ledgerPages: number; openCarry: number }): string {
  if (r.openCarry < 0 && r.ledgerPages > 0) {
    return `no certificate for ${messageMonth(month)}: its ${r.ledgerPages.toLocaleString('en-US')} pages are outweighed by an adjustment of ${r.openCarry.toLocaleString('en-US')} pages to earlier months (the rest is carried forward)`;
  }
  if (r.openCarry < 0) return `no certificate for ${messageMonth(month)}: no pages, and an adjustment of ${r.openCarry.toLocaleString('en-US')} pages to earlier months is carried forward`;
  return `no pages to certify for ${messageMonth(month)}`;
}

function notYetMessage(month: string, settings: Settings, calendar: LocalCalendar): string {
  const from = messageDate(certifiableFrom(month, settings.graceDays, calendar), settings.timezone);
  const why = settings.graceDays === 0 ? 'once it has ended' : `after a ${settings.graceDays}-day grace period`;
  return `${messageMonth(month)} can be certified from ${from} (${why})`;
}

function periodLabelOf(r: CertificateRecord): string {
  try {
    return parseFrozenDocument(r.document).periodLabel;
  } catch {
    return messageMonth(r.month);
  }
}

function emailState(sends: CertificateSendRecord[]): EmailState {
  const sent = [...sends].reverse().find((s) => s.status === 'sent');
  if (sent) return { status: 'sent', to: sent.recipient, at: sent.attemptedAt, messageId: sent.messageId };
  const last = sends[sends.length - 1];
  if (last) return { status: 'failed', to: last.recipient, at: last.attemptedAt, error: last.error ?? 'failed' };
  return { status: 'not sent' };
}
