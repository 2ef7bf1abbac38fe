// The web shell's access token is enforced: API calls without it, with a wrong one, from
// another origin or for another host are refused; the event stream needs it too. The page
// itself takes the token out of its address and keeps it out of cookies.
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { WEB_EVENTS_PATH, WEB_TOKEN_HEADER } from '../../preload/api';
import { startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ customers: 3 });
});

test.afterAll(async () => {
  await stack?.close();
});

function post(path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${stack.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: 'null' });
}

/** A raw request, so that the Host header can be anything (fetch does not allow setting it). */
function rawRequest(path: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(stack.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'null' : undefined);
  });
}

test('API calls need the right token, from the page’s own origin and host', async () => {
  const ok = await post('/api/listFeeds', { [WEB_TOKEN_HEADER]: stack.token });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ ok: true, value: [] });

  const missing = await post('/api/listFeeds', {});
  expect(missing.status).toBe(401);
  expect(JSON.stringify(await missing.json())).not.toContain(stack.token);

  const wrong = await post('/api/listFeeds', { [WEB_TOKEN_HEADER]: `${stack.token.slice(0, -2)}xx` });
  expect(wrong.status).toBe(401);

  const otherOrigin = await post('/api/listFeeds', { [WEB_TOKEN_HEADER]: stack.token, Origin: 'http://evil.example' });
  expect(otherOrigin.status).toBe(403);

  // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its own Host.
  const otherHost = await rawRequest('/api/listFeeds', { [WEB_TOKEN_HEADER]: stack.token, Host: 'evil.example' });
  expect(otherHost.status).toBeGreaterThanOrEqual(400);
  expect(otherHost.body).not.toContain('"ok":true');

  // A token in the query string is not accepted for API calls (only the event stream takes it there).
  const inQuery = await post(`/api/listFeeds?token=${encodeURIComponent(stack.token)}`, {});
  expect(inQuery.status).toBe(401);
});

test('the event stream needs the token too', async () => {
  const missing = await fetch(`${stack.origin}${WEB_EVENTS_PATH}`);
  expect(missing.status).toBe(401);
  const wrong = await fetch(`${stack.origin}${WEB_EVENTS_PATH}?token=not-the-token`);
  expect(wrong.status).toBe(401);

  const controller = new AbortController();
  const right = await fetch(`${stack.origin}${WEB_EVENTS_PATH}?token=${encodeURIComponent(stack.token)}`, { signal: controller.signal });
  expect(right.status).toBe(200);
  expect(right.headers.get('content-type')).toContain('text/event-stream');
  controller.abort();
});

test('the page drops the token from its address and sets no cookie', async ({ page, context }) => {
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to PrintReleaf Tray' })).toBeVisible();
  expect(page.url()).not.toContain(stack.token);
  expect(await context.cookies()).toEqual([]);
  // Without the token (a fresh tab that never had it) the page cannot reach the engine.
  const stranger = await context.browser()!.newContext();
  const other = await stranger.newPage();
  await other.goto(stack.origin);
  await expect(other.getByText('PrintReleaf Tray cannot be reached')).toBeVisible();
  await stranger.close();
});
