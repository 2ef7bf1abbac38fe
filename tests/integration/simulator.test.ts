// The Print Tracker simulator: determinism, realistic reads, scripted behaviours, endpoints,
// speed, and the worker-thread variant. Over real HTTPS on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { PrintTrackerClient, PrintTrackerError } from '../../main/engine/printtracker/client';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../main/engine/printtracker/simulator';
import { DAY_MS, SimModel } from '../../main/engine/printtracker/simulator/model';
import { startSimulatorInWorker } from '../../main/engine/printtracker/simulator/worker';
import { rawGetJson, rawRequest } from '../support/simulator-http';

const NOW = new Date('2025-10-15T12:00:00.000Z');
const HOUR = 3_600_000;

type Read = Record<string, unknown> & {
  id: string;
  deviceKey: string;
  entityKey: string;
  timestamp: string;
  createdDate: string;
  pageCounts: Record<string, Record<string, { displayName: string; value: string }>>;
};

const sims: Simulator[] = [];
const clients: PrintTrackerClient[] = [];

async function sim(o: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ seed: 5, customers: 4, devicesPerCustomer: 4, subSites: false, now: NOW, ...o });
  sims.push(s);
  return s;
}

function clientFor(s: { url: string; apiKey: string; caPem: string }): PrintTrackerClient {
  const c = new PrintTrackerClient({ url: s.url, apiKey: s.apiKey, caPem: s.caPem }, { retryBaseMs: 5 });
  clients.push(c);
  return c;
}

async function reads(s: Simulator, entityId: string, start: number, end: number, excludeDisabled = false): Promise<Read[]> {
  return (await clientFor(s).listMeterReads(entityId, { start: new Date(start), end: new Date(end), excludeDisabled })) as Read[];
}

function deviceReads(all: Read[], deviceId: string): Read[] {
  return all.filter((r) => r.deviceKey === deviceId).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
}

function total(r: Read): string {
  return (r.pageCounts['life'] ?? r.pageCounts['default'])!['total']!.value;
}

afterEach(async () => {
  while (clients.length > 0) clients.pop()!.close();
  while (sims.length > 0) await sims.pop()!.close();
});

describe('determinism and data', () => {
  it('the same seed gives the same customers, ids, key and reads; another seed does not', async () => {
    const a = await sim({ seed: 11, customers: 8, devicesPerCustomer: [3, 12], subSites: true });
    const b = await sim({ seed: 11, customers: 8, devicesPerCustomer: [3, 12], subSites: true });
    const c = await sim({ seed: 12, customers: 8, devicesPerCustomer: [3, 12], subSites: true });
    expect(b.customers()).toEqual(a.customers());
    expect([b.apiKey, b.parentEntityId, b.parentName]).toEqual([a.apiKey, a.parentEntityId, a.parentName]);
    expect(a.url).not.toBe(b.url);
    const target = a.customers()[1]!.id;
    const range = [NOW.getTime() - 60 * DAY_MS, NOW.getTime()] as const;
    const readsA = await reads(a, target, ...range);
    expect(readsA.length).toBeGreaterThan(100);
    expect(await reads(b, target, ...range)).toEqual(readsA);
    expect(c.customers().map((x) => x.id)).not.toEqual(a.customers().map((x) => x.id));
    expect(c.apiKey).not.toBe(a.apiKey);
  });

  it('ids and names look like Print Tracker’s', async () => {
    const s = await sim({ customers: 40, devicesPerCustomer: [3, 12], subSites: true });
    const customers = s.customers();
    expect(s.parentEntityId).toMatch(/^[0-9a-f]{24}$/);
    expect(s.apiKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const c of customers) {
      expect(c.id).toMatch(/^[0-9a-f]{24}$/);
      expect(c.name).toMatch(/^[A-Z][\w .&'–-]+$/);
    }
    expect(new Set(customers.map((c) => c.name)).size).toBe(customers.length);
    expect(customers.filter((c) => c.parentId === s.parentEntityId).length).toBe(40);
    expect(customers.filter((c) => c.parentId !== s.parentEntityId).length).toBeGreaterThan(0); // sub-sites
    const devices = customers.flatMap((c) => c.devices);
    expect(new Set(devices.map((d) => d.id)).size).toBe(devices.length);
    const managedShare = devices.filter((d) => d.managed).length / devices.length;
    expect(managedShare).toBeGreaterThan(0.6);
    expect(managedShare).toBeLessThan(0.95);
    expect(devices.some((d) => d.family === 'default')).toBe(true);
    expect(devices.some((d) => d.family === 'life')).toBe(true);
  });

  it('a year of reads: one a day per device, counters strictly increasing by a realistic volume', async () => {
    const s = await sim({ customers: 2, devicesPerCustomer: 25 });
    const customer = s.customers()[0]!;
    const start = NOW.getTime() - 365 * DAY_MS;
    const all = await reads(s, customer.id, start, NOW.getTime());
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    let deltas = 0;
    let pages = 0;
    for (const device of customer.devices) {
      const list = deviceReads(all, device.id);
      expect(list.length).toBeGreaterThan(0);
      const days = list.map((r) => Math.floor(Date.parse(r.timestamp) / DAY_MS));
      const lastDay = Math.floor(NOW.getTime() / DAY_MS);
      // One read per day, every day, from its first read to today (or yesterday, if today's is later).
      expect(new Set(days).size).toBe(days.length);
      expect(days[days.length - 1]! - days[0]! + 1).toBe(days.length);
      expect(lastDay - days[days.length - 1]!).toBeLessThanOrEqual(1);
      for (let i = 1; i < list.length; i++) {
        const delta = Number(total(list[i]!)) - Number(total(list[i - 1]!));
        expect(delta).toBeGreaterThan(0);
        expect(delta).toBeLessThan(2_000);
        deltas++;
        pages += delta;
      }
      for (const r of list) {
        expect(r.entityKey).toBe(customer.id);
        expect(typeof total(r)).toBe('string');
        expect(Date.parse(r.createdDate)).toBeGreaterThanOrEqual(Date.parse(r.timestamp));
        if (device.family === 'default') expect(r.pageCounts['life']).toBeUndefined();
        else expect(r.pageCounts['life']!['total']!.value).toMatch(/^[1-9]\d*$/);
        expect(r.pageCounts['default']!['totalBlack']).toBeDefined();
      }
    }
    const average = pages / deltas;
    expect(average).toBeGreaterThan(10);
    expect(average).toBeLessThan(400);
  });

  it('weekends print less than weekdays', async () => {
    const s = await sim({ customers: 1, devicesPerCustomer: 10 });
    const customer = s.customers()[0]!;
    const all = await reads(s, customer.id, NOW.getTime() - 120 * DAY_MS, NOW.getTime());
    const sums = { weekday: 0, weekdayN: 0, weekend: 0, weekendN: 0 };
    for (const device of customer.devices) {
      const list = deviceReads(all, device.id);
      for (let i = 1; i < list.length; i++) {
        const dow = new Date(list[i]!.timestamp).getUTCDay();
        const delta = Number(total(list[i]!)) - Number(total(list[i - 1]!));
        if (dow === 0 || dow === 6) {
          sums.weekend += delta;
          sums.weekendN++;
        } else {
          sums.weekday += delta;
          sums.weekdayN++;
        }
      }
    }
    expect(sums.weekend / sums.weekendN).toBeLessThan((sums.weekday / sums.weekdayN) * 0.5);
  });
});

describe('endpoints', () => {
  it('answers 401 to a missing or wrong key, 404 to unknown entities and paths, 405 to anything but GET', async () => {
    const s = await sim();
    const path = `/v1/entity/${s.parentEntityId}`;
    expect((await rawRequest(s, path, { apiKey: null })).status).toBe(401);
    expect((await rawRequest(s, path, { apiKey: 'a97153a6-f975-4826-a63e-03fe618b4531' })).status).toBe(401);
    expect((await rawRequest(s, '/v1/entity/0123456789abcdef01234567')).status).toBe(404);
    expect((await rawRequest(s, `${path}/nothing`)).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await rawRequest(s, path, { method });
      expect(res.status).toBe(405);
      expect(res.headers['allow']).toBe('GET');
    }
    expect((await rawRequest(s, path)).status).toBe(200);
    expect((await rawRequest(s, `${path}/meter`, { query: { start: 'yesterday' } })).status).toBe(400);
    expect(s.requests().map((r) => [r.method, r.status])).toEqual([
      ['GET', 401], ['GET', 401], ['GET', 404], ['GET', 404], ['POST', 405], ['PUT', 405], ['DELETE', 405], ['PATCH', 405], ['GET', 200], ['GET', 400],
    ]);
  });

  it('serves the documented entity and device objects', async () => {
    const s = await sim({ customers: 3, subSites: true });
    const customer = s.customers()[2]!;
    const entity = await rawGetJson<Record<string, unknown>>(s, `/v1/entity/${customer.id}`);
    expect(entity).toMatchObject({ id: customer.id, name: customer.name, genealogy: expect.arrayContaining([s.parentEntityId]) });
    expect(entity['children']).toBeUndefined();
    const withChildren = await rawGetJson<{ children: { id: string; name: string }[] }>(s, `/v1/entity/${customer.id}`, { includeChildren: 'true' });
    const subSites = s.customers().filter((c) => c.parentId === customer.id);
    expect(subSites.length).toBe(1);
    expect(withChildren.children).toEqual(subSites.map((c) => ({ id: c.id, name: c.name })));

    const devices = await rawGetJson<Record<string, unknown>[]>(s, `/v1/entity/${customer.id}/device`);
    expect(devices.map((d) => d['id'])).toEqual(customer.devices.map((d) => d.id));
    for (const d of devices) {
      expect(Object.keys(d).sort()).toEqual(['createdDate', 'entityKey', 'id', 'ipAddress', 'isLocal', 'location', 'make', 'model', 'serialNumber']);
    }
    const deep = await rawGetJson<Record<string, unknown>[]>(s, `/v1/entity/${customer.id}/device`, { includeChildren: 'true' });
    expect(deep.length).toBe(customer.devices.length + subSites[0]!.devices.length);
    // The customer's /meter covers its own devices only.
    const own = await reads(s, customer.id, NOW.getTime() - 2 * DAY_MS, NOW.getTime());
    expect(new Set(own.map((r) => r.deviceKey))).toEqual(new Set(customer.devices.map((d) => d.id)));
  });

  it('pages /device with a default limit of 100', async () => {
    const s = await sim({ customers: 1, devicesPerCustomer: 130 });
    const id = s.customers()[0]!.id;
    expect((await rawGetJson<unknown[]>(s, `/v1/entity/${id}/device`)).length).toBe(100);
    expect((await rawGetJson<unknown[]>(s, `/v1/entity/${id}/device`, { page: '2' })).length).toBe(30);
    expect((await rawGetJson<unknown[]>(s, `/v1/entity/${id}/device`, { page: '3' })).length).toBe(0);
    expect((await rawGetJson<unknown[]>(s, `/v1/entity/${id}/device`, { limit: '7', page: '2' })).length).toBe(7);
  });

  it('serves currentMeter, a device’s meter and mostRecentPriorTo', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[0]!;
    const all = await reads(s, customer.id, NOW.getTime() - 10 * DAY_MS, NOW.getTime());
    const current = await rawGetJson<Read[]>(s, `/v1/entity/${customer.id}/currentMeter`);
    expect(current.length).toBe(customer.devices.length);
    for (const r of current) expect(r).toEqual(deviceReads(all, r.deviceKey).at(-1));

    const own = deviceReads(all, device.id);
    const start = own[2]!.timestamp;
    const end = own[5]!.timestamp;
    const ranged = await rawGetJson<Read[]>(s, `/v1/entity/${customer.id}/device/${device.id}/meter`, { start, end });
    expect(ranged).toEqual(own.slice(2, 6));
    const prior = await rawGetJson<Read>(s, `/v1/entity/${customer.id}/device/${device.id}/meter/mostRecentPriorTo`, { date: end });
    expect(prior).toEqual(own[4]);
    expect((await rawRequest(s, `/v1/entity/${customer.id}/device/nope/meter`)).status).toBe(404);
  });

  it('applies faults to matching paths only, as many times as asked', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    s.fault({ kind: 'status', status: 502, match: /\/device$/, times: 2 });
    expect((await rawRequest(s, `/v1/entity/${customer.id}`)).status).toBe(200);
    expect((await rawRequest(s, `/v1/entity/${customer.id}/device`)).status).toBe(502);
    expect((await rawRequest(s, `/v1/entity/${customer.id}/device`)).status).toBe(502);
    expect((await rawRequest(s, `/v1/entity/${customer.id}/device`)).status).toBe(200);
    s.fault({ kind: 'status', status: 429, retryAfterSeconds: 3, match: 'meter' });
    const limited = await rawRequest(s, `/v1/entity/${customer.id}/meter`);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '3']);
    s.clearFaults();
    expect((await rawRequest(s, `/v1/entity/${customer.id}/meter`)).status).toBe(200);
    s.clearRequests();
    expect(s.requests()).toEqual([]);
  });

  it('delays every response by the configured latency', async () => {
    const s = await sim({ latencyMs: 300 });
    const c = clientFor(s);
    let t = performance.now();
    await c.getEntity(s.parentEntityId);
    expect(performance.now() - t).toBeGreaterThanOrEqual(295);
    s.setLatency(0);
    t = performance.now();
    await c.getEntity(s.parentEntityId);
    expect(performance.now() - t).toBeLessThan(250);
  });

  it('keeps a frozen clock when `now` is given, and a running one otherwise', async () => {
    const frozen = await sim();
    await new Promise((r) => setTimeout(r, 30));
    expect(frozen.now().getTime()).toBe(NOW.getTime());
    frozen.advance(DAY_MS);
    expect(frozen.now().getTime()).toBe(NOW.getTime() + DAY_MS);
    frozen.setNow(new Date('2026-01-01T00:00:00Z'));
    expect(frozen.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');

    const running = await startSimulator({ customers: 1 });
    sims.push(running);
    const t0 = running.now().getTime();
    expect(Math.abs(t0 - Date.now())).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(running.now().getTime()).toBeGreaterThan(t0);
  });
});

describe('scripted behaviours', () => {
  const span = (days: number) => [NOW.getTime() - days * DAY_MS, NOW.getTime()] as const;

  it('resetCounter: the counter drops to the new start at `at` and grows from there', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[0]!.id;
    const at = NOW.getTime() - 10 * DAY_MS;
    s.resetCounter(device, new Date(at), 50);
    const list = deviceReads(await reads(s, customer.id, ...span(20)), device);
    const before = list.filter((r) => Date.parse(r.timestamp) < at).map((r) => Number(total(r)));
    const after = list.filter((r) => Date.parse(r.timestamp) >= at).map((r) => Number(total(r)));
    expect(before.length).toBeGreaterThan(5);
    expect(after[0]).toBe(50);
    expect(Math.min(...before)).toBeGreaterThan(1_000);
    for (const seq of [before, after]) for (let i = 1; i < seq.length; i++) expect(seq[i]!).toBeGreaterThan(seq[i - 1]!);
    expect(after[after.length - 1]!).toBeLessThan(50 + 10 * 2_000);
  });

  it('swapToHigherCounter: the counter jumps to the new start and grows from there', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[1]!.id;
    const at = NOW.getTime() - 4 * DAY_MS;
    s.swapToHigherCounter(device, new Date(at), 9_000_000);
    const values = deviceReads(await reads(s, customer.id, ...span(10)), device).map((r) => [Date.parse(r.timestamp), Number(total(r))] as const);
    const firstAfter = values.find(([ts]) => ts >= at)!;
    expect(firstAfter[1]).toBe(9_000_000);
    for (let i = 1; i < values.length; i++) expect(values[i]![1]).toBeGreaterThan(values[i - 1]![1]);
  });

  it('addGlitch: one extra read at `at` with the given value', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const [d1, d2] = customer.devices;
    const at1 = new Date(NOW.getTime() - 3 * DAY_MS + 5 * 60_000);
    const at2 = new Date(NOW.getTime() - 2 * DAY_MS);
    const plain = await reads(s, customer.id, ...span(5));
    s.addGlitch(d1!.id, at1, 'N/A');
    s.addGlitch(d2!.id, at2, 7);
    const withGlitches = await reads(s, customer.id, ...span(5));
    expect(withGlitches.length).toBe(plain.length + 2);
    const g1 = withGlitches.find((r) => r.deviceKey === d1!.id && r.timestamp === at1.toISOString())!;
    const g2 = withGlitches.find((r) => r.deviceKey === d2!.id && r.timestamp === at2.toISOString())!;
    expect(total(g1)).toBe('N/A');
    expect(total(g2)).toBe('7');
    expect(g1.pageCounts['default']!['total']!.value).toBe('N/A');
  });

  it('duplicateReads: every read is served twice, the copy with a lower counter', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[0]!.id;
    const normal = deviceReads(await reads(s, customer.id, ...span(6)), device);
    s.duplicateReads(device);
    const doubled = deviceReads(await reads(s, customer.id, ...span(6)), device);
    expect(doubled.length).toBe(normal.length * 2);
    for (const r of normal) {
      const pair = doubled.filter((x) => x.timestamp === r.timestamp);
      expect(pair.length).toBe(2);
      expect(new Set(pair.map((x) => x.id)).size).toBe(2);
      const counts = pair.map((x) => Number(total(x))).sort((a, b) => a - b);
      expect(counts[1]).toBe(Number(total(r)));
      expect(counts[0]!).toBeLessThan(counts[1]!);
    }
  });

  it('zeroReads: reads in the range carry "0"', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[2]!.id;
    const from = NOW.getTime() - 4 * DAY_MS;
    const to = NOW.getTime() - 2 * DAY_MS;
    s.zeroReads(device, new Date(from), new Date(to));
    const list = deviceReads(await reads(s, customer.id, ...span(8)), device);
    for (const r of list) {
      const ts = Date.parse(r.timestamp);
      expect(total(r) === '0').toBe(ts >= from && ts <= to);
    }
    expect(list.filter((r) => total(r) === '0').length).toBe(2);
  });

  it('lateUploads: reads appear only `delayDays` after their timestamp, unchanged', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const device = customer.devices[0]!.id;
    const onTime = deviceReads(await reads(s, customer.id, ...span(10)), device);
    s.lateUploads(device, 3);
    const early = deviceReads(await reads(s, customer.id, ...span(10)), device);
    expect(early.map((r) => r.id)).toEqual(onTime.filter((r) => Date.parse(r.timestamp) <= NOW.getTime() - 3 * DAY_MS).map((r) => r.id));
    expect(early.length).toBeLessThan(onTime.length);
    s.advance(3 * DAY_MS);
    const later = deviceReads(await reads(s, customer.id, ...span(10)), device);
    expect(later.map(({ id, timestamp, pageCounts }) => ({ id, timestamp, pageCounts }))).toEqual(
      onTime.map(({ id, timestamp, pageCounts }) => ({ id, timestamp, pageCounts })),
    );
    for (const r of later) expect(Date.parse(r.createdDate) - Date.parse(r.timestamp)).toBeGreaterThanOrEqual(3 * DAY_MS);
  });

  it('staleAgent: reads in the outage stay invisible until the agent recovers, then arrive with their own timestamps', async () => {
    const s = await sim();
    const [customer, other] = s.customers();
    const from = NOW.getTime() - 5 * DAY_MS;
    const all = [NOW.getTime() - 10 * DAY_MS, NOW.getTime() + 10 * DAY_MS] as const;
    const otherBefore = await reads(s, other!.id, ...all);

    s.staleAgent(customer!.id, new Date(from), null);
    const during = await reads(s, customer!.id, ...all);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => Date.parse(r.timestamp) < from)).toBe(true);
    expect(await reads(s, other!.id, ...all)).toEqual(otherBefore); // other customers unaffected

    s.advance(2 * DAY_MS);
    expect((await reads(s, customer!.id, ...all)).every((r) => Date.parse(r.timestamp) < from)).toBe(true);

    const until = new Date(NOW.getTime() + 3 * DAY_MS);
    s.staleAgent(customer!.id, new Date(from), until); // the agent comes back at `until`
    expect((await reads(s, customer!.id, ...all)).every((r) => Date.parse(r.timestamp) < from)).toBe(true);

    s.setNow(until);
    const after = await reads(s, customer!.id, ...all);
    const buffered = after.filter((r) => Date.parse(r.timestamp) >= from && Date.parse(r.timestamp) < until.getTime());
    expect(buffered.length).toBe(customer!.devices.length * 8);
    for (const r of buffered) expect(r.createdDate).toBe(until.toISOString());
    const times = buffered.map((r) => Date.parse(r.timestamp) % DAY_MS);
    expect(new Set(times).size).toBeGreaterThan(1); // original times of day, not the upload time
  });

  it('setManaged changes what excludeDisabled returns', async () => {
    const s = await sim({ managedRatio: 1 });
    const customer = s.customers()[0]!;
    const device = customer.devices[0]!.id;
    const c = clientFor(s);
    expect((await c.listDevices(customer.id, { excludeDisabled: true })).length).toBe(customer.devices.length);
    s.setManaged(device, false);
    const managed = await c.listDevices(customer.id, { excludeDisabled: true });
    expect(managed.map((d) => d.id)).not.toContain(device);
    expect(managed.length).toBe(customer.devices.length - 1);
    const managedReads = await reads(s, customer.id, ...span(3), true);
    expect(managedReads.some((r) => r.deviceKey === device)).toBe(false);
    expect(s.customers()[0]!.devices[0]!.managed).toBe(false);
  });

  it('addDevice: a device that appears later, with reads from its first read on', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const firstRead = new Date(NOW.getTime() + 2 * DAY_MS);
    const id = s.addDevice(customer.id, { managed: true, firstRead });
    const c = clientFor(s);
    expect((await c.listDevices(customer.id, { excludeDisabled: false })).map((d) => d.id)).not.toContain(id);
    s.advance(5 * DAY_MS);
    expect((await c.listDevices(customer.id, { excludeDisabled: true })).map((d) => d.id)).toContain(id);
    const list = deviceReads(await reads(s, customer.id, NOW.getTime() - 10 * DAY_MS, NOW.getTime() + 10 * DAY_MS), id);
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.every((r) => Date.parse(r.timestamp) >= firstRead.getTime())).toBe(true);
    expect(s.customers()[0]!.devices.map((d) => d.id)).toContain(id);
  });

  it('serves nothing after its clock', async () => {
    const s = await sim();
    const customer = s.customers()[0]!;
    const list = await reads(s, customer.id, NOW.getTime() - DAY_MS, NOW.getTime() + 30 * DAY_MS);
    expect(list.every((r) => Date.parse(r.timestamp) <= NOW.getTime())).toBe(true);
    s.advance(2 * DAY_MS + HOUR);
    const more = await reads(s, customer.id, NOW.getTime() - DAY_MS, NOW.getTime() + 30 * DAY_MS);
    expect(more.length).toBeGreaterThanOrEqual(list.length + 2 * customer.devices.length);
  });
});

describe('scale and speed', () => {
  it('starts with 1,000 customers × 25 devices without materialising reads', async () => {
    const t = performance.now();
    const s = await sim({ customers: 1_000, devicesPerCustomer: 25, subSites: true });
    expect(performance.now() - t).toBeLessThan(5_000);
    const children = await clientFor(s).listChildren(s.parentEntityId);
    expect(children.length).toBeGreaterThan(1_000);
    expect(new Set(children.map((c) => c.name)).size).toBe(children.length);
  });

  it('computes one customer’s year of reads (25 devices) in well under 50 ms of CPU', () => {
    const now = NOW.getTime();
    const model = new SimModel({
      seed: 9, customers: 3, devicesPerCustomer: 25, managedRatio: 0.8, historyStartMs: now - 400 * DAY_MS, nowMs: now, subSites: false,
    });
    const devices = model.parent.children[0]!.devices;
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 7; i++) {
      const before = process.cpuUsage();
      const body = model.readsBody(model.reads(devices, now - 365 * DAY_MS, now, now));
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
      bytes = body.length;
    }
    cpu.sort((a, b) => a - b);
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(cpu[3]!).toBeLessThan(50); // median; typically ~15 ms
  });
});

describe('in a worker thread', () => {
  it('starts, serves requests, takes commands and closes', async () => {
    const options = { seed: 21, customers: 3, devicesPerCustomer: 3, subSites: true, now: NOW };
    const remote = await startSimulatorInWorker(options);
    let closed = false;
    try {
      const local = await sim(options);
      expect(await remote.customers()).toEqual(local.customers());
      expect([remote.apiKey, remote.parentEntityId, remote.parentName]).toEqual([local.apiKey, local.parentEntityId, local.parentName]);

      const c = clientFor(remote);
      expect((await c.getEntity(remote.parentEntityId)).name).toBe(remote.parentName);
      const customer = (await remote.customers())[0]!;
      const range = { start: new Date(NOW.getTime() - 5 * DAY_MS), end: new Date(NOW.getTime() + 5 * DAY_MS), excludeDisabled: false };
      const before = await c.listMeterReads(customer.id, range);
      expect(before).toEqual(await clientFor(local).listMeterReads(customer.id, range));

      await remote.advance(2 * DAY_MS);
      expect((await remote.now()).getTime()).toBe(NOW.getTime() + 2 * DAY_MS);
      expect((await c.listMeterReads(customer.id, range)).length).toBe(before.length + 2 * customer.devices.length);

      await remote.fault({ kind: 'status', status: 403, match: /entity/ });
      await expect(c.getEntity(remote.parentEntityId)).rejects.toMatchObject({ reason: 'API key rejected (403)' });
      await remote.clearFaults();
      await remote.setLatency(0);
      expect((await remote.requests()).map((r) => r.status)).toContain(403);

      await remote.close();
      closed = true;
      const after = new PrintTrackerClient({ url: remote.url, apiKey: remote.apiKey, caPem: remote.caPem }, { retries: 0 });
      clients.push(after);
      const err = await after.getEntity(remote.parentEntityId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PrintTrackerError);
      expect((err as PrintTrackerError).reason).toBe('could not connect (connection refused)');
    } finally {
      if (!closed) await remote.close();
    }
  });
});
