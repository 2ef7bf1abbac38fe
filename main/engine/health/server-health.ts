// Rule R12: a server is checked with GET /v1/entity/{parentId}. A check may retry briefly
// (a dropped connection); one that still fails marks the server unhealthy at once, with a
// reason the dealer understands, and its feeds are skipped until a check passes.
import type { ServerRecord } from '../../../db/records';
import { apiKeyOf, type EngineContext } from '../context';
import { messageOf } from '../errors';
import { PrintTrackerClient, PrintTrackerError, type ClientOptions, type Entity } from '../printtracker/client';

/**
 * A few seconds of retries at most: enough for a dropped connection, short enough to report
 * fast. A server that does not answer is reported after one timeout, not after three.
 */
export const CHECK_CLIENT_OPTIONS: ClientOptions = { retries: 2, retryBaseMs: 500, maxRetryAfterMs: 3_000, retryTimeouts: false };

export interface ServerCheck {
  ok: boolean;
  reason: string;
  entity: Entity | null;
}

/** Connects with the given credentials and fetches the parent entity. Never throws. */
export async function probeServer(conn: { url: string; apiKey: string; caPem: string | null; entityId: string }, options: ClientOptions): Promise<ServerCheck> {
  let client: PrintTrackerClient | null = null;
  try {
    client = new PrintTrackerClient({ url: conn.url, apiKey: conn.apiKey, caPem: conn.caPem }, { ...options, ...CHECK_CLIENT_OPTIONS, ...pickTimeout(options) });
    const entity = await client.getEntity(conn.entityId);
    return { ok: true, reason: `connected to ${entity.name}`, entity };
  } catch (err) {
    return { ok: false, reason: err instanceof PrintTrackerError ? err.reason : `unexpected error: ${messageOf(err)}`, entity: null };
  } finally {
    client?.close();
  }
}

function pickTimeout(o: ClientOptions): ClientOptions {
  return o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {};
}

/** Checks a registered server and records the result (a health event when it changes). */
export async function checkServer(ctx: EngineContext, server: ServerRecord): Promise<ServerCheck> {
  let result: ServerCheck;
  try {
    const apiKey = await apiKeyOf(ctx, server.id);
    result = await probeServer({ url: server.url, apiKey, caPem: server.caPem, entityId: server.entityId }, ctx.clientOptions);
  } catch (err) {
    result = { ok: false, reason: messageOf(err), entity: null };
  }
  const now = ctx.clock.now();
  const health = result.ok ? 'healthy' : 'unhealthy';
  const { changed } = await ctx.db.servers.recordCheck(server.id, health, result.reason, now);
  if (result.entity && result.entity.name !== server.entityName) await ctx.db.servers.update(server.id, { entityName: result.entity.name });
  if (changed) ctx.events.emit('health-changed', { subject: 'server', id: server.id, name: server.name, health, reason: result.reason, observedAt: now });
  return result;
}
