// `server add|list|check|remove|set-key` and `entities`.
import { readFileSync } from 'node:fs';
import type { ServerRecord } from '../../../db/records';
import { InputError } from '../../engine/errors';
import { serverInputSchema } from '../../engine/servers';
import { apiKey as apiKeySchema, id as idSchema, parseInput } from '../../engine/validation';
import { allowOnly, stringOption } from '../args';
import type { CliContext } from '../context';
import { isoOrNull, table } from '../output';
import { readSecret } from '../secrets-input';

function serverJson(s: ServerRecord) {
  return { id: s.id, name: s.name, url: s.url, entityId: s.entityId, health: s.health, reason: s.healthReason, changedAt: isoOrNull(s.healthChangedAt) };
}

export function idOption(ctx: CliContext, name: 'id' | 'server' | 'feed' = 'id'): number {
  return parseInput(idSchema, stringOption(ctx.args, name, true), name);
}

async function readApiKey(ctx: CliContext): Promise<string> {
  const key = await readSecret('PRINTTRACKER_API_KEY', 'Print Tracker API key: ', ctx.env);
  if (!key) throw new InputError('No API key given: set PRINTTRACKER_API_KEY or pipe the key on stdin (never as an argument)');
  return key;
}

export async function serverCommand(ctx: CliContext, sub: string | undefined): Promise<number> {
  switch (sub) {
    case 'add': {
      allowOnly(ctx.args, 'server add', ['url', 'entity', 'name', 'ca-file']);
      const url = stringOption(ctx.args, 'url', true);
      const entityId = stringOption(ctx.args, 'entity', true);
      const caFile = stringOption(ctx.args, 'ca-file');
      let caPem: string | null = null;
      if (caFile) {
        try {
          caPem = readFileSync(caFile, 'utf8');
        } catch {
          throw new InputError(`Cannot read the CA file ${caFile}`);
        }
      }
      // Everything is validated before anything is opened or asked for (exit 2 on bad input).
      const name = stringOption(ctx.args, 'name');
      parseInput(serverInputSchema.omit({ apiKey: true }), { url, entityId, name, caPem });
      const apiKey = await readApiKey(ctx);
      const input = parseInput(serverInputSchema, { url, entityId, name, caPem, apiKey });
      const engine = await ctx.engine();
      ctx.out.note('Checking the connection…');
      const server = await engine.servers.add(input);
      ctx.out.result({ id: server.id, name: server.name, url: server.url, entityId: server.entityId, health: server.health }, () => `Server ${server.id} "${server.name}" registered and healthy (${server.healthReason}).`);
      return 0;
    }
    case 'list': {
      allowOnly(ctx.args, 'server list', []);
      const servers = await (await ctx.engine()).servers.list();
      ctx.out.result({ servers: servers.map(serverJson) }, () =>
        servers.length === 0
          ? 'No server registered yet. Add one with: server add --url https://papi.printtrackerpro.com --entity <parent entity ID>'
          : table(
              ['ID', 'Name', 'URL', 'Entity', 'Health', 'Reason'],
              servers.map((s) => [String(s.id), s.name, s.url, s.entityId, s.health, s.healthReason]),
            ),
      );
      return 0;
    }
    case 'check': {
      allowOnly(ctx.args, 'server check', ['id']);
      const id = ctx.args.options.id === undefined ? undefined : idOption(ctx);
      const results = await (await ctx.engine({ mustExist: id !== undefined })).servers.check(id);
      const servers = results.map((r) => ({ id: r.server.id, name: r.server.name, health: r.check.ok ? 'healthy' : 'unhealthy', reason: r.check.reason }));
      ctx.out.result({ servers }, () => (servers.length === 0 ? 'No server registered yet.' : servers.map((s) => `Server ${s.id} "${s.name}": ${s.health} — ${s.reason}`).join('\n')));
      return servers.every((s) => s.health === 'healthy') ? 0 : 1;
    }
    case 'remove': {
      allowOnly(ctx.args, 'server remove', ['id']);
      const id = idOption(ctx);
      await (await ctx.engine({ mustExist: true })).servers.remove(id);
      ctx.out.result({ removed: id }, () => `Server ${id} removed, with its feeds and its stored API key.`);
      return 0;
    }
    case 'set-key': {
      allowOnly(ctx.args, 'server set-key', ['id']);
      const id = idOption(ctx);
      const apiKey = parseInput(apiKeySchema, await readApiKey(ctx), 'apiKey');
      const engine = await ctx.engine({ mustExist: true });
      const check = await engine.servers.setKey(id, apiKey);
      ctx.out.result({ id, health: 'healthy', reason: check.reason }, () => `API key of server ${id} replaced; the check passed (${check.reason}). Collection resumes.`);
      return 0;
    }
    default:
      throw new InputError('Usage: server add|list|check|remove|set-key');
  }
}

export async function entitiesCommand(ctx: CliContext): Promise<number> {
  allowOnly(ctx.args, 'entities', ['server']);
  const serverId = idOption(ctx, 'server');
  const entities = await (await ctx.engine({ mustExist: true })).servers.entities(serverId);
  ctx.out.result({ entities: entities.map((e) => ({ id: e.id, name: e.name })) }, () =>
    entities.length === 0 ? 'This server has no customer entities.' : table(['Entity ID', 'Name'], entities.map((e) => [e.id, e.name])),
  );
  return 0;
}
