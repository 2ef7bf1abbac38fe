// Read-only HTTPS client for the Print Tracker API (printtracker-api.md). GET only: there is
// deliberately no way to send another method. Used by the server health check (R12) and
// the collector (R5 scope via excludeDisabled, R6 windows chosen by the caller).
import https from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { z } from 'zod';
import {
  PrintTrackerError,
  abortedError,
  errorForNetworkFailure,
  errorForStatus,
  malformedError,
  parseRetryAfter,
  timeoutError,
} from './errors';
import {
  DeviceSchema,
  EntitySchema,
  summarizeZodError,
  type Device,
  type Entity,
  type EntitySummary,
} from './schemas';
import { secureContextFor } from './tls';

export type { Device, Entity, EntitySummary } from './schemas';
export { PrintTrackerError } from './errors';
export type { PrintTrackerErrorKind } from './errors';

export interface PrintTrackerConnection {
  url: string;
  apiKey: string;
  caPem?: string | null;
}

export interface ClientOptions {
  /** Per request (connect, headers and body), default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, network errors and timeouts; default 3. */
  retries?: number;
  /** Whether a timed-out request is tried again (default true; a health check says no: it must answer fast). */
  retryTimeouts?: boolean;
  /** Exponential backoff base, default 500 ms. */
  retryBaseMs?: number;
  /** Cap for a server's Retry-After, default 60 s. */
  maxRetryAfterMs?: number;
  /** Keep-alive agent size, default 16. */
  maxSockets?: number;
  /** Called on every 429, so a caller can shrink its concurrency. */
  onRateLimited?: (retryAfterMs: number | null) => void;
  signal?: AbortSignal;
}

export interface MeterReadQuery {
  start: Date;
  end: Date;
  excludeDisabled: boolean;
  /** Items per page, default 1000. */
  pageLimit?: number;
}

const DEVICE_PAGE_LIMIT = 100;
const DEFAULT_METER_PAGE_LIMIT = 1000;
// A server that keeps inventing new items would otherwise page forever.
const MAX_PAGES = 100_000;

type Query = Record<string, string>;

/** Checks the dealer's URL and returns the API base (…/v1, no trailing slash). */
export function apiBaseUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    throw new PrintTrackerError('insecure-url', 'Only https:// server URLs are allowed (this is not a valid URL)');
  }
  if (url.protocol !== 'https:') {
    throw new PrintTrackerError('insecure-url', `Only https:// server URLs are allowed (got ${url.protocol}//)`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`;
  url.search = '';
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Page sizes an API commonly caps at (100 is Print Tracker's documented default elsewhere).
 * A natural last page seldom has exactly one of these sizes, so the extra request is rare.
 */
const COMMON_PAGE_CAPS = new Set([100, 200, 250, 500]);

function looksLikeAPageCap(length: number): boolean {
  return COMMON_PAGE_CAPS.has(length);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class PrintTrackerClient {
  private readonly base: URL;
  // An ES private field: util.inspect / console.log of a client never shows the key.
  readonly #apiKey: string;
  private readonly agent: https.Agent;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryTimeouts: boolean;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly onRateLimited: ((retryAfterMs: number | null) => void) | undefined;
  private readonly signal: AbortSignal | undefined;
  private closed = false;

  constructor(conn: PrintTrackerConnection, options: ClientOptions = {}) {
    this.base = apiBaseUrl(conn.url);
    this.#apiKey = conn.apiKey;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = Math.max(0, options.retries ?? 3);
    this.retryTimeouts = options.retryTimeouts ?? true;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.onRateLimited = options.onRateLimited;
    this.signal = options.signal;
    const secureContext = secureContextFor(conn.caPem);
    // Certificate checks stay on (Node's default rejectUnauthorized: true), with or without a custom CA.
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 16,
      scheduling: 'lifo',
      ...(secureContext ? { secureContext } : {}),
    });
  }

  /** GET /v1/entity/{id}: the health check (R12) and an entity's name. */
  async getEntity(entityId: string): Promise<Entity> {
    const body = await this.getJson(`/entity/${encodeURIComponent(entityId)}`, {});
    return this.parseShape(EntitySchema, body);
  }

  /** Every entity below `parentId`, as the flat list Print Tracker returns with includeChildren. */
  async listChildren(parentId: string): Promise<EntitySummary[]> {
    const body = await this.getJson(`/entity/${encodeURIComponent(parentId)}`, { includeChildren: 'true' });
    return this.parseShape(EntitySchema, body).children ?? [];
  }

  /** The entity's own devices; with excludeDisabled only the managed ones (R5). */
  async listDevices(entityId: string, o: { excludeDisabled: boolean }): Promise<Device[]> {
    const path = `/entity/${encodeURIComponent(entityId)}/device`;
    const devices: Device[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.getJson(path, {
        excludeDisabled: String(o.excludeDisabled),
        page: String(page),
        limit: String(DEVICE_PAGE_LIMIT),
      });
      if (!Array.isArray(body)) throw malformedError('expected a list');
      const items = body.map((item, i) => this.parseShape(DeviceSchema, item, i));
      let fresh = 0;
      for (const device of items) {
        if (seen.has(device.id)) continue;
        seen.add(device.id);
        devices.push(device);
        fresh++;
      }
      if (items.length < DEVICE_PAGE_LIMIT || fresh === 0) return devices;
    }
    throw malformedError('paging did not end');
  }

  /**
   * Raw meter reads with `timestamp` in [start, end]. Only the body's shape (a JSON array
   * of objects) is checked here; fields are parsed by reads.ts (R1). Pages until a short
   * page, or until a page brings nothing new (a server that ignores paging).
   */
  async listMeterReads(entityId: string, o: MeterReadQuery): Promise<Record<string, unknown>[]> {
    const path = `/entity/${encodeURIComponent(entityId)}/meter`;
    const limit = Math.max(1, Math.floor(o.pageLimit ?? DEFAULT_METER_PAGE_LIMIT));
    const reads: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.getJson(path, {
        start: o.start.toISOString(),
        end: o.end.toISOString(),
        excludeDisabled: String(o.excludeDisabled),
        page: String(page),
        limit: String(limit),
      });
      if (!Array.isArray(body)) throw malformedError('expected a list');
      let fresh = 0;
      for (const item of body as unknown[]) {
        if (!isPlainObject(item)) throw malformedError('expected a list of objects');
        const id = item['id'];
        const key = typeof id === 'string' ? `i${id}` : `j${JSON.stringify(item)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reads.push(item);
        fresh++;
      }
      if (fresh === 0) return reads;
      // The documented rule: a page shorter than the limit is the last one. /meter's paging is
      // undocumented, though, and a server that silently caps pages (at 100, say) would end
      // every window after its first page. A short page of a round size is therefore checked
      // with one more request; it costs that request only when a window holds exactly so many reads.
      if (body.length < limit && !looksLikeAPageCap(body.length)) return reads;
    }
    throw malformedError('paging did not end');
  }

  /** Closes idle keep-alive connections; the client cannot be used afterwards. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  private parseShape<T extends z.ZodType>(schema: T, body: unknown, index?: number): z.infer<T> {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    const where = index === undefined ? '' : `item ${index}: `;
    throw malformedError(where + summarizeZodError(result.error));
  }

  /** One GET with retries (exponential backoff with jitter; Retry-After honoured). */
  private async getJson(path: string, query: Query): Promise<unknown> {
    const url = new URL(this.base.href);
    url.pathname = `${this.base.pathname}${path}`;
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);

    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new PrintTrackerError('aborted', 'client closed');
      if (this.signal?.aborted) throw abortedError();
      try {
        return await this.getOnce(url);
      } catch (e) {
        const err = errorForNetworkFailure(e);
        if (err.kind === 'rate-limited') this.notifyRateLimited(err.retryAfterMs ?? null);
        if (!err.retryable || attempt >= this.retries || (err.kind === 'timeout' && !this.retryTimeouts)) throw err;
        await sleep(err.retryAfterMs ?? this.backoffMs(attempt), this.signal);
      }
    }
  }

  private notifyRateLimited(retryAfterMs: number | null): void {
    try {
      this.onRateLimited?.(retryAfterMs);
    } catch {
      // a failing observer must not change the request's outcome
    }
  }

  private backoffMs(attempt: number): number {
    const ceiling = this.retryBaseMs * 2 ** attempt;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private getOnce(url: URL): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let req: ClientRequest;
      try {
        req = https.get(url, {
          agent: this.agent,
          headers: { 'x-api-key': this.#apiKey, accept: 'application/json', 'user-agent': 'PrintReleaf-Tray' },
        });
      } catch {
        // Node refuses header values with control characters; say so without quoting the key.
        reject(new PrintTrackerError('auth', 'API key contains characters that cannot be sent'));
        return;
      }

      let settled = false;
      // `drop` closes the connection: after a timeout, abort or network error it is unusable;
      // after an HTTP status or a bad body it is drained and stays in the keep-alive pool.
      const settle = (err: PrintTrackerError | null, value?: unknown, drop = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        if (drop) req.destroy();
        if (err) reject(err);
        else resolve(value);
      };
      const onAbort = () => settle(abortedError(), undefined, true);
      const dropped = () => settle(errorForNetworkFailure(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), undefined, true);
      const timer = setTimeout(() => settle(timeoutError(this.timeoutMs), undefined, true), this.timeoutMs);
      this.signal?.addEventListener('abort', onAbort, { once: true });

      req.on('error', (e) => settle(errorForNetworkFailure(e), undefined, true));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status > 299) {
          res.resume(); // drain so the socket can be reused
          const retryAfter = parseRetryAfter(res.headers['retry-after']);
          const capped = retryAfter === null ? undefined : Math.min(retryAfter, this.maxRetryAfterMs);
          settle(errorForStatus(status, capped));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', dropped);
        res.on('close', () => {
          if (!res.complete) dropped();
        });
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            settle(malformedError('not JSON'));
            return;
          }
          settle(null, body);
        });
      });
    });
  }
}
