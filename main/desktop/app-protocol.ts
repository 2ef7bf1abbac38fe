// Serves the built renderer on printreleaf://app/ with the strict CSP in its response headers
// (Electron cannot attach headers to file:// pages). The scheme must be declared privileged
// before the app is ready; it is served only to the window's own session.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { appResponseHeaders, resolveAppFile } from './app-files';
import { APP_SCHEME } from './app-url';

/** Call before `app` is ready: a standard, secure scheme (a real origin for 'self', modules, workers). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveAppScheme(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response(null, { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
