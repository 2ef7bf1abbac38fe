// Mapping customers to feeds: a customer entity of a registered server, an activation
// date (in the past: history is synced back to it) and sync settings (all / managed only).
import { z } from 'zod';
import type { FeedRecord } from '../../db/records';
import type { EngineContext } from './context';
import { InputError, NotFoundError } from './errors';
import type { ServerService } from './servers';
import { activationDate, email, entityId, feedName, id, parseInput, scope } from './validation';

export const feedInputSchema = z.object({
  serverId: id,
  entityId,
  activationDate,
  scope,
  name: feedName.optional(),
  email: email.nullish(),
});
export type FeedInput = z.input<typeof feedInputSchema>;

export const allUnmappedInputSchema = z.object({ serverId: id, activationDate, scope });
export type AllUnmappedInput = z.input<typeof allUnmappedInputSchema>;

export const feedPatchSchema = z.object({ name: feedName.optional(), email: email.nullable().optional(), scope: scope.optional() });
export type FeedPatch = z.input<typeof feedPatchSchema>;

export class FeedService {
  constructor(
    private readonly ctx: EngineContext,
    private readonly servers: ServerService,
  ) {}

  list(filter: { serverId?: number } = {}): Promise<FeedRecord[]> {
    return this.ctx.db.feeds.list(filter);
  }

  async get(feedId: number): Promise<FeedRecord> {
    const feed = await this.ctx.db.feeds.get(feedId);
    if (!feed) throw new NotFoundError(`There is no feed with ID ${feedId}`);
    return feed;
  }

  /** Maps one customer entity; it must be one of the server's customers. */
  async add(input: FeedInput): Promise<FeedRecord> {
    const f = parseInput(feedInputSchema, input);
    await this.servers.get(f.serverId);
    const mapped = await this.ctx.db.feeds.list({ serverId: f.serverId });
    const dup = mapped.find((m) => m.entityId === f.entityId);
    if (dup) throw new InputError(`This customer already has a feed (feed ${dup.id}, "${dup.name}")`, 'entityId');
    const customers = await this.servers.entities(f.serverId);
    const entity = customers.find((c) => c.id.toLowerCase() === f.entityId);
    if (!entity) throw new InputError(`Entity ${f.entityId} is not a customer under this server's parent entity`, 'entityId');
    const [feedId] = await this.ctx.db.feeds.insertMany(
      [{ serverId: f.serverId, entityId: f.entityId, name: f.name ?? entity.name, email: f.email ?? null, activationDate: f.activationDate, scope: f.scope }],
      this.ctx.clock.now(),
    );
    this.ctx.events.emit('data-changed', { what: 'feeds' });
    return this.get(feedId!);
  }

  /** Maps every customer of the server that has no feed yet, in one transaction. */
  async addAllUnmapped(input: AllUnmappedInput): Promise<FeedRecord[]> {
    const f = parseInput(allUnmappedInputSchema, input);
    await this.servers.get(f.serverId);
    const mapped = new Set((await this.ctx.db.feeds.list({ serverId: f.serverId })).map((m) => m.entityId));
    const customers = (await this.servers.entities(f.serverId)).filter((c) => !mapped.has(c.id.toLowerCase()));
    const ids = await this.ctx.db.feeds.insertMany(
      customers.map((c) => ({ serverId: f.serverId, entityId: c.id.toLowerCase(), name: c.name, email: null, activationDate: f.activationDate, scope: f.scope })),
      this.ctx.clock.now(),
    );
    if (ids.length > 0) this.ctx.events.emit('data-changed', { what: 'feeds' });
    const all = await this.ctx.db.feeds.list({ serverId: f.serverId });
    const added = new Set(ids);
    return all.filter((feed) => added.has(feed.id));
  }

  async update(feedId: number, patch: FeedPatch): Promise<FeedRecord> {
    const p = parseInput(feedPatchSchema, patch);
    await this.get(feedId);
    await this.ctx.db.feeds.update(feedId, p);
    this.ctx.events.emit('data-changed', { what: 'feeds' });
    return this.get(feedId);
  }

  async pause(feedId: number): Promise<FeedRecord> {
    await this.get(feedId);
    await this.ctx.db.feeds.update(feedId, { status: 'paused' });
    this.ctx.events.emit('data-changed', { what: 'feeds' });
    return this.get(feedId);
  }

  async resume(feedId: number): Promise<FeedRecord> {
    await this.get(feedId);
    await this.ctx.db.feeds.update(feedId, { status: 'active' });
    this.ctx.events.emit('data-changed', { what: 'feeds' });
    return this.get(feedId);
  }

  async remove(feedId: number): Promise<void> {
    await this.get(feedId);
    await this.ctx.db.feeds.remove(feedId);
    this.ctx.events.emit('data-changed', { what: 'feeds' });
  }
}
