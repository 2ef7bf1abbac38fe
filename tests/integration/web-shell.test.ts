// The headless web shell's boundary: the token is required on every API call (header; the
// event stream alone takes it in the query), other origins and hosts are refused, inputs are
// validated into clear errors, and no response carries a secret.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_TOKEN_HEADER } from '../../preload/api';
import { startServe, type RunningServe } from '../../main/serve/start';
import { createFixture, type Fixture } from '../support/fixture';

let fx: Fixture;
let serve: RunningServe;

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, serve.shell.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: o.method ?? 'POST', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (res.headers['content-type']?.startsWith('text/event-stream')) res.destroy();
      });
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const api = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${method}`, { headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: serve.shell.token, ...headers }, body: JSON.stringify(input) });

beforeAll(async () => {
  fx = await createFixture({ seed: 70, customers: 3, devicesPerCustomer: 2, historyStart: new Date('2025-08-01T00:00:00Z'), now: new Date('2025-09-10T03:00:00Z') });
  serve = await startServe(fx.engine, { scheduler: false, log: () => undefined });
});

afterAll(async () => {
  await serve.close();
  await fx.close();
});

describe('web shell security', () => {
  it('prints a 127.0.0.1 URL carrying a long random token', () => {
    expect(serve.shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers an API call with the right token', async () => {
    const r = await api('listServers', null);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; value: { hasApiKey: boolean }[] };
    expect(body.ok).toBe(true);
    expect(body.value[0]!.hasApiKey).toBe(true);
    expect(r.body).not.toContain(fx.sim.apiKey);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('refuses calls without the token, with a wrong one, or with the token in the query string', async () => {
    const missing = await request('/api/listServers', { headers: { 'content-type': 'application/json' }, body: 'null' });
    const wrong = await api('listServers', null, { [WEB_TOKEN_HEADER]: 'x'.repeat(43) });
    const inQuery = await request(`/api/listServers?token=${serve.shell.token}`, { headers: { 'content-type': 'application/json' }, body: 'null' });
    expect([missing.status, wrong.status, inQuery.status]).toEqual([401, 401, 401]);
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { kind: 'input', message: 'Missing or wrong access token' } });
  });

  it('refuses another origin and another Host (DNS rebinding)', async () => {
    expect((await api('listServers', null, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('listServers', null, { host: 'evil.example' })).status).toBe(421);
    expect((await api('listServers', null, { origin: serve.shell.origin })).status).toBe(200);
    // The same page opened as http://localhost:PORT works too.
    const port = new URL(serve.shell.origin).port;
    expect((await api('listServers', null, { origin: `http://localhost:${port}`, host: `localhost:${port}` })).status).toBe(200);
    expect((await api('listServers', null, { origin: `http://localhost:${Number(port) + 1}` })).status).toBe(403);
  });

  it('requires the token on the event stream, in its query string', async () => {
    expect((await request('/api/events', { method: 'GET' })).status).toBe(401);
    const ok = await request(`/api/events?token=${serve.shell.token}`, { method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('text/event-stream');
  });

  it('sends a strict Content-Security-Policy and no cookie', async () => {
    const page = await request('/', { method: 'GET' });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('validates inputs into a clear error and refuses unknown methods and non-JSON', async () => {
    const bad = JSON.parse((await api('addServer', { url: 'http://papi.example.com', entityId: fx.sim.parentEntityId, apiKey: fx.sim.apiKey })).body) as unknown;
    expect(bad).toEqual({ ok: false, error: { kind: 'input', message: expect.stringContaining('Only https://'), field: 'url' } });
    const unknown = JSON.parse((await api('dropDatabase', null)).body) as { error: { message: string } };
    expect(unknown.error.message).toBe('Unknown API method dropDatabase');
    const notJson = await request('/api/listServers', { headers: { 'content-type': 'text/plain', [WEB_TOKEN_HEADER]: serve.shell.token }, body: 'hi' });
    expect(notJson.status).toBe(415);
    const get = await request('/api/listServers', { method: 'GET', headers: { [WEB_TOKEN_HEADER]: serve.shell.token } });
    expect(get.status).toBe(405);
  });

  it('reports a failed connection check as an operation error and saves nothing', async () => {
    const before = JSON.parse((await api('listServers', null)).body) as { value: unknown[] };
    const r = JSON.parse((await api('addServer', { url: `${fx.sim.url}/v1`, entityId: 'ab'.repeat(12), apiKey: fx.sim.apiKey, caPem: fx.sim.caPem })).body) as unknown;
    expect(r).toEqual({ ok: false, error: { kind: 'operation', message: 'Connection check failed: Entity not found (404). Nothing was saved.' } });
    const after = JSON.parse((await api('listServers', null)).body) as { value: unknown[] };
    expect(after.value).toEqual(before.value);
  });

  it('never serves files outside the renderer folder', async () => {
    // Raw paths, not normalised by a URL parser on the way out.
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const body = await new Promise<string>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: new URL(serve.shell.origin).port, path, headers: { host: new URL(serve.shell.origin).host } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body, path).not.toContain('"devDependencies"');
    }
  });
});
