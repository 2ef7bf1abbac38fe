// The one object every shell (desktop, CLI, web UI, tests) talks to. Electron-free.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../db/database';
import { systemClock, type Clock } from './clock';
import { Collector, type CollectOptions, type CollectSummary } from './collection/collector';
import { calendarOf, loadSettings, type EngineContext } from './context';
import { OperationError } from './errors';
import { EngineEvents } from './events';
import { FeedService } from './feeds';
import { healthReport, type HealthReport } from './health/health-report';
import type { ClientOptions } from './printtracker/client';
import { monthReport, type MonthReport } from './reports';
import { createAesFileCipher } from './secrets/aes-file-cipher';
import { SecretStore, type SecretCipher } from './secrets/secret-store';
import { ServerService } from './servers';
import { settingsFromStored, systemTimeZone, validateSettingsPatch, type Settings } from './settings';
import type { LocalCalendar } from './time/days';

export const DATABASE_FILE = 'printreleaf.sqlite';
/** Meta keys kept beside the settings. */
const SECRET_STORE_KEY = '_secretStore';

export interface EngineOptions {
  dataDir: string;
  clock?: Clock;
  /** How secrets are encrypted; default: AES-256-GCM with a key file / env key (headless). */
  cipher?: SecretCipher;
  clientOptions?: ClientOptions;
}

export class Engine {
  /** Services emit on the shared bus; shells listen here. */
  readonly events: EngineEvents;
  readonly servers: ServerService;
  readonly feeds: FeedService;
  private readonly collector: Collector;

  private constructor(readonly ctx: EngineContext) {
    this.events = ctx.events;
    this.servers = new ServerService(ctx);
    this.feeds = new FeedService(ctx, this.servers);
    this.collector = new Collector(ctx);
  }

  static async open(options: EngineOptions): Promise<Engine> {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const db = await Database.open(join(options.dataDir, DATABASE_FILE));
    try {
      const cipher = options.cipher ?? createAesFileCipher(options.dataDir);
      const stored = await db.settings.all();
      const recordedStore = stored[SECRET_STORE_KEY];
      if (typeof recordedStore === 'string' && recordedStore !== cipher.id && (await db.secrets.names()).length > 0) {
        throw new OperationError(
          `This data folder keeps its secrets in "${recordedStore}", which this program cannot open (it uses "${cipher.id}"). Use the program that created it, or another data folder.`,
        );
      }
      const firstRun: Record<string, unknown> = {};
      if (recordedStore !== cipher.id) firstRun[SECRET_STORE_KEY] = cipher.id;
      // R4: the dealer's zone defaults to the system's, stored on first run.
      if (!('timezone' in stored)) firstRun['timezone'] = systemTimeZone();
      if (Object.keys(firstRun).length > 0) await db.settings.set(firstRun);
      const clock = options.clock ?? systemClock;
      const events = new EngineEvents();
      const ctx: EngineContext = { db, clock, events, secrets: new SecretStore(db.secrets, cipher, clock), dataDir: options.dataDir, clientOptions: options.clientOptions ?? {} };
      return new Engine(ctx);
    } catch (err) {
      await db.close();
      throw err;
    }
  }

  get clock(): Clock {
    return this.ctx.clock;
  }

  get dataDir(): string {
    return this.ctx.dataDir;
  }

  async settings(): Promise<Settings> {
    return loadSettings(this.ctx);
  }

  async updateSettings(patch: Record<string, unknown>): Promise<Settings> {
    const valid = validateSettingsPatch(patch);
    await this.ctx.db.settings.set(valid);
    this.events.emit('data-changed', { what: 'settings' });
    return settingsFromStored(await this.ctx.db.settings.all());
  }

  calendar(): Promise<LocalCalendar> {
    return calendarOf(this.ctx);
  }

  collect(options: CollectOptions): Promise<CollectSummary> {
    return this.collector.collect(options);
  }

  get collecting(): boolean {
    return this.collector.running;
  }

  health(): Promise<HealthReport> {
    return healthReport(this.ctx);
  }

  runs(limit = 20) {
    return this.ctx.db.runs.latest(limit);
  }

  report(month: string): Promise<MonthReport> {
    return monthReport(this.ctx, month);
  }

  async close(): Promise<void> {
    await this.ctx.db.close();
  }
}
