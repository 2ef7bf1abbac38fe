// The Print Tracker client against the simulator over real HTTPS on 127.0.0.1 (no mocks).
import { inspect } from 'node:util';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrintTrackerClient, PrintTrackerError, type ClientOptions } from '../../main/engine/printtracker/client';
import { startSimulator, type Simulator } from '../../main/engine/printtracker/simulator';
import { startBadTlsServer } from '../support/simulator-tls';

const NOW = new Date('2025-10-15T12:00:00.000Z');
const DAY = 86_400_000;

let sim: Simulator;
const clients: PrintTrackerClient[] = [];

function client(options: ClientOptions = {}, conn: Partial<{ url: string; apiKey: string; caPem: string | null }> = {}): PrintTrackerClient {
  const c = new PrintTrackerClient(
    { url: conn.url ?? sim.url, apiKey: conn.apiKey ?? sim.apiKey, caPem: conn.caPem === undefined ? sim.caPem : conn.caPem },
    { retryBaseMs: 5, ...options },
  );
  clients.push(c);
  return c;
}

/** Awaits a failure, checks kind and exact reason, and that no secret leaks from the error. */
async function expectFailure(promise: Promise<unknown>, kind: PrintTrackerError['kind'], reason: string, secrets: string[] = [sim.apiKey]) {
  const err = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrintTrackerError);
  const e = err as PrintTrackerError;
  expect({ kind: e.kind, reason: e.reason, message: e.message }).toEqual({ kind, reason, message: reason });
  const everything = [e.message, e.stack ?? '', inspect(e, { depth: 5, showHidden: true }), JSON.stringify(e), String(e)].join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
  return e;
}

function requestsTo(pathPart: string) {
  return sim.requests().filter((r) => r.path.includes(pathPart));
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, customers: 6, devicesPerCustomer: [4, 7], now: NOW });
});

afterEach(() => {
  sim.clearFaults();
  sim.clearRequests();
  while (clients.length > 0) clients.pop()!.close();
});

afterAll(async () => {
  await sim.close();
});

describe('reading entities, devices and meter reads', () => {
  it('gets the parent entity (health check) and keeps only the documented fields it needs', async () => {
    const entity = await client().getEntity(sim.parentEntityId);
    expect(entity.id).toBe(sim.parentEntityId);
    expect(entity.name).toBe(sim.parentName);
    expect(entity).not.toHaveProperty('addresses'); // the app must not keep addresses
    const [req] = sim.requests();
    expect(req).toMatchObject({ method: 'GET', path: `/v1/entity/${sim.parentEntityId}`, status: 200 });
  });

  it('lists every level below the parent as one flat list, sub-sites included', async () => {
    const children = await client().listChildren(sim.parentEntityId);
    const expected = sim.customers().map((c) => ({ id: c.id, name: c.name }));
    expect(children).toEqual(expected);
    expect(sim.customers().some((c) => c.parentId !== sim.parentEntityId)).toBe(true);
    expect(sim.requests()[0]!.query).toEqual({ includeChildren: 'true' });
  });

  it('accepts a base URL that already ends in /v1, with or without a trailing slash', async () => {
    for (const url of [`${sim.url}/`, `${sim.url}/v1`, `${sim.url}/v1/`]) {
      const entity = await client({}, { url }).getEntity(sim.parentEntityId);
      expect(entity.id).toBe(sim.parentEntityId);
    }
    expect(sim.requests().map((r) => r.path)).toEqual(Array(3).fill(`/v1/entity/${sim.parentEntityId}`));
  });

  it('lists devices with excludeDisabled, and only the managed ones when asked (R5)', async () => {
    const customer = sim.customers()[0]!;
    const all = await client().listDevices(customer.id, { excludeDisabled: false });
    const managed = await client().listDevices(customer.id, { excludeDisabled: true });
    expect(all.map((d) => d.id).sort()).toEqual(customer.devices.map((d) => d.id).sort());
    expect(managed.map((d) => d.id).sort()).toEqual(customer.devices.filter((d) => d.managed).map((d) => d.id).sort());
    for (const d of all) {
      expect(Object.keys(d).sort()).toEqual(['createdDate', 'entityKey', 'id']); // no serials, IPs, locations
    }
    expect(requestsTo('/device').map((r) => r.query['excludeDisabled'])).toEqual(['false', 'true']);
  });

  it('reads meter reads with timestamp in [start, end], both bounds inclusive', async () => {
    const customer = sim.customers()[1]!;
    const c = client();
    const wide = await c.listMeterReads(customer.id, { start: new Date(NOW.getTime() - 10 * DAY), end: NOW, excludeDisabled: false });
    const times = [...new Set(wide.map((r) => r['timestamp'] as string))].sort();
    expect(times.length).toBeGreaterThan(10);
    const first = times[2]!;
    const last = times[times.length - 3]!;
    const exact = await c.listMeterReads(customer.id, { start: new Date(first), end: new Date(last), excludeDisabled: false });
    const got = exact.map((r) => r['timestamp'] as string);
    expect(got).toContain(first);
    expect(got).toContain(last);
    expect(got.every((t) => t >= first && t <= last)).toBe(true);
    expect(exact.length).toBe(wide.filter((r) => (r['timestamp'] as string) >= first && (r['timestamp'] as string) <= last).length);
    const req = requestsTo('/meter')[1]!;
    expect(req.query).toMatchObject({ start: first, end: last, excludeDisabled: 'false', page: '1', limit: '1000' });
  });

  it('filters meter reads to managed devices with excludeDisabled=true (R5)', async () => {
    const customer = sim.customers().find((c) => c.devices.some((d) => !d.managed) && c.devices.some((d) => d.managed))!;
    expect(customer).toBeDefined();
    const range = { start: new Date(NOW.getTime() - 5 * DAY), end: NOW };
    const managedIds = new Set(customer.devices.filter((d) => d.managed).map((d) => d.id));
    const managed = await client().listMeterReads(customer.id, { ...range, excludeDisabled: true });
    const all = await client().listMeterReads(customer.id, { ...range, excludeDisabled: false });
    expect(new Set(managed.map((r) => r['deviceKey']))).toEqual(managedIds);
    expect(new Set(all.map((r) => r['deviceKey']))).toEqual(new Set(customer.devices.map((d) => d.id)));
  });

  it('follows /meter paging until a short page, without duplicates', async () => {
    const customer = sim.customers()[2]!;
    const range = { start: new Date(NOW.getTime() - 30 * DAY), end: NOW, excludeDisabled: false };
    const whole = await client().listMeterReads(customer.id, range);
    sim.clearRequests();
    const paged = await client().listMeterReads(customer.id, { ...range, pageLimit: 25 });
    expect(paged.map((r) => r['id'])).toEqual(whole.map((r) => r['id']));
    const pages = requestsTo('/meter').map((r) => Number(r.query['page']));
    expect(pages).toEqual(Array.from({ length: Math.floor(whole.length / 25) + 1 }, (_, i) => i + 1));
    expect(requestsTo('/meter').every((r) => r.query['limit'] === '25')).toBe(true);
  });

  it('keeps its connections alive across requests', async () => {
    const before = sim.connectionCount();
    const c = client();
    for (let i = 0; i < 15; i++) await c.getEntity(sim.parentEntityId);
    expect(sim.connectionCount() - before).toBe(1);
  });

  it('sends nothing but GET', async () => {
    const c = client();
    const customer = sim.customers()[0]!;
    await c.getEntity(sim.parentEntityId);
    await c.listChildren(sim.parentEntityId);
    await c.listDevices(customer.id, { excludeDisabled: false });
    await c.listMeterReads(customer.id, { start: new Date(NOW.getTime() - DAY), end: NOW, excludeDisabled: false });
    const methods = sim.requests().map((r) => r.method);
    expect(methods.length).toBe(4);
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });
});

describe('paging against other servers', () => {
  it('pages /device 100 at a time: 250 devices take 3 requests', async () => {
    const big = await startSimulator({ seed: 3, customers: 1, devicesPerCustomer: 250, subSites: false, now: NOW });
    try {
      const c = new PrintTrackerClient({ url: big.url, apiKey: big.apiKey, caPem: big.caPem });
      const devices = await c.listDevices(big.customers()[0]!.id, { excludeDisabled: false });
      c.close();
      expect(devices.length).toBe(250);
      expect(new Set(devices.map((d) => d.id)).size).toBe(250);
      expect(big.requests().map((r) => [r.query['page'], r.query['limit']])).toEqual([['1', '100'], ['2', '100'], ['3', '100']]);
    } finally {
      await big.close();
    }
  });

  it('stops when a server ignores /meter paging: no endless loop, no duplicates', async () => {
    const lax = await startSimulator({ seed: 7, customers: 6, devicesPerCustomer: [4, 7], now: NOW, meterIgnoresPaging: true });
    try {
      const customer = lax.customers()[2]!;
      const c = new PrintTrackerClient({ url: lax.url, apiKey: lax.apiKey, caPem: lax.caPem });
      const range = { start: new Date(NOW.getTime() - 30 * DAY), end: NOW, excludeDisabled: false };
      const reads = await c.listMeterReads(customer.id, { ...range, pageLimit: 10 });
      c.close();
      const expected = await client().listMeterReads(customer.id, range);
      expect(reads.length).toBeGreaterThan(10);
      expect(reads.map((r) => r['id'])).toEqual(expected.map((r) => r['id']));
      expect(lax.requests().map((r) => r.query['page'])).toEqual(['1', '2']);
    } finally {
      await lax.close();
    }
  });
});

describe('a server that caps /meter pages silently', () => {
  it('keeps paging after a short page of a round size, so no read is lost', async () => {
    const capped = await startSimulator({ seed: 8, customers: 3, devicesPerCustomer: 9, now: NOW, meterPageCap: 100 });
    try {
      const customer = capped.customers()[0]!;
      const c = new PrintTrackerClient({ url: capped.url, apiKey: capped.apiKey, caPem: capped.caPem });
      const range = { start: new Date(NOW.getTime() - 35 * DAY), end: NOW, excludeDisabled: false };
      const reads = await c.listMeterReads(customer.id, range); // asks for 1,000 per page, gets 100
      const requests = capped.requests().length;
      const all = await c.listMeterReads(customer.id, { ...range, pageLimit: 100 }); // pages the cap honestly
      c.close();
      expect(all.length).toBeGreaterThan(300);
      expect(all.length % 100).not.toBe(0); // the last page is short, so exactly ⌈n/100⌉ requests
      expect(reads.map((r) => r['id'])).toEqual(all.map((r) => r['id']));
      expect(requests).toBe(Math.ceil(all.length / 100));
    } finally {
      await capped.close();
    }
  });
});

describe('failures: each one a plain reason, never the API key', () => {
  it('does not show the API key when the client itself is logged', () => {
    const c = client();
    expect(inspect(c, { depth: 10, showHidden: true })).not.toContain(sim.apiKey);
    expect(JSON.stringify(Object.entries(c))).not.toContain(sim.apiKey);
  });

  it('refuses http:// (and any non-https URL) before any request', () => {
    for (const url of ['http://127.0.0.1:1', 'ftp://example.com', 'not a url']) {
      let caught: unknown;
      try {
        new PrintTrackerClient({ url, apiKey: sim.apiKey });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(PrintTrackerError);
      expect((caught as PrintTrackerError).kind).toBe('insecure-url');
      expect((caught as PrintTrackerError).reason).toMatch(/^Only https:\/\/ server URLs are allowed/);
      expect(inspect(caught)).not.toContain(sim.apiKey);
    }
  });

  it('401: a wrong API key is rejected and not retried', async () => {
    const wrongKey = '11111111-2222-4333-8444-555555555555';
    await expectFailure(client({}, { apiKey: wrongKey }).getEntity(sim.parentEntityId), 'auth', 'API key rejected (401)', [wrongKey, sim.apiKey]);
    expect(sim.requests().map((r) => r.status)).toEqual([401]);
  });

  it('403', async () => {
    sim.fault({ kind: 'status', status: 403 });
    const e = await expectFailure(client().getEntity(sim.parentEntityId), 'auth', 'API key rejected (403)');
    expect(e.status).toBe(403);
    expect(sim.requests().length).toBe(1);
  });

  it('404: an unknown entity', async () => {
    await expectFailure(client().getEntity('0123456789abcdef01234567'), 'not-found', 'Entity not found (404)');
    expect(sim.requests().length).toBe(1);
  });

  it('5xx is retried, then reported with its status', async () => {
    sim.fault({ kind: 'status', status: 500 });
    await expectFailure(client({ retries: 2 }).getEntity(sim.parentEntityId), 'server', 'Print Tracker server error (500)');
    expect(sim.requests().map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('a 503 that clears within the retry budget is recovered from', async () => {
    sim.fault({ kind: 'status', status: 503, times: 2 });
    const entity = await client({ retries: 3 }).getEntity(sim.parentEntityId);
    expect(entity.id).toBe(sim.parentEntityId);
    expect(sim.requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('429: waits at least Retry-After, tells the caller, then recovers', async () => {
    sim.fault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    const seen: (number | null)[] = [];
    const started = performance.now();
    const entity = await client({ retries: 3, onRateLimited: (ms) => seen.push(ms) }).getEntity(sim.parentEntityId);
    const elapsed = performance.now() - started;
    expect(entity.id).toBe(sim.parentEntityId);
    expect(seen).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    const [first, second] = sim.requests();
    expect([first!.status, second!.status]).toEqual([429, 200]);
    expect(second!.at.getTime() - first!.at.getTime()).toBeGreaterThanOrEqual(995); // clock granularity
  });

  it('429 that persists: reported after the retries, Retry-After capped by maxRetryAfterMs', async () => {
    sim.fault({ kind: 'status', status: 429, retryAfterSeconds: 30 });
    const seen: (number | null)[] = [];
    const started = performance.now();
    await expectFailure(
      client({ retries: 2, maxRetryAfterMs: 40, onRateLimited: (ms) => seen.push(ms) }).getEntity(sim.parentEntityId),
      'rate-limited',
      'rate limited by Print Tracker (429)',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(seen).toEqual([40, 40, 40]);
    expect(sim.requests().length).toBe(3);
  });

  it('429 without Retry-After backs off exponentially', async () => {
    sim.fault({ kind: 'status', status: 429, times: 2 });
    const seen: (number | null)[] = [];
    await client({ retries: 3, retryBaseMs: 40, onRateLimited: (ms) => seen.push(ms) }).getEntity(sim.parentEntityId);
    expect(seen).toEqual([null, null]);
    const [a, b, c] = sim.requests().map((r) => r.at.getTime());
    expect(b! - a!).toBeGreaterThanOrEqual(19); // attempt 0: 20..40 ms
    expect(c! - b!).toBeGreaterThanOrEqual(39); // attempt 1: 40..80 ms
  });

  it('another status is reported as is and not retried', async () => {
    sim.fault({ kind: 'status', status: 418 });
    const e = await expectFailure(client().getEntity(sim.parentEntityId), 'http', 'unexpected HTTP status 418');
    expect(e.status).toBe(418);
    expect(sim.requests().length).toBe(1);
  });

  it('a body that is not JSON is malformed and not retried', async () => {
    sim.fault({ kind: 'malformed-json' });
    await expectFailure(client().getEntity(sim.parentEntityId), 'malformed', 'unexpected response: not JSON');
    expect(sim.requests().length).toBe(1);
  });

  it('a wrongly shaped entity is an error that names the problem without echoing the body', async () => {
    sim.fault({ kind: 'wrong-shape' });
    const err = await client().getEntity(sim.parentEntityId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrintTrackerError);
    const e = err as PrintTrackerError;
    expect(e.kind).toBe('malformed');
    expect(e.reason).toMatch(/^unexpected response: /);
    expect(e.reason).toMatch(/\bid\b/);
    expect(e.reason).not.toContain('not an entity');
    expect(e.reason.length).toBeLessThan(200);
  });

  it('a list endpoint that returns something else than a list is malformed', async () => {
    const customer = sim.customers()[0]!;
    sim.fault({ kind: 'wrong-shape', match: '/device' });
    await expectFailure(client().listDevices(customer.id, { excludeDisabled: false }), 'malformed', 'unexpected response: expected a list');
    sim.fault({ kind: 'wrong-shape', match: '/meter' });
    await expectFailure(
      client().listMeterReads(customer.id, { start: new Date(NOW.getTime() - DAY), end: NOW, excludeDisabled: false }),
      'malformed',
      'unexpected response: expected a list',
    );
  });

  it('a hanging server times out (and the timeout is retried)', async () => {
    sim.fault({ kind: 'hang' });
    const started = performance.now();
    await expectFailure(client({ timeoutMs: 200, retries: 1 }).getEntity(sim.parentEntityId), 'timeout', 'timed out after 0.2 s');
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
    expect(sim.requests().length).toBe(2);
  });

  it('a dropped connection is retried, then reported', async () => {
    sim.fault({ kind: 'drop-connection' });
    await expectFailure(client({ retries: 2 }).getEntity(sim.parentEntityId), 'network', 'connection dropped');
    expect(sim.requests().length).toBe(3);
  });

  it('a connection dropped twice is recovered from within the retry budget', async () => {
    sim.fault({ kind: 'drop-connection', times: 2 });
    const entity = await client({ retries: 3 }).getEntity(sim.parentEntityId);
    expect(entity.name).toBe(sim.parentName);
    expect(sim.requests().map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it('a faulty /meter page fails the whole listing, nothing partial', async () => {
    const customer = sim.customers()[0]!;
    sim.fault({ kind: 'malformed-json', match: /\/meter$/, times: 1 });
    await expectFailure(
      client().listMeterReads(customer.id, { start: new Date(NOW.getTime() - 30 * DAY), end: NOW, excludeDisabled: false, pageLimit: 10 }),
      'malformed',
      'unexpected response: not JSON',
    );
  });

  it('a server whose CA is not trusted', async () => {
    await expectFailure(client({ retries: 0 }, { caPem: null }).getEntity(sim.parentEntityId), 'tls', 'TLS certificate not trusted');
    expect(sim.requests().length).toBe(0);
  });

  it('an expired certificate', async () => {
    const bad = await startBadTlsServer('expired');
    try {
      await expectFailure(client({}, { url: bad.url, caPem: bad.caPem }).getEntity('x'), 'tls', 'TLS certificate expired');
    } finally {
      await bad.close();
    }
  });

  it('a certificate for another host name', async () => {
    const bad = await startBadTlsServer('wrong-name');
    try {
      await expectFailure(client({}, { url: bad.url, caPem: bad.caPem }).getEntity('x'), 'tls', 'TLS certificate does not match the server name');
    } finally {
      await bad.close();
    }
  });

  it('a refused connection is retried, then reported', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const e = await expectFailure(client({ retries: 1 }, { url: `https://127.0.0.1:${port}` }).getEntity('x'), 'network', 'could not connect (connection refused)');
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('a cancelled request stops at once', async () => {
    sim.fault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = client({ signal: controller.signal, timeoutMs: 10_000 }).getEntity(sim.parentEntityId);
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expectFailure(pending, 'aborted', 'request cancelled');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
