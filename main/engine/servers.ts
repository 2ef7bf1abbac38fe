// Registering the dealer's Print Tracker server: validate, test the connection, and only
// then save — the API key into the secret store, never into the database in clear.
import type { ServerRecord } from '../../db/records';
import { clientFor, type EngineContext } from './context';
import { InputError, NotFoundError, OperationError } from './errors';
import { checkServer, probeServer, type ServerCheck } from './health/server-health';
import { PrintTrackerClient, type EntitySummary } from './printtracker/client';
import { secretNames } from './secrets/secret-store';
import { apiKey as apiKeySchema, entityId as entityIdSchema, parseInput, serverUrl } from './validation';
import { z } from 'zod';

export const serverInputSchema = z.object({
  url: serverUrl,
  entityId: entityIdSchema,
  apiKey: apiKeySchema,
  name: z.string().trim().max(200).optional(),
  caPem: z
    .string()
    .refine((s) => s.includes('-----BEGIN CERTIFICATE-----'), 'The CA file must be a PEM certificate (-----BEGIN CERTIFICATE-----)')
    .nullish(),
});
export type ServerInput = z.input<typeof serverInputSchema>;

export interface ServerTestResult {
  entityName: string;
  customers: number;
}

export class ServerService {
  constructor(private readonly ctx: EngineContext) {}

  list(): Promise<ServerRecord[]> {
    return this.ctx.db.servers.list();
  }

  async get(id: number): Promise<ServerRecord> {
    const server = await this.ctx.db.servers.get(id);
    if (!server) throw new NotFoundError(`There is no server with ID ${id}`);
    return server;
  }

  /** Tests credentials without saving anything: the entity's name and how many customers it has. */
  async test(input: ServerInput): Promise<ServerTestResult> {
    const s = parseInput(serverInputSchema, input);
    const check = await probeServer({ url: s.url, apiKey: s.apiKey, caPem: s.caPem ?? null, entityId: s.entityId }, this.ctx.clientOptions);
    if (!check.ok || !check.entity) throw new OperationError(`Connection check failed: ${check.reason}`);
    const children = await this.childrenWith({ url: s.url, apiKey: s.apiKey, caPem: s.caPem ?? null }, s.entityId);
    return { entityName: check.entity.name, customers: children.length };
  }

  /** Validates (InputError), checks the connection (OperationError, nothing saved), then saves. */
  async add(input: ServerInput): Promise<ServerRecord> {
    const s = parseInput(serverInputSchema, input);
    const existing = await this.ctx.db.servers.findByUrlAndEntity(s.url, s.entityId);
    if (existing) throw new InputError(`This server is already registered (server ${existing.id}, "${existing.name}")`);
    const check = await probeServer({ url: s.url, apiKey: s.apiKey, caPem: s.caPem ?? null, entityId: s.entityId }, this.ctx.clientOptions);
    if (!check.ok || !check.entity) throw new OperationError(`Connection check failed: ${check.reason}. Nothing was saved.`);
    const now = this.ctx.clock.now();
    const id = await this.ctx.db.servers.insert({
      name: s.name || check.entity.name,
      url: s.url,
      entityId: s.entityId,
      entityName: check.entity.name,
      caPem: s.caPem ?? null,
      health: 'healthy',
      healthReason: check.reason,
      now,
    });
    try {
      await this.ctx.secrets.set(secretNames.serverApiKey(id), s.apiKey);
    } catch (err) {
      await this.ctx.db.servers.remove(id); // no server without its key
      throw err;
    }
    this.ctx.events.emit('data-changed', { what: 'servers' });
    return this.get(id);
  }

  /** Replaces the API key after checking it; the old key is overwritten (discarded). */
  async setKey(id: number, apiKey: string): Promise<ServerCheck> {
    const key = parseInput(apiKeySchema, apiKey, 'apiKey');
    const server = await this.get(id);
    const check = await probeServer({ url: server.url, apiKey: key, caPem: server.caPem, entityId: server.entityId }, this.ctx.clientOptions);
    if (!check.ok) throw new OperationError(`The new API key did not pass the connection check: ${check.reason}. The old key was kept.`);
    await this.ctx.secrets.set(secretNames.serverApiKey(id), key);
    await checkServer(this.ctx, server); // records healthy: collection resumes
    this.ctx.events.emit('data-changed', { what: 'servers' });
    return check;
  }

  async check(id?: number): Promise<{ server: ServerRecord; check: ServerCheck }[]> {
    const servers = id === undefined ? await this.list() : [await this.get(id)];
    const out: { server: ServerRecord; check: ServerCheck }[] = [];
    for (const server of servers) out.push({ server, check: await checkServer(this.ctx, server) });
    if (out.length > 0) this.ctx.events.emit('data-changed', { what: 'servers' });
    return out;
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.ctx.db.servers.remove(id);
    await this.ctx.secrets.delete(secretNames.serverApiKey(id));
    this.ctx.events.emit('data-changed', { what: 'servers' });
  }

  /** The customer entities under the server's parent entity (every level, flat). */
  async entities(id: number): Promise<EntitySummary[]> {
    const server = await this.get(id);
    const client = await clientFor(this.ctx, server);
    try {
      return sortByName(await client.listChildren(server.entityId));
    } catch (err) {
      throw new OperationError(`Could not list the customers of ${server.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      client.close();
    }
  }

  private async childrenWith(conn: { url: string; apiKey: string; caPem: string | null }, parentId: string): Promise<EntitySummary[]> {
    const client = new PrintTrackerClient(conn, this.ctx.clientOptions);
    try {
      return await client.listChildren(parentId);
    } catch (err) {
      throw new OperationError(`Connection check failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      client.close();
    }
  }
}

function sortByName(entities: EntitySummary[]): EntitySummary[] {
  return [...entities].sort((a, b) => a.name.localeCompare(b.name));
}
