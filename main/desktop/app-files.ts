// Which file of the built renderer a printreleaf://app/… request names, and the headers it is
// served with (the same strict CSP as the web shell). Nothing outside the renderer folder is
// ever served. Electron-free.
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_TYPES } from '../serve/content-types';
import { CONTENT_SECURITY_POLICY } from '../serve/web-shell';
import { APP_HOST, APP_SCHEME, RENDERER_ENTRY } from './app-url';


/** The absolute file a request URL names inside `rendererDir`, or null (refused / not ours). */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const relative = path === '/' || path === '' ? RENDERER_ENTRY : path.replace(/^\/+/, '');
  const root = normalize(rendererDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Every response of the app scheme carries these. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}
