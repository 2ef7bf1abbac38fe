// The headless web shell: the engine's API and the built renderer on 127.0.0.1 only. A random
// token per start is required on every API call — in a header; only the event stream, which
// a browser's EventSource cannot give headers, takes it in the query string. Never a cookie,
// so another site cannot ride on the dealer's browser. Origin and Host are checked too
// (cross-site requests and DNS rebinding), and every response carries a strict CSP.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WEB_EVENTS_PATH, WEB_TOKEN_HEADER } from '../../preload/api';
import type { ApiService } from '../api/handlers';
import type { LiveState } from '../api/live-state';
import { CONTENT_TYPES } from './content-types';

const MAX_BODY = 4 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface WebShellOptions {
  api: ApiService;
  live: LiveState;
  rendererDir: string;
  port?: number;
}

export interface WebShell {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { kind: 'input', message } });
}

export async function startWebShell(o: WebShellOptions): Promise<WebShell> {
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  const streams = new Set<http.ServerResponse>();

  const unsubscribe = o.live.subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 421, 'Unknown host');
    if (url.pathname.startsWith('/api/')) {
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return refuse(res, 403, 'Cross-origin requests are refused');
      if (url.pathname === WEB_EVENTS_PATH) {
        if (req.method !== 'GET') return refuse(res, 405, 'Method not allowed');
        if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return refuse(res, 401, 'Missing or wrong access token');
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed');
      const headerToken = req.headers[WEB_TOKEN_HEADER];
      if (!sameToken(Array.isArray(headerToken) ? headerToken[0] : headerToken, token)) return refuse(res, 401, 'Missing or wrong access token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'Send JSON');
      const method = url.pathname.slice('/api/'.length);
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          refuse(res, 413, 'Request too large');
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (res.headersSent) return;
        let input: unknown;
        try {
          input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        } catch {
          return refuse(res, 400, 'The request body is not JSON');
        }
        void o.api.invoke(method, input).then((result) => sendJson(res, 200, result));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    serveStatic(o.rendererDir, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`)); // the page may be opened by either name
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // client-side routes
  if (!existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('The renderer is not built: run npm run build');
    return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600' });
  createReadStream(file).pipe(res);
}
