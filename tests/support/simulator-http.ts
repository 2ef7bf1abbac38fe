// Raw HTTPS access to the simulator for tests that look at what the client does not expose
// (other endpoints, other methods, a wrong key).
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface RawTarget {
  url: string;
  caPem: string;
  apiKey: string;
}

export function rawRequest(
  sim: RawTarget,
  path: string,
  o: { query?: Record<string, string>; method?: string; apiKey?: string | null } = {},
): Promise<RawResponse> {
  const url = new URL(path, sim.url);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = o.apiKey === undefined ? sim.apiKey : o.apiKey;
  if (key !== null) headers['x-api-key'] = key;
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: o.method ?? 'GET', ca: [sim.caPem], headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function rawGetJson<T = unknown>(sim: RawTarget, path: string, query: Record<string, string> = {}): Promise<T> {
  const res = await rawRequest(sim, path, { query });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${res.text.slice(0, 200)}`);
  return res.json as T;
}
