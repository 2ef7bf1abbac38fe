// Sends one e-mail with a PDF attachment through the dealer's SMTP server (nodemailer), and
// turns nodemailer's failures into sentences a dealer can act on — never containing the
// password, whatever the server echoed back.
import nodemailer from 'nodemailer';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string | null;
  from: { name: string; address: string };
  /** Test hook: trust this CA for the server's certificate. */
  caPem?: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachment: { filename: string; bytes: Buffer } | null;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export type SendFailureKind = 'server' | 'message';

/** A failed send: `kind` 'server' (cannot connect or log in: the next certificate would fail too) or 'message' (this one was refused). */
export class SendFailure extends Error {
  override readonly name = 'SendFailure';
  constructor(
    message: string,
    readonly kind: SendFailureKind,
    /** Worth trying again shortly (a dropped connection, a 4xx answer). */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export function createMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    // A password never crosses the network in clear: without TLS from the start, STARTTLS is required.
    requireTLS: !config.secure && config.user !== '',
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    ...(config.caPem ? { tls: { ca: config.caPem } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail({
          from: config.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          attachments: mail.attachment ? [{ filename: mail.attachment.filename, content: mail.attachment.bytes, contentType: 'application/pdf' }] : [],
        })) as { messageId?: string };
        return { messageId: info.messageId ?? '' };
      } catch (err) {
        throw describeSendError(err, config, mail.to);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONFIG']);

/** A dealer-facing SendFailure for any error nodemailer throws. */
export function describeSendError(err: unknown, config: SmtpConfig, to: string): SendFailure {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as NodemailerError;
  const server = `${config.host}:${config.port}`;
  const response = e.response ? ` (${oneLine(e.response)})` : '';
  let failure: SendFailure;
  if (e.code === 'EAUTH') {
    failure = new SendFailure(`The mail server ${server} refused the login${config.user ? ` for ${config.user}` : ''}${response}`, 'server', false);
  } else if (e.code === 'ETLS' && !config.secure && config.user) {
    failure = new SendFailure(`The mail server ${server} does not offer an encrypted connection (STARTTLS), so the password was not sent: use the server's TLS port (usually 465) with TLS from the start`, 'server', false);
  } else if (e.code !== undefined && CONNECTION_CODES.has(e.code)) {
    const cause = /\b(E[A-Z]{4,})\b/.exec(e.message ?? '')?.[1] ?? (e.code === 'ETIMEDOUT' ? 'timed out' : e.code);
    failure = new SendFailure(`Could not reach the mail server ${server} (${cause})${response}`, 'server', e.code !== 'ECONFIG');
  } else if (e.code === 'EENVELOPE') {
    const transient = e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500;
    failure = new SendFailure(`The mail server refused the message to ${to}${response || ` (${oneLine(e.message ?? '')})`}`, 'message', transient);
  } else {
    const transient = e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500;
    failure = new SendFailure(`Sending to ${to} failed: ${oneLine(e.message ?? 'unknown error')}`, 'message', transient);
  }
  return new SendFailure(withoutSecret(failure.message, config), failure.kind, failure.transient);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}

/** Removes the password in clear and in the encodings an SMTP dialogue uses (AUTH PLAIN / LOGIN). */
function withoutSecret(text: string, config: SmtpConfig): string {
  const password = config.password;
  if (!password) return text;
  const forms = [password, Buffer.from(password).toString('base64'), Buffer.from(`\0${config.user}\0${password}`).toString('base64')];
  let out = text;
  for (const form of forms) if (form) out = out.split(form).join('***');
  return out;
}
