// What every engine service shares: the database, the clock, the secret store, the event
// bus, and a way to reach a registered Print Tracker server.
import type { Database } from '../../db/database';
import type { ServerRecord } from '../../db/records';
import type { Clock } from './clock';
import { OperationError } from './errors';
import type { EngineEvents } from './events';
import { PrintTrackerClient, type ClientOptions } from './printtracker/client';
import { secretNames, type SecretStore } from './secrets/secret-store';
import { settingsFromStored, type Settings } from './settings';
import { LocalCalendar } from './time/days';

export interface EngineContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly secrets: SecretStore;
  readonly events: EngineEvents;
  readonly dataDir: string;
  /** Extra client options (tests use short timeouts and retries). */
  readonly clientOptions: ClientOptions;
}

export async function loadSettings(ctx: EngineContext): Promise<Settings> {
  return settingsFromStored(await ctx.db.settings.all());
}

export async function calendarOf(ctx: EngineContext): Promise<LocalCalendar> {
  return new LocalCalendar((await loadSettings(ctx)).timezone);
}

/** The API key in clear, or an OperationError a dealer can act on. */
export async function apiKeyOf(ctx: EngineContext, serverId: number): Promise<string> {
  const key = await ctx.secrets.get(secretNames.serverApiKey(serverId));
  if (key === null) throw new OperationError('No API key is stored for this server: enter it again');
  return key;
}

export async function clientFor(ctx: EngineContext, server: ServerRecord, options: ClientOptions = {}): Promise<PrintTrackerClient> {
  const apiKey = await apiKeyOf(ctx, server.id);
  return new PrintTrackerClient({ url: server.url, apiKey, caPem: server.caPem }, { ...ctx.clientOptions, ...options });
}
