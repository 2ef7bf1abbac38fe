// Certificates of Reforestation (R8–R10) end to end: a real engine on a real SQLite file,
// collecting from the Print Tracker simulator over HTTPS, then certifying. PDFs are read back
// the way a person reads them (poppler's pdftotext).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { certifiableFrom } from '../../main/engine/certificates/certify';
import { certificateFingerprint } from '../../main/engine/certificates/fingerprint';
import type { Engine } from '../../main/engine/engine';
import { InputError } from '../../main/engine/errors';
import { formatTrees, treesFromPages } from '../../main/engine/ledger/trees';
import { LocalCalendar, monthRange } from '../../main/engine/time/days';
import { allReadsOf, createFixture, DAY, type Fixture } from '../support/fixture';
import { sha256 } from '../support/smtp';

let fx: Fixture | null = null;
afterEach(async () => {
  await fx?.close();
  fx = null;
});

const textOf = (file: string): string => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

async function snapshot(engine: Engine) {
  const s = await engine.ctx.db.snapshot();
  delete s['knex_migrations_lock'];
  return s;
}

async function monthPages(engine: Engine, feedId: number, month: string): Promise<number> {
  const report = await engine.report(month);
  return report.feeds.find((f) => f.id === feedId)?.pages ?? 0;
}

const fmt = (n: number) => n.toLocaleString('en-US');

describe('issuing certificates (R10)', () => {
  it('issues one certificate per feed-month whose PDF text shows exactly the name, period, pages and trees of its record', async () => {
    fx = await createFixture({ seed: 31, customers: 3, devicesPerCustomer: [1, 3], historyStart: new Date('2025-07-01T00:00:00Z'), now: new Date('2025-11-04T10:00:00Z') });
    await fx.engine.updateSettings({ dealerName: 'Acme Office Systems', partnerText: 'Trees planted with the Kijabe Forest project' });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });

    const result = await fx.engine.certificates.issue('2025-10');
    expect(result.skipped).toEqual([]);
    // September first (the activation month), then October, for every feed.
    expect(result.certified.map((c) => `${c.feedId}:${c.month}`)).toEqual(feeds.flatMap((f) => [`${f.id}:2025-09`, `${f.id}:2025-10`]));
    expect(result.certificates).toHaveLength(feeds.length * 2);
    expect(result.issuedCount).toBe(feeds.length * 2);

    for (const c of result.certificates) {
      const feed = feeds.find((f) => f.id === c.feedId)!;
      // No late data yet: the certificate shows the month's ledger pages (R8), trees per R9.
      expect(c.pages).toBe(await monthPages(fx.engine, c.feedId, c.month));
      expect(c.pages).toBeGreaterThan(0);
      expect(c.carriedPages).toBe(0);
      expect(c.trees).toBe(treesFromPages(c.pages));
      expect(c.name).toBe(feed.name);
      expect(c.entityId).toBe(feed.entityId);
      expect(c.number).toMatch(new RegExp(`^PR-${c.month}-\\d{6}$`));
      expect(c.fingerprint).toBe(certificateFingerprint({ number: c.number, feedId: c.feedId, entityId: c.entityId, month: c.month, pages: c.pages, carriedPages: 0 }));
      expect(c.pdfPath).toBe(join(fx.dataDir, 'certificates', c.month, `${c.number}.pdf`));
      const bytes = readFileSync(c.pdfPath);
      expect(sha256(bytes)).toBe(c.sha256);

      const text = textOf(c.pdfPath);
      expect(text).toContain(c.name);
      expect(text).toContain(c.month === '2025-09' ? 'September 2025' : 'October 2025');
      expect(text).toContain(`${fmt(c.pages)} pages`);
      expect(text).toContain(`${formatTrees(c.trees)} trees`);
      expect(text).toContain(c.number);
      expect(text).toContain(`Fingerprint ${c.fingerprint}`);
      expect(text).toContain('November 4, 2025'); // issue date: the engine clock, dealer locale en-US
      expect(text).toContain('This certifies the paper consumption measured for');
      expect(text).not.toContain('reforested');
      expect(text).toContain('Acme Office Systems');
    }

    // Numbers: unique, in the order issued.
    const numbers = result.certificates.map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const listed = await fx.engine.certificates.list('2025-10');
    expect(listed.map((c) => [c.id, c.pages, c.trees, c.sha256])).toEqual(result.certificates.filter((c) => c.month === '2025-10').map((c) => [c.id, c.pages, c.trees, c.sha256]));
    expect(listed.every((c) => c.email.status === 'not sent')).toBe(true);
  });

  it('refuses a month before the end of its grace period in the dealer zone (America/Chicago), writing nothing', async () => {
    // Grace 3: October 2025 is certifiable from 4 November 00:00 Chicago time (CST, UTC−6).
    fx = await createFixture({ seed: 32, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T05:59:00Z'), timezone: 'America/Chicago' });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    expect(certifiableFrom('2025-10', 3, new LocalCalendar('America/Chicago'))).toBe(Date.parse('2025-11-04T06:00:00Z'));

    const before = await snapshot(fx.engine);
    fx.setNow(Date.parse('2025-11-04T05:59:59.999Z')); // 3 Nov 23:59:59.999 local
    const refused = fx.engine.certificates.issue('2025-10');
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toThrow('October 2025 can be certified from 4 November 2025 (after a 3-day grace period)');
    await expect(fx.engine.certificates.issue('2025-11')).rejects.toThrow('November 2025 can be certified from 4 December 2025');
    expect(await snapshot(fx.engine)).toEqual(before);
    expect(existsSync(join(fx.dataDir, 'certificates'))).toBe(false);

    fx.setNow(Date.parse('2025-11-04T06:00:00Z')); // 4 Nov 00:00 local
    const issued = await fx.engine.certificates.issue('2025-10');
    expect(issued.certificates.length).toBeGreaterThan(0);
    expect(issued.certificates.every((c) => c.month <= '2025-10')).toBe(true);
    // The issue date is the local date of the issue instant: 4 November, not 3.
    expect(textOf(issued.certificates[0]!.pdfPath)).toContain('November 4, 2025');

    // A grace period of 0 days: the first instant of the next month, local time (CDT in October).
    await fx.engine.updateSettings({ graceDays: 0 });
    fx.setNow(Date.parse('2025-10-01T04:59:59Z'));
    await expect(fx.engine.certificates.issue('2025-09')).rejects.toThrow('September 2025 can be certified from 1 October 2025 (once it has ended)');
  });
});

describe('ordered certification from the activation month', () => {
  it('certifies earlier months first, never a month before activation, and skips feeds activated later or paused', async () => {
    fx = await createFixture({ seed: 33, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-06-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
    const [a, b, c] = fx.sim.customers();
    const early = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: a!.id, activationDate: '2025-08-15', scope: 'all' });
    const late = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: b!.id, activationDate: '2025-11-02', scope: 'all' });
    const paused = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: c!.id, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    await fx.engine.feeds.pause(paused.id);

    const events: string[] = [];
    fx.engine.events.on('certificates-issued', (e) => events.push(`${e.month}:${e.count}`));
    const result = await fx.engine.certificates.issue('2025-10');
    expect(result.certified.map((x) => `${x.feedId}:${x.month}`)).toEqual([`${early.id}:2025-08`, `${early.id}:2025-09`, `${early.id}:2025-10`]);
    expect(result.certificates.map((x) => x.month)).toEqual(['2025-08', '2025-09', '2025-10']);
    const seqs = result.certificates.map((x) => Number(x.number.slice(-6)));
    expect(seqs).toEqual([...seqs].sort((p, q) => p - q));
    expect(result.skipped).toEqual([
      { feedId: late.id, entityId: late.entityId, name: late.name, reason: 'activated-after-month', message: 'activated on 2025-11-02, after October 2025' },
      { feedId: paused.id, entityId: paused.entityId, name: paused.name, reason: 'paused', message: 'feed is paused' },
    ]);
    expect(events).toEqual(['2025-08:1', '2025-09:1', '2025-10:1']);
    // August counts only from the activation date (R3): it is the ledger of 15–31 August.
    expect(result.certificates[0]!.pages).toBe(await monthPages(fx.engine, early.id, '2025-08'));
    expect((await fx.engine.certificates.certifications(early.id)).map((r) => r.month)).toEqual(['2025-08', '2025-09', '2025-10']);
    expect(await fx.engine.certificates.list('2025-07')).toEqual([]);
    expect(await fx.engine.certificates.certifications(late.id)).toEqual([]);
    expect(await fx.engine.certificates.certifications(paused.id)).toEqual([]);

    // Again: nothing new, the month's certificate is returned as issued before.
    const again = await fx.engine.certificates.issue('2025-10');
    expect(again.issuedCount).toBe(0);
    expect(again.certified).toEqual([]);
    expect(again.certificates.map((x) => [x.id, x.issuedNow])).toEqual([[result.certificates[2]!.id, false]]);
    const september = await fx.engine.certificates.issue('2025-09');
    expect(september.certificates.map((x) => x.id)).toEqual([result.certificates[1]!.id]);

    // Resumed, the paused feed catches up in order from its activation month.
    await fx.engine.feeds.resume(paused.id);
    const resumed = await fx.engine.certificates.issue('2025-10');
    expect(resumed.certified.map((x) => `${x.feedId}:${x.month}`)).toEqual([`${paused.id}:2025-09`, `${paused.id}:2025-10`]);
    expect(resumed.certificates.map((x) => `${x.feedId}:${x.month}:${x.issuedNow}`)).toEqual([
      `${paused.id}:2025-09:true`,
      `${early.id}:2025-10:false`,
      `${paused.id}:2025-10:true`,
    ]);
  });

  it('issueDue certifies every due month of every active feed, once', async () => {
    fx = await createFixture({ seed: 34, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-06-01T00:00:00Z'), now: new Date('2025-11-03T12:00:00Z'), subSites: false });
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-08-20', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    // 3 November: September is due, October is not (grace until 4 November).
    const due = await fx.engine.certificates.issueDue();
    expect(due.map((r) => r.month)).toEqual(['2025-08', '2025-09']);
    expect(due.flatMap((r) => r.certified.map((c) => `${c.feedId}:${c.month}`)).sort()).toEqual(feeds.flatMap((f) => [`${f.id}:2025-08`, `${f.id}:2025-09`]).sort());
    expect(await fx.engine.certificates.issueDue()).toEqual([]);
    fx.setNow(Date.parse('2025-11-04T00:00:00Z'));
    const next = await fx.engine.certificates.issueDue();
    expect(next.map((r) => [r.month, r.issuedCount])).toEqual([['2025-10', feeds.length]]);
  });
});

describe('carry-forward (R10)', () => {
  it('carries pages that arrive after issuance into the next certificate', async () => {
    fx = await createFixture({ seed: 35, customers: 1, devicesPerCustomer: 3, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
    const [customer] = fx.sim.customers();
    fx.sim.lateUploads(customer!.devices[0]!.id, 9); // this agent uploads its reads 9 days late
    const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-10-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const october = (await fx.engine.certificates.issue('2025-10')).certificates[0]!;
    const octoberAtIssue = await monthPages(fx.engine, feed!.id, '2025-10');
    expect(october.pages).toBe(octoberAtIssue);

    // The late reads arrive: October grows after it was certified.
    for (let day = 0; day < 30; day += 5) {
      fx.advanceDays(5);
      await fx.engine.collect({ trigger: 'schedule' });
    }
    fx.setNow(Date.parse('2025-12-04T12:00:00Z'));
    await fx.engine.collect({ trigger: 'schedule' });
    const octoberNow = await monthPages(fx.engine, feed!.id, '2025-10');
    const late = octoberNow - octoberAtIssue;
    expect(late).toBeGreaterThan(0);
    expect(await fx.engine.certificates.openCarry(feed!.id)).toBe(late);

    const november = (await fx.engine.certificates.issue('2025-11')).certificates.find((c) => c.month === '2025-11')!;
    const novemberLedger = await monthPages(fx.engine, feed!.id, '2025-11');
    expect(november.carriedPages).toBe(late);
    expect(november.pages).toBe(novemberLedger + late);
    expect(november.trees).toBe(treesFromPages(novemberLedger + late));
    const text = textOf(november.pdfPath);
    expect(text).toContain(`${fmt(november.pages)} pages`);
    expect(text).toContain(`Includes ${fmt(late)} pages carried forward from earlier months`);
    // The October certificate is exactly as issued.
    expect(sha256(await fx.engine.certificates.pdf(october.id))).toBe(october.sha256);
    expect((await fx.engine.certificates.list('2025-10'))[0]!.pages).toBe(octoberAtIssue);
    expect(await fx.engine.certificates.openCarry(feed!.id)).toBe(0);
  });

  it('turns a late read that lowers a certified month into a negative adjustment, and certifies a month whose pages it outweighs without a document', async () => {
    // Two one-device customers. On 30 Oct each counter drops to 100 and keeps counting from
    // there: a reset, confirmed by the 31 Oct read. Customer X's agent then sends only "0"
    // counters until 10 December; customer Y's keeps reporting.
    fx = await createFixture({ seed: 36, customers: 2, devicesPerCustomer: 1, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
    const [x, y] = fx.sim.customers();
    const dx = x!.devices[0]!.id;
    const dy = y!.devices[0]!.id;
    for (const d of [dx, dy]) fx.sim.resetCounter(d, new Date('2025-10-30T00:00:00Z'), 100);
    fx.sim.zeroReads(dx, new Date('2025-11-01T00:00:00Z'), new Date('2025-12-10T00:00:00Z'));
    const feedX = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: x!.id, activationDate: '2025-10-01', scope: 'all' });
    const feedY = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: y!.id, activationDate: '2025-10-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    expect((await fx.engine.ctx.db.ledger.anomalyCounts(feedX.id))['counter-reset']).toBe(1);

    const oct31 = Date.parse('2025-10-31') / DAY;
    const pagesOn31 = async (feedId: number) => (await fx!.engine.ctx.db.ledger.feedDays(feedId, oct31, oct31))[0]?.pages ?? 0;
    const dX = await pagesOn31(feedX.id);
    const dY = await pagesOn31(feedY.id);
    expect(dX).toBeGreaterThan(0);
    expect(dY).toBeGreaterThan(0);
    const issued = await fx.engine.certificates.issue('2025-10');
    const certX = issued.certificates.find((c) => c.feedId === feedX.id)!;
    const certY = issued.certificates.find((c) => c.feedId === feedY.id)!;

    // A late read of 30 Oct 23:00 at the old counter level arrives: the "reset" was a glitch
    // after all (R4), and 31 Oct's pages are no longer counted — October is lowered.
    for (const [device, customer] of [[dx, x!], [dy, y!]] as const) {
      const reads = await allReadsOf(fx.sim, customer.id, new Date('2025-10-29T00:00:00Z'));
      const oct29 = reads.filter((r) => r.deviceKey === device && r.timestamp.startsWith('2025-10-29')).at(-1)!;
      fx.sim.addGlitch(device, new Date('2025-10-30T23:00:00Z'), Number(oct29.life ?? oct29.def));
    }
    fx.setNow(Date.parse('2025-11-10T12:00:00Z'));
    await fx.engine.collect({ trigger: 'schedule' });
    expect(await monthPages(fx.engine, feedX.id, '2025-10')).toBe(certX.pages - dX);
    expect(await monthPages(fx.engine, feedY.id, '2025-10')).toBe(certY.pages - dY);
    expect(await fx.engine.certificates.openCarry(feedX.id)).toBe(-dX);

    fx.setNow(Date.parse('2025-12-04T12:00:00Z'));
    await fx.engine.collect({ trigger: 'schedule' });
    const november = await fx.engine.certificates.issue('2025-11');
    // Y: its November certificate shows the adjustment.
    const novY = november.certificates.find((c) => c.feedId === feedY.id)!;
    const novYLedger = await monthPages(fx.engine, feedY.id, '2025-11');
    expect(novY.carriedPages).toBe(-dY);
    expect(novY.pages).toBe(novYLedger - dY);
    expect(textOf(novY.pdfPath)).toContain(`Includes an adjustment of \u2212${fmt(dY)} pages to earlier months`);
    // X: no November pages, so P + C = −dX < 0: certified, but no document.
    expect(await monthPages(fx.engine, feedX.id, '2025-11')).toBe(0);
    expect(november.certificates.some((c) => c.feedId === feedX.id)).toBe(false);
    expect(november.skipped).toEqual([
      { feedId: feedX.id, entityId: feedX.entityId, name: feedX.name, reason: 'nothing-to-certify', message: `no certificate for November 2025: no pages, and an adjustment of -${fmt(dX)} pages to earlier months is carried forward` },
    ]);
    const recordsX = await fx.engine.certificates.certifications(feedX.id);
    expect(recordsX.map((r) => [r.month, r.ledgerPages, r.openCarry, r.shownPages, r.carriedPages, r.certificateId])).toEqual([
      ['2025-10', certX.pages, 0, certX.pages, 0, certX.id],
      ['2025-11', 0, -dX, 0, 0, null],
    ]);
    expect(await fx.engine.certificates.openCarry(feedX.id)).toBe(-dX);

    // X's agent recovers on 10 December: its 31 Oct read is a reset after all, and the pages
    // from 31 Oct to 10 Dec are spread over November (certified) and December.
    fx.setNow(Date.parse('2025-12-15T12:00:00Z'));
    await fx.engine.collect({ trigger: 'schedule' });
    const novXNow = await monthPages(fx.engine, feedX.id, '2025-11');
    expect(novXNow).toBeGreaterThan(dX);
    fx.setNow(Date.parse('2026-01-04T12:00:00Z'));
    await fx.engine.collect({ trigger: 'schedule' });
    const december = await fx.engine.certificates.issue('2025-12');
    const decX = december.certificates.find((c) => c.feedId === feedX.id)!;
    const decXLedger = await monthPages(fx.engine, feedX.id, '2025-12');
    expect(decX.carriedPages).toBe(novXNow - dX);
    expect(decX.pages).toBe(decXLedger + novXNow - dX);

    // R10's invariant, for both feeds.
    for (const feed of [feedX, feedY]) {
      const shown = (await fx.engine.ctx.db.certificates.byFeed(feed.id)).reduce((s, c) => s + c.pages, 0);
      let ledger = 0;
      for (const m of ['2025-10', '2025-11', '2025-12']) ledger += await monthPages(fx.engine, feed.id, m);
      expect(shown + (await fx.engine.certificates.openCarry(feed.id))).toBe(ledger);
    }
  });
});

describe('frozen certificates', () => {
  it('re-exports byte-identical PDFs after settings change, and re-creates a deleted file from the frozen inputs', async () => {
    fx = await createFixture({ seed: 37, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
    const logo = pngLogo();
    await fx.engine.updateSettings({ dealerName: 'Acme Office Systems', dealerLogo: { type: 'png', base64: logo.toString('base64') }, paper: 'letter' });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-10-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const issued = (await fx.engine.certificates.issue('2025-10')).certificates;
    expect(issued).toHaveLength(2);
    const original = new Map(issued.map((c) => [c.id, readFileSync(c.pdfPath)]));
    // The logo is stored once, not per certificate.
    const snap = await fx.engine.ctx.db.snapshot();
    expect(snap['certificate_logos']).toHaveLength(1);
    expect(new Set(snap['certificates']!.map((r) => (r as { logo_sha256: string }).logo_sha256)).size).toBe(1);

    await fx.engine.updateSettings({ paper: 'a4', dealerName: 'Renamed Dealer Ltd', timezone: 'Asia/Tokyo', locale: 'de-DE', statement: 'Different words.', dealerLogo: null, partnerText: 'Another partner' });
    await fx.engine.feeds.update(issued[0]!.feedId, { name: 'A New Customer Name' });
    const out = join(fx.dataDir, 'export');
    const exported = await fx.engine.certificates.exportMonth('2025-10', out);
    expect(exported.map((e) => e.path).sort()).toEqual(issued.map((c) => join(out, `${c.number}.pdf`)).sort());
    for (const e of exported) expect(readFileSync(e.path).equals(original.get(e.certificate.id)!)).toBe(true);
    expect(textOf(exported[0]!.path)).toContain('Acme Office Systems');
    expect((await fx.engine.certificates.list('2025-10')).map((c) => c.name)).toEqual(issued.map((c) => c.name));

    // The stored file is deleted: re-rendered from the frozen inputs (despite the new settings), same SHA-256, put back.
    const first = issued[0]!;
    rmSync(first.pdfPath);
    const again = await fx.engine.certificates.pdf(first.id);
    expect(sha256(again)).toBe(first.sha256);
    expect(again.equals(original.get(first.id)!)).toBe(true);
    expect(readFileSync(first.pdfPath).equals(again)).toBe(true);
    const one = await fx.engine.certificates.exportOne(first.id, join(fx.dataDir, 'one'));
    expect(readFileSync(one.path).equals(again)).toBe(true);

    // An altered file is not handed out: it is replaced by the issued bytes.
    writeFileSync(first.pdfPath, Buffer.concat([again, Buffer.from('%tampered\n')]));
    expect((await fx.engine.certificates.pdf(first.id)).equals(again)).toBe(true);

    // When the frozen inputs cannot give the issued bytes either, a clear error and no file.
    rmSync(first.pdfPath);
    const db = new Sqlite(join(fx.dataDir, 'printreleaf.sqlite'));
    try {
      const row = db.prepare('SELECT document FROM certificates WHERE id = ?').get(first.id) as { document: string };
      const doc = JSON.parse(row.document) as Record<string, unknown>;
      db.prepare('UPDATE certificates SET document = ? WHERE id = ?').run(JSON.stringify({ ...doc, pages: Number(doc['pages']) + 1 }), first.id);
    } finally {
      db.close();
    }
    await expect(fx.engine.certificates.pdf(first.id)).rejects.toThrow(
      `The PDF of certificate ${first.number} is missing (${first.pdfPath}), and re-creating it from its stored data does not give the issued file (SHA-256 ${first.sha256}); restore the file from a backup`,
    );
    expect(existsSync(first.pdfPath)).toBe(false);
  });

  it('keeps issued certificates, their snapshot and files when the feed is removed', async () => {
    fx = await createFixture({ seed: 38, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-11-04T12:00:00Z'), subSites: false });
    const [feed] = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-10-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'cli' });
    const [cert] = (await fx.engine.certificates.issue('2025-10')).certificates;
    await fx.engine.feeds.remove(feed!.id);
    const listed = await fx.engine.certificates.list('2025-10');
    expect(listed.map((c) => [c.id, c.feedId, c.entityId, c.name, c.pages, c.sha256])).toEqual([[cert!.id, feed!.id, feed!.entityId, feed!.name, cert!.pages, cert!.sha256]]);
    expect(sha256(await fx.engine.certificates.pdf(cert!.id))).toBe(cert!.sha256);
    expect(readdirSync(join(fx.dataDir, 'certificates', '2025-10'))).toEqual([`${cert!.number}.pdf`]);
    expect(await fx.engine.ctx.db.consistencyProblems()).toEqual([]);
    // Issuing again still returns it (nothing is re-certified for a removed feed).
    expect((await fx.engine.certificates.issue('2025-10')).certificates.map((c) => c.id)).toEqual([cert!.id]);
    const range = monthRange('2025-10');
    expect(await fx.engine.ctx.db.certificates.ledgerPages(feed!.id, range.first, range.last)).toBe(0);
  });
});

/** A small real PNG (8×4 RGBA, green), built by hand: signature, IHDR, IDAT, IEND. */
function pngLogo(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < 4; y++) {
    rows.push(0);
    for (let x = 0; x < 8; x++) rows.push(47, 107, 59, 255);
  }
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}
