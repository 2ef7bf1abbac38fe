// The renderer's only door to the engine: the desktop preload's transport
// (`window.printreleaf`) when present, else the same contract over the web shell's HTTP API.
// The web token arrives in the page URL (?token=…); it is moved to sessionStorage and
// removed from the address bar at once, then sent in a header on every call (the event
// stream, which cannot send headers, takes it in its query string).
import { bridgeOver, WEB_EVENTS_PATH, WEB_TOKEN_HEADER, type ApiEvent, type ApiResult, type ApiTransport, type PrintReleafBridge } from '../../../preload/api';

declare global {
  interface Window {
    printreleaf?: ApiTransport;
  }
}

const TOKEN_KEY = 'printreleaf.token';

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function webTransport(): ApiTransport {
  const token = takeToken();
  const listeners = new Set<(e: ApiEvent) => void>();
  let source: EventSource | null = null;
  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [WEB_TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? null),
        });
        return (await response.json()) as ApiResult<unknown>;
      } catch {
        return { ok: false, error: { kind: 'operation', message: 'PrintReleaf Tray is not answering. Start it again (npm start) and reload this page.' } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${WEB_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
        source.onmessage = (m: MessageEvent<string>) => {
          const event = JSON.parse(m.data) as ApiEvent;
          for (const l of listeners) l(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

export const api: PrintReleafBridge = bridgeOver(window.printreleaf ?? webTransport());
