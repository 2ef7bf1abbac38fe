// The tray's state function: every state's icon, tooltip and menu, from the overview the
// engine reports and the run events. Plain Node, no Electron.
import { describe, expect, it } from 'vitest';
import type { AttentionItem, Overview, RunView } from '../../preload/api';
import { lastRunText, TOOLTIP_MAX, trayIconFile, trayState, type TrayInput, type TrayView } from '../../main/desktop/tray-state';

const NOW = Date.parse('2025-10-15T09:30:00Z');
const TODAY_0200 = Date.parse('2025-10-15T02:00:00Z');

function run(startedAt = TODAY_0200): RunView {
  return { id: 7, trigger: 'schedule', status: 'ok', startedAt, finishedAt: startedAt + 60_000, pages: 1200, feeds: [] };
}

function overview(o: Partial<Overview> = {}): Overview {
  return {
    summary: 'All 42 feeds healthy',
    status: 'healthy',
    servers: { total: 1, healthy: 1 },
    feeds: { total: 42, healthy: 42, unhealthy: 0, paused: 0 },
    month: { month: '2025-10', pages: 1000, trees: 0.12 },
    lastRun: run(),
    nextRunAt: null,
    scheduleEnabled: true,
    collecting: null,
    attention: [],
    anomalies: [],
    ...o,
  };
}

function attention(kind: AttentionItem['kind'], n = 1): AttentionItem[] {
  return Array.from({ length: n }, (_, i) => ({
    kind,
    severity: kind.startsWith('server') ? 'error' : 'warning',
    title: `item ${i}`,
    detail: '',
    action: { label: 'Open', screen: 'feeds', id: i },
  }));
}

function input(o: Partial<TrayInput> = {}): TrayInput {
  return { engine: { state: 'ready' }, overview: overview(), progress: null, timeZone: 'UTC', locale: 'en-GB', now: NOW, ...o };
}

function labels(view: TrayView): Record<string, { label: string; enabled: boolean }> {
  return Object.fromEntries(view.menu.map((m) => [m.id, { label: m.label, enabled: m.enabled }]));
}

describe('trayState', () => {
  it('healthy: green leaf, "42 feeds healthy · last run 02:00", every action available', () => {
    const view = trayState(input());
    expect(view.icon).toBe('healthy');
    expect(view.tooltip).toBe('42 feeds healthy · last run 02:00');
    expect(view.menu.map((m) => m.label)).toEqual(['Open PrintReleaf Tray', 'Collect now', 'Pause schedule', 'Quit']);
    expect(view.menu.every((m) => m.enabled)).toBe(true);
  });

  it('a stale feed: amber, "41 feeds healthy · 1 stale · last run 02:00"', () => {
    const view = trayState(input({ overview: overview({ status: 'attention', feeds: { total: 42, healthy: 41, unhealthy: 1, paused: 0 }, attention: attention('feed-unhealthy') }) }));
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('41 feeds healthy · 1 stale · last run 02:00');
  });

  it('needs attention also counts failed feeds, certificates and paused feeds', () => {
    const view = trayState(
      input({
        overview: overview({
          status: 'attention',
          feeds: { total: 10, healthy: 8, unhealthy: 0, paused: 2 },
          attention: [...attention('feed-error', 2), ...attention('certificates-due'), ...attention('certificate-send-failed')],
        }),
      }),
    );
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('8 feeds healthy · 2 failed last run · certificates due · 1 certificate not sent · 2 paused · last run 02:00');
  });

  it('a server that cannot be reached: red', () => {
    const view = trayState(input({ overview: overview({ status: 'error', servers: { total: 1, healthy: 0 }, attention: attention('server-unhealthy') }) }));
    expect(view.icon).toBe('error');
    expect(view.tooltip).toBe('Print Tracker server cannot be reached · last run 02:00');
    expect(labels(view)['collect']).toEqual({ label: 'Collect now', enabled: true });
  });

  it('credentials missing or unreadable: red, with what to do', () => {
    const one = trayState(input({ overview: overview({ status: 'error', attention: attention('server-key-missing') }) }));
    expect(one.icon).toBe('error');
    expect(one.tooltip).toBe('API key cannot be read — re-enter it · last run 02:00');
    const several = trayState(input({ overview: overview({ status: 'error', attention: [...attention('server-key-missing', 2), ...attention('server-unhealthy', 3)] }) }));
    expect(several.tooltip).toBe('2 API keys cannot be read — re-enter them · 3 servers cannot be reached · last run 02:00');
  });

  it('collecting: the dotted leaf, progress from the run events, "Collect now" disabled', () => {
    const view = trayState(input({ progress: { runId: 8, feedsDone: 3, feedsTotal: 42, current: { feedId: 4, name: 'Acme Dental', daysDone: 10, daysTotal: 60 } } }));
    expect(view.icon).toBe('collecting');
    expect(view.tooltip).toBe('Collecting · 3 of 42 feeds · Acme Dental');
    expect(labels(view)['collect']).toEqual({ label: 'Collecting…', enabled: false });
    expect(labels(view)['toggle-schedule']?.enabled).toBe(true);
  });

  it('collecting as the overview reports it, when no run event has arrived yet', () => {
    const view = trayState(input({ overview: overview({ status: 'collecting', collecting: { runId: 1, feedsDone: 0, feedsTotal: 1, current: null } }) }));
    expect(view.icon).toBe('collecting');
    expect(view.tooltip).toBe('Collecting · 0 of 1 feed');
  });

  it('no server yet: amber, asking to set up; nothing to collect', () => {
    const view = trayState(input({ overview: overview({ status: 'empty', servers: { total: 0, healthy: 0 }, feeds: { total: 0, healthy: 0, unhealthy: 0, paused: 0 }, lastRun: null }) }));
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('No Print Tracker server registered yet — open PrintReleaf Tray to set it up');
    expect(labels(view)['collect']?.enabled).toBe(false);
  });

  it('a paused schedule says so and offers "Resume schedule"', () => {
    const view = trayState(input({ overview: overview({ scheduleEnabled: false }) }));
    expect(view.tooltip).toBe('42 feeds healthy · last run 02:00 · schedule paused');
    expect(labels(view)['toggle-schedule']).toEqual({ label: 'Resume schedule', enabled: true });
  });

  it('only paused feeds: nothing to collect', () => {
    const view = trayState(input({ overview: overview({ feeds: { total: 3, healthy: 0, unhealthy: 0, paused: 3 } }) }));
    expect(view.tooltip).toBe('No active feeds yet · 3 paused · last run 02:00');
    expect(labels(view)['collect']?.enabled).toBe(false);
  });

  it('while the engine starts: the dotted leaf, actions but Open and Quit disabled', () => {
    for (const i of [input({ engine: { state: 'starting' } }), input({ overview: null })]) {
      const view = trayState(i);
      expect(view.icon).toBe('collecting');
      expect(view.tooltip).toBe('PrintReleaf Tray · starting…');
      expect(view.menu.filter((m) => m.enabled).map((m) => m.id)).toEqual(['open', 'quit']);
    }
  });

  it('an engine that failed or stopped: red, with the reason', () => {
    const failed = trayState(input({ engine: { state: 'failed', message: 'This data folder keeps its secrets in "aes-256-gcm-file"' } }));
    expect(failed.icon).toBe('error');
    expect(failed.tooltip).toBe('PrintReleaf Tray · This data folder keeps its secrets in "aes-256-gcm-file"');
    expect(failed.menu.filter((m) => m.enabled).map((m) => m.id)).toEqual(['open', 'quit']);
    expect(trayState(input({ engine: { state: 'stopped' } })).tooltip).toBe('PrintReleaf Tray · the engine is not running');
  });

  it('cuts tooltips to what Windows shows (127 characters)', () => {
    const view = trayState(input({ engine: { state: 'failed', message: 'x'.repeat(400) } }));
    expect(view.tooltip.length).toBe(TOOLTIP_MAX);
    expect(view.tooltip.endsWith('…')).toBe(true);
  });

  it('one feed is singular', () => {
    expect(trayState(input({ overview: overview({ feeds: { total: 1, healthy: 1, unhealthy: 0, paused: 0 } }) })).tooltip).toBe('1 feed healthy · last run 02:00');
  });
});

describe('lastRunText', () => {
  it('shows the time today, the date before today, in the dealer zone', () => {
    expect(lastRunText(overview(), { timeZone: 'UTC', locale: 'en-GB', now: NOW })).toBe('last run 02:00');
    expect(lastRunText(overview({ lastRun: run(Date.parse('2025-10-14T02:00:00Z')) }), { timeZone: 'UTC', locale: 'en-GB', now: NOW })).toBe('last run 14 Oct 02:00');
    // 02:00 UTC is 22:00 the day before in New York
    expect(lastRunText(overview(), { timeZone: 'America/New_York', locale: 'en-GB', now: NOW })).toBe('last run 14 Oct 22:00');
    expect(lastRunText(overview({ lastRun: null }), { timeZone: 'UTC', locale: 'en-GB', now: NOW })).toBe('no run yet');
  });
});

describe('trayIconFile', () => {
  it('names the coloured PNG, or the macOS template image', () => {
    expect(trayIconFile('healthy', 0, 'win32')).toBe('healthy.png');
    expect(trayIconFile('error', 0, 'linux')).toBe('error.png');
    expect(trayIconFile('attention', 0, 'darwin')).toBe('attentionTemplate.png');
  });

  it('cycles the collecting frames', () => {
    expect([0, 1, 2, 3, 4].map((f) => trayIconFile('collecting', f, 'win32'))).toEqual(['collecting-1.png', 'collecting-2.png', 'collecting-3.png', 'collecting-1.png', 'collecting-2.png']);
    expect(trayIconFile('collecting', 1, 'darwin')).toBe('collecting-2Template.png');
  });
});
