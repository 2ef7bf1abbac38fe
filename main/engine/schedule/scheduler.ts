// The nightly collection and the server health timer. node-schedule fires the job at the
// dealer's local time; because desktops sleep through nights, the last completed run is
// stored (runs table) and at start-up and on resume a missed slot triggers exactly one
// catch-up run. Every run is idempotent (R7) and the collector joins a running collection,
// so a double trigger is harmless.
import schedule from 'node-schedule';
import type { Clock } from '../clock';
import { messageOf } from '../errors';
import type { Settings } from '../settings';
import { lastSlotAtOrBefore, nextSlotAfter } from './slots';

export type NightlyTrigger = 'schedule' | 'catch-up';

export interface SchedulerDeps {
  clock: Clock;
  settings(): Promise<Settings>;
  /** Start of the newest collection that ran to its end (any outcome), or null. */
  lastCompletedRunStart(): Promise<number | null>;
  /** Whether there is anything to collect (active feeds). */
  hasActiveFeeds(): Promise<boolean>;
  /** The nightly work: collect, then issue due certificates. */
  runNightly(trigger: NightlyTrigger): Promise<void>;
  /** R12: the periodic server check. */
  checkServers(): Promise<void>;
  isCollecting(): boolean;
  onError(context: string, err: unknown): void;
}

export class Scheduler {
  private job: schedule.Job | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private nextAt: number | null = null;
  private enabled = false;
  private catchingUp: Promise<boolean> | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Schedules from the current settings, then catches up a missed night in the background. */
  async start(): Promise<void> {
    await this.reschedule();
    void this.catchUpIfMissed().catch((err: unknown) => this.deps.onError('catch-up', err));
  }

  /** Re-reads the settings (time, zone, enabled, check interval). */
  async reschedule(): Promise<void> {
    this.stopTimers();
    const s = await this.deps.settings();
    this.enabled = s.scheduleEnabled;
    if (s.scheduleEnabled) {
      const [hour, minute] = s.scheduleTime.split(':').map(Number) as [number, number];
      this.job = schedule.scheduleJob({ rule: `${minute} ${hour} * * *`, tz: s.timezone }, () => void this.fire('schedule'));
      this.nextAt = nextSlotAfter(this.deps.clock.now(), s.scheduleTime, s.timezone);
    } else {
      this.nextAt = null;
    }
    this.checkTimer = setInterval(() => {
      if (!this.deps.isCollecting()) this.deps.checkServers().catch((err: unknown) => this.deps.onError('server check', err));
    }, s.serverCheckMinutes * 60_000);
    this.checkTimer.unref();
  }

  /** When the next nightly run is due (null: schedule paused). */
  nextRunAt(): number | null {
    return this.nextAt;
  }

  get scheduleEnabled(): boolean {
    return this.enabled;
  }

  /**
   * Runs once if the most recent slot passed without a completed run since (the machine
   * slept, or the app was closed). Returns whether it ran.
   */
  catchUpIfMissed(): Promise<boolean> {
    // One decision at a time: a wake-up that asks while a catch-up is being decided or run
    // shares its outcome instead of reading the run history half-way through.
    this.catchingUp ??= this.decideAndCatchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async decideAndCatchUp(): Promise<boolean> {
    const s = await this.deps.settings();
    if (!s.scheduleEnabled || !(await this.deps.hasActiveFeeds())) return false;
    const slot = lastSlotAtOrBefore(this.deps.clock.now(), s.scheduleTime, s.timezone);
    const last = await this.deps.lastCompletedRunStart();
    if (last !== null && last >= slot) return false;
    await this.fire('catch-up');
    return true;
  }

  stop(): void {
    this.stopTimers();
  }

  private async fire(trigger: NightlyTrigger): Promise<void> {
    try {
      const s = await this.deps.settings();
      this.nextAt = s.scheduleEnabled ? nextSlotAfter(this.deps.clock.now(), s.scheduleTime, s.timezone) : null;
      await this.deps.runNightly(trigger);
    } catch (err) {
      this.deps.onError(`${trigger} run: ${messageOf(err)}`, err);
    }
  }

  private stopTimers(): void {
    this.job?.cancel();
    this.job = null;
    if (this.checkTimer) clearInterval(this.checkTimer);
    this.checkTimer = null;
  }
}
