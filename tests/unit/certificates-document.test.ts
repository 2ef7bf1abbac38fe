// What goes on and around a certificate: its number, its fingerprint, the localised labels,
// the frozen render inputs (which must draw the very same bytes again), the e-mail text,
// and the mailer's error sentences (never carrying the SMTP password).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateEmail } from '../../main/engine/certificates/email-template';
import { certificatesCsv } from '../../main/engine/certificates/export';
import { certificateFingerprint, fingerprintText } from '../../main/engine/certificates/fingerprint';
import { freezeDocument, parseFrozenDocument, thawDocument } from '../../main/engine/certificates/frozen-document';
import { issueDateLabel, messageDate, periodLabel } from '../../main/engine/certificates/labels';
import { describeSendError, type SmtpConfig } from '../../main/engine/certificates/mailer';
import { certificateNumber } from '../../main/engine/certificates/numbering';
import { renderCertificatePdf, type CertificateDocument } from '../../main/engine/certificates/pdf';

describe('number and fingerprint', () => {
  it('numbers certificates by period and global sequence', () => {
    expect(certificateNumber('2025-10', 123)).toBe('PR-2025-10-000123');
    expect(certificateNumber('2026-01', 1_234_567)).toBe('PR-2026-01-1234567');
    expect(() => certificateNumber('2025-10', 0)).toThrow(RangeError);
  });

  it('fingerprints the canonical data: first 16 hex digits of its SHA-256, in groups of 4', () => {
    const fields = { number: 'PR-2025-10-000123', feedId: 7, entityId: 'ae6456e192cf03114696de54', month: '2025-10', pages: 1234, carriedPages: -12 };
    expect(fingerprintText(fields)).toBe('PR-2025-10-000123|7|ae6456e192cf03114696de54|2025-10|1234|-12');
    // sha256("PR-2025-10-000123|7|ae6456e192cf03114696de54|2025-10|1234|-12") = 0063f0189859dfe4…
    expect(certificateFingerprint(fields)).toBe('0063-f018-9859-dfe4');
    expect(certificateFingerprint({ ...fields, pages: 1235 })).not.toBe('0063-f018-9859-dfe4');
  });
});

describe('labels', () => {
  it('labels the period in the dealer locale, in English when the fonts could not show it', () => {
    expect(periodLabel('2025-10', 'en-US')).toBe('October 2025');
    expect(periodLabel('2025-10', 'de-DE')).toBe('Oktober 2025');
    expect(periodLabel('2026-01', 'en-GB')).toBe('January 2026');
    expect(periodLabel('2025-10', 'ja-JP')).toBe('October 2025');
    expect(periodLabel('2025-10', 'ar-EG')).toBe('October 2025');
    expect(periodLabel('2025-10', 'not a locale!')).toBe('October 2025');
  });

  it('dates the issue in the dealer zone', () => {
    const at = Date.parse('2025-11-04T05:59:59Z'); // still 3 November in Chicago
    expect(issueDateLabel(at, 'America/Chicago', 'en-US')).toBe('November 3, 2025');
    expect(issueDateLabel(at, 'Europe/Berlin', 'de-DE')).toBe('4. November 2025');
    expect(messageDate(at, 'America/Chicago')).toBe('3 November 2025');
  });
});

const sample: CertificateDocument = {
  number: 'PR-2025-10-000042',
  customerName: 'Riverside Family Medicine',
  periodLabel: 'October 2025',
  pages: 12_345,
  carriedPages: -55,
  trees: 1.48,
  issueDateLabel: 'November 4, 2025',
  issuedAt: new Date('2025-11-04T12:00:00Z'),
  paper: 'a4',
  dealerName: 'Acme Office Systems',
  dealerLogo: null,
  partnerText: 'Kijabe Forest project',
  statement: 'Measured and offset.',
  fingerprint: 'abcd-ef01-2345-6789',
  locale: 'en-US',
};

describe('frozen render inputs', () => {
  it('draw the same bytes again after a JSON round trip', async () => {
    const original = await renderCertificatePdf(sample);
    const json = JSON.stringify(freezeDocument(sample, null));
    const again = await renderCertificatePdf(thawDocument(parseFrozenDocument(json), null));
    expect(again.equals(original)).toBe(true);
  });

  it('keep the logo by hash and need it back to draw', () => {
    const frozen = freezeDocument({ ...sample, dealerLogo: { bytes: new Uint8Array([1, 2, 3]), type: 'png' } }, 'f'.repeat(64));
    expect(JSON.stringify(frozen)).not.toContain('bytes');
    expect(frozen.logoSha256).toBe('f'.repeat(64));
    expect(() => thawDocument(frozen, null)).toThrow('the dealer logo it was issued with is missing from the database');
    expect(thawDocument(frozen, { type: 'png', bytes: Buffer.from([1, 2, 3]) }).dealerLogo).toEqual({ type: 'png', bytes: new Uint8Array([1, 2, 3]) });
    expect(() => parseFrozenDocument('{"version":2}')).toThrow('the stored certificate data is unreadable');
  });

  it('words the certificate without claims beyond the figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certificate-wording-'));
    try {
      const file = join(dir, 'c.pdf');
      writeFileSync(file, await renderCertificatePdf(sample));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('This certifies the paper consumption measured for Riverside Family Medicine in October 2025');
      expect(text).not.toContain('reforested');
      expect(text).not.toContain('This certifies that');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('e-mail text', () => {
  it('says who, when, how much, and nothing more', () => {
    const mail = certificateEmail({ dealerName: 'Acme Office Systems', customerName: 'Riverside', periodLabel: 'October 2025', pages: 12_345, carriedPages: 1_204, trees: 1.48, number: 'PR-2025-10-000042', locale: 'en-US' });
    expect(mail.subject).toBe('Certificate of Reforestation for Riverside \u2014 October 2025');
    expect(mail.text).toContain('Attached is the Certificate of Reforestation for Riverside for October 2025.');
    expect(mail.text).toContain('Paper consumption measured: 12,345 pages, equivalent to 1.48 trees (1 tree = 8,333 letter-size pages of 20 lb paper).');
    expect(mail.text).toContain('Includes 1,204 pages carried forward from earlier months.');
    expect(mail.text).toContain('Certificate number: PR-2025-10-000042');
    expect(mail.text.trimEnd().endsWith('Acme Office Systems')).toBe(true);
    expect(certificateEmail({ dealerName: 'D', customerName: 'C', periodLabel: 'P', pages: 1, carriedPages: 0, trees: 0, number: 'N', locale: 'en-US' }).text).not.toContain('Includes');
  });
});

describe('mailer errors', () => {
  const config: SmtpConfig = { host: 'smtp.example.com', port: 587, secure: false, user: 'dealer@example.com', password: 'hunter2-Secret!', from: { name: 'Acme', address: 'dealer@example.com' } };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('tells login, connection and recipient failures apart, and which are worth retrying', () => {
    const auth = describeSendError({ code: 'EAUTH', response: '535 5.7.8 Error: authentication failed', responseCode: 535, message: 'Invalid login: 535' }, config, 'c@example.com');
    expect(auth.message).toBe('The mail server smtp.example.com:587 refused the login for dealer@example.com (535 5.7.8 Error: authentication failed)');
    expect([auth.kind, auth.transient]).toEqual(['server', false]);
    const down = describeSendError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:587' }, config, 'c@example.com');
    expect(down.message).toBe('Could not reach the mail server smtp.example.com:587 (ECONNREFUSED)');
    expect([down.kind, down.transient]).toEqual(['server', true]);
    const rcpt = describeSendError({ code: 'EENVELOPE', response: '550 5.1.1 No such user', responseCode: 550, message: "Can't send mail" }, config, 'c@example.com');
    expect(rcpt.message).toBe('The mail server refused the message to c@example.com (550 5.1.1 No such user)');
    expect([rcpt.kind, rcpt.transient]).toEqual(['message', false]);
    const busy = describeSendError({ code: 'EMESSAGE', response: '451 try later', responseCode: 451, message: 'Message failed: 451 try later' }, config, 'c@example.com');
    expect([busy.kind, busy.transient]).toEqual(['message', true]);
  });

  it('never repeats the password, in clear or as the AUTH dialogue encodes it', () => {
    const echoed = [config.password!, b64(config.password!), b64(`\0${config.user}\0${config.password}`)];
    for (const secret of echoed) {
      const err = describeSendError({ code: 'EAUTH', response: `535 rejected ${secret}`, message: `Invalid login ${secret}` }, config, 'c@example.com');
      expect(err.message).not.toContain(secret);
      expect(err.message).toContain('***');
      const other = describeSendError(new Error(`boom ${secret}`), config, 'c@example.com');
      expect(other.message).not.toContain(secret);
    }
  });
});

describe('CSV', () => {
  it('lists certificates with exact pages and 2-decimal trees, quoting names', () => {
    const csv = certificatesCsv([{ number: 'PR-2025-10-000001', month: '2025-10', feedId: 3, entityId: 'e', name: 'Smith, Jones & "Co"', pages: 8_333, carriedPages: -2, trees: 1, sha256: createHash('sha256').update('x').digest('hex') }]);
    const [head, row] = csv.split('\r\n');
    expect(head).toBe('number,month,feed_id,entity_id,customer,pages,carried_pages,trees,sha256');
    expect(row).toBe(`PR-2025-10-000001,2025-10,3,e,"Smith, Jones & ""Co""",8333,-2,1.00,${createHash('sha256').update('x').digest('hex')}`);
  });
});
