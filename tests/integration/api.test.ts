// The API contract implemented over the engine (what the renderer gets, whatever the
// transport): validation into clear errors, no secret in any result, the dashboard's
// overview, and the certificates flow end to end. Also the nightly run's auto-issue.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult, CertificateMonth, IssueOutcome, Overview, ServerView } from '../../preload/api';
import { createApi } from '../../main/api/handlers';
import { LiveState } from '../../main/api/live-state';
import { createFixture, type Fixture } from '../support/fixture';

let fx: Fixture | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await fx?.close();
  fx = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function api(f: Fixture) {
  const exportDir = mkdtempSync(join(tmpdir(), 'printreleaf-export-'));
  dirs.push(exportDir);
  const service = createApi(f.engine, new LiveState(f.engine.events), { shell: 'web', version: 'test', secretStoreDescription: 'test', chooseExportDirectory: async () => exportDir });
  return {
    exportDir,
    async call<T>(method: string, input: unknown = null): Promise<T> {
      const r = (await service.invoke(method, input)) as ApiResult<T>;
      if (!r.ok) throw new Error(`${method}: ${r.error.kind}: ${r.error.message}`);
      return r.value;
    },
    raw: (method: string, input: unknown) => service.invoke(method, input),
  };
}

describe('API contract over the engine', () => {
  it('rejects bad input with the field and the exact problem, and never returns a secret', async () => {
    fx = await createFixture({ seed: 80, customers: 2, now: new Date('2025-10-10T10:00:00Z') });
    const a = api(fx);
    expect(await a.raw('addFeed', { serverId: fx.serverId, entityId: 'xyz', activationDate: '2025-09-01', scope: 'all' })).toEqual({
      ok: false,
      error: { kind: 'input', message: 'An Entity ID is 24 characters, 0–9 and a–f', field: 'entityId' },
    });
    expect(await a.raw('listRuns', { limit: 0 })).toMatchObject({ ok: false, error: { kind: 'input', field: 'limit' } });
    expect(await a.raw('updateSettings', { smtpPassword: 'x' })).toMatchObject({ ok: false, error: { kind: 'input' } });
    await a.call('setSmtpPassword', { password: 'hunter2-secret' });
    const everything = JSON.stringify([await a.call('listServers'), await a.call('getSettings'), await a.call('getAppInfo'), await a.call('getOverview')]);
    expect(everything).not.toContain(fx.sim.apiKey);
    expect(everything).not.toContain('hunter2-secret');
    expect((await a.call<{ smtpPasswordSet: boolean }>('getSettings')).smtpPasswordSet).toBe(true);
    expect((await a.call<ServerView[]>('listServers'))[0]!.hasApiKey).toBe(true);
  });

  it('shows the one line of truth and what needs attention, with the fixing action', async () => {
    fx = await createFixture({ seed: 81, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-20T10:00:00Z') });
    const [, quiet] = fx.sim.customers();
    fx.sim.staleAgent(quiet!.id, new Date('2025-09-10T00:00:00Z'), null);
    const a = api(fx);
    const feeds = await a.call<unknown[]>('addAllUnmapped', { serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await a.call('collectNow');
    const o = await a.call<Overview>('getOverview');
    expect(o.status).toBe('attention');
    expect(o.summary).toMatch(/^1 feed needs attention · last collection /);
    expect(o.attention).toEqual([
      expect.objectContaining({ kind: 'feed-unhealthy', severity: 'warning', action: expect.objectContaining({ screen: 'feeds' }), detail: expect.stringContaining('No pages are lost') }),
    ]);
    expect(o.month.pages).toBeGreaterThan(0);
    expect(o.feeds).toEqual({ total: feeds.length, healthy: feeds.length - 1, unhealthy: 1, paused: 0 });
  });

  it('issues, previews, exports and lists certificates for a month', async () => {
    fx = await createFixture({ seed: 82, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-10-10T10:00:00Z') });
    const a = api(fx);
    const feeds = await a.call<unknown[]>('addAllUnmapped', { serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await a.call('collectNow');
    const before = await a.call<CertificateMonth>('getCertificateMonth', { month: '2025-09' });
    expect(before.certifiable).toBe(true);
    expect(before.rows.map((r) => r.status)).toEqual(feeds.map(() => 'not-yet'));
    expect((await a.call<Overview>('getOverview')).attention.map((x) => x.kind)).toContain('certificates-due');

    const issued = await a.call<IssueOutcome>('issueCertificates', { month: '2025-09' });
    expect(issued.issued).toHaveLength(feeds.length);
    const month = await a.call<CertificateMonth>('getCertificateMonth', { month: '2025-09' });
    expect(month.rows.every((r) => r.status === 'issued' && r.certificate!.pages === r.ledgerPages)).toBe(true);

    const first = month.rows[0]!.certificate!;
    const pdf = await a.call<{ fileName: string; base64: string; sha256: string }>('getCertificatePdf', { certificateId: first.id });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.sha256);
    expect(pdf.fileName).toBe(`${first.number}.pdf`);

    const exported = await a.call<{ directory: string; files: string[] }>('exportCertificates', { month: '2025-09' });
    expect(exported.directory).toBe(a.exportDir);
    expect(exported.files).toHaveLength(feeds.length);
    for (const file of exported.files) expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    const october = await a.raw('issueCertificates', { month: '2025-10' });
    expect(october).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringContaining('October 2025 can be certified from 4 November 2025') } });
  });

  it('issues the certificates that became due after the nightly run, when the dealer wants that', async () => {
    fx = await createFixture({ seed: 83, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-10-03T02:00:00Z') });
    await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.nightly('schedule');
    expect(await fx.engine.certificates.list('2025-09')).toHaveLength(0); // grace: from 4 Oct
    fx.advanceDays(1);
    await fx.engine.updateSettings({ autoIssueCertificates: false });
    await fx.engine.nightly('schedule');
    expect(await fx.engine.certificates.list('2025-09')).toHaveLength(0);
    await fx.engine.updateSettings({ autoIssueCertificates: true });
    await fx.engine.nightly('schedule');
    expect(await fx.engine.certificates.list('2025-09')).toHaveLength((await fx.engine.feeds.list()).length);
  });

  it('holds back the nightly auto-issue for a feed that is unhealthy, until it recovers', async () => {
    fx = await createFixture({ seed: 84, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-10-06T02:00:00Z'), subSites: false });
    const [, quiet] = fx.sim.customers();
    fx.sim.staleAgent(quiet!.id, new Date('2025-09-25T00:00:00Z'), new Date('2025-10-20T00:00:00Z'));
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    const stale = feeds.find((f) => f.entityId === quiet!.id)!;
    // Before any collection nothing is certified: no feed has been collected since September ended.
    expect(await fx.engine.certificates.issueDue()).toEqual([]);
    await fx.engine.collect({ trigger: 'schedule' });
    expect((await fx.engine.feeds.get(stale.id)).health).toBe('unhealthy');
    const [result] = await fx.engine.certificates.issueDue();
    expect(result!.skipped).toEqual([expect.objectContaining({ feedId: stale.id, reason: 'held', message: expect.stringContaining('held back until it is healthy again') })]);
    expect((await fx.engine.certificates.list('2025-09')).map((c) => c.feedId)).toEqual(feeds.filter((f) => f.id !== stale.id).map((f) => f.id));
    // The agent uploads its backlog; the next night certifies September with every page in it.
    fx.setNow(new Date('2025-10-21T02:00:00Z'));
    await fx.engine.nightly('schedule');
    const september = await fx.engine.certificates.list('2025-09');
    expect(september.map((c) => c.feedId).sort()).toEqual(feeds.map((f) => f.id).sort());
    const staleCertificate = september.find((c) => c.feedId === stale.id)!;
    const report = await fx.engine.report('2025-09');
    expect(staleCertificate.pages).toBe(report.feeds.find((f) => f.id === stale.id)!.pages);
    expect(staleCertificate.carriedPages).toBe(0);
  });
});
