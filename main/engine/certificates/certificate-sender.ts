// E-mailing certificates: each to its feed's contact address, the PDF attached, every attempt
// recorded (when, to whom, message id, result). A certificate already sent is never sent
// again unless asked to resend; a failure is retried briefly, recorded and reported, and the
// next send tries again. When the server itself fails (down, login refused), the remaining
// certificates are not attempted: they would fail the same way.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CertificateRecord, CertificateSendRecord } from '../../../db/repositories/certificates';
import { loadSettings, type EngineContext } from '../context';
import { OperationError } from '../errors';
import { secretNames } from '../secrets/secret-store';
import { defaultSettings } from '../settings';
import { email as emailSchema } from '../validation';
import { certificateEmail } from './email-template';
import { parseFrozenDocument } from './frozen-document';
import { createMailer, SendFailure, type Mailer, type SmtpConfig } from './mailer';

export interface SendOptions {
  month: string;
  /** Only this feed's certificate. */
  feedId?: number;
  /** Send again even when already sent. */
  resend?: boolean;
}

export interface SentCertificate {
  certificateId: number;
  number: string;
  feedId: number;
  to: string;
  messageId: string;
  attempts: number;
}

export interface FailedCertificate {
  certificateId: number;
  number: string;
  feedId: number;
  to: string;
  error: string;
  /** 0 when it was not attempted because the server had just failed. */
  attempts: number;
}

export type NotSentReason = 'already sent' | 'no contact e-mail' | 'feed removed';

export interface NotSentCertificate {
  certificateId: number;
  number: string;
  feedId: number;
  reason: NotSentReason;
  message: string;
}

export interface SendResult {
  month: string;
  sent: SentCertificate[];
  failed: FailedCertificate[];
  skipped: NotSentCertificate[];
}

export interface SenderDeps {
  /** The certificate's verified PDF bytes. */
  pdf(record: CertificateRecord): Promise<Buffer>;
  retries: number;
  backoffMs: number;
  caPem?: string;
}

interface Candidate {
  record: CertificateRecord;
  to: string;
}

export async function sendCertificates(
  ctx: EngineContext,
  records: CertificateRecord[],
  options: { month: string; resend: boolean },
  deps: SenderDeps,
): Promise<SendResult> {
  const result: SendResult = { month: options.month, sent: [], failed: [], skipped: [] };
  const feeds = new Map((await ctx.db.feeds.list()).map((f) => [f.id, f]));
  const history = await ctx.db.certificates.sends(records.map((r) => r.id));
  const candidates: Candidate[] = [];
  for (const record of records) {
    const base = { certificateId: record.id, number: record.number, feedId: record.feedId };
    const feed = feeds.get(record.feedId);
    if (!feed) {
      result.skipped.push({ ...base, reason: 'feed removed', message: 'the feed was removed: there is no contact e-mail' });
      continue;
    }
    const sent = lastSent(history, record.id);
    if (sent && !options.resend) {
      result.skipped.push({ ...base, reason: 'already sent', message: `already sent to ${sent.recipient} on ${new Date(sent.attemptedAt).toISOString().slice(0, 10)} (use resend to send it again)` });
      continue;
    }
    if (!feed.email) {
      result.skipped.push({ ...base, reason: 'no contact e-mail', message: `no contact e-mail for "${feed.name}" (feed ${feed.id})` });
      continue;
    }
    candidates.push({ record, to: feed.email });
  }
  if (candidates.length === 0) return result;

  const config = await smtpConfig(ctx, deps.caPem);
  const mailer = createMailer(config);
  try {
    let serverDown: string | null = null;
    for (const c of candidates) {
      if (serverDown !== null) {
        result.failed.push({ certificateId: c.record.id, number: c.record.number, feedId: c.record.feedId, to: c.to, error: `not attempted: ${serverDown}`, attempts: 0 });
        continue;
      }
      const outcome = await sendOne(ctx, mailer, c, config.from.name, deps);
      if (outcome.ok) {
        result.sent.push({ certificateId: c.record.id, number: c.record.number, feedId: c.record.feedId, to: c.to, messageId: outcome.messageId, attempts: outcome.attempts });
      } else {
        result.failed.push({ certificateId: c.record.id, number: c.record.number, feedId: c.record.feedId, to: c.to, error: outcome.error.message, attempts: outcome.attempts });
        if (outcome.error.kind === 'server') serverDown = outcome.error.message;
      }
    }
  } finally {
    mailer.close();
  }
  return result;
}

async function sendOne(
  ctx: EngineContext,
  mailer: Mailer,
  c: Candidate,
  dealerName: string,
  deps: SenderDeps,
): Promise<{ ok: true; messageId: string; attempts: number } | { ok: false; error: SendFailure; attempts: number }> {
  const frozen = parseFrozenDocument(c.record.document);
  const { subject, text } = certificateEmail({
    dealerName,
    customerName: frozen.customerName,
    periodLabel: frozen.periodLabel,
    pages: frozen.pages,
    carriedPages: frozen.carriedPages,
    trees: frozen.trees,
    number: frozen.number,
    locale: frozen.locale,
  });
  const bytes = await deps.pdf(c.record);
  for (let attempt = 1; ; attempt++) {
    const at = ctx.clock.now();
    try {
      const { messageId } = await mailer.send({ to: c.to, subject, text, attachment: { filename: `${c.record.number}.pdf`, bytes } });
      await ctx.db.certificates.recordSend({ certificateId: c.record.id, recipient: c.to, attemptedAt: at, status: 'sent', messageId, error: null });
      return { ok: true, messageId, attempts: attempt };
    } catch (err) {
      const failure = err instanceof SendFailure ? err : new SendFailure('Sending failed', 'message', false);
      await ctx.db.certificates.recordSend({ certificateId: c.record.id, recipient: c.to, attemptedAt: at, status: 'failed', messageId: null, error: failure.message });
      if (!failure.transient || attempt > deps.retries) return { ok: false, error: failure, attempts: attempt };
      await sleep(deps.backoffMs * 2 ** (attempt - 1));
    }
  }
}

function lastSent(history: CertificateSendRecord[], certificateId: number): CertificateSendRecord | undefined {
  let found: CertificateSendRecord | undefined;
  for (const s of history) if (s.certificateId === certificateId && s.status === 'sent') found = s;
  return found;
}

/** Sends a short test message with the current SMTP settings (the Settings screen's "Send test e-mail"). */
export async function sendTestMessage(ctx: EngineContext, to: string, caPem?: string): Promise<{ messageId: string }> {
  const config = await smtpConfig(ctx, caPem);
  const mailer = createMailer(config);
  try {
    return await mailer.send({
      to,
      subject: `PrintReleaf Tray test message from ${config.from.name}`,
      text: 'This is a test message from PrintReleaf Tray. Certificates of Reforestation will be sent from this address.',
      attachment: null,
    });
  } catch (err) {
    throw new OperationError(err instanceof SendFailure ? err.message : `The test message could not be sent: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    mailer.close();
  }
}

/** The dealer's SMTP settings and password, or an OperationError saying what to set up. */
async function smtpConfig(ctx: EngineContext, caPem: string | undefined): Promise<SmtpConfig> {
  const s = await loadSettings(ctx);
  if (!s.smtpHost.trim()) throw new OperationError('E-mail is not set up: set the SMTP server (config set smtp-host HOST) and the sender (config set smtp-from ADDRESS)');
  // "certificates@dealer.com" or "Green Copiers <certificates@dealer.com>".
  const named = /^(.*?)\s*<([^<>]+)>$/.exec(s.smtpFrom.trim());
  const from = emailSchema.safeParse(named ? named[2]!.trim() : s.smtpFrom.trim());
  if (!from.success) throw new OperationError(s.smtpFrom.trim() ? `The sender address (smtp-from) is not a valid e-mail address: ${s.smtpFrom}` : 'E-mail is not set up: set the sender address (config set smtp-from ADDRESS)');
  const fromName = named?.[1]?.replace(/^"|"$/g, '').trim() || s.dealerName.trim() || defaultSettings().dealerName;
  let password: string | null = null;
  if (s.smtpUser.trim()) {
    password = await ctx.secrets.get(secretNames.smtpPassword);
    if (password === null) throw new OperationError(`No SMTP password is stored for ${s.smtpUser}: set it with config set smtp-password`);
  }
  return {
    host: s.smtpHost.trim(),
    port: s.smtpPort,
    secure: s.smtpSecure,
    user: s.smtpUser.trim(),
    password,
    from: { name: fromName, address: from.data },
    ...(caPem ? { caPem } : {}),
  };
}
