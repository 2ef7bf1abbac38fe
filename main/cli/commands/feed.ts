// `feed add|list|pause|resume|remove|set`.
import type { FeedRecord } from '../../../db/records';
import { InputError } from '../../engine/errors';
import { allUnmappedInputSchema, feedInputSchema, feedPatchSchema } from '../../engine/feeds';
import { parseInput } from '../../engine/validation';
import { allowOnly, flag, stringOption } from '../args';
import type { CliContext } from '../context';
import { table } from '../output';
import { idOption } from './server';

function feedJson(f: FeedRecord) {
  return { id: f.id, serverId: f.serverId, entityId: f.entityId, name: f.name, activationDate: f.activationDate, scope: f.scope, email: f.email };
}

export async function feedCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  switch (sub) {
    case 'add': {
      allowOnly(ctx.args, 'feed add', ['server', 'entity', 'all-unmapped', 'activation', 'scope', 'name', 'email']);
      const serverId = idOption(ctx, 'server');
      const activationDate = stringOption(ctx.args, 'activation', true);
      const scope = stringOption(ctx.args, 'scope', true);
      if (flag(ctx.args, 'all-unmapped')) {
        if (ctx.args.options.entity !== undefined || ctx.args.options.name !== undefined || ctx.args.options.email !== undefined) {
          throw new InputError('--all-unmapped maps every unmapped customer: it does not take --entity, --name or --email');
        }
        const input = parseInput(allUnmappedInputSchema, { serverId, activationDate, scope }); // rejected before anything is opened
        const feeds = await (await ctx.engine({ mustExist: true })).feeds.addAllUnmapped(input);
        ctx.out.result({ feeds: feeds.map(feedJson) }, () => (feeds.length === 0 ? 'Every customer of this server already has a feed.' : `${feeds.length} feeds added:\n${listTable(feeds)}`));
        return 0;
      }
      const entityId = stringOption(ctx.args, 'entity', true);
      const input = parseInput(feedInputSchema, { serverId, entityId, activationDate, scope, name: stringOption(ctx.args, 'name'), email: stringOption(ctx.args, 'email') });
      const feed = await (await ctx.engine({ mustExist: true })).feeds.add(input);
      ctx.out.result(feedJson(feed), () => `Feed ${feed.id} added for "${feed.name}" (activation ${feed.activationDate}, ${feed.scope === 'all' ? 'all devices' : 'managed devices only'}).`);
      return 0;
    }
    case 'list': {
      allowOnly(ctx.args, 'feed list', []);
      const feeds = await (await ctx.engine()).feeds.list();
      ctx.out.result({ feeds: feeds.map((f) => ({ ...feedJson(f), status: f.status, health: f.health })) }, () =>
        feeds.length === 0 ? 'No feeds yet. Map a customer with: feed add --server ID --entity ID --activation YYYY-MM-DD --scope all' : listTable(feeds),
      );
      return 0;
    }
    case 'set': {
      allowOnly(ctx.args, 'feed set', ['id', 'name', 'email', 'scope']);
      const id = idOption(ctx);
      const email = stringOption(ctx.args, 'email');
      const patch = parseInput(feedPatchSchema, { name: stringOption(ctx.args, 'name'), email: email === '' ? null : email, scope: stringOption(ctx.args, 'scope') });
      const feed = await (await ctx.engine({ mustExist: true })).feeds.update(id, patch);
      ctx.out.result(feedJson(feed), () => `Feed ${feed.id} updated.`);
      return 0;
    }
    case 'pause':
    case 'resume':
    case 'remove': {
      allowOnly(ctx.args, `feed ${sub}`, ['id']);
      const id = idOption(ctx);
      const engine = await ctx.engine({ mustExist: true });
      if (sub === 'remove') {
        await engine.feeds.remove(id);
        ctx.out.result({ removed: id }, () => `Feed ${id} removed.`);
        return 0;
      }
      const feed = sub === 'pause' ? await engine.feeds.pause(id) : await engine.feeds.resume(id);
      ctx.out.result({ ...feedJson(feed), status: feed.status }, () => `Feed ${feed.id} "${feed.name}" is now ${feed.status}.`);
      return 0;
    }
    default:
      throw new InputError('Usage: feed add|list|set|pause|resume|remove');
  }
}

function listTable(feeds: FeedRecord[]): string {
  return table(
    ['ID', 'Server', 'Customer', 'Entity', 'Activation', 'Scope', 'Status', 'Health'],
    feeds.map((f) => [String(f.id), String(f.serverId), f.name, f.entityId, f.activationDate, f.scope, f.status, f.health]),
  );
}
