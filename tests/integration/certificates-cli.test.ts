// `certificates issue|list|send|export` through the built CLI (dist/cli.js, build first with
// `node scripts/build.mjs --node-only`), as a real process against the simulator over HTTPS
// and a real SMTP server on 127.0.0.1: JSON shapes per cli-contract.md, files, exit codes.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../main/engine/certificates/certificate-service';
import { treesFromPages } from '../../main/engine/ledger/trees';
import { createTestCa, issueServerCert } from '../../main/engine/printtracker/simulator/certs';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator/index';
import { json, runCli, snapshotOf } from '../support/cli';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';

const NOW = '2025-11-04T12:00:00Z';
let sim: Simulator;
let smtp: TestSmtpServer;
let dir: string;
const dataDir = () => join(dir, 'data');
const cli = (args: string[], o: { now?: string; env?: Record<string, string> } = {}) =>
  runCli(['--data-dir', dataDir(), '--now', o.now ?? NOW, ...args], { env: { NODE_EXTRA_CA_CERTS: join(dir, 'smtp-ca.pem'), ...o.env } });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The contract's JSON of `certificates issue`: the summary's figures plus the file written. */
interface CertificateJson extends Pick<CertificateSummary, 'id' | 'number' | 'month' | 'feedId' | 'entityId' | 'name' | 'pages' | 'carriedPages' | 'trees' | 'sha256'> {
  pdf: string;
  issued: boolean;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 43, customers: 3, devicesPerCustomer: [2, 3], historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date(NOW), subSites: false });
  // The mail server offers STARTTLS with a test CA, which the CLI trusts through NODE_EXTRA_CA_CERTS.
  const smtpCa = await createTestCa('PrintReleaf SMTP test CA');
  smtp = await startSmtpServer({ user: 'dealer', password: 'smtp-Secret-42', tls: await issueServerCert(smtpCa, { hosts: ['127.0.0.1'] }) });
  dir = mkdtempSync(join(tmpdir(), 'printreleaf-certificates-cli-'));
  writeFileSync(join(dir, 'ca.pem'), sim.caPem);
  writeFileSync(join(dir, 'smtp-ca.pem'), smtpCa.certPem);
  const steps: string[][] = [
    ['config', 'set', 'timezone', 'America/Chicago'],
    ['server', 'add', '--url', sim.url, '--entity', sim.parentEntityId, '--ca-file', join(dir, 'ca.pem')],
  ];
  for (const args of steps) expect((await cli(args, { env: { PRINTTRACKER_API_KEY: sim.apiKey } })).code).toBe(0);
  const [a, b, c] = sim.customers();
  for (const [entity, email] of [[a!.id, 'billing@riverside.test'], [b!.id, 'office@lakeside.test'], [c!.id, null]] as const) {
    const r = await cli(['feed', 'add', '--server', '1', '--entity', entity, '--activation', '2025-09-15', '--scope', 'all', ...(email ? ['--email', email] : [])]);
    expect(r.code).toBe(0);
  }
  expect((await cli(['collect'])).code).toBe(0);
});

afterAll(async () => {
  await smtp?.close();
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('printreleaf certificates', () => {
  it('rejects bad input and a month not certifiable yet with exit 2, writing nothing', async () => {
    const before = await snapshotOf(dataDir());
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = join(dir, 'refused');
    const cases: [string[], RegExp, string?][] = [
      [['certificates', 'issue', '--month', '2025-13', '--out', out], /A month is written YYYY-MM/],
      [['certificates', 'issue', '--out', out], /Missing --month/],
      [['certificates', 'issue', '--month', '2025-10', '--out', join(dir, 'a-file')], /--out must be a folder/],
      [['certificates', 'issue', '--month', '2025-10', '--resend'], /'certificates issue' does not take --resend/],
      [['certificates', 'list', '--month', '10-2025'], /A month is written YYYY-MM/],
      [['certificates', 'send', '--month', '2025-10', '--feed', 'abc'], /An ID is a whole number/],
      [['certificates', 'send', '--month', '2025-10', '--feed', '99'], /There is no feed with ID 99/],
      [['certificates', 'export', '--month', '2025-10'], /Missing --out/],
      [['certificates', 'frobnicate'], /Usage: certificates issue\|list\|send\|export/],
      // 3 Nov 23:59 in Chicago: October is still in its grace period.
      [['certificates', 'issue', '--month', '2025-10', '--out', out], /^error: October 2025 can be certified from 4 November 2025 \(after a 3-day grace period\)$/m, '2025-11-04T05:59:00Z'],
      [['--json', 'certificates', 'issue', '--month', '2025-11', '--out', out], /November 2025 can be certified from 4 December 2025/],
    ];
    for (const [args, message, now] of cases) {
      const r = await cli(args, now ? { now } : {});
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dataDir(), 'certificates'))).toBe(false);
    expect(await snapshotOf(dataDir())).toEqual(before);
  });

  it('issues the month (earlier months first) and writes every PDF to --out', async () => {
    const out = join(dir, 'october');
    const r = await cli(['--json', 'certificates', 'issue', '--month', '2025-10', '--out', out]);
    expect(r.code).toBe(0);
    const doc = json<{ month: string; certificates: CertificateJson[]; skipped: unknown[] }>(r);
    expect(Object.keys(doc).sort()).toEqual(['certificates', 'month', 'skipped']);
    expect(doc.month).toBe('2025-10');
    expect(doc.skipped).toEqual([]);
    // September (the activation month) is certified first: 3 feeds × 2 months.
    expect(doc.certificates.map((c) => c.month)).toEqual(['2025-09', '2025-09', '2025-09', '2025-10', '2025-10', '2025-10']);
    const report = json<{ feeds: { id: number; pages: number }[] }>(await cli(['--json', 'report', '--month', '2025-10']));
    for (const c of doc.certificates) {
      expect(Object.keys(c).sort()).toEqual(['carriedPages', 'entityId', 'feedId', 'id', 'issued', 'month', 'name', 'number', 'pages', 'pdf', 'sha256', 'trees']);
      expect(c.issued).toBe(true);
      expect(c.pdf).toBe(join(out, `${c.number}.pdf`));
      expect(sha256(readFileSync(c.pdf))).toBe(c.sha256);
      expect(c.carriedPages).toBe(0);
      expect(c.trees).toBe(treesFromPages(c.pages));
      if (c.month === '2025-10') expect(c.pages).toBe(report.feeds.find((f) => f.id === c.feedId)!.pages);
    }
    expect(readdirSync(out).sort()).toEqual(doc.certificates.map((c) => `${c.number}.pdf`).sort());

    // Again, into another folder: nothing new, the same bytes.
    const again = json<{ certificates: CertificateJson[] }>(await cli(['--json', 'certificates', 'issue', '--month', '2025-10', '--out', join(dir, 'again')]));
    expect(again.certificates.map((c) => [c.id, c.issued])).toEqual(doc.certificates.filter((c) => c.month === '2025-10').map((c) => [c.id, false]));
    for (const c of again.certificates) expect(readFileSync(c.pdf).equals(readFileSync(join(out, `${c.number}.pdf`)))).toBe(true);

    // Human output: one line of truth and a table.
    const human = await cli(['certificates', 'issue', '--month', '2025-10']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('2025-10: 0 certificates issued now, 3 issued before');
    expect(human.stdout).toContain(doc.certificates[3]!.number);
  });

  it('lists and exports the issued certificates', async () => {
    const list = json<{ month: string; certificates: (CertificateJson & { email: { status: string } })[] }>(await cli(['--json', 'certificates', 'list', '--month', '2025-10', '--csv', join(dir, 'october.csv')]));
    expect(list.month).toBe('2025-10');
    expect(list.certificates).toHaveLength(3);
    for (const c of list.certificates) {
      expect(c.pdf).toBe(join(dataDir(), 'certificates', '2025-10', `${c.number}.pdf`));
      expect(sha256(readFileSync(c.pdf))).toBe(c.sha256);
      expect(c.email).toEqual({ status: 'not sent' });
    }
    expect(readFileSync(join(dir, 'october.csv'), 'utf8').split('\r\n')).toHaveLength(5);
    const exported = json<{ certificates: CertificateJson[] }>(await cli(['--json', 'certificates', 'export', '--id', String(list.certificates[0]!.id), '--out', join(dir, 'one')]));
    expect(exported.certificates.map((c) => c.pdf)).toEqual([join(dir, 'one', `${list.certificates[0]!.number}.pdf`)]);
    expect(sha256(readFileSync(exported.certificates[0]!.pdf))).toBe(list.certificates[0]!.sha256);
  });

  it('e-mails each certificate once (exit 0), and exits 1 naming the certificates that failed', async () => {
    for (const [key, value] of [['smtp-host', '127.0.0.1'], ['smtp-port', String(smtp.port)], ['smtp-user', 'dealer'], ['smtp-from', 'certificates@acme.test']]) {
      expect((await cli(['config', 'set', key!, value!])).code).toBe(0);
    }
    expect((await cli(['config', 'set', 'smtp-password'], { env: { PRINTRELEAF_SMTP_PASSWORD: 'smtp-Secret-42' } })).code).toBe(0);

    const sent = await cli(['--json', 'certificates', 'send', '--month', '2025-10']);
    expect(sent.code).toBe(0);
    const result = json<{ sent: { to: string; number: string }[]; failed: unknown[]; skipped: { reason: string }[] }>(sent);
    expect(result.sent.map((s) => s.to)).toEqual(['billing@riverside.test', 'office@lakeside.test']);
    expect(result.failed).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(['no contact e-mail']);
    expect(smtp.messages.map((m) => m.to)).toEqual([['billing@riverside.test'], ['office@lakeside.test']]);

    const twice = await cli(['--json', 'certificates', 'send', '--month', '2025-10']);
    expect(twice.code).toBe(0);
    expect(json<{ sent: unknown[]; skipped: { reason: string }[] }>(twice).skipped.map((s) => s.reason)).toEqual(['already sent', 'already sent', 'no contact e-mail']);
    expect(smtp.messages).toHaveLength(2);

    expect((await cli(['config', 'set', 'smtp-password'], { env: { PRINTRELEAF_SMTP_PASSWORD: 'outdated-password' } })).code).toBe(0);
    const failed = await cli(['--json', 'certificates', 'send', '--month', '2025-10', '--feed', '1', '--resend']);
    expect(failed.code).toBe(1);
    const failedDoc = json<{ failed: { number: string; to: string; error: string }[] }>(failed);
    expect(failedDoc.failed).toHaveLength(1);
    expect(failed.stderr).toContain(`failed: 1 certificate could not be sent — ${failedDoc.failed[0]!.number} to billing@riverside.test: The mail server 127.0.0.1:${smtp.port} refused the login for dealer`);
    expect(failed.stderr).not.toContain('outdated-password');
    expect(smtp.messages).toHaveLength(2);

    const list = json<{ certificates: { feedId: number; email: { status: string; to?: string } }[] }>(await cli(['--json', 'certificates', 'list', '--month', '2025-10']));
    // The earlier delivery still counts: a failed resend does not unsend it.
    expect(list.certificates.map((c) => [c.feedId, c.email.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'not sent'],
    ]);
  });
});
