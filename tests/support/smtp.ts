// A real SMTP server (the smtp-server package) on 127.0.0.1 for the certificate e-mail tests:
// login required, every accepted message kept raw, and a small MIME reader to get at the
// attachment. Optionally STARTTLS with a certificate from the simulator's test CA.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  /** Whether the session was encrypted (STARTTLS) when the message was sent. */
  secure: boolean;
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Logins tried, accepted or not. */
  logins: { user: string; ok: boolean }[];
  close(): Promise<void>;
}

export async function startSmtpServer(o: { user: string; password: string; port?: number; tls?: { keyPem: string; certPem: string } }): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const logins: { user: string; ok: boolean }[] = [];
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    ...(o.tls ? { key: o.tls.keyPem, cert: o.tls.certPem } : { disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
    onAuth(auth, _session, callback) {
      const ok = auth.username === o.user && auth.password === o.password;
      logins.push({ user: auth.username ?? '', ok });
      if (ok) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 where nothing listens (for "server down"). */
export async function closedPort(): Promise<number> {
  const s = await startSmtpServer({ user: 'x', password: 'y' });
  await s.close();
  return s.port;
}

export interface MimePart {
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers (unfolded, lower-case names) and body of a MIME entity. */
function splitEntity(raw: Buffer): MimePart {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4) };
}

/** The top-level headers and every leaf part of a (possibly nested) multipart message. */
export function parseMime(raw: Buffer): { headers: Record<string, string>; parts: MimePart[] } {
  const top = splitEntity(raw);
  const parts: MimePart[] = [];
  const walk = (entity: MimePart) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(entity.headers['content-type'] ?? '')?.[1];
    if (!boundary) {
      parts.push(entity);
      return;
    }
    const text = entity.body.toString('latin1');
    const pieces = text.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith('--')) break;
      walk(splitEntity(Buffer.from(piece.replace(/^\r\n/, '').replace(/\r\n$/, ''), 'latin1')));
    }
  };
  walk(top);
  return { headers: top.headers, parts };
}

/** The decoded bytes of a part (base64 or quoted-printable or as is). */
export function decodePart(part: MimePart): Buffer {
  const encoding = (part.headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.toString('latin1').replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const text = part.body.toString('latin1').replace(/=\r\n/g, '');
    return Buffer.from(text.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  }
  return part.body;
}

/** RFC 2047 encoded words in a header ("=?UTF-8?Q?...?=") decoded. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=\s*/g, (_, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
