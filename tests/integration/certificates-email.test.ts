// E-mailing certificates through a real SMTP server (smtp-server on 127.0.0.1, STARTTLS with
// a certificate from a test CA, login required): the message reaches the feed's contact
// address with the exact PDF attached; failures are retried, recorded and reported; a later
// send succeeds; nothing is sent twice unless asked.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CertificateService, type IssuedCertificate } from '../../main/engine/certificates/certificate-service';
import { createTestCa, issueServerCert, type IssuedCert, type TestCa } from '../../main/engine/printtracker/simulator/certs';
import { secretNames } from '../../main/engine/secrets/secret-store';
import { createFixture, type Fixture } from '../support/fixture';
import { closedPort, decodeHeader, decodePart, parseMime, sha256, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp';

const USER = 'dealer-smtp';
const PASSWORD = 'c0rrect-Horse-battery';

let ca: TestCa;
let leaf: IssuedCert;
let fx: Fixture | null = null;
let smtp: TestSmtpServer | null = null;

beforeAll(async () => {
  ca = await createTestCa('PrintReleaf SMTP test CA');
  leaf = await issueServerCert(ca, { hosts: ['127.0.0.1'] });
});

afterEach(async () => {
  await smtp?.close();
  smtp = null;
  await fx?.close();
  fx = null;
});

interface Setup {
  fx: Fixture;
  service: CertificateService;
  certificates: IssuedCertificate[];
  feeds: { id: number; email: string | null; name: string }[];
}

/** Three customers, two with a contact address; October issued. */
async function setup(port: number, password: string): Promise<Setup> {
  fx = await createFixture({ seed: 41, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
  const [a, b, c] = fx.sim.customers();
  const feeds = [
    await fx.engine.feeds.add({ serverId: fx.serverId, entityId: a!.id, activationDate: '2025-10-01', scope: 'all', email: 'billing@riverside.test' }),
    await fx.engine.feeds.add({ serverId: fx.serverId, entityId: b!.id, activationDate: '2025-10-01', scope: 'all', email: 'office@lakeside.test' }),
    await fx.engine.feeds.add({ serverId: fx.serverId, entityId: c!.id, activationDate: '2025-10-01', scope: 'all' }),
  ];
  await fx.engine.updateSettings({ smtpHost: '127.0.0.1', smtpPort: port, smtpUser: USER, smtpFrom: 'certificates@acme.test', smtpSecure: false, dealerName: 'Acme Office Systems' });
  await fx.engine.ctx.secrets.set(secretNames.smtpPassword, password);
  await fx.engine.collect({ trigger: 'cli' });
  const { certificates } = await fx.engine.certificates.issue('2025-10');
  expect(certificates).toHaveLength(3);
  // The engine's service, with a short retry backoff and trust in the test CA.
  const service = new CertificateService(fx.engine.ctx, { sendBackoffMs: 20, smtpCaPem: ca.certPem });
  return { fx, service, certificates, feeds };
}

function expectDelivered(mail: ReceivedMail, certificate: IssuedCertificate, to: string, pdf: Buffer) {
  expect(mail.to).toEqual([to]);
  expect(mail.from).toBe('certificates@acme.test');
  expect(mail.user).toBe(USER);
  expect(mail.secure).toBe(true); // STARTTLS before the login
  const { headers, parts } = parseMime(mail.raw);
  expect(headers['to']).toBe(to);
  expect(decodeHeader(headers['from'] ?? '')).toContain('Acme Office Systems');
  expect(decodeHeader(headers['subject'] ?? '')).toBe(`Certificate of Reforestation for ${certificate.name} \u2014 October 2025`);
  const text = parts.find((p) => (p.headers['content-type'] ?? '').startsWith('text/plain'));
  expect(decodePart(text!).toString('utf8')).toContain(`Paper consumption measured: ${certificate.pages.toLocaleString('en-US')} pages`);
  const attachment = parts.find((p) => (p.headers['content-type'] ?? '').startsWith('application/pdf'));
  expect(attachment?.headers['content-disposition']).toContain(`filename=${certificate.number}.pdf`);
  const bytes = decodePart(attachment!);
  expect(sha256(bytes)).toBe(certificate.sha256);
  expect(bytes.equals(pdf)).toBe(true);
}

describe('e-mailing certificates', () => {
  it('records a refused login without the password, then sends on a later try, never twice, and again on resend', async () => {
    smtp = await startSmtpServer({ user: USER, password: PASSWORD, tls: leaf });
    const { fx: f, service, certificates, feeds } = await setup(smtp.port, 'an-old-password');
    const [certA, certB, certC] = feeds.map((feed) => certificates.find((c) => c.feedId === feed.id)!);
    const changed: string[] = [];
    f.engine.events.on('data-changed', (e) => changed.push(e.what));

    const refused = await service.send({ month: '2025-10' });
    expect(refused.sent).toEqual([]);
    // The login is not retried (it would only lock the account); the rest is not attempted.
    expect(refused.failed.map((x) => [x.number, x.to, x.attempts])).toEqual([
      [certA!.number, 'billing@riverside.test', 1],
      [certB!.number, 'office@lakeside.test', 0],
    ]);
    expect(refused.failed[0]!.error).toMatch(new RegExp(`^The mail server 127\\.0\\.0\\.1:${smtp.port} refused the login for ${USER} \\(535 .*\\)$`));
    expect(refused.failed[1]!.error).toBe(`not attempted: ${refused.failed[0]!.error}`);
    expect(refused.skipped).toEqual([{ certificateId: certC!.id, number: certC!.number, feedId: feeds[2]!.id, reason: 'no contact e-mail', message: `no contact e-mail for "${feeds[2]!.name}" (feed ${feeds[2]!.id})` }]);
    expect(smtp.messages).toEqual([]);
    expect(smtp.logins).toEqual([{ user: USER, ok: false }]);
    const recorded = await f.engine.ctx.db.certificates.sends([certA!.id, certB!.id]);
    expect(recorded.map((s) => [s.certificateId, s.recipient, s.status, s.messageId])).toEqual([[certA!.id, 'billing@riverside.test', 'failed', null]]);
    expect(recorded[0]!.attemptedAt).toBe(f.clock.now());
    expect(JSON.stringify(await f.engine.ctx.db.snapshot())).not.toContain('an-old-password');
    const listed = await service.list('2025-10');
    expect(listed.find((c) => c.id === certA!.id)!.email).toMatchObject({ status: 'failed', to: 'billing@riverside.test' });
    expect(listed.find((c) => c.id === certB!.id)!.email).toEqual({ status: 'not sent' });

    // The dealer fixes the password: the next send delivers both, with the exact PDFs.
    await f.engine.ctx.secrets.set(secretNames.smtpPassword, PASSWORD);
    f.advanceDays(1);
    const sent = await service.send({ month: '2025-10' });
    expect(sent.failed).toEqual([]);
    expect(sent.sent.map((x) => [x.number, x.to, x.attempts])).toEqual([
      [certA!.number, 'billing@riverside.test', 1],
      [certB!.number, 'office@lakeside.test', 1],
    ]);
    expect(smtp.messages).toHaveLength(2);
    expectDelivered(smtp.messages[0]!, certA!, 'billing@riverside.test', await service.pdf(certA!.id));
    expectDelivered(smtp.messages[1]!, certB!, 'office@lakeside.test', await service.pdf(certB!.id));
    const detail = await service.get(certA!.id);
    expect(detail.email).toEqual({ status: 'sent', to: 'billing@riverside.test', at: f.clock.now(), messageId: sent.sent[0]!.messageId });
    expect(detail.sends.map((s) => s.status)).toEqual(['failed', 'sent']);
    expect(sent.sent[0]!.messageId).toMatch(/^<.+@.+>$/);
    expect(smtp.messages[0]!.raw.toString('latin1')).toContain(`Message-ID: ${sent.sent[0]!.messageId}`);

    // Sending again sends nothing: both were delivered.
    const again = await service.send({ month: '2025-10' });
    expect(again.sent).toEqual([]);
    expect(again.skipped.map((x) => [x.number, x.reason])).toEqual([
      [certA!.number, 'already sent'],
      [certB!.number, 'already sent'],
      [certC!.number, 'no contact e-mail'],
    ]);
    expect(smtp.messages).toHaveLength(2);

    // An explicit resend, for one feed, sends that one again.
    const resent = await service.send({ month: '2025-10', feedId: feeds[0]!.id, resend: true });
    expect(resent.sent.map((x) => x.number)).toEqual([certA!.number]);
    expect(resent.skipped).toEqual([]);
    expect(smtp.messages).toHaveLength(3);
    expectDelivered(smtp.messages[2]!, certA!, 'billing@riverside.test', await service.pdf(certA!.id));
    expect(changed.filter((w) => w === 'certificates').length).toBe(3);
  });

  it('retries a server that is down, records every attempt, and a later send succeeds', async () => {
    const port = await closedPort();
    const { fx: f, service, certificates, feeds } = await setup(port, PASSWORD);
    const [certA, certB] = feeds.map((feed) => certificates.find((c) => c.feedId === feed.id)!);

    const down = await service.send({ month: '2025-10' });
    expect(down.sent).toEqual([]);
    expect(down.failed.map((x) => [x.number, x.attempts, x.error])).toEqual([
      [certA!.number, 3, `Could not reach the mail server 127.0.0.1:${port} (ECONNREFUSED)`],
      [certB!.number, 0, `not attempted: Could not reach the mail server 127.0.0.1:${port} (ECONNREFUSED)`],
    ]);
    const attempts = await f.engine.ctx.db.certificates.sends([certA!.id, certB!.id]);
    expect(attempts.map((s) => [s.certificateId, s.status])).toEqual([
      [certA!.id, 'failed'],
      [certA!.id, 'failed'],
      [certA!.id, 'failed'],
    ]);

    smtp = await startSmtpServer({ user: USER, password: PASSWORD, tls: leaf, port });
    const later = await service.send({ month: '2025-10' });
    expect(later.failed).toEqual([]);
    expect(later.sent.map((x) => x.number)).toEqual([certA!.number, certB!.number]);
    expect(smtp.messages.map((m) => m.to)).toEqual([['billing@riverside.test'], ['office@lakeside.test']]);
    expectDelivered(smtp.messages[0]!, certA!, 'billing@riverside.test', await service.pdf(certA!.id));
  });

  it('says what to set up when e-mail is not configured, and sends nothing', async () => {
    smtp = await startSmtpServer({ user: USER, password: PASSWORD, tls: leaf });
    const { fx: f, service } = await setup(smtp.port, PASSWORD);
    await f.engine.updateSettings({ smtpHost: '' });
    await expect(service.send({ month: '2025-10' })).rejects.toThrow('E-mail is not set up: set the SMTP server (config set smtp-host HOST) and the sender (config set smtp-from ADDRESS)');
    await f.engine.updateSettings({ smtpHost: '127.0.0.1' });
    await f.engine.ctx.secrets.delete(secretNames.smtpPassword);
    await expect(service.send({ month: '2025-10' })).rejects.toThrow(`No SMTP password is stored for ${USER}: set it with config set smtp-password`);
    expect(smtp.messages).toEqual([]);
    expect(await f.engine.ctx.db.certificates.sends((await service.list('2025-10')).map((c) => c.id))).toEqual([]);
    // A month without certificates needs no server at all.
    expect(await service.send({ month: '2025-09' })).toEqual({ month: '2025-09', sent: [], failed: [], skipped: [] });
  });

  it('sends a test message, and accepts a sender written "Name <address>"', async () => {
    smtp = await startSmtpServer({ user: USER, password: PASSWORD, tls: leaf });
    const { fx: f, service } = await setup(smtp.port, PASSWORD);
    await f.engine.updateSettings({ smtpFrom: 'Acme Certificates <certificates@acme.test>' });
    const { messageId } = await service.sendTest('owner@acme.test');
    expect(messageId).toMatch(/@/);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.from).toBe('certificates@acme.test');
    expect(smtp.messages[0]!.to).toEqual(['owner@acme.test']);
    const { headers } = parseMime(smtp.messages[0]!.raw);
    expect(decodeHeader(headers['from'] ?? '')).toContain('Acme Certificates');
    await expect(service.sendTest('not an address')).rejects.toThrow('Not a valid e-mail address');
  });

  it('never sends the password to a server that offers no TLS', async () => {
    smtp = await startSmtpServer({ user: USER, password: PASSWORD }); // no STARTTLS offered
    const { service } = await setup(smtp.port, PASSWORD);
    const result = await service.send({ month: '2025-10' });
    expect(result.sent).toEqual([]);
    expect(result.failed[0]!.error).toBe(`The mail server 127.0.0.1:${smtp.port} does not offer an encrypted connection (STARTTLS), so the password was not sent: use the server's TLS port (usually 465) with TLS from the start`);
    expect(smtp.logins).toEqual([]);
    expect(smtp.messages).toEqual([]);
  });
});
