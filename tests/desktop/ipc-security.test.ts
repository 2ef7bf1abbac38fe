// Who may talk to the app and what it serves: the IPC sender check (only the top frame of
// the app's own renderer page), the handlers that apply it, the external-link allow-list,
// the app scheme's file resolution and its CSP, and the preload's transport (method
// allow-list, event relay without the IPC event). Plain Node: fake frames and ipcRenderer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, IPC_CHANNEL_PREFIX, IPC_EVENT_CHANNEL, type ApiEvent } from '../../preload/api';
import { appResponseHeaders, resolveAppFile } from '../../main/desktop/app-files';
import { APP_ORIGIN, isTrustedSender, RENDERER_URL } from '../../main/desktop/app-url';
import { isAllowedExternalUrl } from '../../main/desktop/external-links';
import { createApiHandler, REFUSED_SENDER } from '../../main/desktop/ipc-handlers';
import { createIpcTransport, isApiMethod, type IpcRendererLike } from '../../main/desktop/ipc-transport';
import { CONTENT_SECURITY_POLICY } from '../../main/serve/web-shell';

const top = (url: string) => ({ url, parent: null });

describe('IPC sender check', () => {
  it('accepts the top frame of the app renderer page, whatever its hash route or query', () => {
    expect(RENDERER_URL).toBe('printreleaf://app/index.html');
    expect(isTrustedSender(top(RENDERER_URL))).toBe(true);
    expect(isTrustedSender(top(`${RENDERER_URL}#/feeds/3`))).toBe(true);
    expect(isTrustedSender(top(`${RENDERER_URL}?x=1#/settings`))).toBe(true);
  });

  it('refuses other pages of the app scheme and other hosts on it', () => {
    expect(isTrustedSender(top(`${APP_ORIGIN}/other.html`))).toBe(false);
    expect(isTrustedSender(top(`${APP_ORIGIN}/assets/index.html`))).toBe(false);
    expect(isTrustedSender(top('printreleaf://evil/index.html'))).toBe(false);
    expect(isTrustedSender(top('printreleaf://user:pw@app/index.html'))).toBe(false);
  });

  it('refuses file:// pages — the renderer file itself included — and other local files', () => {
    expect(isTrustedSender(top('file:///opt/PrintReleaf/resources/app.asar/dist/renderer/index.html'))).toBe(false);
    expect(isTrustedSender(top('file:///tmp/index.html'))).toBe(false);
    expect(isTrustedSender(top('file:///C:/Users/dealer/Downloads/index.html'))).toBe(false);
  });

  it('refuses web origins, devtools, about:blank, data: and nonsense', () => {
    for (const url of [
      'https://printreleaf.com/index.html',
      'http://127.0.0.1:5173/index.html',
      'http://localhost/index.html',
      'devtools://devtools/bundled/devtools_app.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'chrome-extension://abc/index.html',
      '',
      'not a url',
    ]) {
      expect(isTrustedSender(top(url)), url).toBe(false);
    }
  });

  it('refuses a missing frame (navigated away or destroyed) and sub-frames, even at the right URL', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: RENDERER_URL, parent: { url: RENDERER_URL } })).toBe(false);
  });
});

describe('IPC handlers', () => {
  function handlerFor() {
    const calls: [string, unknown][] = [];
    const refused: string[] = [];
    const handler = createApiHandler('listServers', async (method, input) => {
      calls.push([method, input]);
      return { ok: true, value: [] };
    }, RENDERER_URL, (url) => refused.push(url));
    return { handler, calls, refused };
  }

  it('forwards a call from the app page to the engine', async () => {
    const { handler, calls } = handlerFor();
    expect(await handler({ senderFrame: top(RENDERER_URL) }, { a: 1 })).toEqual({ ok: true, value: [] });
    expect(calls).toEqual([['listServers', { a: 1 }]]);
  });

  it('answers any other sender with a refusal and never reaches the engine', async () => {
    const { handler, calls, refused } = handlerFor();
    expect(await handler({ senderFrame: top('https://evil.example/') }, null)).toEqual(REFUSED_SENDER);
    expect(await handler({ senderFrame: null }, null)).toEqual(REFUSED_SENDER);
    expect(await handler({ senderFrame: top('devtools://devtools/bundled/devtools_app.html') }, null)).toEqual(REFUSED_SENDER);
    expect(calls).toEqual([]);
    expect(refused).toEqual(['https://evil.example/', '(no frame)', 'devtools://devtools/bundled/devtools_app.html']);
  });
});

describe('external links', () => {
  it('allows the two sites and mail addresses', () => {
    expect(isAllowedExternalUrl('https://printreleaf.com')).toBe(true);
    expect(isAllowedExternalUrl('https://printreleaf.com/how-it-works?x=1')).toBe(true);
    expect(isAllowedExternalUrl('https://www.printtrackerpro.com/support')).toBe(true);
    expect(isAllowedExternalUrl('mailto:support@printreleaf.com')).toBe(true);
  });

  it('refuses everything else, including look-alikes', () => {
    for (const url of [
      'http://printreleaf.com',
      'https://printreleaf.com.evil.example/',
      'https://evil.example/?https://printreleaf.com',
      'https://printreleaf.com@evil.example/',
      'https://user@printreleaf.com/',
      'https://printreleaf.com:8443/',
      'https://sub.printreleaf.com/',
      'https://printtrackerpro.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:',
      'mailto:%E0%A4%A',
      'smb://server/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('the app scheme', () => {
  const dir = join('/opt', 'app', 'dist', 'renderer');

  it('serves files inside the renderer folder only', () => {
    expect(resolveAppFile(dir, 'printreleaf://app/index.html')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'printreleaf://app/')).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'printreleaf://app/assets/index-abc.js?v=1#x')).toBe(join(dir, 'assets', 'index-abc.js'));
  });

  it('never resolves outside the renderer folder; other hosts and schemes are refused', () => {
    // Plain dot segments are already folded by URL parsing: they stay inside the folder.
    expect(resolveAppFile(dir, 'printreleaf://app/../../package.json')).toBe(join(dir, 'package.json'));
    expect(resolveAppFile(dir, 'printreleaf://app/%2e%2e/%2e%2e/package.json')).toBe(join(dir, 'package.json'));
    // Escaped ones are decoded after parsing: caught by the containment check.
    for (const url of ['printreleaf://app/assets/%2e%2e%2f%2e%2e%2fsecret', 'printreleaf://app/..%5c..%5cwindows', 'printreleaf://app/a%00.js', 'printreleaf://app/%E0%A4%A']) {
      expect(resolveAppFile(dir, url), url).toBeNull();
    }
    for (const url of ['printreleaf://other/index.html', 'file:///opt/app/dist/renderer/index.html', 'https://app/index.html', 'printreleaf://u:p@app/index.html']) {
      expect(resolveAppFile(dir, url), url).toBeNull();
    }
  });

  it('sends the web shell strict CSP with every response, and the right type', () => {
    const h = appResponseHeaders('/x/index.html');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['Content-Security-Policy']).toContain("script-src 'self'");
    expect(h['Content-Security-Policy']).not.toContain('unsafe-inline');
    expect(h['Content-Type']).toBe('text/html; charset=utf-8');
    expect(appResponseHeaders('/x/a.js')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('preload transport', () => {
  function fakeIpc() {
    const invoked: { channel: string; args: unknown[] }[] = [];
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc: IpcRendererLike & { emit(channel: string, payload: unknown): void; count(channel: string): number } = {
      async invoke(channel, ...args) {
        invoked.push({ channel, args });
        return { ok: true, value: channel };
      },
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
      emit(channel, payload) {
        for (const l of listeners.get(channel) ?? []) l({ sender: 'the IPC event, with its sender' }, payload);
      },
      count: (channel) => listeners.get(channel)?.size ?? 0,
    };
    return { ipc, invoked };
  }

  it('invokes contract methods on their channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const t = createIpcTransport(ipc);
    expect(await t.invoke('listFeeds', undefined)).toEqual({ ok: true, value: `${IPC_CHANNEL_PREFIX}listFeeds` });
    expect(await t.invoke('addFeed', { serverId: 1 })).toEqual({ ok: true, value: `${IPC_CHANNEL_PREFIX}addFeed` });
    expect(invoked).toEqual([
      { channel: 'printreleaf:listFeeds', args: [null] },
      { channel: 'printreleaf:addFeed', args: [{ serverId: 1 }] },
    ]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const { ipc, invoked } = fakeIpc();
    const t = createIpcTransport(ipc);
    for (const name of ['event', 'constructor', '__proto__', 'getAppInfo ', '../getAppInfo', 'toString', '']) {
      const r = await t.invoke(name as never, null);
      expect(r.ok, name).toBe(false);
      expect(r.ok ? '' : r.error.kind).toBe('input');
    }
    expect(await t.invoke(42 as never, null)).toMatchObject({ ok: false });
    expect(invoked).toEqual([]);
    expect(API_METHODS.every((m) => isApiMethod(m))).toBe(true);
    expect(isApiMethod('hasOwnProperty')).toBe(false);
  });

  it('a failing IPC call becomes an envelope, not a thrown error', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke = async () => {
      throw new Error("Error invoking remote method 'printreleaf:getOverview': boom");
    };
    expect(await createIpcTransport(ipc).invoke('getOverview', null)).toEqual({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/did not answer/) } });
  });

  it('relays API events without the IPC event object, and unsubscribes', () => {
    const { ipc } = fakeIpc();
    const t = createIpcTransport(ipc);
    const seen: unknown[][] = [];
    const off = t.onEvent((...args: unknown[]) => seen.push(args));
    const event: ApiEvent = { type: 'data-changed', what: 'feeds' };
    ipc.emit(IPC_EVENT_CHANNEL, event);
    ipc.emit('printreleaf:other', { type: 'data-changed', what: 'servers' });
    expect(seen).toEqual([[event]]);
    expect(ipc.count(IPC_EVENT_CHANNEL)).toBe(1);
    off();
    expect(ipc.count(IPC_EVENT_CHANNEL)).toBe(0);
    ipc.emit(IPC_EVENT_CHANNEL, event);
    expect(seen).toHaveLength(1);
  });

  it('the preload exposes only this transport, never ipcRenderer', () => {
    const source = readFileSync(join(import.meta.dirname, '../../preload/preload.ts'), 'utf8');
    const code = source.replace(/\/\/.*$/gm, '');
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toContain("contextBridge.exposeInMainWorld('printreleaf', createIpcTransport(ipcRenderer));");
    expect([...code.matchAll(/from '([^']+)'/g)].map((m) => m[1]).sort()).toEqual(['../main/desktop/ipc-transport', 'electron']);
  });
});
