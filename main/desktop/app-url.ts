// Where the renderer is served from, and who may call the API. The window loads
// printreleaf://app/index.html, a privileged custom scheme served by main from dist/renderer,
// rather than file://: a file:// page has an opaque origin and Electron cannot attach
// response headers (the CSP) to it, and any local HTML file would share its origin.
// Electron-free: the checks are unit-tested in plain Node.

export const APP_SCHEME = 'printreleaf';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_ENTRY = 'index.html';
export const RENDERER_URL = `${APP_ORIGIN}/${RENDERER_ENTRY}`;

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether an IPC message comes from the app's own renderer: the top frame of a page at the
 * renderer's URL (its hash and query may vary — the renderer routes with the hash). Anything
 * else is refused: no frame (it went away), a sub-frame, devtools, a file:// page, http(s).
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, rendererUrl: string = RENDERER_URL): boolean {
  if (!frame || frame.parent !== null) return false;
  const got = parse(frame.url);
  const want = parse(rendererUrl);
  if (!got || !want) return false;
  return got.protocol === want.protocol && got.host === want.host && got.pathname === want.pathname && got.username === '' && got.password === '';
}
