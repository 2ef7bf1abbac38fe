// The one object every shell (desktop, CLI, web UI, tests) talks to. Electron-free.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../db/database';
import { systemClock, type Clock } from './clock';
import { CertificateService } from './certificates/certificate-service';
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
import { Scheduler, type NightlyTrigger } from './schedule/scheduler';
import { ServerService } from './servers';
import { settingsFromStored, systemTimeZone, validateSettingsPatch, type Settings } from './settings';
import type { LocalCalendar } from './time/days';

export const DATABASE_FILE = 'printreleaf.sqlite';
/** Settings that move the nightly job or the server check timer. */
const SCHEDULE_KEYS = ['scheduleTime', 'scheduleEnabled', 'timezone', 'serverCheckMinutes'] as const;
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
  readonly certificates: CertificateService;
  private readonly collector: Collector;
  private scheduler: Scheduler | null = null;

  private constructor(readonly ctx: EngineContext) {
    this.events = ctx.events;
    this.servers = new ServerService(ctx);
    this.feeds = new FeedService(ctx, this.servers);
    this.certificates = new CertificateService(ctx);
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
    if (this.scheduler && SCHEDULE_KEYS.some((k) => k in valid)) await this.scheduler.reschedule();
    this.events.emit('data-changed', { what: 'settings' });
    return settingsFromStored(await this.ctx.db.settings.all());
  }

  calendar(): Promise<LocalCalendar> {
    return calendarOf(this.ctx);
  }

  collect(options: CollectOptions): Promise<CollectSummary> {
    return this.collector.collect(options);
  }

  /**
   * The nightly work: a collection of every active feed, then (when the dealer wants it)
   * the certificates of every month that has become due (R10).
   */
  async nightly(trigger: NightlyTrigger, onError: (context: string, err: unknown) => void = () => undefined): Promise<CollectSummary> {
    const summary = await this.collect({ trigger });
    if ((await this.settings()).autoIssueCertificates) {
      await this.certificates.issueDue().catch((err: unknown) => onError('issuing due certificates', err));
    }
    return summary;
  }

  /** Starts the nightly schedule and the server health timer (long-running shells only). */
  async startScheduler(onError: (context: string, err: unknown) => void): Promise<Scheduler> {
    if (this.scheduler) return this.scheduler;
    const scheduler = new Scheduler({
      clock: this.ctx.clock,
      settings: () => this.settings(),
      lastCompletedRunStart: async () => (await this.ctx.db.runs.lastCompleted())?.startedAt ?? null,
      hasActiveFeeds: async () => (await this.ctx.db.feeds.list()).some((f) => f.status === 'active'),
      runNightly: async (trigger) => {
        await this.nightly(trigger, onError);
      },
      checkServers: async () => {
        await this.servers.check();
      },
      isCollecting: () => this.collector.running,
      onError,
    });
    this.scheduler = scheduler;
    await scheduler.start();
    return scheduler;
  }

  /** When the next nightly run is due; null when the schedule is paused or not running here. */
  nextRunAt(): number | null {
    return this.scheduler?.nextRunAt() ?? null;
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
    this.scheduler?.stop();
    await this.ctx.db.close();
  }
}
