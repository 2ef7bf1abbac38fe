// OS notifications on health changes, as a pure function of the engine's health events.
// Events arriving together (a server outage turns many feeds at once) are gathered into
// one notification instead of a burst. Electron-free.
import type { ApiEvent } from '../../preload/api';

export type HealthEvent = Extract<ApiEvent, { type: 'health-changed' }>;

export interface HealthNotification {
  title: string;
  body: string;
  /** Problems are shown until dismissed where the OS allows it; recoveries are not. */
  urgent: boolean;
}

/** Above this many changes in one batch, one summary notification instead of one each. */
export const MAX_SEPARATE = 3;

/** The engine's reason as a sentence: capitalised, one final period. */
function sentence(reason: string): string {
  const text = reason.trim().replace(/[.\s]+$/, '');
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '';
}

function one(e: HealthEvent): HealthNotification {
  if (e.subject === 'server') {
    return e.health === 'unhealthy'
      ? { title: `${e.name}: collection paused`, body: `${sentence(e.reason)} No pages are lost: they will be collected when it recovers.`, urgent: true }
      : { title: `${e.name} is reachable again`, body: 'Collection resumes at the next run.', urgent: false };
  }
  return e.health === 'unhealthy'
    ? { title: `${e.name} needs attention`, body: `${sentence(e.reason)} Check the customer's data-collection agent (DCA).`, urgent: true }
    : { title: `${e.name} is healthy again`, body: 'Meter reads are arriving again.', urgent: false };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 servers and 5 feeds" */
function subjects(events: readonly HealthEvent[]): string {
  const servers = events.filter((e) => e.subject === 'server').length;
  const feeds = events.length - servers;
  return [servers ? plural(servers, 'server') : '', feeds ? plural(feeds, 'feed') : ''].filter(Boolean).join(' and ');
}

function names(events: readonly HealthEvent[]): string {
  const shown = events.slice(0, 3).map((e) => e.name).join(', ');
  return events.length > 3 ? `${shown} and ${events.length - 3} more` : shown;
}

/** The notifications for a batch of health events (the latest state of each subject wins). */
export function healthNotifications(events: readonly HealthEvent[]): HealthNotification[] {
  const latest = new Map<string, HealthEvent>();
  for (const e of events) latest.set(`${e.subject}:${e.id}`, e);
  const changes = [...latest.values()];
  if (changes.length <= MAX_SEPARATE) return changes.map(one);

  const down = changes.filter((e) => e.health === 'unhealthy');
  const up = changes.filter((e) => e.health === 'healthy');
  const out: HealthNotification[] = [];
  if (down.length > 0) out.push({ title: `${subjects(down)} need${down.length === 1 ? 's' : ''} attention`, body: `${names(down)}. Open PrintReleaf Tray for details.`, urgent: true });
  if (up.length > 0) out.push({ title: `${subjects(up)} healthy again`, body: `${names(up)}.`, urgent: false });
  return out;
}
