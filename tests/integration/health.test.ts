// Feed health (R11), recovery backfill (R6) and server health (R12) over weeks of simulated
// time: the engine and the simulator share a controlled clock, nightly runs at 02:00.
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, fixturesClosedAfterEach, ledgerOf, type Fixture } from '../support/fixture';

const fixture = fixturesClosedAfterEach(afterEach);

const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

/** Runs the nightly collection on each day from `from` to `to` (inclusive) and records the feed's health after each. */
async function nights(fx: Fixture, feedId: number, from: string, to: string): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += DAY) {
    fx.setNow(t);
    await fx.engine.collect({ trigger: 'schedule' });
    const feed = await fx.engine.feeds.get(feedId);
    seen[new Date(t).toISOString().slice(0, 10)] = feed.health;
  }
  return seen;
}

describe('feed health (R11) and recovery (R6)', () => {
  it('turns a stale feed unhealthy on the third business day (across a weekend), keeps it so, and recovers without losing a page', async () => {
    const opts = { seed: 17, customers: 2, devicesPerCustomer: 3, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-01') };
    const fx = await fixture(opts);
    const clean = await fixture(opts); // the same dealer, whose agent never stopped
    const [customer] = fx.sim.customers();
    // The agent stops after Friday 5 Sep and comes back on Tuesday 16 Sep at 10:00 with its buffer.
    fx.sim.staleAgent(customer!.id, new Date('2025-09-06T00:00:00Z'), new Date('2025-09-16T10:00:00Z'));
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-08-15', scope: 'all' });
    const seen = await nights(fx, feed.id, '2025-09-01', '2025-09-17');
    expect(seen).toEqual({
      '2025-09-01': 'healthy', '2025-09-02': 'healthy', '2025-09-03': 'healthy', '2025-09-04': 'healthy', '2025-09-05': 'healthy',
      '2025-09-06': 'healthy', '2025-09-07': 'healthy', '2025-09-08': 'healthy', '2025-09-09': 'healthy',
      '2025-09-10': 'healthy', // Wednesday: Mon and Tue lie between → 2 business days
      '2025-09-11': 'unhealthy', // Thursday: Mon, Tue, Wed → 3
      '2025-09-12': 'unhealthy', '2025-09-13': 'unhealthy', '2025-09-14': 'unhealthy', '2025-09-15': 'unhealthy', '2025-09-16': 'unhealthy',
      '2025-09-17': 'healthy', // the buffer arrived on Tuesday 10:00
    });
    const events = await fx.engine.ctx.db.healthEvents.list({ subject: 'feed', subjectId: feed.id });
    expect(events.map((e) => [e.health, new Date(e.observedAt).toISOString(), e.reason])).toEqual([
      ['healthy', '2025-09-17T02:00:00.000Z', 'receiving data (newest read Tue 16 Sep 2025)'],
      ['unhealthy', '2025-09-11T02:00:00.000Z', "no new data since Fri 5 Sep 2025 — the customer's data-collection agent may be stale"],
    ]);

    const cleanFeed = await clean.engine.feeds.add({ serverId: clean.serverId, entityId: customer!.id, activationDate: '2025-08-15', scope: 'all' });
    clean.setNow(at('2025-09-17'));
    await clean.engine.collect({ trigger: 'schedule' });
    expect(await ledgerOf(fx.engine, feed.id)).toEqual(await ledgerOf(clean.engine, cleanFeed.id));
  });

  it('does not count a configured holiday as a business day', async () => {
    const fx = await fixture({ seed: 18, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-05'), timezone: 'America/Chicago' });
    await fx.engine.updateSettings({ holidays: ['2025-09-08'] });
    const [customer] = fx.sim.customers();
    fx.sim.staleAgent(customer!.id, new Date('2025-09-06T06:00:00Z'), null); // after Friday 5 Sep in Chicago
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-08-15', scope: 'all' });
    // 02:00 UTC is the previous evening in Chicago: run at 14:00 UTC so "today" is the UTC date.
    const seen: Record<string, string> = {};
    for (const day of ['2025-09-10', '2025-09-11', '2025-09-12']) {
      fx.setNow(new Date(`${day}T14:00:00Z`));
      await fx.engine.collect({ trigger: 'schedule' });
      seen[day] = (await fx.engine.feeds.get(feed.id)).health;
    }
    // Holiday Monday: Thursday has only Tue and Wed between → healthy; Friday → unhealthy.
    expect(seen).toEqual({ '2025-09-10': 'healthy', '2025-09-11': 'healthy', '2025-09-12': 'unhealthy' });
  });

  it('judges a feed that never had data from its activation date', async () => {
    const fx = await fixture({ seed: 19, customers: 1, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-01') });
    const [customer] = fx.sim.customers();
    fx.sim.staleAgent(customer!.id, new Date('2025-08-01T00:00:00Z'), null);
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-09-01', scope: 'all' });
    const seen = await nights(fx, feed.id, '2025-09-04', '2025-09-05');
    expect(seen).toEqual({ '2025-09-04': 'healthy', '2025-09-05': 'unhealthy' }); // Mon 1 Sep: Tue, Wed, Thu between on Friday
    expect((await fx.engine.feeds.get(feed.id)).healthReason).toBe("no data since activation on Mon 1 Sep 2025 — check the customer's data-collection agent");
  });

  it('reaches back to the outage for 31 days after recovery, so a backlog uploaded later is not missed (R6)', async () => {
    const opts = { seed: 23, customers: 1, devicesPerCustomer: 3, historyStart: new Date('2025-06-01T00:00:00Z'), now: at('2025-07-01') };
    const fx = await fixture(opts);
    const clean = await fixture(opts);
    const [customer] = fx.sim.customers();
    // 45 days offline from 2 Jul. On 16 Aug the agent returns with its last 15 days; the first
    // 30 days of the backlog trickle in a week later (23 Aug).
    fx.sim.backlog(customer!.id, new Date('2025-07-02T00:00:00Z'), new Date('2025-08-01T00:00:00Z'), new Date('2025-08-23T12:00:00Z'));
    fx.sim.backlog(customer!.id, new Date('2025-08-01T00:00:00Z'), new Date('2025-08-16T00:00:00Z'), new Date('2025-08-16T00:00:00Z'));
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-06-15', scope: 'all' });
    for (let t = at('2025-07-01').getTime(); t <= at('2025-08-25').getTime(); t += 2 * DAY) {
      fx.setNow(t);
      await fx.engine.collect({ trigger: 'schedule' });
    }
    const f = await fx.engine.feeds.get(feed.id);
    expect(f.health).toBe('healthy');
    expect(f.unhealthyAnchorAt).not.toBeNull();
    expect(f.recoveredAt).not.toBeNull();
    const cleanFeed = await clean.engine.feeds.add({ serverId: clean.serverId, entityId: customer!.id, activationDate: '2025-06-15', scope: 'all' });
    clean.setNow(fx.clock.now());
    await clean.engine.collect({ trigger: 'schedule' });
    expect(await ledgerOf(fx.engine, feed.id)).toEqual(await ledgerOf(clean.engine, cleanFeed.id));
  });
});

describe('server health (R12)', () => {
  const cases: { name: string; setup: (fx: Fixture) => Promise<void> | void; reason: string }[] = [
    { name: '401', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'status', status: 401 }), reason: 'API key rejected (401)' },
    { name: '403', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'status', status: 403 }), reason: 'API key rejected (403)' },
    { name: '404', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'status', status: 404 }), reason: 'Entity not found (404)' },
    { name: '5xx', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'status', status: 503 }), reason: 'Print Tracker server error (503)' },
    { name: 'malformed body', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'malformed-json' }), reason: 'unexpected response: not JSON' },
    { name: 'timeout', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'hang' }), reason: 'timed out after 1.5 s' },
    { name: 'dropped connection', setup: (fx) => fx.sim.fault({ match: `/v1/entity/${fx.sim.parentEntityId}`, kind: 'drop-connection' }), reason: 'connection dropped' },
    {
      name: 'untrusted TLS',
      setup: async (fx) => {
        const other = await fixture({ seed: 2, customers: 1, now: fx.sim.now() });
        await fx.engine.ctx.db.servers.update(fx.serverId, { caPem: other.sim.caPem });
      },
      reason: 'TLS certificate not trusted',
    },
    { name: 'network', setup: (fx) => fx.engine.ctx.db.servers.update(fx.serverId, { url: 'https://127.0.0.1:1' }), reason: 'could not connect (connection refused)' },
  ];

  for (const c of cases) {
    it(`a ${c.name} failure marks the server unhealthy with "${c.reason}" and skips its feeds`, async () => {
      const fx = await fixture({ seed: 30, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-10') });
      await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
      await c.setup(fx);
      fx.sim.clearRequests();
      const [result] = await fx.engine.servers.check(fx.serverId);
      expect(result!.check).toMatchObject({ ok: false, reason: c.reason });
      const server = await fx.engine.servers.get(fx.serverId);
      expect({ health: server.health, reason: server.healthReason }).toEqual({ health: 'unhealthy', reason: c.reason });
      const run = await fx.engine.collect({ trigger: 'schedule' });
      expect(run.servers).toEqual([{ id: fx.serverId, name: server.name, health: 'unhealthy', reason: c.reason }]);
      expect(run.feeds.every((f) => f.status === 'skipped' && f.error === `server unhealthy: ${c.reason}`)).toBe(true);
      expect(fx.sim.requests().some((r) => r.path.endsWith('/meter'))).toBe(false);
    });
  }

  it('a wrong API key: unhealthy after one check, nothing collected; once the key is replaced collection resumes with nothing missed', async () => {
    const opts = { seed: 40, customers: 2, devicesPerCustomer: 3, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-05') };
    const fx = await fixture(opts);
    const clean = await fixture(opts);
    const feeds = await fx.engine.feeds.addAllUnmapped({ serverId: fx.serverId, activationDate: '2025-09-01', scope: 'all' });
    await fx.engine.collect({ trigger: 'schedule' });
    // The dealer's key is revoked in Print Tracker: the stored one no longer works.
    await fx.engine.ctx.secrets.set(`server:${fx.serverId}:api-key`, '00000000-0000-4000-8000-000000000000');
    fx.setNow(at('2025-09-06'));
    const [check] = await fx.engine.servers.check(fx.serverId);
    expect(check!.check.reason).toBe('API key rejected (401)');
    for (let day = 6; day <= 20; day++) {
      fx.setNow(at(`2025-09-${String(day).padStart(2, '0')}`));
      const run = await fx.engine.collect({ trigger: 'schedule' });
      expect(run.feeds.map((f) => f.status)).toEqual(feeds.map(() => 'skipped'));
    }
    const replaced = await fx.engine.servers.setKey(fx.serverId, fx.sim.apiKey);
    expect(replaced.ok).toBe(true);
    expect(await fx.engine.ctx.secrets.get(`server:${fx.serverId}:api-key`)).toBe(fx.sim.apiKey);
    expect((await fx.engine.servers.get(fx.serverId)).health).toBe('healthy');
    const run = await fx.engine.collect({ trigger: 'schedule' });
    expect(run.feeds.every((f) => f.status === 'ok')).toBe(true);

    const cleanFeeds = await clean.engine.feeds.addAllUnmapped({ serverId: clean.serverId, activationDate: '2025-09-01', scope: 'all' });
    clean.setNow(fx.clock.now());
    await clean.engine.collect({ trigger: 'schedule' });
    for (let i = 0; i < feeds.length; i++) expect(await ledgerOf(fx.engine, feeds[i]!.id)).toEqual(await ledgerOf(clean.engine, cleanFeeds[i]!.id));
  });

  it('a replacement key that fails its check keeps the old one', async () => {
    const fx = await fixture({ seed: 41, customers: 1, now: at('2025-09-05') });
    await expect(fx.engine.servers.setKey(fx.serverId, '00000000-0000-4000-8000-000000000000')).rejects.toThrow('The new API key did not pass the connection check: API key rejected (401). The old key was kept.');
    expect(await fx.engine.ctx.secrets.get(`server:${fx.serverId}:api-key`)).toBe(fx.sim.apiKey);
  });
});

describe('feed health when its collection fails (R11)', () => {
  it('turns a feed unhealthy when its reads cannot be fetched for three business days', async () => {
    const fx = await fixture({ seed: 44, customers: 2, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: at('2025-09-01') });
    const [customer] = fx.sim.customers();
    const feed = await fx.engine.feeds.add({ serverId: fx.serverId, entityId: customer!.id, activationDate: '2025-08-15', scope: 'all' });
    fx.setNow(new Date('2025-09-05T23:30:00Z')); // Friday's reads are all in
    await fx.engine.collect({ trigger: 'schedule' });
    // From then on Print Tracker refuses this customer's reads (the key itself still works).
    fx.sim.fault({ match: `/v1/entity/${customer!.id}/meter`, kind: 'status', status: 403 });
    const seen = await nights(fx, feed.id, '2025-09-06', '2025-09-11');
    expect(seen['2025-09-10']).toBe('healthy');
    expect(seen['2025-09-11']).toBe('unhealthy');
    const [run] = await fx.engine.runs(1);
    expect(run!.feeds.find((f) => f.feedId === feed.id)).toMatchObject({ status: 'error', error: "Print Tracker refused access to this customer's data (403)" });
    expect((await fx.engine.feeds.get(feed.id)).unhealthyAnchorAt).not.toBeNull();
  });
});
