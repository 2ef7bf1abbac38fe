// A deterministic fake Print Tracker over real HTTPS on 127.0.0.1, for tests, the benchmark
// and the demo mode. Endpoints and shapes follow docs/printtracker-api.md; reads are computed
// per request from the seed (model.ts), so 1,000 customers cost nothing until asked for.
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createTestCa, issueServerCert } from './certs';
import { DAY_MS, SimModel, type ReadRef, type SimCustomer, type SimDevice, type SimEntity } from './model';
import { uuidFrom } from './prng';

export type { SimCustomer, SimDeviceSummary, CounterFamily } from './model';

export interface SimulatorOptions {
  seed?: number;
  customers?: number;
  devicesPerCustomer?: number | [min: number, max: number];
  managedRatio?: number;
  historyStart?: Date;
  /** Simulated clock. Given: frozen at this instant until setNow/advance. Absent: follows real time. */
  now?: Date;
  latencyMs?: number;
  apiKey?: string;
  port?: number;
  meterIgnoresPaging?: boolean;
  /** /meter returns at most this many items per page, whatever `limit` asks (a server that caps silently). */
  meterPageCap?: number;
  subSites?: boolean;
}

/** `skip`: let the first N matching requests through (a failure in the middle of a feed's collection). */
export type Fault = { match?: string | RegExp; times?: number; skip?: number } & (
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'malformed-json' }
  | { kind: 'wrong-shape' }
  | { kind: 'hang' }
  | { kind: 'drop-connection' }
);

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 while unanswered, or when the fault hung or dropped the request. */
  status: number;
  /** Real (wall-clock) arrival time, so tests can measure retry spacing. */
  at: Date;
}

export interface Simulator {
  url: string;
  caPem: string;
  apiKey: string;
  parentEntityId: string;
  parentName: string;
  customers(): SimCustomer[];
  now(): Date;
  setNow(d: Date): void;
  advance(ms: number): void;
  setLatency(ms: number): void;
  resetCounter(deviceId: string, at: Date, newStart?: number): void;
  swapToHigherCounter(deviceId: string, at: Date, newStart: number): void;
  addGlitch(deviceId: string, at: Date, value: number | string): void;
  duplicateReads(deviceId: string): void;
  zeroReads(deviceId: string, from: Date, to: Date): void;
  lateUploads(deviceId: string, delayDays: number): void;
  staleAgent(customerId: string, from: Date, until: Date | null): void;
  /** Reads taken in [from, until) reach the server only at `uploadAt` (an agent that uploads its backlog later). */
  backlog(customerId: string, from: Date, until: Date, uploadAt: Date): void;
  setManaged(deviceId: string, managed: boolean): void;
  addDevice(customerId: string, opts?: { managed?: boolean; firstRead?: Date }): string;
  fault(f: Fault): void;
  clearFaults(): void;
  requests(): SimRequest[];
  clearRequests(): void;
  /** TLS connections accepted so far (to check that clients keep connections alive). */
  connectionCount(): number;
  close(): Promise<void>;
}

const DEFAULT_DEVICE_LIMIT = 100;
const DEFAULT_RESET_START = 100;
const MAX_LOGGED_REQUESTS = 200_000;

class BadRequest extends Error {}

function flag(query: URLSearchParams, name: string): boolean {
  return (query.get(name) ?? '').toLowerCase() === 'true';
}

function positiveInt(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new BadRequest(`invalid ${name}`);
  return Number(raw);
}

function instant(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) throw new BadRequest(`invalid ${name}`);
  return ms;
}

function paginate<T>(items: T[], query: URLSearchParams, defaultLimit: number | null): T[] {
  const limit = defaultLimit === null && query.get('limit') === null ? null : positiveInt(query, 'limit', defaultLimit ?? 0);
  if (limit === null) return items;
  const page = positiveInt(query, 'page', 1);
  return items.slice((page - 1) * limit, page * limit);
}

function faultMatches(f: Fault, path: string): boolean {
  if (f.match === undefined) return true;
  if (typeof f.match === 'string') return path.includes(f.match);
  f.match.lastIndex = 0;
  return f.match.test(path);
}

export async function startSimulator(o: SimulatorOptions = {}): Promise<Simulator> {
  const seed = o.seed ?? 1;
  const startReal = Date.now();
  let clockBase = o.now?.getTime() ?? startReal;
  let clockSetAt = startReal;
  const frozen = o.now !== undefined;
  const nowMs = () => (frozen ? clockBase : clockBase + (Date.now() - clockSetAt));

  const model = new SimModel({
    seed,
    customers: o.customers ?? 12,
    devicesPerCustomer: o.devicesPerCustomer ?? [3, 12],
    managedRatio: o.managedRatio ?? 0.8,
    historyStartMs: o.historyStart?.getTime() ?? nowMs() - 400 * DAY_MS,
    nowMs: nowMs(),
    subSites: o.subSites ?? true,
  });
  const apiKey = o.apiKey ?? uuidFrom(seed);
  let latencyMs = Math.max(0, o.latencyMs ?? 0);
  const meterIgnoresPaging = o.meterIgnoresPaging ?? false;
  let faults: { fault: Fault; left: number; skip: number }[] = [];
  let log: SimRequest[] = [];
  let connections = 0;
  const pendingTimers = new Set<NodeJS.Timeout>();

  const ca = await createTestCa();
  const leaf = await issueServerCert(ca, { hosts: ['127.0.0.1', 'localhost'] });

  const send = (res: ServerResponse, entry: SimRequest, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    entry.status = status;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const takeFault = (path: string): Fault | null => {
    const hit = faults.find((f) => faultMatches(f.fault, path));
    if (!hit) return null;
    if (hit.skip > 0) {
      hit.skip -= 1;
      return null;
    }
    hit.left -= 1;
    if (hit.left <= 0) faults = faults.filter((f) => f !== hit);
    return hit.fault;
  };

  const visibleDevices = (entity: SimEntity, query: URLSearchParams, withChildren: boolean): SimDevice[] => {
    const now = nowMs();
    const entities = withChildren ? [entity, ...model.descendants(entity)] : [entity];
    const excludeDisabled = flag(query, 'excludeDisabled');
    return entities.flatMap((e) => e.devices).filter((d) => d.createdMs <= now && (!excludeDisabled || d.managed));
  };

  const readsBody = (refs: ReadRef[]) => model.readsBody(refs);

  const route = (path: string, query: URLSearchParams): { status: number; body: unknown } => {
    let parts: string[];
    try {
      parts = path.split('/').slice(1).map((p) => decodeURIComponent(p));
    } catch {
      throw new BadRequest('invalid path');
    }
    if (parts[0] !== 'v1' || parts[1] !== 'entity' || parts[2] === undefined) return { status: 404, body: { message: 'Not Found' } };
    const entity = model.entities.get(parts[2]);
    if (!entity) return { status: 404, body: { message: 'Entity not found' } };
    const rest = parts.slice(3);
    const now = nowMs();
    if (rest.length === 0) return { status: 200, body: model.entityJson(entity, flag(query, 'includeChildren')) };
    if (rest.length === 1 && rest[0] === 'device') {
      return { status: 200, body: paginate(visibleDevices(entity, query, flag(query, 'includeChildren')), query, DEFAULT_DEVICE_LIMIT).map((d) => model.deviceJson(d)) };
    }
    if (rest.length === 1 && rest[0] === 'meter') {
      const refs = model.reads(visibleDevices(entity, query, false), instant(query, 'start', 0), instant(query, 'end', now), now);
      if (meterIgnoresPaging) return { status: 200, body: readsBody(refs) };
      if (o.meterPageCap !== undefined && query.get('limit') !== null && Number(query.get('limit')) > o.meterPageCap) query.set('limit', String(o.meterPageCap));
      return { status: 200, body: readsBody(paginate(refs, query, null)) };
    }
    if (rest.length === 1 && rest[0] === 'currentMeter') {
      const latest = visibleDevices(entity, query, flag(query, 'includeChildren'))
        .map((d) => model.latestRead(d, now, now))
        .filter((r): r is ReadRef => r !== null);
      return { status: 200, body: readsBody(paginate(latest, query, DEFAULT_DEVICE_LIMIT)) };
    }
    if (rest[0] === 'device' && rest[1] !== undefined && rest[2] === 'meter') {
      const device = entity.devices.find((d) => d.id === rest[1] && d.createdMs <= now);
      if (!device) return { status: 404, body: { message: 'Device not found' } };
      if (rest.length === 3) {
        return { status: 200, body: readsBody(model.reads([device], instant(query, 'start', 0), instant(query, 'end', now), now)) };
      }
      if (rest.length === 4 && rest[3] === 'mostRecentPriorTo') {
        const read = model.latestRead(device, instant(query, 'date', now) - 1, now);
        return read ? { status: 200, body: model.readJson(read) } : { status: 404, body: { message: 'No read found' } };
      }
    }
    return { status: 404, body: { message: 'Not Found' } };
  };

  const handle = (req: IncomingMessage, res: ServerResponse, entry: SimRequest, url: URL) => {
    if (req.method !== 'GET') {
      send(res, entry, 405, { message: 'Method Not Allowed' }, { allow: 'GET' });
      return;
    }
    const fault = takeFault(url.pathname);
    if (fault) {
      switch (fault.kind) {
        case 'hang':
          return; // never answer; the client's timeout has to fire
        case 'drop-connection':
          req.socket.destroy();
          return;
        case 'malformed-json':
          send(res, entry, 200, '[{"id": "5f0c', {});
          return;
        case 'wrong-shape': {
          const isEntity = /^\/v1\/entity\/[^/]+$/.test(url.pathname);
          send(res, entry, 200, isEntity ? { id: 42, title: 'not an entity' } : { results: [], total: 0 });
          return;
        }
        case 'status': {
          const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
          send(res, entry, fault.status, { message: `simulated status ${fault.status}` }, headers);
          return;
        }
      }
    }
    if (req.headers['x-api-key'] !== apiKey) {
      send(res, entry, 401, { message: 'Unauthorized' });
      return;
    }
    try {
      const { status, body } = route(url.pathname, url.searchParams);
      send(res, entry, status, body);
    } catch (e) {
      if (e instanceof BadRequest) send(res, entry, 400, { message: e.message });
      else send(res, entry, 500, { message: 'Internal Server Error' });
    }
  };

  const server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const entry: SimRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      at: new Date(),
    };
    log.push(entry);
    if (log.length > MAX_LOGGED_REQUESTS) log = log.slice(-MAX_LOGGED_REQUESTS / 2);
    if (latencyMs <= 0) {
      handle(req, res, entry, url);
      return;
    }
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      handle(req, res, entry, url);
    }, latencyMs);
    pendingTimers.add(timer);
  });
  server.keepAliveTimeout = 60_000;
  server.on('secureConnection', (socket: Socket) => {
    connections++;
    socket.on('error', () => {}); // a client that gives up mid-request is not the simulator's problem
  });
  server.on('tlsClientError', () => {}); // e.g. a client that does not trust our CA

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const device = (id: string) => model.device(id);

  return {
    url: `https://127.0.0.1:${port}`,
    caPem: ca.certPem,
    apiKey,
    parentEntityId: model.parent.id,
    parentName: model.parent.name,
    customers: () => model.customers(),
    now: () => new Date(nowMs()),
    setNow(d) {
      clockBase = d.getTime();
      clockSetAt = Date.now();
    },
    advance(ms) {
      clockBase = nowMs() + ms;
      clockSetAt = Date.now();
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    resetCounter(deviceId, at, newStart = DEFAULT_RESET_START) {
      model.addCounterEvent(device(deviceId), at.getTime(), newStart);
    },
    swapToHigherCounter(deviceId, at, newStart) {
      model.addCounterEvent(device(deviceId), at.getTime(), newStart);
    },
    addGlitch(deviceId, at, value) {
      model.addGlitch(device(deviceId), at.getTime(), value);
    },
    duplicateReads(deviceId) {
      device(deviceId).duplicated = true;
    },
    zeroReads(deviceId, from, to) {
      device(deviceId).zeroRanges.push([from.getTime(), to.getTime()]);
    },
    lateUploads(deviceId, delayDays) {
      device(deviceId).lateMs = Math.max(0, delayDays) * DAY_MS;
    },
    staleAgent(customerId, from, until) {
      const entity = model.entity(customerId);
      const open = entity.stale.find((w) => w.until === null);
      if (open && until !== null) open.until = until.getTime(); // the agent recovers then
      else entity.stale.push({ from: from.getTime(), until: until?.getTime() ?? null });
    },
    backlog(customerId, from, until, uploadAt) {
      model.entity(customerId).stale.push({ from: from.getTime(), until: until.getTime(), uploadAt: uploadAt.getTime() });
    },
    setManaged(deviceId, managed) {
      device(deviceId).managed = managed;
    },
    addDevice(customerId, opts = {}) {
      const added = model.addDevice(model.entity(customerId), {
        firstMs: opts.firstRead?.getTime() ?? nowMs(),
        ...(opts.managed === undefined ? {} : { managed: opts.managed }),
      });
      return added.id;
    },
    fault(f) {
      faults.push({ fault: f, left: f.times ?? Number.POSITIVE_INFINITY, skip: f.skip ?? 0 });
    },
    clearFaults() {
      faults = [];
    },
    requests: () => log.map((r) => ({ ...r, query: { ...r.query }, at: new Date(r.at) })),
    clearRequests() {
      log = [];
    },
    connectionCount: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of pendingTimers) clearTimeout(t);
        pendingTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
