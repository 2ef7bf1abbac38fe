// What the tray shows, as a pure function of what the engine reported: the icon for the
// state, the tooltip (one line of truth, "42 feeds healthy · 1 stale · last run 02:00") and
// the menu's labels. tray.ts draws it; tests check every state here, without Electron.
import type { CollectionProgress, Overview } from '../../preload/api';
import type { EngineStatus } from './engine-host';

export type TrayIcon = 'healthy' | 'collecting' | 'attention' | 'error';
export type TrayAction = 'open' | 'collect' | 'toggle-schedule' | 'quit';

export interface TrayInput {
  engine: EngineStatus;
  /** The latest overview; null until the first one arrives. */
  overview: Overview | null;
  /** The collection in progress as the run events tell it (fresher than the overview). */
  progress: CollectionProgress | null;
  timeZone: string;
  locale: string;
  now: number;
}

export interface TrayMenuItem {
  id: TrayAction;
  label: string;
  enabled: boolean;
}

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;
const APP = 'PrintReleaf Tray';

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function clip(text: string): string {
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1).trimEnd()}…`;
}

function localDay(ts: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ts);
}

/** "last run 02:00" today, "last run 14 Oct 02:00" before, "no run yet". */
export function lastRunText(overview: Overview, i: Pick<TrayInput, 'timeZone' | 'locale' | 'now'>): string {
  const run = overview.lastRun;
  if (!run) return 'no run yet';
  const time = new Intl.DateTimeFormat(i.locale, { timeZone: i.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(run.startedAt);
  if (localDay(run.startedAt, i.timeZone) === localDay(i.now, i.timeZone)) return `last run ${time}`;
  const day = new Intl.DateTimeFormat(i.locale, { timeZone: i.timeZone, day: 'numeric', month: 'short' }).format(run.startedAt);
  return `last run ${day} ${time}`;
}

function collectingText(p: CollectionProgress): string {
  return `Collecting · ${p.feedsDone} of ${plural(p.feedsTotal, 'feed', 'feeds')}${p.current ? ` · ${p.current.name}` : ''}`;
}

function healthText(o: Overview): string {
  const active = o.feeds.total - o.feeds.paused;
  const parts = [active === 0 ? 'No active feeds yet' : plural(o.feeds.healthy, 'feed healthy', 'feeds healthy')];
  if (o.feeds.unhealthy > 0) parts.push(`${o.feeds.unhealthy.toLocaleString('en-US')} stale`);
  const failed = o.attention.filter((a) => a.kind === 'feed-error').length;
  if (failed > 0) parts.push(`${failed.toLocaleString('en-US')} failed last run`);
  if (o.attention.some((a) => a.kind === 'certificates-due')) parts.push('certificates due');
  const unsent = o.attention.filter((a) => a.kind === 'certificate-send-failed').length;
  if (unsent > 0) parts.push(plural(unsent, 'certificate not sent', 'certificates not sent'));
  if (o.feeds.paused > 0) parts.push(`${o.feeds.paused.toLocaleString('en-US')} paused`);
  return parts.join(' · ');
}

function serverErrorText(o: Overview): string {
  const keys = o.attention.filter((a) => a.kind === 'server-key-missing').length;
  const unreachable = o.attention.filter((a) => a.kind === 'server-unhealthy').length;
  const parts: string[] = [];
  if (keys === 1) parts.push('API key cannot be read — re-enter it');
  else if (keys > 1) parts.push(`${keys} API keys cannot be read — re-enter them`);
  if (unreachable === 1) parts.push('Print Tracker server cannot be reached');
  else if (unreachable > 1) parts.push(`${unreachable} servers cannot be reached`);
  if (parts.length === 0) parts.push(o.summary);
  return parts.join(' · ');
}

function menu(collect: { label: string; enabled: boolean }, schedule: { paused: boolean; enabled: boolean }): TrayMenuItem[] {
  return [
    { id: 'open', label: `Open ${APP}`, enabled: true },
    { id: 'collect', label: collect.label, enabled: collect.enabled },
    { id: 'toggle-schedule', label: schedule.paused ? 'Resume schedule' : 'Pause schedule', enabled: schedule.enabled },
    { id: 'quit', label: 'Quit', enabled: true },
  ];
}

export function trayState(i: TrayInput): TrayView {
  if (i.engine.state === 'failed' || i.engine.state === 'stopped') {
    const why = i.engine.state === 'failed' ? i.engine.message : 'the engine is not running';
    return { icon: 'error', tooltip: clip(`${APP} · ${why}`), menu: menu({ label: 'Collect now', enabled: false }, { paused: false, enabled: false }) };
  }
  const o = i.overview;
  if (i.engine.state === 'starting' || !o) {
    return { icon: 'collecting', tooltip: `${APP} · starting…`, menu: menu({ label: 'Collect now', enabled: false }, { paused: false, enabled: false }) };
  }

  const schedule = { paused: !o.scheduleEnabled, enabled: true };
  const paused = o.scheduleEnabled ? '' : ' · schedule paused';
  const progress = i.progress ?? o.collecting;
  if (progress) {
    return { icon: 'collecting', tooltip: clip(collectingText(progress) + paused), menu: menu({ label: 'Collecting…', enabled: false }, schedule) };
  }
  const canCollect = o.feeds.total - o.feeds.paused > 0;
  const collect = { label: 'Collect now', enabled: canCollect };
  const last = ` · ${lastRunText(o, i)}`;
  switch (o.status) {
    case 'empty':
      return { icon: 'attention', tooltip: clip(`No Print Tracker server registered yet — open ${APP} to set it up`), menu: menu({ label: 'Collect now', enabled: false }, schedule) };
    case 'error':
      return { icon: 'error', tooltip: clip(serverErrorText(o) + last + paused), menu: menu(collect, schedule) };
    case 'attention':
      return { icon: 'attention', tooltip: clip(healthText(o) + last + paused), menu: menu(collect, schedule) };
    case 'collecting':
    case 'healthy':
      return { icon: 'healthy', tooltip: clip(healthText(o) + last + paused), menu: menu(collect, schedule) };
  }
}

/** Frames of the collecting icon, shown in turn while a collection runs. */
export const COLLECTING_FRAMES = 3;

/**
 * The PNG in build/tray/ for an icon (Electron picks the @2x file beside it by itself).
 * macOS gets template images (black and alpha; the menu bar tints them), so there the state
 * shows by shape alone: a leaf, a leaf with dots, a warning-triangle badge, a no-entry badge.
 */
export function trayIconFile(icon: TrayIcon, frame: number, platform: NodeJS.Platform): string {
  const base = icon === 'collecting' ? `collecting-${(Math.abs(Math.trunc(frame)) % COLLECTING_FRAMES) + 1}` : icon;
  return `${base}${platform === 'darwin' ? 'Template' : ''}.png`;
}
